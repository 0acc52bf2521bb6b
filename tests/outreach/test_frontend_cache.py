"""Publishing purges the page from a CDN or caching proxy (wagtail.contrib.frontend_cache), and
nothing happens when no purge backend is configured."""

import threading
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
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
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
