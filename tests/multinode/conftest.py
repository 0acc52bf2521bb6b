"""The deployment the multi-node tests share: one database, one Redis, two nodes, a worker and
a mail server, built once for the module (see cluster.py)."""

import os
import shutil

import pytest
from django.conf import settings

from tests.notifications.smtp_sink import SmtpSink

from .cluster import (
    Cluster,
    Visitor,
    cluster_prepare,
    database_create,
    database_drop,
    make_root,
    redis_exclusive,
    redis_forget,
    redis_url_beside,
)


@pytest.fixture(scope="module")
def root():
    path = make_root()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def database_url():
    url = database_create(os.environ["DATABASE_URL"])
    yield url
    database_drop(url)


@pytest.fixture(scope="module")
def mail_server():
    """Where the worker sends email: every message it takes is in ``mail_server.received``."""
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def cluster(root, database_url, mail_server):
    """Nodes "a" and "b" and a worker on the shared Redis, with the seeded content in
    ``cluster.seeded``."""
    cluster = Cluster(
        database_url=database_url, redis_url=redis_url_beside(settings.REDIS_URL), root=root
    )
    cluster_prepare(cluster)
    with redis_exclusive(cluster.redis_url):
        try:
            cluster.node_start("a")
            cluster.node_start("b")
            cluster.worker_start(smtp_port=mail_server.port)
            cluster.seeded = cluster.site("seed")  # while the nodes start
            cluster.wait_until_serving("a", "b")
            yield cluster
        finally:
            cluster.stop_all()
            redis_forget(cluster.redis_url)


@pytest.fixture(scope="module")
def editor(cluster):
    """A superuser signed in (password and code) to node A, in the CMS."""
    visitor = Visitor()
    visitor.sign_in(cluster.url("a"), cluster.seeded["editor"], second_factor=True)
    return visitor
