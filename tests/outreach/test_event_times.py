"""Event times are shown in the event's own time zone, named for people ("Bogotá time
(UTC-5)" with a minus sign), on the event page, in the listings and in the registration email."""

from datetime import UTC, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from base.timezones import zoned_time
from notifications.models import Notification
from notifications.rendering import notification_render_short
from outreach import services
from outreach.models import EventPage
from tests.factories import UserFactory

from . import builders

# As the pages write them: a minus sign in offsets, an en dash between start and end.
MINUS = "\u2212"
DASH = "\u2013"
BOGOTA = ZoneInfo("America/Bogota")
SANTIAGO = ZoneInfo("America/Santiago")


@pytest.fixture
def index(homes):
    return builders.event_index(homes["en"])


@pytest.fixture
def launch(index):
    """The event of the bug report: 11 p.m. on 12 December 2026 in Bogotá (04:00 UTC the
    next day)."""
    return builders.event_page(
        index,
        slug="launch",
        title="Network launch",
        start=datetime(2026, 12, 12, 23, 0, tzinfo=BOGOTA),
        end=datetime(2026, 12, 13, 1, 0, tzinfo=BOGOTA),
        time_zone="America/Bogota",
    )


@pytest.mark.django_db
def test_event_page_shows_the_times_in_the_events_zone(client, launch):
    html = client.get("/en/events/launch/").content.decode()
    assert (
        f'<time datetime="2026-12-12T23:00-05:00">Dec. 12, 2026, 11 p.m.</time> {DASH} '
        '<time datetime="2026-12-13T01:00-05:00">Dec. 13, 2026, 1 a.m.</time> '
        f"Bogotá time (UTC{MINUS}5)</dd>"
    ) in html
    assert "4 a.m." not in html
    assert "America/Bogota" not in html


@pytest.mark.django_db
def test_event_across_the_date_line_shows_its_own_date(client, index):
    # 2 a.m. on 13 December in Kiritimati (UTC+14) is noon on 12 December in UTC.
    event = builders.event_page(
        index,
        slug="kiritimati",
        start=datetime(2026, 12, 12, 12, 0, tzinfo=UTC),
        end=datetime(2026, 12, 12, 14, 0, tzinfo=UTC),
    )
    # The editor's list offers the zones of the Americas; the display works for any zone.
    EventPage.objects.filter(pk=event.pk).update(time_zone="Pacific/Kiritimati")
    html = client.get("/en/events/kiritimati/").content.decode()
    assert (
        f'<time datetime="2026-12-13T02:00+14:00">Dec. 13, 2026, 2 a.m.</time> {DASH} '
        '<time datetime="2026-12-13T04:00+14:00">Dec. 13, 2026, 4 a.m.</time> '
        "Kiritimati time (UTC+14)</dd>"
    ) in html
    assert "Dec. 12" not in html


@pytest.mark.django_db
def test_events_on_each_side_of_a_dst_change_show_their_own_offset(client, index):
    # Chile left daylight saving time on 5 April 2026 (UTC-3 before, UTC-4 after).
    for slug, day in (("before", 4), ("after", 6)):
        builders.event_page(
            index,
            slug=slug,
            start=datetime(2026, 4, day, 10, 0, tzinfo=SANTIAGO),
            end=datetime(2026, 4, day, 12, 0, tzinfo=SANTIAGO),
            time_zone="America/Santiago",
        )
    before = client.get("/en/events/before/").content.decode()
    assert (
        f'<time datetime="2026-04-04T10:00-03:00">April 4, 2026, 10 a.m.</time> {DASH} '
        '<time datetime="2026-04-04T12:00-03:00">April 4, 2026, noon</time> '
        f"Santiago time (UTC{MINUS}3)</dd>"
    ) in before
    after = client.get("/en/events/after/").content.decode()
    assert (
        f'<time datetime="2026-04-06T10:00-04:00">April 6, 2026, 10 a.m.</time> {DASH} '
        '<time datetime="2026-04-06T12:00-04:00">April 6, 2026, noon</time> '
        f"Santiago time (UTC{MINUS}4)</dd>"
    ) in after
    # The list of past events shows each in its own offset too.
    listing = client.get("/en/events/?when=past").content.decode()
    assert (
        '<time datetime="2026-04-04T10:00-03:00">April 4, 2026, 10 a.m.</time> '
        f"Santiago time (UTC{MINUS}3) ·"
    ) in listing
    assert (
        '<time datetime="2026-04-06T10:00-04:00">April 6, 2026, 10 a.m.</time> '
        f"Santiago time (UTC{MINUS}4) ·"
    ) in listing


