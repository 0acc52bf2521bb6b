"""Several nodes: two gunicorn instances with the production settings and a Celery worker, as
separate processes on one PostgreSQL, one Redis and one S3 object store
(tests/multinode/cluster.py).

An editor's change committed on node A shows on node B's next anonymous request, although B has
just cached the page; files uploaded on node A are served by node B from the object store (a
proposal's private file only through B's permission-checked view); the broker and the caches
live in separate Redis databases; a Redis that stops while a member proposes a practice and a
coordinator approves it stops nothing, and every notification goes out once when it is back; a
Redis that hangs slows no page beyond a second; a worker killed in the middle of 300 emails
sends none of them twice."""

import re
import signal
import time
from collections import Counter

import pytest
import requests

from network.redis_cache import RETRY_AFTER
from tests.notifications.smtp_sink import SmtpSink
from tests.object_storage import anonymous_get
from tests.processes import process_kill, wait_for

from .cluster import Cluster, Visitor
from .site import png_bytes

# One deployment per module and test process; every service it uses is its own (a database, a
# Redis server, buckets, ports), so that under pytest-xdist two deployments never meet.
pytestmark = [pytest.mark.multinode, pytest.mark.postgres]

# A node whose Redis is stopped must still answer within this (outcome 4: under a second; the
# rest is the loopback and the CPU shared with the other processes).
SERVING_SECONDS = 3
# A node whose Redis hangs: one cache call waits for the 0.25 s socket timeout
# (network/redis_cache.py), the next ones skip the server.
PAUSED_SECONDS = 1.5
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
# Scenario 2: files in the object store
# ---------------------------------------------------------------------------------------------
def test_an_image_uploaded_on_a_is_served_by_b_from_the_object_store(cluster, editor):
    buckets = cluster.buckets
    # In node A's CMS.
    response = editor.submit(
        f"{cluster.url('a')}/cms/images/add/",
        {"title": "Nodes lighthouse photo", "collection": cluster.seeded["collection"]},
        files={"file": ("nodes-lighthouse.png", png_bytes(), "image/png")},
    )
    assert response.status_code == 302, response.text[:500]
    assert any("nodes-lighthouse" in key for key in buckets.keys(buckets.public))

    url = cluster.site("image_show", f"{cluster.seeded['pages']['upload']} Nodes lighthouse photo")

    # Node B renders the page: it reads the original from the store and puts its rendition there.
    page = get(cluster, "b", url)
    assert page.status_code == 200
    # The picture's fallback <img> (its JPEG rendition; AVIF and WebP are offered beside it).
    tag = re.search(r'<div class="article-image">.*?(<img [^>]*>)', page.text, re.S)
    assert tag, page.text[:500]
    source = re.search(r'src="([^"]+)"', tag.group(1)).group(1)
    assert source.startswith(f"{buckets.endpoint}/{buckets.public}/images/nodes-lighthouse")
    status, body = anonymous_get(source)
    assert status == 200
    assert body[:3] == b"\xff\xd8\xff"  # a JPEG
    # Node A serves the same rendition.
    assert source in get(cluster, "a", url).text


def propose(cluster: Cluster, member: Visitor, *, title: str, upload: bytes = b"") -> int:
    """A member drafts a proposal on node A, step by step (with a PDF when ``upload``); its id."""
    base = cluster.url("a")
    response = member.submit(f"{base}/en/practices/contribute/new/", {**BASICS, "title": title})
    assert response.status_code == 302, response.status_code
    step_url = response.headers["Location"].rsplit("/step/", 1)[0]
    for step, data in STEPS.items():
        files = None
        if step == "attachments" and upload:
            files = {"file": ("Informe final.pdf", upload, "application/pdf")}
            data = {**data, "file_title": "Final report"}
        response = member.submit(f"{base}{step_url}/step/{step}/", data, files=files)
        assert response.status_code == 302, (step, response.status_code, response.text[:500])
    return int(step_url.rstrip("/").rsplit("/", 1)[1])


def test_a_proposal_file_uploaded_on_a_is_fetched_through_b_by_coordinators_only(
    cluster, member, coordinator
):
    buckets = cluster.buckets

    submission_id = propose(cluster, member, title="Nodes proposal with a report", upload=PDF)

    [[attachment_id, key]] = cluster.site("attachments", submission_id)
    assert key in buckets.keys(buckets.private)
    assert key not in buckets.keys(buckets.public)
    download = (
        f"{cluster.url('b')}/en/practices/contribute/{submission_id}/attachments/{attachment_id}/"
    )
    response = coordinator.get(download, timeout=10)
    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["Content-Disposition"].startswith("attachment;")
    # Refused to an anonymous visitor, on the node and at the object store.
    refused = requests.get(download, allow_redirects=False, timeout=10)
    assert refused.status_code == 302
    assert "/accounts/login/" in refused.headers["Location"]
    assert PDF not in refused.content
    assert anonymous_get(f"{buckets.endpoint}/{buckets.private}/{key}") == (403, b"")


