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
    # Set by the browser tests for Playwright; a deployment never has it (check async.E001).
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(variables)
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production(**variables: str) -> dict[str, str]:
    return {"DJANGO_SETTINGS_MODULE": "config.settings.production", **variables}


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
}))
"""


def test_production_settings_pass_the_deployment_checklist():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **_production(SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="convive.example.org"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["manage.py", "check"], **_production(ALLOWED_HOSTS="convive.example.org"))

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set in production." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run(["manage.py", "check"], **_production(SECRET_KEY=STRONG_SECRET))

    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must be set in production." in result.stderr


def _settings_seen_by_a_process(**variables: str) -> dict:
    result = _run(
        ["-c", READ_SETTINGS],
        **_production(SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="convive.example.org", **variables),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_redis_tasks_run_inline_and_caches_stay_in_memory():
    seen = _settings_seen_by_a_process()

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


def test_benchmark_settings_serve_the_ceiling_and_count_queries():
    result = _run(["-c", BENCH_CEILING], DJANGO_SETTINGS_MODULE="config.settings.bench")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "0", "ok"]
