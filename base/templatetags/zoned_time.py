"""``{% zoned_time value zone_key as when %}``: an instant in a given time zone, for templates.

``when.local|date:"DATETIME_FORMAT"`` is the date and time there, ``when.label`` names the zone
("Bogotá time (UTC-5)", with a minus sign) and ``when.iso`` goes in ``<time datetime="...">``.
"""

from datetime import datetime

from django import template

from ..timezones import ZonedTime
from ..timezones import reader_time as _reader_time
from ..timezones import zoned_time as _zoned_time

register = template.Library()


@register.simple_tag
def zoned_time(value, zone_key: str) -> ZonedTime | str:
    """``value`` (an aware datetime) in the zone ``zone_key``; "" if ``value`` is not one."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return ""
    return _zoned_time(value=value, zone_key=zone_key)


@register.simple_tag
def reader_time(value, zone_key: str, reader_zone_key: str) -> ZonedTime | str:
    """``{% reader_time value zone_key reader_zone_key as yours %}``: ``value`` in the reader's
    own zone when they gave one and its clock differs from ``zone_key``'s; "" otherwise."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return ""
    return _reader_time(value=value, zone_key=zone_key, reader_zone_key=reader_zone_key or "") or ""
