"""Proposal files and published practice files with media on S3-compatible object storage
(moto's S3 server, tests/object_storage.py): private files sit in the private bucket, where no
one reads them without the site's credentials, and reach people only through the
permission-checked view; published files move between the buckets with their practice."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from network.roles import Role
from practice_submissions import services
from practice_submissions.services import HIDDEN_FILES_FOLDER
from practices.models import PracticePage
from tests.factories import PracticeSubmissionFactory, UserFactory
from tests.network.conftest import person, sign_in
from tests.object_storage import anonymous_get

from .conftest import attachment_make, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _download_url(attachment) -> str:
    return reverse(
        "practice_submissions:attachment_download",
        args=[attachment.submission_id, attachment.pk],
    )


def _object_url(buckets, bucket: str, key: str) -> str:
    """The plain (unsigned) address of an object on the S3 server."""
    return f"{buckets.endpoint}/{bucket}/{key}"


def test_a_proposal_file_is_kept_in_the_private_bucket(s3_buckets, member):
    upload = pdf_upload("Informe final.pdf")
    original = upload.read()
    upload.seek(0)

    attachment = attachment_make(PracticeSubmissionFactory(submitter=member), upload)

    key = attachment.file.name
    assert s3_buckets.keys(s3_buckets.private) == [key]
    assert s3_buckets.keys(s3_buckets.public) == []
    # Nobody reads it from the object store without the site's credentials...
    assert anonymous_get(_object_url(s3_buckets, s3_buckets.private, key)) == (403, b"")
    grants = s3_buckets.client().get_object_acl(Bucket=s3_buckets.private, Key=key)["Grants"]
    assert [grant["Grantee"].get("URI") for grant in grants] == [None]  # the owner only
    # ...and the site never gives it an address there, signed or not.
    with pytest.raises(ValueError, match="no address"):
        _ = attachment.file.url
    body = s3_buckets.client().get_object(Bucket=s3_buckets.private, Key=key)["Body"].read()
    assert body == original


def test_a_proposal_file_is_streamed_to_its_author_and_coordinators_only(
    client, s3_buckets, member, coordinator
):
    upload = pdf_upload("Informe final.pdf")
    original = upload.read()
    upload.seek(0)
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member), upload)
    url = _download_url(attachment)

    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    for stranger in (person(Role.OFFICIAL), UserFactory()):
        client.force_login(stranger)
        assert client.get(url).status_code == 404

    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == original
    assert response["Content-Disposition"] == 'attachment; filename="informe-final.pdf"'
    assert "private" in response["Cache-Control"]

    sign_in(client, coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == original


def test_a_proposal_file_gone_from_the_bucket_is_not_found(client, s3_buckets, member):
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member))
    s3_buckets.client().delete_object(Bucket=s3_buckets.private, Key=attachment.file.name)
    client.force_login(member)
    assert client.get(_download_url(attachment)).status_code == 404


def test_a_removed_proposal_file_leaves_the_bucket(
    s3_buckets, member, django_capture_on_commit_callbacks
):
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member))
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_attachment_remove(attachment=attachment)
    assert s3_buckets.keys(s3_buckets.private) == []


@pytest.fixture
def approved(s3_buckets, directory, member, coordinator, django_capture_on_commit_callbacks):
    """An approved practice with a PDF and an image, published into the public bucket."""
    submission = PracticeSubmissionFactory(submitter=member)
    attachment_make(submission, pdf_upload(), title="Evaluation")
    attachment_make(submission, png_upload(), title="The desk")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(submission=submission, user=member)
        services.submission_approve(submission=submission, user=coordinator)
    return PracticePage.objects.get()


def _public_files(client) -> list[int]:
    """What an anonymous visitor gets at the published files' addresses: the document through
    Wagtail's view (which sends remote files on to the bucket), the image and a rendition
    straight from the bucket."""
    document, image = get_document_model().objects.get(), get_image_model().objects.get()
    client.logout()
    response = client.get(document.url)
    document_status = anonymous_get(response["Location"])[0] if response.status_code == 302 else 404
    rendition = image.get_rendition("width-2")
    return [document_status, anonymous_get(image.file.url)[0], anonymous_get(rendition.url)[0]]


def test_approved_files_are_public_in_the_public_bucket(client, s3_buckets, approved):
    document, image = get_document_model().objects.get(), get_image_model().objects.get()

    assert image.file.url.startswith(f"{s3_buckets.endpoint}/{s3_buckets.public}/")
    assert _public_files(client) == [200, 200, 200]
    assert anonymous_get(image.file.url)[1][:8] == b"\x89PNG\r\n\x1a\n"
    # The proposal's originals stay private.
    private_keys = s3_buckets.keys(s3_buckets.private)
    assert len(private_keys) == 2
    assert document.file.name not in private_keys


def test_unpublished_practice_files_move_to_the_private_bucket_and_back(
    client, s3_buckets, approved, django_capture_on_commit_callbacks
):
    document, image = get_document_model().objects.get(), get_image_model().objects.get()
    public_keys = s3_buckets.keys(s3_buckets.public)
    assert {document.file.name, image.file.name} <= set(public_keys)

    with django_capture_on_commit_callbacks(execute=True):
        approved.unpublish()

    assert s3_buckets.keys(s3_buckets.public) == []  # renditions included
    hidden = [f"{HIDDEN_FILES_FOLDER}/{name}" for name in (document.file.name, image.file.name)]
    assert set(hidden) <= set(s3_buckets.keys(s3_buckets.private))
    for key in hidden:
        assert anonymous_get(_object_url(s3_buckets, s3_buckets.private, key))[0] == 403
    client.logout()
    assert anonymous_get(image.file.url)[0] != 200

    with django_capture_on_commit_callbacks(execute=True):
        approved.save_revision().publish()

    # Back at the same addresses; the rendition is made again on demand.
    assert {document.file.name, image.file.name} <= set(s3_buckets.keys(s3_buckets.public))
    assert not set(hidden) & set(s3_buckets.keys(s3_buckets.private))
    assert _public_files(client) == [200, 200, 200]
