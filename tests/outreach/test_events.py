"""Event registration, cancellation, listings and the iCalendar download."""

from datetime import UTC, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from notifications.models import Notification
from outreach.models import EventRegistration
from tests.factories import EventRegistrationFactory, UserFactory

from . import builders


@pytest.fixture
def events(homes):
    index = builders.event_index(homes["en"])
    es_index = builders.translate(index, homes["es"], code="es", slug="eventos", title="Eventos")
    webinar = builders.event_page(
        index,
        slug="webinar",
        title="Webinar on welcome offices",
        capacity=2,
        online_link="https://meet.example.org/secret-room",
        location="Online",
    )
    es_webinar = builders.translate(
        webinar, es_index, code="es", slug="seminario", title="Seminario sobre oficinas"
    )
    return {"index": index, "es_index": es_index, "webinar": webinar, "es_webinar": es_webinar}


def register(client, event):
    return client.post(f"/en/events/{event.pk}/register/", follow=True)


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client, events):
    event = events["webinar"]
    response = client.post(f"/en/events/{event.pk}/register/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/events/webinar/")
    assert not EventRegistration.objects.exists()
    html = client.get("/en/events/webinar/").content.decode()
    assert "Sign in to register" in html
    assert "secret-room" not in html


@pytest.mark.django_db
def test_registration_needs_post(client, events):
    client.force_login(UserFactory())
    assert client.get(f"/en/events/{events['webinar'].pk}/register/").status_code == 405


@pytest.mark.django_db
def test_signed_in_person_registers_once_sees_the_online_link_and_is_notified(
    client, events, django_capture_on_commit_callbacks
):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, events["webinar"])
    html = response.content.decode()
    assert "You are registered" in html
    assert "https://meet.example.org/secret-room" in html
    assert "Cancel my registration" in html
    registration = EventRegistration.objects.get()
    assert registration.user == user and registration.event == events["webinar"]

    notification = Notification.objects.get(recipient=user)
    assert notification.kind == "event_registration_confirmed"
    assert notification.event_key == f"event_registration:{registration.id}"
    assert notification.context["event_title"] == "Webinar on welcome offices"
    assert notification.context["event_start"] == events["webinar"].start.isoformat()
    assert notification.context["event_url"] == "http://testserver/en/events/webinar/"
    assert len(mail.outbox) == 1

    # A second attempt is refused with a clear message and creates nothing.
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, events["webinar"])
    assert "already registered" in response.content.decode()
    assert EventRegistration.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_registering_through_a_translation_counts_on_the_same_event(client, events):
    client.force_login(UserFactory())
    client.post(f"/es/events/{events['es_webinar'].pk}/register/")
    registration = EventRegistration.objects.get()
    assert registration.event == events["webinar"]
    html = client.get("/en/events/webinar/").content.decode()
    assert "You are registered for this event." in html


@pytest.mark.django_db
def test_full_event_refuses_with_a_clear_message(client, events):
    EventRegistrationFactory.create_batch(2, event=events["webinar"])
    user = UserFactory()
    client.force_login(user)
    response = register(client, events["webinar"])
    html = response.content.decode()
    assert "This event is full" in html
    assert not EventRegistration.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_closed_registration_is_refused(client, events):
    event = events["webinar"]
    event.registration_open_until = event.start - timedelta(days=30)
    event.save_revision().publish()
    client.force_login(UserFactory())
    html = register(client, event).content.decode()
    assert "Registration for this event has closed." in html
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_person_cancels_own_registration_and_may_register_again(client, events):
    user = UserFactory()
    registration = EventRegistrationFactory(event=events["webinar"], user=user)
    client.force_login(user)
    response = client.post(f"/en/events/registrations/{registration.pk}/cancel/", follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == EventRegistration.Status.CANCELLED
    assert registration.cancelled_at is not None
    register(client, events["webinar"])
    registration.refresh_from_db()
    assert registration.status == EventRegistration.Status.REGISTERED


@pytest.mark.django_db
def test_someone_elses_registration_cannot_be_cancelled(client, events):
    registration = EventRegistrationFactory(event=events["webinar"])
    client.force_login(UserFactory())
    response = client.post(f"/en/events/registrations/{registration.pk}/cancel/")
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == EventRegistration.Status.REGISTERED


@pytest.mark.django_db
def test_anonymous_cancel_is_sent_to_sign_in(client, events):
    registration = EventRegistrationFactory(event=events["webinar"])
    response = client.post(f"/en/events/registrations/{registration.pk}/cancel/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    registration.refresh_from_db()
    assert registration.status == EventRegistration.Status.REGISTERED


@pytest.mark.django_db
def test_places_left_are_shown(client, events):
    EventRegistrationFactory(event=events["webinar"])
    html = client.get("/en/events/webinar/").content.decode()
    assert "<dt>Places left</dt><dd>1</dd>" in html


@pytest.mark.django_db
def test_calendar_download(client, events):
    event = events["webinar"]
    response = client.get(f"/en/events/{event.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="webinar.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"event-{event.translation_key}@testserver"
    assert entry.decoded("DTSTART") == event.start.astimezone(UTC).replace(microsecond=0)
    assert entry.decoded("DTEND") == event.end.astimezone(UTC).replace(microsecond=0)
    assert entry["DTSTART"].to_ical().decode().endswith("Z")
    assert entry["DTEND"].to_ical().decode().endswith("Z")
    assert str(entry["SUMMARY"]) == "Webinar on welcome offices"
    assert str(entry["URL"]) == "http://testserver/en/events/webinar/"
    assert str(entry["LOCATION"]) == "Online"
    # The Spanish calendar entry is the same event for calendar applications.
    es = Calendar.from_ical(
        client.get(f"/es/events/{events['es_webinar'].pk}/calendar.ics").content
    )
    (es_entry,) = es.walk("VEVENT")
    assert es_entry["UID"] == entry["UID"]
    assert str(es_entry["SUMMARY"]) == "Seminario sobre oficinas"


@pytest.mark.django_db
def test_event_index_lists_upcoming_then_past(client, events):
    builders.event_page(
        events["index"], slug="old-webinar", title="Old webinar", starts_in=timedelta(days=-20)
    )
    upcoming = client.get("/en/events/").content.decode()
    assert "Webinar on welcome offices" in upcoming
    assert "Old webinar" not in upcoming
    past = client.get("/en/events/?when=past").content.decode()
    assert "Old webinar" in past
    assert "Webinar on welcome offices" not in past


@pytest.mark.django_db
def test_event_cannot_end_before_it_starts(events):
    from django.core.exceptions import ValidationError

    event = events["webinar"]
    event.end = event.start - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end" in error.value.message_dict
