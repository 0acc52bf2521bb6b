"""Public media on S3-compatible object storage (``STORAGES["default"]`` when a bucket is
named, see config/object_storage.py)."""

from botocore.config import Config
from storages.backends.s3 import S3Storage


class MediaS3Storage(S3Storage):
    """django-storages' S3 backend with its client's timeouts and retries given as plain
    options, not as a ``botocore.config.Config``: every option must survive JSON, because
    Wagtail deletes the file of a deleted image, rendition or document in a task that receives
    ``storage.deconstruct()`` (``wagtail.tasks.delete_file_from_storage_task``). With a
    ``Config`` among the options, that deletion raised ``TypeError`` and the editor got an
    error page."""

    def __init__(
        self,
        *,
        connect_timeout: float = 5,
        read_timeout: float = 20,
        max_attempts: int = 3,
        **options,
    ):
        super().__init__(**options)
        self.client_config = Config(
            s3={"addressing_style": self.addressing_style},
            signature_version=self.signature_version,
            proxies=self.proxies,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries={"max_attempts": max_attempts},
        )
