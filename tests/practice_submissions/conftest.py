import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from network.roles import Role
from tests.factories import MembershipFactory
from tests.network.conftest import person
from tests.object_storage import s3_buckets, s3_endpoint  # noqa: F401 (fixtures)
from tests.outreach import builders
from tests.practices.builders import practice_index


@pytest.fixture
def directory(db):
    """The English practice directory under the English home page."""
    return practice_index(builders.homes()["en"])


@pytest.fixture
def member(db):
    user = person(Role.OFFICIAL, first_name="Ana", last_name="Pérez")
    MembershipFactory(user=user)
    return user


@pytest.fixture
def coordinator(db):
    """See tests/network/conftest.py: marked as having passed the second factor for direct
    calls; clients ``sign_in``."""
    user = person(Role.COORDINATOR, first_name="Lucía", last_name="Fernández")
    user.second_factor_passed = True
    return user


def pdf_upload(name: str = "report.pdf", size: int = 0) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        content = content + b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def zip_upload(name: str = "report.pdf") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("run.exe", b"MZ" + b"\0" * 100)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


def attachment_make(submission, upload=None, title: str = "Annual report"):
    """A file accepted for ``submission`` the way the attachments step keeps it."""
    from network.uploads import upload_check
    from practice_submissions.services import submission_attachment_add

    upload = upload or pdf_upload()
    checked = upload_check(upload)
    return submission_attachment_add(
        submission=submission,
        upload=upload,
        title=title,
        extension=checked.extension,
        kind=checked.kind,
        content_type=checked.content_type,
    )