@pytest.mark.django_db
def test_listings_and_registration_deadline_use_the_events_zone(client, homes, index):
    builders.event_page(
        index,
        slug="forum",
        title="Regional forum",
        start=datetime(2031, 12, 12, 23, 0, tzinfo=BOGOTA),
        end=datetime(2031, 12, 13, 1, 0, tzinfo=BOGOTA),
        registration_open_until=datetime(2031, 12, 1, 20, 0, tzinfo=BOGOTA),
        time_zone="America/Bogota",
    )
    card = (
        '<time datetime="2031-12-12T23:00-05:00">Dec. 12, 2031, 11 p.m.</time> '
        f"Bogotá time (UTC{MINUS}5) · Online"
    )
    for path in ("/en/", "/en/events/"):
        html = client.get(path).content.decode()
        assert card in html, path
        assert "America/Bogota" not in html, path
    client.force_login(UserFactory())
    html = client.get("/en/events/forum/").content.decode()
    assert f"Registration is open until Dec. 1, 2031, 8 p.m. Bogotá time (UTC{MINUS}5)." in html


@pytest.mark.django_db
def test_registration_email_states_the_time_in_the_events_zone(
    launch, django_capture_on_commit_callbacks
):
    user = UserFactory(preferred_language="en")
    # Registering a month before the event; the email goes out when the transaction commits.
    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch("django.utils.timezone.now", return_value=launch.start - timedelta(days=30)),
    ):
        services.event_registration_create(
            event=launch, user=user, event_url="http://testserver/en/events/launch/"
        )
    (email,) = mail.outbox
    sentence = f"It starts on Dec. 12, 2026, 11 p.m. Bogotá time (UTC{MINUS}5)."
    assert sentence in email.body
    ((html, _mimetype),) = email.alternatives
    assert sentence in html
    assert "4 a.m." not in email.body and "4 a.m." not in html
    notification = Notification.objects.get(recipient=user)
    assert notification_render_short(notification=notification) == (
        "Your registration for “Network launch” on Dec. 12, 2026, 11 p.m. "
        f"Bogotá time (UTC{MINUS}5) is confirmed."
    )


@pytest.mark.parametrize(
    ("zone", "moment", "label"),
    [
        ("Asia/Kolkata", datetime(2027, 1, 10, 12, tzinfo=UTC), "Kolkata time (UTC+5:30)"),
        # Newfoundland: half an hour off, and daylight saving time in July.
        (
            "America/St_Johns",
            datetime(2027, 1, 10, 12, tzinfo=UTC),
            f"St Johns time (UTC{MINUS}3:30)",
        ),
        (
            "America/St_Johns",
            datetime(2027, 7, 10, 12, tzinfo=UTC),
            f"St Johns time (UTC{MINUS}2:30)",
        ),
        (
            "America/Port_of_Spain",
            datetime(2027, 1, 10, 12, tzinfo=UTC),
            f"Port of Spain time (UTC{MINUS}4)",
        ),
        (
            "America/Sao_Paulo",
            datetime(2027, 1, 10, 12, tzinfo=UTC),
            f"São Paulo time (UTC{MINUS}3)",
        ),
        (
            "America/Mexico_City",
            datetime(2027, 1, 10, 12, tzinfo=UTC),
            f"Mexico City time (UTC{MINUS}6)",
        ),
        ("UTC", datetime(2027, 1, 10, 12, tzinfo=UTC), "UTC"),
        ("", datetime(2027, 1, 10, 12, tzinfo=UTC), "UTC"),
    ],
)
def test_zone_labels_name_the_city_and_the_offset_at_that_date(zone, moment, label):
    assert zoned_time(value=moment, zone_key=zone).label == label
