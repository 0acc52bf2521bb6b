import pytest
from django.core.exceptions import ValidationError
from django.template import TemplateDoesNotExist

from notifications import services
from notifications.kinds import Frequency
from notifications.models import EmailDelivery, Notification, NotificationPreference
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_same_event_twice_gives_one_notification_and_one_email(send, coordinator, outbox):
    first = send(recipients=[coordinator], event_key="join-request:7")
    second = send(recipients=[coordinator], event_key="join-request:7")

    assert first[0].pk == second[0].pk
    assert Notification.objects.filter(recipient=coordinator).count() == 1
    assert len(outbox) == 1
    assert outbox[0].to == ["coordinator@example.org"]
    assert "Municipio de Ejemplo" in outbox[0].subject
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.SENT


def test_a_different_event_notifies_again(send, coordinator, outbox):
    send(recipients=[coordinator], event_key="join-request:7")
    send(recipients=[coordinator], event_key="join-request:8")

    assert Notification.objects.filter(recipient=coordinator).count() == 2
    assert len(outbox) == 2


def test_each_recipient_gets_one_notification_even_if_listed_twice(send, coordinator, outbox):
    other = UserFactory()

    notifications = send(recipients=[coordinator, other, coordinator], event_key="join-request:7")

    assert len(notifications) == 2
    assert sorted(message.to[0] for message in outbox) == sorted([coordinator.email, other.email])


def test_unknown_kind_raises_value_error(coordinator):
    with pytest.raises(ValueError, match="no_such_kind"):
        services.notification_send(
            recipients=[coordinator], kind="no_such_kind", event_key="x", context={}
        )
    assert not Notification.objects.exists()


def test_email_is_sent_only_after_the_transaction_commits(coordinator, outbox):
    services.notification_send(
        recipients=[coordinator],
        kind="invitation_accepted",
        event_key="invitation:1",
        context={"invitee_name": "Ana", "organisation_name": "Ciudad"},
    )
    # Without a commit no callback ran: the notification exists, no email left yet.
    assert Notification.objects.count() == 1
    assert outbox == []


def test_preference_off_gives_in_app_notification_but_no_email(send, coordinator, outbox):
    services.preference_set(user=coordinator, kind="join_request_submitted", frequency="off")

    send(recipients=[coordinator], event_key="join-request:7")

    notification = Notification.objects.get(recipient=coordinator)
    assert outbox == []
    assert notification.email_pending is False
    assert not EmailDelivery.objects.exists()


def test_preference_daily_gives_no_immediate_email(send, coordinator, outbox):
    services.preference_set(user=coordinator, kind="join_request_submitted", frequency="daily")

    send(recipients=[coordinator], event_key="join-request:7")

    assert outbox == []
    assert Notification.objects.get(recipient=coordinator).email_pending is True


def test_preference_for_another_kind_does_not_apply(send, coordinator, outbox):
    services.preference_set(user=coordinator, kind="invitation_accepted", frequency="off")

    send(recipients=[coordinator], event_key="join-request:7")

    assert len(outbox) == 1


def test_inactive_people_get_no_email(send, outbox):
    inactive = UserFactory(is_active=False)

    send(recipients=[inactive], event_key="join-request:7")

    assert Notification.objects.filter(recipient=inactive).exists()
    assert outbox == []


def test_email_is_written_in_the_recipients_language(send, outbox):
    spanish = UserFactory(preferred_language="es")
    english = UserFactory(preferred_language="en")

    send(recipients=[spanish], event_key="join-request:7")
    send(recipients=[english], event_key="join-request:7")

    by_address = {message.to[0]: message for message in outbox}
    spanish_email, english_email = by_address[spanish.email], by_address[english.email]
    assert spanish_email.extra_headers["Content-Language"] == "es"
    assert '<html lang="es">' in spanish_email.alternatives[0].content
    assert "/es/notifications/unsubscribe/" in spanish_email.extra_headers["List-Unsubscribe"]
    assert english_email.extra_headers["Content-Language"] == "en"
    assert '<html lang="en">' in english_email.alternatives[0].content


def test_email_has_one_click_unsubscribe_headers_and_bodies(send, coordinator, outbox, settings):
    send(recipients=[coordinator], event_key="join-request:7", url="/en/me/")

    message = outbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{settings.SITE_URL}/en/notifications/unsubscribe/")
    assert header.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The country code in the stored context is shown by name; the link is absolute.
    assert "Lucía Gómez asks, on behalf of Municipio de Ejemplo (Colombia)" in message.body
    assert f"{settings.SITE_URL}/en/me/" in message.body
    assert header[1:-1] in message.body
    html = message.alternatives[0].content
    assert f'href="{settings.SITE_URL}/en/me/"' in html


