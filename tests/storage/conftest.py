# The local S3 server and per-test buckets (tests/object_storage.py).
from tests.object_storage import s3_buckets, s3_endpoint  # noqa: F401
