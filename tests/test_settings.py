"""Settings as a deployment sees them: each case runs in a fresh process with its own
environment, because Django settings are read once per process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Variables that would leak from the developer's or CI's shell into the cases below.
SETTINGS_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "PAGE_CACHE_URL",
    "FRONTEND_CACHE_URL",
    "SITE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "PAGE_CACHE_ENABLED",
    "DJANGO_DEBUG",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_DEFAULT_ACL",
    "AWS_LOCATION",
    "AWS_PRIVATE_LOCATION",
    # Set by the browser tests for Playwright; a deployment never has it (check async.E001).
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    # An empty value stands for a variable left unset.
    env.update({key: value for key, value in variables.items() if value})
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


DATABASE_URL = "postgres://convive:secret@db.internal:5432/convive"
REDIS_URL = "redis://redis.internal:6379/0"


def _production(**variables: str) -> dict[str, str]:
    """A production environment with its database and Redis; a case overrides any of them
    (an empty value leaves it unset)."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        **variables,
    }


STRONG_SECRET = secrets.token_urlsafe(64)

READ_SETTINGS = """
import json
import django
from django.conf import settings

django.setup()
from config.celery import app

print(json.dumps({
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "result_backend": settings.CELERY_RESULT_BACKEND,
    "celery_app_broker": app.conf.broker_url,
    "caches": {
        alias: [cache["BACKEND"], cache.get("LOCATION", "")]
        for alias, cache in settings.CACHES.items()
    },
    "storages": {
        alias: [storage["BACKEND"], storage.get("OPTIONS", {}).get("bucket_name")]
        for alias, storage in settings.STORAGES.items()
    },
    "img_src": [str(src) for src in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]],
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "site_url": settings.SITE_URL,
}))
"""


def test_production_settings_pass_the_deployment_checklist():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **_production(SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="convive.example.org"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_with_object_storage_pass_the_deployment_checklist():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **_production(
            SECRET_KEY=STRONG_SECRET,
            ALLOWED_HOSTS="convive.example.org",
            AWS_STORAGE_BUCKET_NAME="convive-media",
            AWS_PRIVATE_STORAGE_BUCKET_NAME="convive-private",
            AWS_S3_ENDPOINT_URL="https://s3.example.org",
        ),
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["manage.py", "check"], **_production(ALLOWED_HOSTS="convive.example.org"))

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run(["manage.py", "check"], **_production(SECRET_KEY=STRONG_SECRET))

    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must be set in production" in result.stderr


def _refusal(**variables: str) -> str:
    """What a production process prints when it refuses to start."""
    result = _run(
        ["manage.py", "check"],
        **_production(SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="convive.example.org", **variables),
    )
    assert result.returncode != 0, result.stdout
    return result.stderr.strip().splitlines()[-1]


def test_production_refuses_to_start_without_a_database_url():
    # Without it every node would open its own SQLite file.
    assert _refusal(DATABASE_URL="") == (
        "django.core.exceptions.ImproperlyConfigured: DATABASE_URL must be set in production, "
        "for example DATABASE_URL=postgres://convive:secret@db.internal:5432/convive"
    )


def test_production_refuses_to_start_without_a_redis_url():
    # Without it caches and sign-in throttles would live in each worker's memory.
    assert _refusal(REDIS_URL="") == (
        "django.core.exceptions.ImproperlyConfigured: REDIS_URL must be set in production, "
        "for example REDIS_URL=redis://redis.internal:6379/0"
    )


def test_production_refuses_private_files_in_the_public_bucket():
    for private_bucket in ("", "convive-media"):
        refusal = _refusal(
            AWS_STORAGE_BUCKET_NAME="convive-media",
            AWS_PRIVATE_STORAGE_BUCKET_NAME=private_bucket,
        )
        assert "AWS_PRIVATE_STORAGE_BUCKET_NAME must name a bucket other than" in refusal


