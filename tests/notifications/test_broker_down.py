"""A broker that is down while someone applies to join: the request answers as usual, the
emails wait in the outbox, and the sweep sends each exactly once when the broker is back."""

import time

import pytest
from django.core import mail

from network.models import JoinRequest
from network.roles import Role
from notifications import services
from notifications.models import EmailDelivery
from tests.network.conftest import person
from tests.network.test_join import FORM, JOIN_URL

from .brokers import closed_port, project_celery

# Transactions really commit, so that the emails are published inside the request, as in
# production (ATOMIC_REQUESTS).
pytestmark = pytest.mark.django_db(transaction=True)

# Publishing to a dead broker gives up in about a second (CELERY_TASK_PUBLISH_RETRY_POLICY).
FAST = 5


def test_applying_to_join_while_the_broker_is_down(client):
    coordinators = [person(Role.COORDINATOR) for _ in range(3)]
    mail.outbox.clear()

    with project_celery(
        broker_url=f"redis://127.0.0.1:{closed_port()}/0", task_always_eager=False
    ) as app:
        started = time.monotonic()
        response = client.post(JOIN_URL, FORM)
        elapsed = time.monotonic() - started

        assert response.status_code == 302
        assert response["Location"] == "/en/network/join/thanks/"
        assert elapsed < FAST
        assert JoinRequest.objects.get().authority_name == "Arica"
        deliveries = EmailDelivery.objects.all()
        # One email per coordinator and the applicant's acknowledgement.
        assert [row.status for row in deliveries] == [EmailDelivery.Status.QUEUED] * 4
        # Marked unpublished, so that the first sweep after recovery takes them at once.
        assert not deliveries.filter(enqueued_at__isnull=False).exists()
        assert mail.outbox == []

        # The broker is back (tasks now run where they are published) and beat sweeps.
        app.conf.task_always_eager = True
        assert services.delivery_sweep().published == 4
        assert services.delivery_sweep().published == 0

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [*(coordinator.email for coordinator in coordinators), FORM["contact_email"].lower()]
    )
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"sent"}
