"""Editing the library in the Wagtail admin: bad files get a clear error on the form, never a
500, and nothing typed is lost; translations carry the shared fields and the themes."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import Translation as LocalizeTranslation
from wagtail_localize.models import TranslationSource

from library.models import ResourcePage
from tests.factories import LibraryDocumentFactory, UserFactory
from tests.network.conftest import sign_in

from . import builders
from .test_validation import PNG

pytestmark = pytest.mark.django_db


def create_form(library, document, **overrides) -> dict:
    data = {
        "title": "Toolkit for planners",
        "slug": "toolkit-for-planners",
        "summary": "What planners need.",
        "resource_type": "toolkit",
        "document_language": "es",
        "year": "2024",
        "publisher": "Convive",
        "publisher_organisation": "",
        "document": str(document.pk),
        "external_url": "",
        "cover_image": "",
        "themes-TOTAL_FORMS": "1",
        "themes-INITIAL_FORMS": "0",
        "themes-MIN_NUM_FORMS": "0",
        "themes-MAX_NUM_FORMS": "1000",
        "themes-0-code": "education",
        "themes-0-ORDER": "1",
        "themes-0-id": "",
        "themes-0-DELETE": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return data


def add_url(library) -> str:
    return f"/cms/pages/add/library/resourcepage/{library.pk}/"


def test_a_disguised_file_is_refused_on_the_form_and_the_input_kept(client, library):
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    disguised = LibraryDocumentFactory(title="Fake", file=ContentFile(PNG, name="fake.pdf"))
    response = client.post(add_url(library), create_form(library, disguised))
    assert response.status_code == 200
    assert "not a real .pdf document" in response.text
    assert "What planners need." in response.text
    assert not ResourcePage.objects.filter(slug="toolkit-for-planners").exists()


def test_a_valid_resource_is_published_from_the_admin(client, library):
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    response = client.post(add_url(library), create_form(library, LibraryDocumentFactory()))
    assert response.status_code == 302
    page = ResourcePage.objects.get(slug="toolkit-for-planners")
    assert page.live
    assert [theme.code for theme in page.themes.all()] == ["education"]
    assert client.get("/en/library/?theme=education").context["items"] == [page]


def test_anonymous_visitors_cannot_open_the_editor(client, library):
    response = client.get(add_url(library))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_signed_in_member_without_editing_rights_cannot_add_resources(client, library):
    client.force_login(UserFactory())
    response = client.post(add_url(library), create_form(library, LibraryDocumentFactory()))
    # Wagtail sends people without admin access back to the sign-in page.
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not ResourcePage.objects.filter(slug="toolkit-for-planners").exists()
    assert client.get(add_url(library)).status_code == 302


def test_shared_fields_are_synchronised_and_text_is_translated():
    fields = {field.field_name: field for field in get_translatable_fields(ResourcePage)}
    for name in ("year", "resource_type", "document_language", "document", "themes"):
        assert isinstance(fields[name], SynchronizedField), name
    for name in ("title", "summary", "publisher"):
        assert isinstance(fields[name], TranslatableField), name


def test_a_translation_made_with_wagtail_localize_keeps_file_and_themes(
    client, homes, library, django_capture_on_commit_callbacks
):
    builders.translate_library(library, homes["es"], code="es", slug="biblioteca")
    resource = builders.resource(
        library, slug="guide", year=2022, themes=("health", "gbv"), resource_type="guide"
    )
    source, _created = TranslationSource.get_or_create_from_instance(resource)
    translation = LocalizeTranslation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="es"), enabled=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    spanish = ResourcePage.objects.get(locale__language_code="es")
    assert (spanish.year, spanish.resource_type, spanish.document_id) == (
        2022,
        "guide",
        resource.document_id,
    )
    assert {theme.code for theme in spanish.themes.all()} == {"health", "gbv"}
    response = client.get("/es/biblioteca/?theme=gbv")
    assert response.context["items"] == [spanish]