def _settings_seen_by_a_process(**variables: str) -> dict:
    result = _run(
        ["-c", READ_SETTINGS],
        **_production(SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="convive.example.org", **variables),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_stay_on_disk_unless_a_bucket_is_named():
    seen = _settings_seen_by_a_process()

    assert seen["storages"]["default"] == ["django.core.files.storage.FileSystemStorage", None]
    assert seen["storages"]["private"] == [
        "practice_submissions.storage.PrivateMediaStorage",
        None,
    ]
    assert seen["img_src"] == ["'self'"]


def test_media_go_to_two_buckets_and_images_may_come_from_the_cdn():
    seen = _settings_seen_by_a_process(
        AWS_STORAGE_BUCKET_NAME="convive-media",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="convive-private",
        AWS_S3_CUSTOM_DOMAIN="media.convive.example.org",
    )

    assert seen["storages"]["default"] == ["base.storage.MediaS3Storage", "convive-media"]
    assert seen["storages"]["private"] == [
        "practice_submissions.storage.PrivateS3Storage",
        "convive-private",
    ]
    assert seen["img_src"] == ["'self'", "https://media.convive.example.org"]


def test_without_redis_tasks_run_inline_and_caches_stay_in_memory():
    # Local development and tests; production refuses to start without REDIS_URL.
    seen = _settings_seen_by_a_process(DJANGO_SETTINGS_MODULE="config.settings.local", REDIS_URL="")

    assert seen["eager"] is True
    assert seen["result_backend"] is None
    assert {backend for backend, _ in seen["caches"].values()} == {
        "django.core.cache.backends.locmem.LocMemCache"
    }


def test_with_redis_the_broker_results_and_caches_use_it():
    url = "redis://127.0.0.1:6379/3"
    seen = _settings_seen_by_a_process(REDIS_URL=url)

    assert seen["eager"] is False
    assert seen["broker"] == url
    assert seen["celery_app_broker"] == url
    assert seen["result_backend"] == url
    # The caches take the next databases of the same server, never the broker's.
    assert seen["caches"]["default"] == [
        "network.redis_cache.RedisCache",
        "redis://127.0.0.1:6379/4",
    ]
    assert seen["caches"]["pages"] == ["network.redis_cache.RedisCache", "redis://127.0.0.1:6379/5"]


def test_the_broker_can_have_a_redis_of_its_own():
    cache, broker = "redis://cache.internal:6379/0", "redis://broker.internal:6379/0"
    seen = _settings_seen_by_a_process(REDIS_URL=cache, CELERY_BROKER_URL=broker)

    assert seen["eager"] is False
    assert seen["celery_app_broker"] == broker
    assert seen["caches"]["default"] == [
        "network.redis_cache.RedisCache",
        "redis://cache.internal:6379/1",
    ]


def test_each_cache_can_have_a_redis_of_its_own():
    seen = _settings_seen_by_a_process(
        REDIS_URL="redis://broker.internal:6379/0",
        CACHE_URL="redis://cache.internal:6379/0",
        PAGE_CACHE_URL="redis://pages.internal:6379/0",
    )

    assert seen["caches"]["default"][1] == "redis://cache.internal:6379/0"
    assert seen["caches"]["pages"][1] == "redis://pages.internal:6379/0"


def test_the_deployment_check_refuses_a_cache_in_the_brokers_database():
    url = "redis://127.0.0.1:6379/3"
    result = _run(
        ["manage.py", "check", "--deploy"],
        **_production(
            SECRET_KEY=STRONG_SECRET,
            ALLOWED_HOSTS="convive.example.org",
            REDIS_URL=url,
            PAGE_CACHE_URL=url,
        ),
    )

    assert result.returncode != 0
    assert "network.E001" in result.stderr
    assert "'pages' cache uses the Celery broker's Redis database" in result.stderr
    assert "'default'" not in result.stderr


BENCH_CEILING = """
import django
from django.test import Client

django.setup()
response = Client().get("/bench/ceiling/", HTTP_HOST="127.0.0.1")
print(response.status_code, response["X-Query-Count"], response.content.decode())
"""


def test_benchmark_settings_serve_the_ceiling_and_count_queries(tmp_path):
    # benchmarks/run.py gives the database and Redis; the ceiling uses neither.
    result = _run(
        ["-c", BENCH_CEILING],
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        DATABASE_URL=f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:1/0",  # nothing listens there: refused at once
        PAGE_CACHE_ENABLED="false",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "0", "ok"]


def test_images_may_come_from_the_bucket_however_it_is_addressed():
    from config.object_storage import media_origins

    assert media_origins(public_bucket="media", endpoint_url="https://s3.example.org:9000") == [
        "https://s3.example.org:9000",
        "https://media.s3.example.org:9000",
    ]
    assert media_origins(public_bucket="media", region_name="eu-west-3") == [
        "https://media.s3.amazonaws.com",
        "https://media.s3.eu-west-3.amazonaws.com",
    ]
    assert media_origins(
        public_bucket="media", custom_domain="cdn.example.org", endpoint_url="https://s3.x"
    ) == ["https://cdn.example.org"]


def test_the_embedded_default_shows_the_sites_own_error_pages_on_the_address_it_serves():
    """`make run` (local settings) runs without Django's debug pages, so a visitor sees the
    translated 404 and 500 pages, and `make run PORT=8100 HOST=192.168.1.20` sets SITE_URL,
    which links use and which is allowed as a host."""
    result = _run(
        ["-c", READ_SETTINGS],
        **_production(
            DJANGO_SETTINGS_MODULE="config.settings.local",
            REDIS_URL="",
            ALLOWED_HOSTS="",
            DJANGO_DEBUG="",
            SITE_URL="http://192.168.1.20:8100",
        ),
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["debug"] is False
    assert seen["site_url"] == "http://192.168.1.20:8100"
    assert "192.168.1.20" in seen["allowed_hosts"]
