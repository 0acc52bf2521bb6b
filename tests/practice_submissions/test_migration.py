"""The data migration takes files of proposals not approved yet out of public reach."""

import importlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from practice_submissions.models import SubmissionAttachment
from tests.factories import PracticeSubmissionFactory
from tests.network.conftest import sign_in

from .conftest import pdf_upload, png_upload

pytestmark = pytest.mark.django_db

migration = importlib.import_module("practice_submissions.migrations.0003_attachment_files_private")


def _published_before(state: str, upload, kind: str) -> SubmissionAttachment:
    """An attachment as the app kept it before: a public Wagtail document or image."""
    model = get_image_model() if kind == "image" else get_document_model()
    published = model(title="Old file", file=upload, collection=Collection.get_first_root_node())
    published.save()
    return SubmissionAttachment.objects.create(
        submission=PracticeSubmissionFactory(state=state),
        kind=kind,
        title="Old file",
        **{kind: published},
    )


def _migrate(capture) -> None:
    with capture(execute=True):
        migration.files_make_private(apps, SimpleNamespace(connection=connection))


def test_files_of_unapproved_proposals_become_private(django_capture_on_commit_callbacks):
    document_row = _published_before("submitted", pdf_upload(), "document")
    image_row = _published_before("draft", png_upload(), "image")
    public_paths = [Path(document_row.document.file.path), Path(image_row.image.file.path)]

    _migrate(django_capture_on_commit_callbacks)

    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()
    assert not any(path.exists() for path in public_paths)
    document_row.refresh_from_db()
    image_row.refresh_from_db()
    assert document_row.file.read() == pdf_upload().read()
    assert (document_row.content_type, image_row.content_type) == ("application/pdf", "image/png")
    assert image_row.file and image_row.image is None


def test_files_of_approved_proposals_stay_published(
    client, django_capture_on_commit_callbacks, coordinator
):
    row = _published_before("approved", pdf_upload(), "document")

    _migrate(django_capture_on_commit_callbacks)

    row.refresh_from_db()
    assert row.document is not None
    assert Path(row.document.file.path).exists()
    assert not row.file
    assert row.content_type == "application/pdf"
    # Still downloadable from the proposal's page, from its published copy.
    sign_in(client, coordinator)
    response = client.get(f"/en/practices/contribute/{row.submission_id}/attachments/{row.pk}/")
    assert b"".join(response.streaming_content) == pdf_upload().read()
