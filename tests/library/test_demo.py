"""The demo library: an index in four languages, about ten resources with real PDF files, some
translated; seeding twice changes nothing."""

import io

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page

from library.demo import seed_library
from library.models import ResourceLibraryPage, ResourcePage
from library.validators import validate_library_file
from network.demo import seed_network

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        {page.pk: page.latest_revision_id for page in Page.objects.all()},
    )


def test_seeding_twice_changes_nothing(client):
    seed_network(stdout=io.StringIO())
    seed_library(stdout=io.StringIO())
    before = snapshot()
    output = io.StringIO()
    seed_library(stdout=output)
    assert snapshot() == before
    assert "0 page(s) created" in output.getvalue()

    libraries = ResourceLibraryPage.objects.select_related("locale")
    assert {library.locale.language_code for library in libraries} == {"en", "es", "pt", "fr"}
    english = ResourcePage.objects.filter(locale__language_code="en")
    assert english.count() == 10
    assert ResourcePage.objects.exclude(locale__language_code="en").count() >= 4
    titles = " ".join(english.values_list("title", flat=True))
    for words in ("launch report", "development plans", "migrant office", "questionnaire"):
        assert words in titles.lower()
    assert english.filter(publisher_organisation__isnull=False).exists()


def test_demo_files_are_valid_pdfs_that_pass_the_library_checks(client):
    seed_library(stdout=io.StringIO())
    for resource in ResourcePage.objects.filter(locale__language_code="en"):
        document = resource.document
        validate_library_file(document.file, name=document.file.name)
        resource.full_clean()
        assert document.file_size and document.file_size < 5000


def test_the_demo_library_renders_in_every_language(client):
    seed_library(stdout=io.StringIO())
    for path in ("/en/library/", "/es/biblioteca/", "/pt/biblioteca/", "/fr/bibliotheque/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert len(response.context["items"]) == 10, path
    spanish = client.get("/es/biblioteca/")
    assert "Informe de lanzamiento de la red Convive" in spanish.text
    assert client.get("/es/biblioteca/informe-lanzamiento-red/").status_code == 200
