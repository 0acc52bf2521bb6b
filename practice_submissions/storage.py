"""Where private files live: proposals' files waiting for a decision, and the published files of
a practice while it is hidden. They have no public address: the only way to one is a view that
checks who is asking and streams it (``views.submission_attachment_download``).

``STORAGES["private"]`` says where: ``PrivateMediaStorage`` (a folder outside MEDIA_ROOT) by
default, ``PrivateS3Storage`` (a private bucket) when media live on object storage."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

# The migrations of proposals' files name ``practice_submissions.storage.private_storage``.
from network.private_storage import private_storage  # noqa: F401

NO_ADDRESS = "Private files have no address; link to the view that serves them."


@deconstructible(path="practice_submissions.storage.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT``. The web server never serves that folder.
    The folder is read from the settings on every use, so tests may move it."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError(NO_ADDRESS)


def __getattr__(name: str):
    # ``PrivateS3Storage`` lives in ``s3.py`` so that boto3 (about 20 MiB per process) is only
    # imported on sites whose settings name it; its dotted path stays this module's.
    if name == "PrivateS3Storage":
        from .s3 import PrivateS3Storage

        return PrivateS3Storage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def attachment_upload_to(instance, filename: str) -> str:
    """One folder per proposal, so a proposal's files are easy to find and to remove."""
    return f"practice-submissions/{instance.submission_id}/{filename}"
