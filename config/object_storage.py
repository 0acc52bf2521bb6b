"""Media on S3-compatible object storage (AWS S3, MinIO, Ceph, Scaleway...): the ``STORAGES``
entries and the Content-Security-Policy origins that ``settings/base.py`` builds from the
``AWS_*`` variables, here so that the tests build them the same way against a local S3 server."""

from urllib.parse import urlsplit


def s3_storages(
    *,
    public_bucket: str,
    private_bucket: str,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    addressing_style: str = "auto",
    custom_domain: str | None = None,
    public_acl: str | None = "public-read",
    public_location: str = "",
    private_location: str = "",
    cache_control: str = "public, max-age=86400",
) -> dict[str, dict]:
    """``STORAGES["default"]`` (public media: Wagtail images, renditions, documents, at plain
    addresses a CDN may serve) and ``STORAGES["private"]`` (private files: stored with the
    private ACL in a bucket of their own, streamed by permission-checked views only).
    ``public_acl`` None suits a bucket whose ACLs are disabled and that a policy makes public.
    Credentials left None come from the usual AWS sources (environment, instance role)."""
    # Imported here: botocore (about 20 MiB per process) is loaded only on sites that use it.

    common = {
        "endpoint_url": endpoint_url,
        "region_name": region_name,
        "access_key": access_key,
        "secret_key": secret_key,
        # Uploads never replace another file of the same name (Django adds a suffix).
        "file_overwrite": False,
        # A file read back (renditions, PDFs, downloads) spills to disk beyond 5 MB.
        "max_memory_size": 5 * 1024 * 1024,
        "addressing_style": addressing_style,
        # Short timeouts: a silent object store fails the request rather than holding a worker.
        # Plain values only (base.storage.MediaS3Storage): Wagtail sends them to a task as JSON.
        "connect_timeout": 5,
        "read_timeout": 20,
        "max_attempts": 3,
    }
    return {
        "default": {
            "BACKEND": "base.storage.MediaS3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": public_bucket,
                "location": public_location,
                "default_acl": public_acl,
                "querystring_auth": False,
                "custom_domain": custom_domain,
                "object_parameters": {"CacheControl": cache_control},
            },
        },
        "private": {
            "BACKEND": "practice_submissions.storage.PrivateS3Storage",
            "OPTIONS": {**common, "bucket_name": private_bucket, "location": private_location},
        },
    }


def media_origins(
    *,
    public_bucket: str,
    custom_domain: str | None = None,
    endpoint_url: str | None = None,
    region_name: str | None = None,
) -> list[str]:
    """Where browsers load public media from, besides the site itself."""
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        endpoint = urlsplit(endpoint_url)
        # Path-style (endpoint/bucket/key) or virtual-hosted (bucket.endpoint/key) addresses.
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{public_bucket}.{endpoint.netloc}",
        ]
    hosts = [f"{public_bucket}.s3.amazonaws.com"]
    if region_name:
        hosts.append(f"{public_bucket}.s3.{region_name}.amazonaws.com")
    return [f"https://{host}" for host in hosts]
