import datetime
from unittest import mock

import pytest
from django.utils import timezone

from notifications import services, tasks
from notifications.models import EmailDelivery, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SMTP_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def _invitation_context(n: int) -> dict:
    return {"invitee_name": f"Invitee {n}", "organisation_name": "Ciudad Abierta"}


@pytest.fixture
def daily_person(db):
    person = UserFactory(email="daily@example.org")
    services.preference_set(user=person, kind="invitation_accepted", frequency="daily")
    return person


@pytest.fixture
def weekly_person(db):
    person = UserFactory(email="weekly@example.org")
    services.preference_set(user=person, kind="invitation_accepted", frequency="weekly")
    return person


def _notify(send, person, n: int, url: str = ""):
    send(
        recipients=[person],
        kind="invitation_accepted",
        event_key=f"invitation:{n}",
        context=_invitation_context(n),
        url=url,
    )


def test_daily_digest_sends_one_email_with_every_new_item(send, daily_person, outbox, settings):
    for n in range(3):
        _notify(send, daily_person, n, url=f"/en/people/{n}/")
    assert outbox == []

    tasks.digest_send.delay("daily")

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["daily@example.org"]
    assert message.subject == "Your day on Convive: 3 new notifications"
    for n in range(3):
        assert f"Invitee {n} accepted your invitation and joined Ciudad Abierta" in message.body
        assert f"{settings.SITE_URL}/en/people/{n}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(email_pending=True).exists()
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.SENT
    assert delivery.notifications.count() == 3


def test_the_next_digest_run_sends_nothing_without_new_items(send, daily_person, outbox):
    _notify(send, daily_person, 1)
    tasks.digest_send.delay("daily")
    outbox.clear()

    tasks.digest_send.delay("daily")
    tomorrow = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        tasks.digest_send.delay("daily")

    assert outbox == []


def test_items_arriving_later_go_into_the_next_days_digest(send, daily_person, outbox):
    _notify(send, daily_person, 1)
    tasks.digest_send.delay("daily")
    _notify(send, daily_person, 2)

    # A second run for the same day never sends a second digest for that day...
    assert tasks.digest_send.delay("daily").get() == 0
    assert len(outbox) == 1
    # ...and the next day's picks the new item up.
    tomorrow = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        tasks.digest_send.delay("daily")

    assert len(outbox) == 2
    assert outbox[1].subject == "Your day on Convive: 1 new notification"
    assert "Invitee 2" in outbox[1].body
    assert "Invitee 1" not in outbox[1].body


def test_weekly_people_are_left_out_of_the_daily_run(send, daily_person, weekly_person, outbox):
    _notify(send, daily_person, 1)
    _notify(send, weekly_person, 2)

    tasks.digest_send.delay("daily")

    assert [message.to for message in outbox] == [["daily@example.org"]]
    assert Notification.objects.get(recipient=weekly_person).email_pending is True

    tasks.digest_send.delay("weekly")

    assert [message.to for message in outbox] == [["daily@example.org"], ["weekly@example.org"]]
    assert outbox[1].subject == "Your week on Convive: 1 new notification"


def test_people_who_turned_a_kind_off_after_it_was_queued_get_nothing(send, daily_person, outbox):
    _notify(send, daily_person, 1)
    services.unsubscribe(user=daily_person, kind="invitation_accepted")

    tasks.digest_send.delay("daily")

    assert outbox == []
    assert not Notification.objects.filter(email_pending=True).exists()
    # The notification itself stays on the site.
    assert Notification.objects.filter(recipient=daily_person).count() == 1


def test_a_digest_only_holds_the_kinds_chosen_for_it(send, daily_person, outbox):
    services.preference_set(user=daily_person, kind="join_request_submitted", frequency="weekly")
    _notify(send, daily_person, 1)
    send(recipients=[daily_person], event_key="join-request:7")

    tasks.digest_send.delay("daily")

    assert len(outbox) == 1
    assert "Invitee 1" in outbox[0].body
    assert "asks to join the network" not in outbox[0].body
    assert Notification.objects.get(kind="join_request_submitted").email_pending is True


def test_the_digest_is_written_in_the_recipients_language(send, outbox):
    person = UserFactory(preferred_language="fr")
    services.preference_set(user=person, kind="invitation_accepted", frequency="weekly")
    _notify(send, person, 1)

    tasks.digest_send.delay("weekly")

    message = outbox[0]
    assert message.extra_headers["Content-Language"] == "fr"
    assert '<html lang="fr">' in message.alternatives[0].content
    assert "/fr/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_a_failed_digest_keeps_its_items_for_the_retry(send, daily_person, outbox):
    _notify(send, daily_person, 1)

    with mock.patch(SMTP_SEND, side_effect=OSError("no route")):
        tasks.digest_send.delay("daily")
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.QUEUED
    assert "no route" in delivery.last_error
    assert outbox == []

    # The sweep a minute later sends it, with the item it was written with.
    later = timezone.now() + datetime.timedelta(minutes=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        services.delivery_sweep()
    assert len(outbox) == 1
    assert "Invitee 1" in outbox[0].body


def test_a_lost_digest_message_is_recovered_by_the_sweep(send, daily_person, outbox):
    _notify(send, daily_person, 1)

    # The broker takes the digest's message and loses it.
    with mock.patch("notifications.tasks.email_deliver.delay"):
        assert tasks.digest_send.delay("daily").get() == 1
    assert outbox == []
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.QUEUED
    assert delivery.notifications.count() == 1

    later = timezone.now() + datetime.timedelta(minutes=10)
    with mock.patch("django.utils.timezone.now", return_value=later):
        services.delivery_sweep()
        services.delivery_sweep()
    assert len(outbox) == 1
    assert "Invitee 1" in outbox[0].body
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.SENT


def test_digest_periods():
    moment = datetime.datetime(2030, 1, 2, 6, 0, tzinfo=datetime.UTC)
    assert services.digest_period(frequency="daily", moment=moment) == "2030-01-02"
    assert services.digest_period(frequency="weekly", moment=moment) == "2030-W01"
    with pytest.raises(ValueError):
        services.digest_period(frequency="off", moment=moment)
