"""Celery apps for tests that need a broker that is down, wiped or real, without touching the
project's app (whose connection pools would keep the first broker they met)."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from celery import Celery
from celery.contrib.testing.app import setup_default_app


def closed_port() -> int:
    """A local TCP port nothing listens on (a broker that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def project_celery(**conf) -> Iterator[Celery]:
    """A fresh app configured from the project's settings plus ``conf``, made the current and
    default app while the block runs: every task the code publishes goes through it."""
    app = Celery("convive-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(conf)
    # Now, outside setup_default_app, which forgets the shared tasks first imported inside it.
    app.autodiscover_tasks(force=True)
    with setup_default_app(app):
        app.set_current()
        app.set_default()
        yield app
