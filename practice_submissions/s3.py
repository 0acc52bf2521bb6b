"""The private storage on S3-compatible object storage (``STORAGES["private"]`` when media live
on object storage): imported only then, through ``storage.PrivateS3Storage``."""

from base.storage import MediaS3Storage

from .storage import NO_ADDRESS


class PrivateS3Storage(MediaS3Storage):
    """Objects in a bucket of their own, each stored with the ``private`` ACL whatever the
    options say: nobody reads them without the bucket's credentials, which only the site has.
    No address either, not even a signed one: files are streamed after the permission check."""

    def __init__(self, **options):
        super().__init__(**options)
        self.default_acl = "private"
        self.custom_domain = None

    def get_object_parameters(self, name: str) -> dict:
        return {**super().get_object_parameters(name), "ACL": "private"}

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        raise ValueError(NO_ADDRESS)
