"""The deployment the multi-node tests share: one database, a Redis server of its own, two
buckets on the local S3 server, two nodes, a worker and a mail server, built once for the
module (see cluster.py)."""

import os
import shutil

import pytest

from tests.conftest import REQUIRE_SERVICES
from tests.notifications.smtp_sink import SmtpSink
from tests.object_storage import buckets_create, s3_endpoint  # noqa: F401

from .cluster import (
    Cluster,
    PrivateRedis,
    Visitor,
    cluster_prepare,
    database_create,
    database_drop,
    make_root,
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
def redis_server(root):
    """The deployment's Redis: broker and caches, which the tests stop, freeze and restart."""
    if PrivateRedis.binary() is None and not REQUIRE_SERVICES:
        pytest.skip("needs redis-server (Debian: apt-get install redis-server)")
    server = PrivateRedis(root)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mail_server():
    """Where the worker sends email: every message it takes is in ``mail_server.received``."""
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def cluster(root, database_url, redis_server, s3_endpoint, mail_server):  # noqa: F811
    """Nodes "a" and "b" and a worker, with the seeded content in ``cluster.seeded``."""
    cluster = Cluster(
        database_url=database_url,
        redis_server=redis_server,
        buckets=buckets_create(s3_endpoint),
        root=root,
    )
    cluster_prepare(cluster)
    try:
        cluster.node_start("a")
        cluster.node_start("b")
        cluster.worker_start(smtp_port=mail_server.port)
        cluster.seeded = cluster.site("seed")  # while the nodes start
        cluster.wait_until_serving("a", "b")
        yield cluster
    finally:
        cluster.stop_all()


@pytest.fixture(scope="module")
def editor(cluster):
    """A superuser signed in (password and code) to node A, in the CMS."""
    visitor = Visitor()
    visitor.sign_in(cluster.url("a"), cluster.seeded["editor"], second_factor=True)
    return visitor


@pytest.fixture(scope="module")
def member(cluster):
    """The member of the seeded local authority, signed in to node A."""
    visitor = Visitor()
    visitor.sign_in(cluster.url("a"), cluster.seeded["member"])
    return visitor


@pytest.fixture(scope="module")
def coordinator(cluster):
    """A coordinator signed in (password and code) to node B, once for the module: a code
    from the authenticator app is accepted once (allauth marks it used)."""
    visitor = Visitor()
    visitor.sign_in(cluster.url("b"), cluster.seeded["coordinator"], second_factor=True)
    return visitor
