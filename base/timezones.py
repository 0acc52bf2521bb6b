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
from django.utils.translation import gettext_lazy as _

# Names of the cities that name the time zones the site offers, as people write them; any
# other zone is named after the last part of its key ("America/Port_of_Spain": "Port of Spain").
CITY_NAMES = {
    "America/Argentina/Buenos_Aires": _("Buenos Aires"),
    "America/Bogota": _("Bogotá"),
    "America/Caracas": _("Caracas"),
    "America/Costa_Rica": _("San José"),
    "America/El_Salvador": _("San Salvador"),
    "America/Guatemala": _("Guatemala City"),
    "America/Guayaquil": _("Quito"),
    "America/Havana": _("Havana"),
    "America/La_Paz": _("La Paz"),
    "America/Lima": _("Lima"),
    "America/Manaus": _("Manaus"),
    "America/Mexico_City": _("Mexico City"),
    "America/Montevideo": _("Montevideo"),
    "America/New_York": _("New York"),
    "America/Panama": _("Panama City"),
    "America/Port-au-Prince": _("Port-au-Prince"),
    "America/Santiago": _("Santiago"),
    "America/Santo_Domingo": _("Santo Domingo"),
    "America/Sao_Paulo": _("São Paulo"),
    "America/Tijuana": _("Tijuana"),
    "America/Los_Angeles": _("Los Angeles"),
}

MINUS_SIGN = "\u2212"


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


def utc_offset(*, value: datetime) -> str:
    """The UTC offset of an aware datetime as people write it: "-5" (with a true minus
    sign), "+5:30", "+14"."""
    minutes = int(value.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = MINUS_SIGN if minutes < 0 else "+"
    return f"{sign}{hours}:{rest:02d}" if rest else f"{sign}{hours}"


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
