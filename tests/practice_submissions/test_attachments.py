"""Files are judged by their content and size; a refused file loses nothing else typed."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.factories import PracticeSubmissionFactory

from .conftest import pdf_upload, zip_upload

pytestmark = pytest.mark.django_db

TYPED = {
    "contact_name": "Rosa Quispe",
    "contact_role": "Adviser to the mayor",
    "contact_email": "rosa@example.org",
    "file_title": "Evaluation",
    "action": "save",
}


def _upload(client, submission, upload):
    url = reverse("practice_submissions:step", args=[submission.pk, "attachments"])
    return client.post(url, {**TYPED, "file": upload})


def _assert_kept(response):
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Rosa Quispe"' in content
    assert 'value="Adviser to the mayor"' in content
    assert 'value="rosa@example.org"' in content
    assert 'value="Evaluation"' in content


def test_zip_named_pdf_is_refused(client, member):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    response = _upload(client, submission, zip_upload("report.pdf"))
    _assert_kept(response)
    assert "whatever its name says" in response.content.decode()
    assert not get_document_model().objects.exists()
    submission.refresh_from_db()
    assert submission.data["attachments"]["contact_name"] == "Rosa Quispe"


def test_executable_named_pdf_is_refused(client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    program = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = _upload(client, submission, program)
    _assert_kept(response)
    assert not submission.attachments.exists()


def test_empty_file_is_refused(client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    response = _upload(client, submission, SimpleUploadedFile("report.pdf", b""))
    _assert_kept(response)
    assert not submission.attachments.exists()


def test_oversize_file_is_refused(client, member, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    response = _upload(client, submission, pdf_upload(size=1001))
    _assert_kept(response)
    assert "files may be at most" in response.content.decode()
    assert not submission.attachments.exists()


def test_pdf_is_kept_as_a_document_in_the_submissions_collection(client, member):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    response = _upload(client, submission, pdf_upload("informe final.PDF"))
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.title == "Evaluation"
    assert document.collection.name == "Submissions"
    assert document.file.name.endswith(".pdf")
    page = client.get(response["Location"]).content.decode()
    assert "Evaluation" in page


def test_file_can_be_removed_from_a_draft(client, member):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    _upload(client, submission, pdf_upload())
    attachment = submission.attachments.get()
    url = reverse("practice_submissions:attachment_remove", args=[submission.pk, attachment.pk])
    client.post(url)
    assert not submission.attachments.exists()
    assert not get_document_model().objects.exists()
