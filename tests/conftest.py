"""Shared fixtures and the rule for service-backed tests.

Tests marked ``postgres`` or ``redis`` need the real service. Without it they are skipped on a
developer's machine; under ``CONVIVE_REQUIRE_SERVICES=1`` (set by .ci/run) they fail instead,
so CI can never go green by silently skipping them.
"""

import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import translation

REQUIRE_SERVICES = os.environ.get("CONVIVE_REQUIRE_SERVICES") == "1"


def _redis_available() -> bool:
    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def _missing_service(item: pytest.Item) -> str | None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if item.get_closest_marker("redis") and not _redis_available():
        return "needs Redis: set REDIS_URL=redis://... to a running server"
    return None


def pytest_configure(config: pytest.Config) -> None:
    from tests import migrated_template

    migrated_template.install(rebuild=bool(config.getoption("create_db", default=False)))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # After pytest-django's own ordering (committing tests after the others), which it refines.
    from tests import xdist_order

    xdist_order.order_items(items)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from tests import xdist_order

    return xdist_order.scheduler(config, log)


def pytest_runtest_setup(item: pytest.Item) -> None:
    reason = _missing_service(item)
    if reason is None:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (CONVIVE_REQUIRE_SERVICES=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _default_language():
    # A request or translation.override() elsewhere must not leak its language into the next
    # test's reverse() and rendering.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path, request):
    # A module marked ``module_media`` builds files once (the demo's pictures) into its own
    # media folder, which every one of its tests keeps; other tests get a folder each.
    if request.node.get_closest_marker("module_media"):
        settings.MEDIA_ROOT = str(request.getfixturevalue("module_media"))
    else:
        settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    """A media folder for a module whose data is built once (tests.once) with files, such as the
    demo's pictures: the module builds its data with MEDIA_ROOT there and is marked
    ``module_media``, so every test of it still finds the files."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _clear_caches():
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
