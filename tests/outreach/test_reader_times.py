"""Event times for the reader: emails and the event page show the time in the event's zone and,
when the person gave their own zone and its clock differs then, in theirs too."""

from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client

from base.cache import CACHED_HEADER
from network.forms import ProfileForm
from outreach import services
from outreach.models import EventPage
from tests.factories import UserFactory

from . import builders

pytestmark = pytest.mark.django_db

MINUS = "\u2212"
BOGOTA = ZoneInfo("America/Bogota")


@pytest.fixture
def index(homes):
    return builders.event_index(homes["en"])


def _event(index, *, slug: str, start: datetime) -> EventPage:
    return builders.event_page(
        index,
        slug=slug,
        title="Network launch",
        start=start,
        end=start + timedelta(hours=2),
        time_zone="America/Bogota",
    )


@pytest.fixture
def launch(index):
    """11 p.m. on 12 December 2026 in Bogotá."""
    return _event(index, slug="launch", start=datetime(2026, 12, 12, 23, 0, tzinfo=BOGOTA))


def _registration_email(event, user, capture):
    with (
        capture(execute=True),
        mock.patch("django.utils.timezone.now", return_value=event.start - timedelta(days=30)),
    ):
        services.event_registration_create(event=event, user=user)
    message = mail.outbox[-1]
    return message.body, message.alternatives[0][0]


EVENT_SENTENCE = f"It starts on Dec. 12, 2026, 11 p.m. Bogotá time (UTC{MINUS}5)."


@pytest.mark.parametrize(
    ("zone", "yours"),
    [
        (
            "America/Sao_Paulo",
            f"For you, that is Dec. 13, 2026, 1 a.m., São Paulo time (UTC{MINUS}3).",
        ),
        # Across the date line: 04:00 UTC is 6 p.m. the same day in Kiritimati (UTC+14)...
        ("Pacific/Kiritimati", "For you, that is Dec. 13, 2026, 6 p.m., Kiritimati time (UTC+14)."),
        # ... and in Auckland, in its summer time (UTC+13).
        ("Pacific/Auckland", "For you, that is Dec. 13, 2026, 5 p.m., Auckland time (UTC+13)."),
        (
            "Pacific/Honolulu",
            "For you, that is Dec. 12, 2026, 6 p.m., Honolulu time (UTC\u221210).",
        ),
    ],
)
def test_the_registration_email_adds_the_readers_own_time(
    launch, django_capture_on_commit_callbacks, zone, yours
):
    reader = UserFactory(time_zone=zone)
    text, html = _registration_email(launch, reader, django_capture_on_commit_callbacks)
    for body in (text, html):
        assert EVENT_SENTENCE in body
        assert yours in body
    assert text.index(EVENT_SENTENCE) < text.index(yours)


@pytest.mark.parametrize("zone", ["", "America/Bogota", "America/Lima"])
def test_no_second_time_when_the_reader_has_no_zone_or_the_same_clock(
    launch, django_capture_on_commit_callbacks, zone
):
    text, html = _registration_email(
        launch, UserFactory(time_zone=zone), django_capture_on_commit_callbacks
    )
    assert EVENT_SENTENCE in text
    assert "For you" not in text and "For you" not in html


def test_across_daylight_saving_time_the_second_time_follows_the_readers_offset(
    index, django_capture_on_commit_callbacks
):
    # New York is on Bogotá's clock in winter (UTC-5) and an hour ahead in summer (UTC-4);
    # Santiago is two hours ahead in its summer (UTC-3) and one in its winter (UTC-4).
    winter = _event(index, slug="winter", start=datetime(2026, 12, 12, 23, 0, tzinfo=BOGOTA))
    summer = _event(index, slug="summer", start=datetime(2026, 7, 10, 23, 0, tzinfo=BOGOTA))
    new_york = UserFactory(time_zone="America/New_York")
    santiago = UserFactory(time_zone="America/Santiago")

    text, _html = _registration_email(winter, new_york, django_capture_on_commit_callbacks)
    assert "For you" not in text
    text, _html = _registration_email(summer, new_york, django_capture_on_commit_callbacks)
    assert f"For you, that is July 11, 2026, midnight, New York time (UTC{MINUS}4)." in text
    text, _html = _registration_email(winter, santiago, django_capture_on_commit_callbacks)
    assert f"For you, that is Dec. 13, 2026, 1 a.m., Santiago time (UTC{MINUS}3)." in text
    text, _html = _registration_email(summer, santiago, django_capture_on_commit_callbacks)
    assert f"For you, that is July 11, 2026, midnight, Santiago time (UTC{MINUS}4)." in text


def test_the_event_page_shows_a_signed_in_visitors_own_time_and_never_caches_it(launch, settings):
    settings.PAGE_CACHE_ENABLED = True
    reader = Client()
    reader.force_login(UserFactory(time_zone="America/Sao_Paulo"))
    html = reader.get("/en/events/launch/").content.decode()
    assert "<dt>Your time</dt>" in html
    assert (
        '<time datetime="2026-12-13T01:00-03:00">Dec. 13, 2026, 1 a.m.</time> \u2013 '
        '<time datetime="2026-12-13T03:00-03:00">Dec. 13, 2026, 3 a.m.</time> '
        f"São Paulo time (UTC{MINUS}3)"
    ) in html

    # Anonymous visitors, before and after (from the shared page cache), see the event's time
    # only; so does someone who gave no zone.
    for _visit in range(2):
        response = Client().get("/en/events/launch/")
        assert "Your time" not in response.content.decode()
        assert "São Paulo" not in response.content.decode()
    assert response.get(CACHED_HEADER) == "hit"
    unzoned = Client()
    unzoned.force_login(UserFactory())
    assert "Your time" not in unzoned.get("/en/events/launch/").content.decode()


def test_the_editors_list_and_the_profile_offer_the_same_zones_with_the_pacific_islands():
    event_zones = dict(EventPage._meta.get_field("time_zone").formfield().choices)
    person_zones = dict(ProfileForm().fields["time_zone"].choices)
    for key in ("Pacific/Galapagos", "Pacific/Easter", "Pacific/Honolulu", "America/Bogota"):
        assert key in event_zones and key in person_zones
    assert event_zones["Pacific/Galapagos"].startswith("Galápagos (UTC")
    assert event_zones["Pacific/Honolulu"] == f"Honolulu (UTC{MINUS}10)"
    assert set(event_zones) - {""} == set(person_zones) - {""}
