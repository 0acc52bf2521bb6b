"""The rule in tests/conftest.py: a test that needs PostgreSQL or Redis is skipped when the
service is missing, and fails instead under CONVIVE_REQUIRE_SERVICES=1 (as in CI)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

MARKED_TESTS = """
import pytest


@pytest.mark.redis
def test_needs_redis():
    pass


@pytest.mark.postgres
def test_needs_postgres():
    pass


def test_needs_nothing():
    pass
"""


def _run_marked_tests(tmp_path: Path, *, require_services: bool) -> subprocess.CompletedProcess:
    """Run three tiny tests under the project's real conftest hook, without any service."""
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_runtest_setup  # noqa\n"
    )
    (tmp_path / "test_marked.py").write_text(MARKED_TESTS)
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\n"
        "DJANGO_SETTINGS_MODULE = config.settings.test\n"
        "addopts = -rA -p no:cacheprovider\n"
        "markers =\n    postgres: needs PostgreSQL\n    redis: needs Redis\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CONVIVE_REQUIRE_SERVICES", "PYTEST_ADDOPTS"}
    }
    env["PYTHONPATH"] = str(REPO)
    if require_services:
        env["CONVIVE_REQUIRE_SERVICES"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_services_fail_the_run_when_services_are_required(tmp_path):
    result = _run_marked_tests(tmp_path, require_services=True)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed, 2 errors" in result.stdout, result.stdout
    assert "needs Redis" in result.stdout
    assert "needs PostgreSQL" in result.stdout
    assert "CONVIVE_REQUIRE_SERVICES=1 forbids skipping" in result.stdout


def test_missing_services_skip_on_a_developer_machine(tmp_path):
    result = _run_marked_tests(tmp_path, require_services=False)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 2 skipped" in result.stdout, result.stdout
    assert "SKIPPED" in result.stdout and "needs Redis" in result.stdout


@pytest.mark.redis
def test_redis_marked_test_runs_when_redis_answers(settings):
    """Where Redis answers (CI always), a redis-marked test really reaches it."""
    import redis

    assert redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
