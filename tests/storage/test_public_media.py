"""Public media on S3-compatible object storage (moto's S3 server, tests/object_storage.py):
images uploaded in the CMS land in the public bucket, their renditions are made from it and
served from it, and a practice's PDF still embeds its images. Private files:
tests/practice_submissions/test_object_storage.py."""

import io

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from practices import pdf
from tests.factories import UserFactory
from tests.network.conftest import sign_in
from tests.object_storage import anonymous_get
from tests.outreach import builders
from tests.practices.builders import practice, practice_index

pytestmark = pytest.mark.django_db


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (8, 63, 83)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_uploaded_in_the_cms_and_its_renditions_live_in_the_public_bucket(
    client, s3_buckets
):
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    upload = SimpleUploadedFile("cover.png", _png(400, 300), content_type="image/png")
    response = client.post(
        "/cms/images/add/",
        {"title": "Cover", "collection": Collection.get_first_root_node().pk, "file": upload},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get()
    assert s3_buckets.keys(s3_buckets.public) == [image.file.name]
    assert (image.width, image.height) == (400, 300)

    # The CMS's image list shows a thumbnail: a rendition made from the bucket, into it.
    assert client.get("/cms/images/").status_code == 200
    rendition = image.get_rendition("fill-80x60")
    assert rendition.file.name in s3_buckets.keys(s3_buckets.public)
    assert len(s3_buckets.keys(s3_buckets.public)) >= 2

    status, body = anonymous_get(rendition.url)
    assert rendition.url.startswith(f"{s3_buckets.endpoint}/{s3_buckets.public}/")
    assert status == 200
    assert PillowImage.open(io.BytesIO(body)).size == (80, 60)
    assert s3_buckets.keys(s3_buckets.private) == []


def test_a_pdf_embeds_a_practice_image_read_from_the_bucket(s3_buckets):
    image = get_image_model().objects.create(
        title="Workshop", file=ImageFile(io.BytesIO(_png(240, 120)), name="workshop.png")
    )
    directory = practice_index(builders.homes()["en"])
    page = practice(
        directory,
        slug="workshop-practice",
        material=[("image", {"image": image, "caption": "Volunteers at work"})],
    )
    fetcher = pdf.LocalFileFetcher()

    content = pdf.practice_pdf_render(practice=page, fetcher=fetcher)

    assert fetcher.refused == []
    assert sum(len(p.images) for p in PdfReader(io.BytesIO(content)).pages) >= 1
    rendition = image.get_rendition(pdf.IMAGE_RENDITION)
    assert rendition.file.name in s3_buckets.keys(s3_buckets.public)


def test_an_image_and_a_document_deleted_in_the_cms_leave_the_bucket(
    client, s3_buckets, django_capture_on_commit_callbacks
):
    """Wagtail deletes their files in a task that receives the storage's options as JSON; a
    botocore Config among them made the deletion an error page (base/storage.py)."""
    image = get_image_model().objects.create(
        title="Harbour", file=ImageFile(io.BytesIO(_png(40, 30)), name="harbour.png")
    )
    image.get_rendition("width-20")
    document = get_document_model().objects.create(
        title="Report", file=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    assert len(s3_buckets.keys(s3_buckets.public)) == 3
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cms/images/{image.pk}/delete/")
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cms/documents/delete/{document.pk}/")
    assert response.status_code == 302

    assert s3_buckets.keys(s3_buckets.public) == []
