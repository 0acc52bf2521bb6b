"""Writing a report in the Wagtail admin: the report is offered under the library, its editor
lists the assessment's questions and keys, a wrong key is refused on the form with a clear
message and nothing typed lost, and translations keep the keys while translating the text."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.models import Translation as LocalizeTranslation

from assessments.models import AssessmentReportPage
from tests.assessments.report_helpers import report_world
from tests.factories import UserFactory
from tests.library import builders as library_builders
from tests.network.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return report_world()


@pytest.fixture
def editor(client):
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    return client


def _form(world, **overrides) -> dict:
    data = {
        "title": "Second report",
        "slug": "second-report",
        "summary": "Short.",
        "assessment": str(world.assessment.pk),
        "quote_consent_key": "consent",
        "intro": '{"blocks": [], "entityMap": {}}',
        "year": "2026",
        "publisher": "",
        "publisher_organisation": "",
        "cover_image": "",
        "body-count": "1",
        "body-0-type": "figure",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value-question": "offices",
        "body-0-value-by": "",
        "body-0-value-by_question": "",
        "body-0-value-country": "",
        "body-0-value-level": "",
        "body-0-value-comment": "As typed.",
        "themes-TOTAL_FORMS": "1",
        "themes-INITIAL_FORMS": "0",
        "themes-MIN_NUM_FORMS": "0",
        "themes-MAX_NUM_FORMS": "1000",
        "themes-0-code": "data",
        "themes-0-ORDER": "1",
        "themes-0-id": "",
        "themes-0-DELETE": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return data


def _add_url(world) -> str:
    return f"/cms/pages/add/assessments/assessmentreportpage/{world.library.pk}/"


def test_the_editor_lists_the_assessments_questions_with_their_keys(editor, world):
    response = editor.get(f"/cms/pages/{world.page.pk}/edit/")
    assert response.status_code == 200
    text = response.text
    assert "Questions of the assessment" in text
    assert "<code>office</code>" in text
    assert "<code>story</code>" in text
    assert "sensitive: not published" in text


def test_a_wrong_key_is_refused_on_the_form_and_what_was_typed_kept(editor, world):
    response = editor.post(_add_url(world), _form(world))
    assert response.status_code == 200
    assert "The assessment has no question with this key." in response.text
    assert "As typed." in response.text
    assert not AssessmentReportPage.objects.filter(slug="second-report").exists()


def test_a_valid_report_is_published_from_the_admin_as_a_report_of_the_library(editor, world):
    response = editor.post(_add_url(world), _form(world, **{"body-0-value-question": "office"}))
    assert response.status_code == 302
    page = AssessmentReportPage.objects.get(slug="second-report")
    assert page.live
    assert (page.resource_type, page.document_language) == ("report", "en")
    listing = editor.get(world.library.url + "?type=report")
    assert "Second report" in listing.text


def test_a_translation_keeps_the_keys_and_translates_the_text(
    world, django_capture_on_commit_callbacks
):
    homes = library_builders.homes()
    library_builders.translate_library(world.library, homes["es"], code="es", slug="biblioteca")
    source, _created = TranslationSource.get_or_create_from_instance(world.page)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert "Most have one." in strings
    assert not {"office", "services", "staff", "story"} & strings
    translation = LocalizeTranslation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="es"), enabled=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    spanish = AssessmentReportPage.objects.get(locale__language_code="es")
    keys = [block.value["question"] for block in spanish.body if block.block_type == "figure"]
    assert keys == ["office", "office", "services", "staff"]
    assert spanish.assessment_id == world.assessment.pk
    assert spanish.document_language == "es"
