"""Publishing purges the page from a CDN or caching proxy (wagtail.contrib.frontend_cache), and
nothing happens when no purge backend is configured."""

import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from . import builders

pytestmark = pytest.mark.django_db


class _PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def caching_proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "base.frontend_cache.TimedHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


def test_publishing_a_page_purges_its_addresses(
    home, caching_proxy, django_capture_on_commit_callbacks
):
    about = builders.standard_page(home, slug="about", title="About us")
    caching_proxy.clear()
    about.title = "About the network"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    paths = {path for _host, path in caching_proxy}
    assert "/en/about/" in paths
    assert all(host for host, _path in caching_proxy)


def test_without_a_purge_backend_publishing_purges_nothing(
    home, settings, django_capture_on_commit_callbacks
):
    assert settings.WAGTAILFRONTENDCACHE == {}
    about = builders.standard_page(home, slug="about", title="About us")
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    about.refresh_from_db()
    assert about.live


def test_a_proxy_that_never_answers_does_not_hold_a_publish_up(
    home, settings, caplog, django_capture_on_commit_callbacks
):
    listener = socket.socket()  # accepts connections (the kernel's backlog) and never answers
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "base.frontend_cache.TimedHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{listener.getsockname()[1]}",
            "TIMEOUT": 0.2,
        }
    }
    try:
        about = builders.standard_page(home, slug="about", title="About us")
        about.title = "About the network"
        started = time.monotonic()
        with (
            caplog.at_level(logging.ERROR, logger="base.frontend_cache"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            about.save_revision().publish()
        took = time.monotonic() - started
    finally:
        listener.close()
    about.refresh_from_db()
    assert about.title == "About the network" and about.live
    # One purge per address of the page, each given up after the timeout and logged.
    failed = caplog.text.count("Could not purge")
    assert failed >= 1
    assert took < failed * 0.2 + 1.5
