"""The time zones people and events are given in: those of the Americas where the network works,
with their Pacific islands (Galápagos, Easter Island, Hawaii), named after a city as people
write them. Showing a time in a zone is ``base.timezones``'s job; this is the list it names
zones from, kept here so that people's own zone (``User.time_zone``) can offer it too.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MINUS_SIGN = "\u2212"
UTC_KEY = "UTC"

# The zones offered, each named after a city. Any other zone is shown named after the last part
# of its key ("America/Port_of_Spain": "Port of Spain").
CITY_NAMES = {
    "America/Argentina/Buenos_Aires": _("Buenos Aires"),
    "America/Asuncion": _("Asunción"),
    "America/Chicago": _("Chicago"),
    "America/Denver": _("Denver"),
    "America/Managua": _("Managua"),
    "America/Tegucigalpa": _("Tegucigalpa"),
    "Pacific/Easter": _("Easter Island"),
    "Pacific/Galapagos": _("Galápagos"),
    "Pacific/Honolulu": _("Honolulu"),
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


def utc_offset(*, value: datetime) -> str:
    """The UTC offset of an aware datetime as people write it: "-5" (with a true minus
    sign), "+5:30", "+14"."""
    minutes = int(value.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = MINUS_SIGN if minutes < 0 else "+"
    return f"{sign}{hours}:{rest:02d}" if rest else f"{sign}{hours}"


def zone_choices() -> list[tuple[str, str]]:
    """The offered zones for a form's list, in the active language: UTC, then the zones from
    west to east by their offset now, each as "Bogotá (UTC-5)" (with a minus sign). A
    callable, so that the models that offer it need no migration when the list changes."""
    now = datetime.now(tz=ZoneInfo(UTC_KEY))
    zones = []
    for key in CITY_NAMES:
        local = now.astimezone(ZoneInfo(key))
        zones.append((local.utcoffset(), str(CITY_NAMES[key]), key, local))
    zones.sort(key=lambda zone: (zone[0], zone[1]))
    return [(UTC_KEY, gettext("UTC"))] + [
        (key, f"{name} (UTC{utc_offset(value=local)})") for _offset, name, key, local in zones
    ]
