"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work here, so the tests use /usr/bin/chromium and
install it with apt-get when they can. On a developer's machine a missing browser skips the
tests; in CI (CI=true or CONVIVE_REQUIRE_SERVICES=1) it fails them.
"""

import fcntl
import importlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.required import unavailable

from .accessibility import AXE_SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
E2E_DIR = Path(__file__).resolve().parent


def _unavailable(reason: str) -> None:
    unavailable(reason, what="browser tests")


@contextmanager
def _one_installer() -> Iterator[None]:
    """Under pytest-xdist every worker may find the browser or axe-core missing at once: one
    installs while the others wait, then see it installed."""
    with open(E2E_DIR / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _apt_install(package: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
        subprocess.run(command, env=env, capture_output=True, timeout=900, check=False)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    if not CHROMIUM.exists() and hasattr(os, "geteuid") and os.geteuid() == 0:
        with _one_installer():
            if not CHROMIUM.exists():
                _apt_install("chromium")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_core() -> Path:
    """axe-core, pinned in tests/e2e/package-lock.json, installed with `npm ci` when missing."""
    with _one_installer():
        if not AXE_SCRIPT.exists():
            _npm_ci()
    return AXE_SCRIPT


def _npm_ci() -> None:
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm is missing, so axe-core cannot be installed")
    result = subprocess.run(
        [npm, "ci", "--prefix", str(E2E_DIR), "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0 or not AXE_SCRIPT.exists():
        _unavailable(f"`npm ci --prefix tests/e2e` failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def browser(chromium_executable, axe_core) -> Iterator:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves an event loop marked as running in the test thread, so Django
    # would refuse database access from every later test of the session without this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_executable), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def csp_violations(messages: list[str]) -> list[str]:
    """The console messages that report a violation of an enforced Content-Security-Policy
    (a report-only policy's violations are logged, not enforced)."""
    return [
        text for text in messages if "Content Security Policy" in text and "report-only" not in text
    ]


@pytest.fixture
def page(browser, live_server, transactional_db, axe_core) -> Iterator:
    """A fresh browser tab (own cookies) pointed at the live server, under the site's
    Content-Security-Policy: axe-core comes in as an init script, which CSP does not govern,
    and a test fails if the browser blocked anything the policy forbids. The tab's console
    messages about CSP are in ``tab.csp_messages``."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(path=str(axe_core))
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.csp_messages = []
    tab.on(
        "console",
        lambda message: (
            tab.csp_messages.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield tab
    context.close()
    assert csp_violations(tab.csp_messages) == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def migrated_site(transactional_db):
    """The root page and collection, locales, site and home pages the data migrations create:
    the live server needs committed data, and an earlier browser test's flush removes them."""
    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    if not Collection.objects.exists():
        Collection.add_root(name="Root")

    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    homes = importlib.import_module("outreach.migrations.0002_locales_and_home_pages")
    homes.create_home_pages(apps, None)
