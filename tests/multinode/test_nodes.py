"""Several nodes: two gunicorn instances with the production settings and a Celery worker, as
separate processes on one PostgreSQL, one Redis and shared media (tests/multinode/cluster.py).

An editor's change committed on node A shows on node B's next anonymous request, although B has
just cached the page; a Redis that stops while a member proposes a practice and a coordinator
approves it stops nothing, and every notification goes out once when it is back; a worker
killed in the middle of 300 emails sends none of them twice."""

import signal
import time
from collections import Counter

import pytest
import requests

from tests.conftest import REQUIRE_SERVICES
from tests.notifications.smtp_sink import SmtpSink
from tests.processes import process_kill, wait_for

from .cluster import Cluster, PrivateRedis, Visitor

# One deployment per module and worker; under pytest-xdist, --dist loadscope keeps the module in
# one worker (otherwise a second deployment waits for the first: cluster.redis_exclusive).
pytestmark = [pytest.mark.multinode, pytest.mark.postgres, pytest.mark.redis]

# A node that cannot reach Redis must still answer within this (outcome 4: under a second; the
# rest is the loopback, the CPU shared with the other processes and the first connection try).
SERVING_SECONDS = 3


def get(cluster: Cluster, node: str, path: str, visitor=None) -> requests.Response:
    return (visitor or requests).get(
        f"{cluster.url(node)}{path}", allow_redirects=False, timeout=30
    )


def warm(cluster: Cluster, *paths: str) -> None:
    """Both nodes have just served (and so cached) each path, twice."""
    for node in ("a", "b", "b"):
        for path in paths:
            assert get(cluster, node, path).status_code < 500, (node, path)


def received_copies(sink: SmtpSink, expected: set[tuple[str, str]]) -> Counter:
    """How many times the mail server took each of the ``expected`` (address, Message-ID)
    emails; those of another test that a sweep sent meanwhile are left out."""
    addresses = {address for address, _ in expected}
    return Counter(
        (message.recipients[0], message.message_id)
        for message in sink.received
        if message.recipients[0] in addresses
    )


def news_url(slug: str) -> str:
    return f"/en/news/{slug}/"


# ---------------------------------------------------------------------------------------------
# Scenario 1: a change on node A, node B's next request
# ---------------------------------------------------------------------------------------------
def test_a_page_published_on_a_is_served_by_b(cluster):
    warm(cluster, news_url("nodes-publish"), "/en/news/")
    assert get(cluster, "b", news_url("nodes-publish")).status_code == 404

    cluster.site("publish", cluster.seeded["pages"]["publish"])

    page = get(cluster, "b", news_url("nodes-publish"))
    assert page.status_code == 200
    assert "Nodes published later" in page.text
    assert "Nodes published later" in get(cluster, "b", "/en/news/").text


def test_a_page_unpublished_on_a_is_gone_from_b(cluster, editor):
    warm(cluster, news_url("nodes-unpublish"), "/en/news/")
    assert "Nodes withdrawn" in get(cluster, "b", "/en/news/").text

    # In node A's CMS.
    page_id = cluster.seeded["pages"]["unpublish"]
    response = editor.submit(f"{cluster.url('a')}/cms/pages/{page_id}/unpublish/", {})
    assert response.status_code == 302, response.status_code

    assert get(cluster, "b", news_url("nodes-unpublish")).status_code == 404
    assert "Nodes withdrawn" not in get(cluster, "b", "/en/news/").text


def test_a_restriction_added_on_a_applies_on_b(cluster, editor):
    warm(cluster, news_url("nodes-restrict"))
    assert "Nodes members only" in get(cluster, "b", news_url("nodes-restrict")).text

    # In node A's CMS: the page's privacy dialogue.
    privacy = f"{cluster.url('a')}/cms/pages/{cluster.seeded['pages']['restrict']}/privacy/"
    response = editor.submit(privacy, {"restriction_type": "login"})
    assert response.status_code == 200, response.status_code
    assert response.json()["step"] == "set_privacy_done", response.text[:300]

    page = get(cluster, "b", news_url("nodes-restrict"))
    assert page.status_code == 302
    assert "login/?next=/en/news/nodes-restrict/" in page.headers["Location"]
    assert "Nodes members only" not in page.text


