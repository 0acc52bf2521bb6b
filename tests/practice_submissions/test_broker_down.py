"""A practice proposal sent while the broker is down: saved, the author sees the usual page,
and the coordinators' emails go out exactly once when the broker is back."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from notifications import services
from notifications.models import EmailDelivery
from tests.factories import PracticeSubmissionFactory
from tests.notifications.brokers import closed_port, project_celery

pytestmark = pytest.mark.django_db


def test_sending_a_proposal_while_the_broker_is_down(
    client, directory, member, coordinator, django_capture_on_commit_callbacks
):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    mail.outbox.clear()

    with project_celery(
        broker_url=f"redis://127.0.0.1:{closed_port()}/0", task_always_eager=False
    ) as app:
        started = time.monotonic()
        # The request's commit, and what runs on it (publishing the emails), as in production.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("practice_submissions:submit", args=[submission.pk]))
        elapsed = time.monotonic() - started

        detail = reverse("practice_submissions:detail", args=[submission.pk])
        assert response.status_code == 302
        assert response["Location"] == detail
        assert elapsed < 5
        page = client.get(detail).content.decode()
        assert "your practice is sent to the coordinators for review" in page
        submission.refresh_from_db()
        assert submission.state == "submitted"
        delivery = EmailDelivery.objects.get()
        assert delivery.status == EmailDelivery.Status.QUEUED
        assert mail.outbox == []

        app.conf.task_always_eager = True  # the broker is back
        with django_capture_on_commit_callbacks(execute=True):
            services.delivery_sweep()
            services.delivery_sweep()

    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert submission.title in mail.outbox[0].subject
    delivery.refresh_from_db()
    assert delivery.status == EmailDelivery.Status.SENT
