"""Media on S3-compatible object storage, for tests: moto's S3 server (a test dependency, so
these tests always run) on a free port of this process, and STORAGES pointed at two fresh
buckets, public and private, built as the settings build them from ``AWS_STORAGE_BUCKET_NAME``
and ``AWS_PRIVATE_STORAGE_BUCKET_NAME`` (``config.object_storage.s3_storages``).

Safe under pytest-xdist: each worker process starts its own server, each test gets buckets of
its own. A folder's conftest.py imports the fixtures (tests/storage, tests/practice_submissions)."""

import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

import boto3
import pytest
from moto.server import ThreadedMotoServer

from config.object_storage import s3_storages

CREDENTIALS = {"access_key": "convive-test", "secret_key": "convive-test-secret"}
REGION = "us-east-1"


@dataclass(frozen=True)
class Buckets:
    endpoint: str
    public: str
    private: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
        )

    def keys(self, bucket: str) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def storages(self) -> dict:
        """STORAGES as the settings build them for these buckets (no CDN domain)."""
        return {
            **s3_storages(
                public_bucket=self.public,
                private_bucket=self.private,
                endpoint_url=self.endpoint,
                region_name=REGION,
                **CREDENTIALS,
            ),
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }

    def environment(self) -> dict[str, str]:
        """The variables a production process reads to put its media in these buckets
        (config/settings/base.py), as the multi-node test gives them to its nodes."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.public,
            "AWS_PRIVATE_STORAGE_BUCKET_NAME": self.private,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": CREDENTIALS["access_key"],
            "AWS_SECRET_ACCESS_KEY": CREDENTIALS["secret_key"],
        }


def buckets_create(endpoint: str) -> Buckets:
    """Two new, empty buckets, public and private, on the S3 server at ``endpoint``."""
    suffix = uuid.uuid4().hex[:12]
    buckets = Buckets(endpoint=endpoint, public=f"media-{suffix}", private=f"private-{suffix}")
    client = buckets.client()
    client.create_bucket(Bucket=buckets.public)
    client.create_bucket(Bucket=buckets.private)
    return buckets


def anonymous_get(url: str) -> tuple[int, bytes]:
    """Status and body of a plain HTTP GET without credentials, as any visitor would send."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture(scope="session")
def s3_endpoint():
    """The address of a local S3 server running for this test process."""
    # One line per request otherwise.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_buckets(s3_endpoint, settings) -> Buckets:
    """Media in two new buckets of the local S3 server for this test."""
    buckets = buckets_create(s3_endpoint)
    settings.STORAGES = buckets.storages()
    return buckets