def test_plain_text_is_not_html_escaped_but_html_is(send, coordinator, outbox):
    send(
        recipients=[coordinator],
        kind="invitation_accepted",
        event_key="invitation:1",
        context={"invitee_name": "Seán O'Brien <b>", "organisation_name": "Ciudad"},
    )

    message = outbox[0]
    assert message.subject == "Seán O'Brien <b> accepted your invitation"
    assert "Seán O'Brien <b> accepted" in message.body
    assert "Seán O&#x27;Brien &lt;b&gt;" in message.alternatives[0].content


def test_event_registration_email_formats_the_start_and_links_the_event(send, outbox, settings):
    person = UserFactory()

    send(
        recipients=[person],
        kind="event_registration_confirmed",
        event_key="registration:3",
        context={
            "event_title": "Cities that welcome",
            "event_start": "2030-05-04T15:30:00+00:00",
            "event_url": "/en/events/cities-that-welcome/",
        },
        url="/en/events/cities-that-welcome/",
    )

    message = outbox[0]
    assert message.subject == "You are registered: Cities that welcome"
    assert "May 4, 2030" in message.body
    assert f"{settings.SITE_URL}/en/events/cities-that-welcome/" in message.body


# -- Direct emails ----------------------------------------------------------------------------


def test_email_send_renders_in_the_given_language(
    test_templates, django_capture_on_commit_callbacks, outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.email_send(
            to="applicant@example.org",
            template_prefix="notifications_test/welcome",
            context={"name": "Tomás"},
            language="pt",
        )

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["applicant@example.org"]
    assert message.subject == "Welcome, Tomás"
    assert '<html lang="pt">' in message.alternatives[0].content
    assert message.extra_headers["Content-Language"] == "pt"
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.SENT
    # What the email said (possibly a secret link) is not kept once it is sent.
    assert delivery.context == {}


def test_email_send_with_the_same_key_sends_once(
    test_templates, django_capture_on_commit_callbacks, outbox
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.email_send(
                to="applicant@example.org",
                template_prefix="notifications_test/welcome",
                context={"name": "Tomás"},
                language="es",
                key="join-request-approved:4",
            )

    assert len(outbox) == 1


def test_email_send_with_an_unknown_language_falls_back_to_the_default(
    test_templates, django_capture_on_commit_callbacks, outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.email_send(
            to="a@example.org",
            template_prefix="notifications_test/welcome",
            context={"name": "A"},
            language="xx",
        )

    assert outbox[0].extra_headers["Content-Language"] == "en"


def test_email_send_with_a_missing_template_fails_in_the_caller():
    with pytest.raises(TemplateDoesNotExist):
        services.email_send(
            to="a@example.org", template_prefix="nowhere/nothing", context={}, language="en"
        )
    assert not EmailDelivery.objects.exists()


# -- Reading and preferences ------------------------------------------------------------------


def test_mark_read_only_touches_my_own_notification(coordinator):
    mine = NotificationFactory(recipient=coordinator)
    theirs = NotificationFactory()

    services.notification_mark_read(user=coordinator, notification_id=mine.pk)
    with pytest.raises(Notification.DoesNotExist):
        services.notification_mark_read(user=coordinator, notification_id=theirs.pk)

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None
    assert theirs.read_at is None


def test_mark_all_read_leaves_other_peoples_notifications_unread(coordinator):
    NotificationFactory.create_batch(3, recipient=coordinator)
    theirs = NotificationFactory()

    changed = services.notification_mark_all_read(user=coordinator)

    assert changed == 3
    assert not Notification.objects.filter(recipient=coordinator, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_preference_set_updates_one_row(coordinator):
    services.preference_set(user=coordinator, kind="invitation_accepted", frequency="daily")
    services.preference_set(user=coordinator, kind="invitation_accepted", frequency="weekly")

    preference = NotificationPreference.objects.get(user=coordinator)
    assert preference.frequency == Frequency.WEEKLY


def test_preference_set_rejects_unknown_frequency_and_kind(coordinator):
    with pytest.raises(ValidationError):
        services.preference_set(user=coordinator, kind="invitation_accepted", frequency="hourly")
    with pytest.raises(ValueError):
        services.preference_set(user=coordinator, kind="no_such_kind", frequency="daily")
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_turns_one_kind_off(coordinator):
    services.unsubscribe(user=coordinator, kind="join_request_submitted")

    assert NotificationPreference.objects.get(user=coordinator).frequency == Frequency.OFF
