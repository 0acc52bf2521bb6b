"""Where proposals' files wait for a decision: outside MEDIA_ROOT, with no public address."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="practice_submissions.storage.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT``. The web server never serves that folder;
    the only way to a file is a view that checks who is asking. The folder is read from the
    settings on every use, so the migration does not freeze a path and tests may move it."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no address; link to the view that serves them.")


def attachment_upload_to(instance, filename: str) -> str:
    """One folder per proposal, so a proposal's files are easy to find and to remove."""
    return f"practice-submissions/{instance.submission_id}/{filename}"
