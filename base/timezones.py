"""Times shown in a given time zone, with a human name for the zone.

Django's template ``date`` filter converts an aware datetime to the active time zone (UTC on
this site) before formatting it, even one that was already converted to another zone, unless
the value says otherwise (``convert_to_local_time = False``, as the ``timezone`` filter of the
``tz`` library sets). ``zoned_time`` returns such a value, so ``{{ when.local|date }}`` shows
the time in the zone it was converted to.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext

# The offered zones and their city names live with people's own zone (network.time_zones).
from network.time_zones import CITY_NAMES, utc_offset


class ZonedDatetime(datetime):
    """A datetime already in the zone it is to be shown in: templates do not convert it."""

    convert_to_local_time = False


def zone_get(key: str) -> ZoneInfo:
    """The zone with this IANA key; UTC for an empty or unknown key."""
    try:
        return ZoneInfo(key or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def city_name(*, zone: ZoneInfo) -> str:
    name = CITY_NAMES.get(zone.key)
    if name is not None:
        return str(name)
    return zone.key.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(*, value: datetime) -> str:
    """A human name for the zone of an aware datetime, with the offset valid at that moment
    (so daylight saving time shows): "Bogotá time (UTC-5)". In the active language."""
    zone = value.tzinfo
    if not isinstance(zone, ZoneInfo) or zone.key == "UTC":
        return gettext("UTC")
    return gettext("%(city)s time (UTC%(offset)s)") % {
        "city": city_name(zone=zone),
        "offset": utc_offset(value=value),
    }


@dataclass(frozen=True)
class ZonedTime:
    """One instant as shown in one zone: ``local`` to format with ``|date``, ``label`` naming
    the zone, ``iso`` for ``<time datetime="...">`` (to the minute, with the offset)."""

    local: ZonedDatetime

    @property
    def label(self) -> str:
        # Computed when read, so that it is in the language active then.
        return zone_label(value=self.local)

    @property
    def iso(self) -> str:
        return self.local.isoformat(timespec="minutes")

    def __str__(self) -> str:
        return self.iso


def zoned_time(*, value: datetime, zone_key: str) -> ZonedTime:
    """``value`` (an aware datetime) in the zone ``zone_key`` (UTC if empty or unknown)."""
    local = value.astimezone(zone_get(zone_key))
    return ZonedTime(
        local=ZonedDatetime(
            local.year,
            local.month,
            local.day,
            local.hour,
            local.minute,
            local.second,
            local.microsecond,
            tzinfo=local.tzinfo,
            fold=local.fold,
        )
    )


def reader_time(*, value: datetime, zone_key: str, reader_zone_key: str) -> ZonedTime | None:
    """``value`` in a reader's own zone, when they gave one and the clock there differs at that
    moment from the one in ``zone_key`` (where ``value`` is shown first); else None."""
    if not reader_zone_key:
        return None
    theirs = zoned_time(value=value, zone_key=reader_zone_key)
    ours = zoned_time(value=value, zone_key=zone_key)
    if theirs.local.utcoffset() == ours.local.utcoffset():
        return None
    return theirs
