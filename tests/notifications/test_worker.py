"""Real Celery workers and a real Redis broker: emails really go through the queue, survive a
wiped queue and a worker killed in the middle of a batch. Run with
``REDIS_URL=redis://127.0.0.1:6379/1``; without Redis these are skipped (or fail under
CONVIVE_REQUIRE_SERVICES=1). Each test uses a queue of its own, so it exchanges tasks with no
other worker and drops no one else's messages."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.db import connection, transaction

from notifications import services
from notifications.models import EmailDelivery
from notifications.services import notification_send
from tests.factories import UserFactory
from tests.processes import process_kill, wait_for

from .brokers import project_celery
from .smtp_sink import SmtpSink

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 30
REPO = Path(__file__).resolve().parents[2]
JOIN_CONTEXT = {
    "authority_name": "Municipio de Prueba",
    "country": "EC",
    "contact_name": "Inés",
    "request_id": 1,
}


@pytest.fixture
def queue():
    """A queue of our own on the Redis of REDIS_URL, dropped afterwards."""
    name = f"convive-test-notifications-{uuid.uuid4().hex[:12]}"
    yield name
    redis.Redis.from_url(settings.REDIS_URL).delete(name)


@pytest.fixture
def broker(queue):
    """The project's Celery configuration on Redis, not eager, publishing to ``queue``."""
    with project_celery(
        task_always_eager=False,
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
        task_default_queue=queue,
    ) as app:
        yield app


def _thread_worker(app, queue):
    return start_worker(
        app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=10
    )


def _notify(people, *, events: int = 1) -> None:
    for event in range(events):
        with transaction.atomic():
            notification_send(
                recipients=people,
                kind="join_request_submitted",
                event_key=f"join-request:{event}",
                context={**JOIN_CONTEXT, "request_id": event},
                url="/es/me/",
            )


def _all_sent() -> bool:
    return not EmailDelivery.objects.exclude(status=EmailDelivery.Status.SENT).exists()


def test_a_real_worker_delivers_the_notification_email(broker, queue):
    mail.outbox.clear()
    coordinator = UserFactory(email="coordinator@example.org", preferred_language="es")

    with _thread_worker(broker, queue):
        _notify([coordinator])
        assert wait_for(lambda: len(mail.outbox) == 1 and _all_sent()), (
            f"no email within {WAIT_SECONDS}s: outbox={len(mail.outbox)}, "
            f"deliveries={list(EmailDelivery.objects.values_list('status', 'last_error'))}"
        )

    message = mail.outbox[0]
    assert message.to == ["coordinator@example.org"]
    assert "Municipio de Prueba" in message.subject
    assert message.extra_headers["Content-Language"] == "es"


def test_a_wiped_queue_loses_no_email(broker, queue, settings):
    """Redis restarted without persistence: every message is gone, the outbox is not."""
    settings.NOTIFICATIONS_QUEUED_TIMEOUT = 1
    mail.outbox.clear()
    people = UserFactory.create_batch(25)
    _notify(people, events=2)
    client = redis.Redis.from_url(settings.REDIS_URL)
    assert client.llen(queue) == 50

    client.delete(queue)

    with _thread_worker(broker, queue):
        time.sleep(settings.NOTIFICATIONS_QUEUED_TIMEOUT + 0.1)
        assert services.delivery_sweep().published == 50
        assert wait_for(_all_sent), list(EmailDelivery.objects.values_list("status", flat=True))
        # Sweeping again changes nothing.
        assert services.delivery_sweep().published == 0

    copies = Counter(
        (message.to[0], message.extra_headers["Message-ID"]) for message in mail.outbox
    )
    assert len(copies) == 50
    assert set(copies.values()) == {1}
    assert {address for address, _ in copies} == {person.email for person in people}


def _start_worker_process(*, queue: str, smtp_port: int) -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "TEST_SMTP_PORT": str(smtp_port),
        "TEST_CELERY_QUEUE": queue,
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork"]
    command += ["--concurrency=2", "-Q", queue, "--loglevel=WARNING"]
    command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
    # A session of its own, so that killing it kills its pool processes too.
    return subprocess.Popen(command, cwd=REPO, env=env, start_new_session=True)


@pytest.mark.postgres
def test_a_worker_killed_mid_batch_delivers_each_email_once(broker, queue, settings):
    """300 emails (100 people x 3 events); the mail server stops answering after 100, and the
    worker is killed with both its processes in the middle of a send. Another worker and the
    sweep deliver every email exactly once, within the shortened timeouts."""
    settings.NOTIFICATIONS_QUEUED_TIMEOUT = 2
    settings.NOTIFICATIONS_SENDING_TIMEOUT = 3
    people = UserFactory.create_batch(100)
    _notify(people, events=3)
    expected = {
        (row.recipient.email, row.message_id)
        for row in EmailDelivery.objects.select_related("recipient")
    }
    assert len(expected) == 300

    with SmtpSink(hold_after=100) as sink:
        first = _start_worker_process(queue=queue, smtp_port=sink.port)
        try:
            assert wait_for(lambda: sink.held == 2, seconds=60), f"held {sink.held}"
        finally:
            process_kill(first)
        sending = EmailDelivery.objects.filter(status=EmailDelivery.Status.SENDING).count()
        assert sending == 2

        sink.stop_holding()
        started = time.monotonic()
        second = _start_worker_process(queue=queue, smtp_port=sink.port)
        try:
            assert wait_for(
                lambda: services.delivery_sweep() and _all_sent(), seconds=90, every=0.5
            ), Counter(EmailDelivery.objects.values_list("status", flat=True))
        finally:
            process_kill(second, signal.SIGTERM)
        recovery = time.monotonic() - started

    copies = Counter((message.recipients[0], message.message_id) for message in sink.received)
    assert set(copies) == expected
    assert set(copies.values()) == {1}
    assert len(sink.received) == 300
    # The two interrupted sends were decided by the sweep, visibly, and sent once more.
    interrupted = EmailDelivery.objects.filter(interrupted_at__isnull=False)
    assert interrupted.count() == 2
    assert set(interrupted.values_list("attempts", flat=True)) == {2}
    assert recovery < 90  # the whole test took 26-44 s on a shared two-core machine
