import smtplib
from unittest import mock

import pytest
from celery.exceptions import Retry

from network.notifications import services, tasks
from network.notifications.models import EmailDelivery, Notification

pytestmark = pytest.mark.django_db

SEND_NOW = "network.notifications.services.email_send_now"


def _stored_notification(coordinator) -> Notification:
    # A notification whose email task has not run yet (no commit happened).
    return services.notification_send(
        recipients=[coordinator],
        kind="join_request_submitted",
        event_key="join-request:7",
        context={
            "authority_name": "Villa",
            "country": "PE",
            "contact_name": "Eva",
            "request_id": 7,
        },
    )[0]


def test_running_the_delivery_task_twice_sends_one_email(coordinator, outbox):
    notification = _stored_notification(coordinator)

    first = tasks.notification_deliver_email.delay(notification.pk).get()
    second = tasks.notification_deliver_email.delay(notification.pk).get()

    assert (first, second) == (True, False)
    assert len(outbox) == 1
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None


def test_a_delivery_task_for_an_unknown_notification_does_nothing(outbox):
    assert tasks.notification_deliver_email.delay(999_999).get() is False
    assert outbox == []


def test_smtp_failure_asks_for_a_retry_and_the_retry_sends_once(coordinator, outbox):
    notification = _stored_notification(coordinator)

    # Run eagerly, the task raises Retry where a worker would schedule the next attempt.
    with (
        mock.patch(SEND_NOW, side_effect=smtplib.SMTPServerDisconnected("connection lost")),
        pytest.raises(Retry),
    ):
        tasks.notification_deliver_email.delay(notification.pk)

    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.FAILED
    assert "connection lost" in delivery.last_error
    assert outbox == []

    # The retry, then a duplicate of it: one email.
    tasks.notification_deliver_email.apply(args=[notification.pk], retries=1)
    tasks.notification_deliver_email.apply(args=[notification.pk], retries=2)

    assert len(outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == EmailDelivery.Status.SENT
    assert delivery.attempts == 2
    assert delivery.last_error == ""


def test_the_last_retry_gives_up_and_keeps_the_failure(coordinator, outbox):
    notification = _stored_notification(coordinator)

    with (
        mock.patch(SEND_NOW, side_effect=ConnectionRefusedError("smtp down")),
        pytest.raises(ConnectionRefusedError),
    ):
        tasks.notification_deliver_email.apply(args=[notification.pk], retries=5)

    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.FAILED
    assert "smtp down" in delivery.last_error
    assert outbox == []


def test_delivery_tasks_retry_with_exponential_backoff():
    for task in (tasks.notification_deliver_email, tasks.email_deliver, tasks.digest_deliver_email):
        assert task.max_retries == 5
        assert task.retry_backoff is True
        assert smtplib.SMTPException in task.autoretry_for
        assert OSError in task.autoretry_for


def test_a_failed_delivery_is_sent_by_a_later_run(coordinator, outbox):
    notification = _stored_notification(coordinator)
    with (
        mock.patch(SEND_NOW, side_effect=smtplib.SMTPException("busy")),
        pytest.raises(smtplib.SMTPException),
    ):
        services.notification_email_deliver(notification_id=notification.pk)
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.FAILED

    assert services.notification_email_deliver(notification_id=notification.pk) is True
    assert services.notification_email_deliver(notification_id=notification.pk) is False
    assert len(outbox) == 1


def test_beat_schedules_the_daily_and_weekly_digests(settings):
    schedules = {
        entry["args"][0]: entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "notifications.digest_send"
    }
    daily, weekly = schedules["daily"], schedules["weekly"]
    assert (daily.hour, daily.minute) == ({6}, {0})
    assert len(daily.day_of_week) == 7
    assert (weekly.hour, weekly.minute, weekly.day_of_week) == ({6}, {0}, {1})