# ---------------------------------------------------------------------------------------------
# Scenario 3: Redis (the broker's and the caches' databases) stops, or hangs
# ---------------------------------------------------------------------------------------------
def test_the_broker_and_the_caches_use_separate_redis_databases(cluster):
    """The nodes are given one REDIS_URL (database 0), as the README's production example;
    the settings derive the caches' databases from it."""
    server = cluster.redis_server
    locations = cluster.site("redis_locations")
    database = server.url.rsplit("/", 1)[0]
    assert locations == {
        "broker": f"{database}/0",
        "results": f"{database}/0",
        "default": f"{database}/1",
        "pages": f"{database}/2",
    }

    warm(cluster, "/en/", "/en/news/", "/en/practices/")

    def keys(number: int) -> list[bytes]:
        return list(server.database(number).scan_iter(count=1000))

    # The Celery queue's bindings (declared by the worker) in the broker's database only...
    assert wait_for(lambda: any(key.startswith(b"_kombu.") for key in keys(0)), seconds=10)
    assert not [key for key in keys(1) + keys(2) if key.startswith((b"_kombu.", b"unacked"))]
    # ...and the rendered pages and fragments in the page cache's only.
    assert keys(2)
    assert all(key.startswith(b"convive-pages:") for key in keys(2))
    assert not [key for key in keys(0) + keys(1) if key.startswith(b"convive-pages:")]


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


def serving(cluster: Cluster, *, seconds: float = SERVING_SECONDS) -> None:
    """Both nodes answer an anonymous visitor's pages, quickly and without an error."""
    for node in ("a", "b"):
        for path in ("/en/", "/en/news/", "/en/practices/"):
            started = time.monotonic()
            response = get(cluster, node, path)
            elapsed = time.monotonic() - started
            assert response.status_code == 200, (node, path, response.status_code)
            assert elapsed < seconds, (node, path, elapsed)


@pytest.fixture
def own_mail_server(cluster, mail_server):
    """The worker sends to a mail server of this test's own (no email of another test)."""
    cluster.stop("worker")
    with SmtpSink() as sink:
        cluster.worker_start(smtp_port=sink.port)
        try:
            yield sink
        finally:
            cluster.stop("worker")
            cluster.worker_start(smtp_port=mail_server.port)


@pytest.fixture
def redis_restored(cluster):
    """Redis runs again after the test, whatever happened in it."""
    yield cluster.redis_server
    if not cluster.redis_server.running:
        cluster.redis_server.start()
    cluster.redis_server.resume()


def test_redis_stopped_during_a_proposal_and_its_approval(
    cluster, member, coordinator, own_mail_server, redis_restored
):
    first_email = cluster.site("last_delivery_id")
    base_a = cluster.url("a")
    propose(cluster, member, title=BASICS["title"])
    submission = cluster.site("submission", cluster.seeded["member"])
    assert submission["state"] == "draft"

    cluster.redis_server.stop()

    serving(cluster)
    response = member.submit(f"{base_a}/en/practices/contribute/{submission['id']}/submit/", {})
    assert response.status_code == 302, response.status_code
    assert cluster.site("submission", cluster.seeded["member"])["state"] == "submitted"
    serving(cluster)
    detail = f"{cluster.url('b')}/en/practices/contribute/{submission['id']}/"
    page = coordinator.get(detail, timeout=10)
    assert page.status_code == 200
    assert "Nodes proposal under a storm" in page.text
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
    assert own_mail_server.received == []

    cluster.redis_server.start()

    statuses = cluster.site("sweep_until_sent", first_email)
    assert statuses == {"sent": len(deliveries)}
    expected = {(row[0], row[1]) for row in cluster.site("deliveries", first_email)}
    assert wait_for(lambda: len(own_mail_server.received) >= len(expected), seconds=10)
    time.sleep(1)  # a second copy would come now
    copies = received_copies(own_mail_server, expected)
    assert set(copies) == expected
    assert set(copies.values()) == {1}
    serving(cluster)


def test_redis_paused_pages_answer_within_a_second(cluster, redis_restored):
    """A Redis that accepts connections and never answers (SIGSTOP), as a hung server."""
    warm(cluster, "/en/", "/en/news/", "/en/practices/")

    cluster.redis_server.pause()

    serving(cluster, seconds=PAUSED_SECONDS)
    # Once the nodes try the server again, still no wait beyond the socket timeouts.
    time.sleep(RETRY_AFTER)
    serving(cluster, seconds=PAUSED_SECONDS)
    cluster.redis_server.resume()
    serving(cluster)


# ---------------------------------------------------------------------------------------------
# Scenario 4: the worker is killed in the middle of 300 emails
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
