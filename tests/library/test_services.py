"""Publishing a resource from code (as the needs-assessment report will): the file is checked,
the page validated, and only editors who may publish in the library can do it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.documents import get_document_model

from library.models import ResourcePage
from library.pdf import minimal_pdf
from library.services import library_document_create, resource_publish
from tests.factories import UserFactory

from .test_validation import EXECUTABLE

pytestmark = pytest.mark.django_db


def publish(library, **overrides) -> ResourcePage:
    fields = {
        "library": library,
        "title": "Needs assessment 2025",
        "slug": "needs-assessment-2025",
        "summary": "What member authorities told us they need.",
        "resource_type": "report",
        "document_language": "en",
        "year": 2025,
        "themes": ["data", "participation"],
    }
    fields.update(overrides)
    return resource_publish(**fields)


def test_a_report_is_published_with_its_file(client, library):
    document = library_document_create(
        title="Needs assessment",
        file_name="needs.pdf",
        content=minimal_pdf(title="Needs", lines=["Findings"]),
    )
    page = publish(library, document=document)
    assert page.live
    response = client.get("/en/library/?theme=data&type=report")
    assert [item.title for item in response.context["items"]] == ["Needs assessment 2025"]
    assert document.file_size == document.file.size


def test_a_disguised_file_is_never_stored(library):
    with pytest.raises(ValidationError):
        library_document_create(title="Bad", file_name="bad.pdf", content=EXECUTABLE)
    assert not get_document_model().objects.exists()


def test_an_unknown_theme_or_missing_file_is_refused(library):
    with pytest.raises(ValidationError):
        publish(library, external_url="https://example.org/r", themes=["astrology"])
    with pytest.raises(ValidationError):
        publish(library)
    assert not ResourcePage.objects.exists()


def test_a_user_without_publishing_rights_is_refused(library):
    with pytest.raises(PermissionDenied):
        publish(library, external_url="https://example.org/r", user=UserFactory())
    page = publish(
        library,
        external_url="https://example.org/r",
        user=UserFactory(is_superuser=True, is_staff=True),
    )
    assert page.live
