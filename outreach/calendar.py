"""iCalendar (.ics) files for events."""

from datetime import UTC

from django.utils import timezone

from .models import EventPage


def event_ics(*, event: EventPage, canonical: EventPage, url: str, host: str) -> bytes:
    """One VEVENT for ``event``. The UID comes from the default-language event, so every
    translation of the event is the same entry in people's calendars."""
    # Imported here: icalendar (about 4 MiB) is loaded by the workers that serve a calendar file.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Convive//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", f"event-{canonical.translation_key}@{host}")
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.start.astimezone(UTC))
    entry.add("dtend", event.end.astimezone(UTC))
    entry.add("summary", event.title)
    entry.add("description", f"{event.summary}\n\n{url}".strip())
    entry.add("url", url)
    location = event.location or (url if event.format == EventPage.Format.ONLINE else "")
    if location:
        entry.add("location", location)
    calendar.add_component(entry)
    return calendar.to_ical()
