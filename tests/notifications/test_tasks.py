"""The outbox's state machine: queued -> sending -> sent, retries kept in the row, the sweep
that publishes what the broker lost and decides on sends a dead worker interrupted."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from notifications import services, tasks
from notifications.models import EmailDelivery, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SMTP_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"
PUBLISH = "notifications.tasks.email_deliver.delay"
Status = EmailDelivery.Status


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


def _delivery(coordinator) -> EmailDelivery:
    return _stored_notification(coordinator).delivery


def _at(moment: datetime.datetime):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _later(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


def test_the_row_is_written_queued_with_the_notification(coordinator):
    delivery = _delivery(coordinator)

    assert delivery.status == Status.QUEUED
    assert delivery.kind == EmailDelivery.Kind.NOTIFICATION
    assert delivery.attempts == 0
    assert delivery.enqueued_at is not None


def test_running_the_delivery_task_twice_sends_one_email(coordinator, outbox):
    delivery = _delivery(coordinator)

    first = tasks.email_deliver.delay(delivery.pk).get()
    second = tasks.email_deliver.delay(delivery.pk).get()

    assert (first, second) == (True, False)
    assert len(outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None
    assert delivery.claimed_at is not None


def test_a_delivery_task_for_an_unknown_delivery_does_nothing(outbox):
    assert tasks.email_deliver.delay(999_999).get() is False
    assert outbox == []


def test_only_one_of_two_claims_wins(coordinator):
    delivery = _delivery(coordinator)
    duplicate = EmailDelivery.objects.get(pk=delivery.pk)

    assert services.delivery_claim(delivery=delivery) is True
    assert services.delivery_claim(delivery=duplicate) is False

    delivery.refresh_from_db()
    assert delivery.status == Status.SENDING
    assert delivery.attempts == 1
    assert delivery.claimed_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_claim_is_committed_before_smtp_and_no_transaction_spans_it(coordinator, outbox):
    with mock.patch(PUBLISH):  # committed at once here: keep the worker's part for below
        delivery = _delivery(coordinator)
    seen = {}

    def smtp(backend, messages):
        # What another database connection (the sweep, an admin) sees during the send.
        row = EmailDelivery.objects.get(pk=delivery.pk)
        seen.update(
            status=row.status,
            attempts=row.attempts,
            in_transaction=transaction.get_connection().in_atomic_block,
            message_id=messages[0].extra_headers["Message-ID"],
        )
        return len(messages)

    with mock.patch(SMTP_SEND, autospec=True, side_effect=smtp):
        assert services.delivery_send(delivery_id=delivery.pk) is True

    assert seen == {
        "status": Status.SENDING,
        "attempts": 1,
        "in_transaction": False,
        "message_id": delivery.message_id,
    }
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT


def test_every_email_carries_its_deliverys_message_id(coordinator, outbox, settings):
    delivery = _delivery(coordinator)

    services.delivery_send(delivery_id=delivery.pk)

    message_id = outbox[0].message()["Message-ID"]
    assert message_id == delivery.message_id
    assert message_id.startswith(f"<delivery.{delivery.pk}.")
    assert message_id.endswith("@convive.example.org>")


def test_smtp_failure_backs_off_in_the_row_and_the_sweep_sends_once(coordinator, outbox):
    delivery = _delivery(coordinator)

    with mock.patch(SMTP_SEND, side_effect=smtplib.SMTPServerDisconnected("connection lost")):
        assert tasks.email_deliver.delay(delivery.pk).get() is False

    delivery.refresh_from_db()
    assert delivery.status == Status.QUEUED
    assert delivery.attempts == 1
    assert "connection lost" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()
    assert delivery.enqueued_at is None
    assert outbox == []

    # A duplicate message before the wait is over sends nothing.
    assert services.delivery_send(delivery_id=delivery.pk) is False
    assert services.delivery_sweep().published == 0

    with _at(_later(minutes=2)):
        assert services.delivery_sweep().published == 1
        services.delivery_sweep()
        services.delivery_send(delivery_id=delivery.pk)

    assert len(outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
    assert delivery.attempts == 2
    assert delivery.last_error == ""


def test_waits_between_attempts_double_up_to_an_hour():
    waits = [services.retry_wait(attempts=n) for n in range(1, services.MAX_ATTEMPTS)]
    assert [wait.total_seconds() / 60 for wait in waits] == [1, 2, 4, 8, 16, 32, 60]


def test_the_last_attempt_gives_up_and_keeps_the_failure(coordinator, outbox):
    delivery = _delivery(coordinator)
    EmailDelivery.objects.filter(pk=delivery.pk).update(attempts=services.MAX_ATTEMPTS - 1)

    with mock.patch(SMTP_SEND, side_effect=ConnectionRefusedError("smtp down")):
        services.delivery_send(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert delivery.attempts == services.MAX_ATTEMPTS
    assert "smtp down" in delivery.last_error
    # The sweep leaves failed emails alone; a person may send them again from the admin.
    with _at(_later(days=1)):
        assert services.delivery_sweep().published == 0
    assert outbox == []

    assert services.deliveries_retry(delivery_ids=[delivery.pk]) == 1
    services.delivery_send(delivery_id=delivery.pk)
    assert len(outbox) == 1


def test_a_rendering_error_fails_at_once_without_claiming(coordinator, outbox):
    delivery = _delivery(coordinator)

    with mock.patch(
        "notifications.services.notification_render_email",
        side_effect=KeyError("authority_name"),
    ):
        assert services.delivery_send(delivery_id=delivery.pk) is False

    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert delivery.attempts == 0
    assert "authority_name" in delivery.last_error
    assert outbox == []


def test_an_email_for_someone_deactivated_since_is_cancelled(coordinator, outbox):
    delivery = _delivery(coordinator)
    coordinator.is_active = False
    coordinator.save()

    assert services.delivery_send(delivery_id=delivery.pk) is False

    delivery.refresh_from_db()
    assert delivery.status == Status.CANCELLED
    assert outbox == []
    with _at(_later(hours=1)):
        assert services.delivery_sweep().published == 0


# -- A worker that died mid-send ---------------------------------------------------------------


def _interrupted(delivery: EmailDelivery) -> EmailDelivery:
    """A worker claims the delivery and dies before marking it sent."""
    assert services.delivery_claim(delivery=delivery)
    return delivery


def test_a_send_in_progress_is_left_alone(coordinator, outbox, settings):
    delivery = _interrupted(_delivery(coordinator))

    with _at(_later(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT - 5)):
        result = services.delivery_sweep()

    assert result.resent_after_interruption == 0
    delivery.refresh_from_db()
    assert delivery.status == Status.SENDING
    assert outbox == []


def test_an_interrupted_send_is_sent_again_once_with_the_same_message_id(
    coordinator, outbox, settings
):
    delivery = _interrupted(_delivery(coordinator))
    claimed_at = delivery.claimed_at

    with _at(_later(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 1)):
        result = services.delivery_sweep()

    assert (result.resent_after_interruption, result.published) == (1, 1)
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
    assert delivery.interrupted_at == claimed_at
    assert delivery.attempts == 2
    assert len(outbox) == 1
    assert outbox[0].extra_headers["Message-ID"] == delivery.message_id


def test_a_second_interruption_fails_the_email_instead_of_a_third_copy(
    coordinator, outbox, settings
):
    delivery = _interrupted(_delivery(coordinator))
    with _at(_later(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 1)):
        with mock.patch(PUBLISH):
            services.delivery_sweep()
        # The resend is claimed and interrupted too.
        _interrupted(delivery)

    with _at(_later(seconds=2 * settings.NOTIFICATIONS_SENDING_TIMEOUT + 2)):
        result = services.delivery_sweep()

    assert (result.failed_after_interruption, result.published) == (1, 0)
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert "Message-ID" in delivery.last_error
    assert outbox == []


def test_a_send_that_finishes_after_the_sweep_gave_up_on_it_counts_as_sent(
    coordinator, outbox, settings
):
    delivery = _interrupted(_delivery(coordinator))
    with _at(_later(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 1)), mock.patch(PUBLISH):
        services.delivery_sweep()

    # The "dead" worker was only frozen: it finishes and marks the email sent...
    services._delivery_mark_sent(delivery)
    # ...and the resend the sweep queued finds nothing to do.
    assert services.delivery_send(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT


# -- Publishing and the sweep ------------------------------------------------------------------


def test_a_broker_error_leaves_the_rest_of_the_batch_to_the_sweep(coordinator, outbox):
    others = UserFactory.create_batch(2)
    services.notification_send(
        recipients=[coordinator, *others],
        kind="join_request_submitted",
        event_key="join-request:8",
        context={"authority_name": "Villa", "country": "PE", "contact_name": "Eva"},
    )
    ids = list(EmailDelivery.objects.order_by("pk").values_list("pk", flat=True))

    with mock.patch(PUBLISH, side_effect=OperationalError("Connection refused")) as publish:
        assert services.deliveries_publish(delivery_ids=ids) == 0
    # It stops at the first failure instead of waiting on a dead broker once per email.
    assert publish.call_count == 1
    assert not EmailDelivery.objects.filter(enqueued_at__isnull=False).exists()

    # The next sweep, whenever the broker answers again, publishes them at once.
    assert services.delivery_sweep().published == 3
    assert sorted(message.to[0] for message in outbox) == sorted(
        [coordinator.email, *(person.email for person in others)]
    )


def test_the_sweep_waits_before_publishing_a_message_again(coordinator, outbox, settings):
    delivery = _delivery(coordinator)  # its message is (as far as we know) in the broker

    assert services.delivery_sweep().published == 0
    moment = _later(seconds=settings.NOTIFICATIONS_QUEUED_TIMEOUT + 1)
    with _at(moment), mock.patch(PUBLISH) as publish:
        assert services.delivery_sweep().published == 1
        # Published again just now: the next sweep leaves it to that message.
        assert services.delivery_sweep().published == 0
    publish.assert_called_once_with(delivery.pk)


def test_beat_sweeps_the_outbox_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-delivery-sweep"]
    assert entry["task"] == tasks.delivery_sweep.name
    assert len(entry["schedule"].minute) == 60
    assert entry["options"]["expires"] < 60


def test_broker_timeouts_fit_the_tasks(settings):
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["visibility_timeout"] >= 2 * settings.CELERY_TASK_TIME_LIMIT
    assert options["visibility_timeout"] < 3600
    assert settings.NOTIFICATIONS_SENDING_TIMEOUT > settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.EMAIL_TIMEOUT < settings.CELERY_TASK_TIME_LIMIT


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