def test_a_page_renamed_on_a_moves_on_b(cluster):
    warm(cluster, news_url("nodes-rename"), "/en/news/")

    new_url = cluster.site("rename", cluster.seeded["pages"]["rename"])

    assert new_url == news_url("nodes-renamed")
    page = get(cluster, "b", new_url)
    assert page.status_code == 200
    assert "Nodes new title" in page.text
    old = get(cluster, "b", news_url("nodes-rename"))
    assert "Nodes old title" not in old.text
    assert old.status_code != 200
    listing = get(cluster, "b", "/en/news/").text
    assert "Nodes new title" in listing
    assert "Nodes old title" not in listing


def test_a_translation_published_on_a_is_served_by_b(cluster):
    page_id = cluster.seeded["pages"]["translate"]
    spanish = cluster.site("spanish_url", page_id)
    warm(cluster, spanish, news_url("nodes-translate"))
    assert "Nodos en castellano" not in get(cluster, "b", spanish).text

    assert cluster.site("translate", page_id) == spanish

    page = get(cluster, "b", spanish)
    assert page.status_code == 200
    assert "Nodos en castellano" in page.text
    assert "Resumen en castellano." in page.text
    # The English page now links to its Spanish translation.
    assert f'hreflang="es" href="http://127.0.0.1{spanish}"' in get(
        cluster, "b", news_url("nodes-translate")
    ).text.replace(f"{cluster.url('b')}", "http://127.0.0.1")


def test_an_image_deleted_on_a_leaves_b_serving_the_page(cluster):
    warm(cluster, news_url("nodes-image"))
    before = get(cluster, "b", news_url("nodes-image"))
    assert 'class="article-image"' in before.text

    cluster.site("delete_image", cluster.seeded["image"])

    page = get(cluster, "b", news_url("nodes-image"))
    assert page.status_code == 200
    assert "Nodes harbour" in page.text
    assert 'class="article-image"' not in page.text


def test_a_member_authority_deleted_on_a_leaves_the_practice_cards_on_b(cluster):
    warm(cluster, "/en/practices/")
    assert "Municipio Nodal" in get(cluster, "b", "/en/practices/").text

    cluster.site("delete_authority", cluster.seeded["authority"])

    directory = get(cluster, "b", "/en/practices/")
    assert directory.status_code == 200
    assert "Nodes welcome desk" in directory.text
    assert "Municipio Nodal" not in directory.text


# ---------------------------------------------------------------------------------------------
# Scenario 2: Redis stops while a member proposes and a coordinator approves
# ---------------------------------------------------------------------------------------------
BASICS = {
    "title": "Nodes proposal under a storm",
    "summary": "A desk that kept working while the cache was away.",
    "place_name": "Villa Esperanza",
    "country": "CO",
    "implementing_organisations": "Social development office",
    "start_date": "2022-03-01",
    "ongoing": "on",
    "status": "running",
    "action": "next",
}
STEPS = {
    "practice": {
        "context": "Many people arrived.",
        "objectives": "Make services reachable.",
        "activities": "One desk.",
        "results": "3,000 people served.",
        "action": "next",
    },
    "classification": {
        "themes": ["reception"],
        "target_groups": ["migrants"],
        "gcm_objectives": ["gcm-01"],
        "tags": "welcome",
        "action": "next",
    },
    "attachments": {
        "contact_name": "Ana Pérez",
        "contact_email": "ana@example.org",
        "action": "next",
    },
}


def serving(cluster: Cluster) -> None:
    """Both nodes answer an anonymous visitor's pages, quickly and without an error."""
    for node in ("a", "b"):
        for path in ("/en/", "/en/news/", "/en/practices/"):
            started = time.monotonic()
            response = get(cluster, node, path)
            elapsed = time.monotonic() - started
            assert response.status_code == 200, (node, path, response.status_code)
            assert elapsed < SERVING_SECONDS, (node, path, elapsed)


@pytest.fixture
def stormy(cluster, root, tmp_path):
    """Two more nodes and a worker on the same database, whose broker and caches are a
    private Redis that the test stops and starts; their own mail server."""
    if PrivateRedis.binary() is None and not REQUIRE_SERVICES:
        pytest.skip("needs redis-server (Debian: apt-get install redis-server)")
    redis_server = PrivateRedis(tmp_path)
    redis_server.start()
    stormy = Cluster(
        database_url=cluster.database_url, redis_url=redis_server.url, root=root, ports={}
    )
    stormy.seeded = cluster.seeded
    stormy.redis_server = redis_server
    with SmtpSink() as sink:
        stormy.mail_server = sink
        try:
            stormy.node_start("a")
            stormy.node_start("b")
            stormy.worker_start(smtp_port=sink.port)
            stormy.wait_until_serving("a", "b")
            yield stormy
        finally:
            stormy.stop_all()
            redis_server.stop()


