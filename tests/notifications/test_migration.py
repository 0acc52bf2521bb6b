"""The outbox migration hands the sweep what the broker held under the old tasks."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from notifications import services
from notifications.models import EmailDelivery

pytestmark = pytest.mark.django_db

migration = importlib.import_module("notifications.migrations.0002_outbox")
Status = EmailDelivery.Status


def _old_row(key: str, **fields) -> EmailDelivery:
    # Written as the old code left them: kind not set yet, a published message assumed.
    return EmailDelivery.objects.create(key=key, enqueued_at=timezone.now(), **fields)


def test_old_rows_get_their_kind_and_pending_ones_go_to_the_sweep():
    notification = _old_row("notification:1")
    digest = _old_row("digest:daily:2030-01-01:1", status=Status.SENT, attempts=1)
    direct = _old_row("join-request-approved:4", status=Status.FAILED, attempts=3)
    exhausted = _old_row("direct:abc", status=Status.FAILED, attempts=services.MAX_ATTEMPTS)

    migration.outbox_fill(apps, SimpleNamespace(connection=connection))

    for row in (notification, digest, direct, exhausted):
        row.refresh_from_db()
    assert [row.kind for row in (notification, digest, direct, exhausted)] == [
        "notification",
        "digest",
        "direct",
        "direct",
    ]
    # Celery would have retried the failed one; its retry message names a task that is gone.
    assert (direct.status, direct.enqueued_at) == (Status.QUEUED, None)
    assert (notification.status, notification.enqueued_at) == (Status.QUEUED, None)
    assert exhausted.status == Status.FAILED
    assert digest.status == Status.SENT
