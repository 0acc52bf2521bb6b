"""A real Celery worker, a real Redis broker: a notification's email really goes through the
queue. Run with ``REDIS_URL=redis://127.0.0.1:6379/1``; without Redis it is skipped (or fails
under CONVIVE_REQUIRE_SERVICES=1)."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.db import transaction

from config.celery import app
from network.notifications.models import EmailDelivery
from network.notifications.services import notification_send
from tests.factories import UserFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 30


@pytest.fixture
def real_worker():
    """Switch the project's Celery app from eager to Redis and run a worker in a thread.

    A queue of our own keeps this test from exchanging tasks with any other worker that uses
    the same Redis database."""
    queue = f"convive-test-notifications-{uuid.uuid4().hex[:12]}"
    saved = {
        key: app.conf[key]
        for key in ("task_always_eager", "broker_url", "result_backend", "task_default_queue")
    }
    queues_before = list(app.amqp.queues.consume_from)
    app.conf.update(
        task_always_eager=False,
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
        task_default_queue=queue,
    )
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.update(saved)
        app.amqp.queues.select(queues_before)


def _wait_for(condition) -> bool:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_real_worker_delivers_the_notification_email(real_worker):
    mail.outbox.clear()
    coordinator = UserFactory(email="coordinator@example.org", preferred_language="es")

    with transaction.atomic():
        notification_send(
            recipients=[coordinator],
            kind="join_request_submitted",
            event_key="join-request:1",
            context={
                "authority_name": "Municipio de Prueba",
                "country": "EC",
                "contact_name": "Inés",
                "request_id": 1,
            },
            url="/es/me/",
        )

    def delivered() -> bool:
        return EmailDelivery.objects.filter(
            recipient=coordinator, status=EmailDelivery.Status.SENT
        ).exists()

    assert _wait_for(lambda: len(mail.outbox) == 1 and delivered()), (
        f"no email within {WAIT_SECONDS}s: outbox={len(mail.outbox)}, "
        f"deliveries={list(EmailDelivery.objects.values_list('status', 'last_error'))}"
    )
    message = mail.outbox[0]
    assert message.to == ["coordinator@example.org"]
    assert "Municipio de Prueba" in message.subject
    assert message.extra_headers["Content-Language"] == "es"