def test_redis_stopped_during_a_proposal_and_its_approval(stormy):
    cluster = stormy
    first_email = cluster.site("last_delivery_id")
    member, coordinator = Visitor(), Visitor()
    member.sign_in(cluster.url("a"), cluster.seeded["member"])
    coordinator.sign_in(cluster.url("b"), cluster.seeded["coordinator"], second_factor=True)
    base_a = cluster.url("a")
    response = member.submit(f"{base_a}/en/practices/contribute/new/", BASICS)
    assert response.status_code == 302, response.status_code
    step_url = response.headers["Location"].rsplit("/step/", 1)[0]
    for step, data in STEPS.items():
        response = member.submit(f"{base_a}{step_url}/step/{step}/", data)
        assert response.status_code == 302, (step, response.status_code)
    submission = cluster.site("submission", cluster.seeded["member"])
    assert submission["state"] == "draft"

    cluster.redis_server.stop()

    serving(cluster)
    response = member.submit(f"{base_a}/en/practices/contribute/{submission['id']}/submit/", {})
    assert response.status_code == 302, response.status_code
    assert cluster.site("submission", cluster.seeded["member"])["state"] == "submitted"
    serving(cluster)
    detail = f"{cluster.url('b')}/en/practices/contribute/{submission['id']}/"
    assert "Nodes proposal under a storm" in coordinator.get(detail, timeout=10).text
    response = coordinator.submit(
        f"{detail}review/", {"decision": "approve", "message": ""}, form_url=detail
    )
    assert response.status_code == 302, response.status_code
    approved = cluster.site("submission", cluster.seeded["member"])
    assert approved["state"] == "approved"
    assert approved["live"]
    serving(cluster)
    for node in ("a", "b"):
        assert "Nodes proposal under a storm" in get(cluster, node, approved["url"]).text
    # Nothing went out while the broker was away; nothing is lost either.
    deliveries = cluster.site("deliveries", first_email)
    assert {row[0] for row in deliveries} >= {
        cluster.seeded["coordinator"],
        cluster.seeded["member"],
    }
    assert cluster.mail_server.received == []

    cluster.redis_server.start()

    statuses = cluster.site("sweep_until_sent", first_email)
    assert statuses == {"sent": len(deliveries)}
    expected = {(row[0], row[1]) for row in cluster.site("deliveries", first_email)}
    assert wait_for(lambda: len(cluster.mail_server.received) >= len(expected), seconds=10)
    time.sleep(1)  # a second copy would come now
    copies = received_copies(cluster.mail_server, expected)
    assert set(copies) == expected
    assert set(copies.values()) == {1}
    serving(cluster)


# ---------------------------------------------------------------------------------------------
# Scenario 3: the worker is killed in the middle of 300 emails
# ---------------------------------------------------------------------------------------------
def test_a_worker_killed_mid_batch_sends_each_email_once(cluster, mail_server):
    """As tests/notifications/test_worker.py, against the deployment: the mail server stops
    answering after 100 emails, the worker is killed (SIGKILL, with its pool) in the middle of
    two sends, another worker and the sweep deliver the rest."""
    cluster.stop("worker")
    try:
        with SmtpSink(hold_after=100) as sink:
            first_email = cluster.site("notify_batch")
            cluster.worker_start(smtp_port=sink.port)
            assert wait_for(lambda: sink.held == 2, seconds=60), f"held {sink.held}"
            cluster.stop("worker", kill=True)
            statuses = Counter(row[2] for row in cluster.site("deliveries", first_email))
            assert statuses["sending"] == 2, statuses
            # The nodes never noticed.
            for node in ("a", "b"):
                assert get(cluster, node, "/en/").status_code == 200

            sink.stop_holding()
            cluster.worker_start(smtp_port=sink.port)
            assert cluster.site("sweep_until_sent", first_email) == {"sent": 300}
            time.sleep(1)  # a second copy would come now
            rows = cluster.site("deliveries", first_email)
        expected = {(row[0], row[1]) for row in rows}
        copies = received_copies(sink, expected)
        assert set(copies) == expected
        assert len(copies) == 300
        assert set(copies.values()) == {1}
        # The two interrupted sends were decided by the sweep and sent once more.
        assert sorted(row[3] for row in rows).count(2) == 2
    finally:
        process = cluster.processes.get("worker")
        if process is not None:
            process_kill(process, signal.SIGTERM)
            cluster.processes.pop("worker")
        cluster.worker_start(smtp_port=mail_server.port)
