"""Files are judged by their content and size; a refused file loses nothing else typed."""

from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.factories import PracticeSubmissionFactory

from .conftest import attachment_make, pdf_upload, zip_upload

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


def test_pdf_is_kept_privately_with_the_type_its_content_shows(client, member, settings):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    response = _upload(client, submission, pdf_upload("informe final.PDF"))
    assert response.status_code == 302
    assert not get_document_model().objects.exists()
    attachment = submission.attachments.get()
    assert attachment.title == "Evaluation"
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.endswith("/informe-final.pdf")
    path = Path(attachment.file.path)
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert path.read_bytes() == pdf_upload().read()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
    page = client.get(response["Location"]).content.decode()
    download = reverse(
        "practice_submissions:attachment_download", args=[submission.pk, attachment.pk]
    )
    assert f'href="{download}" download>Evaluation</a>' in page


def test_removing_a_file_deletes_it_from_disk(client, member, django_capture_on_commit_callbacks):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    _upload(client, submission, pdf_upload())
    attachment = submission.attachments.get()
    path = Path(attachment.file.path)
    assert path.exists()
    url = reverse("practice_submissions:attachment_remove", args=[submission.pk, attachment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert not submission.attachments.exists()
    assert not path.exists()


def test_deleting_the_account_deletes_its_proposals_files(
    member, django_capture_on_commit_callbacks
):
    from network.services import account_delete

    attachment = attachment_make(PracticeSubmissionFactory(submitter=member))
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=member)
    assert not path.exists()
