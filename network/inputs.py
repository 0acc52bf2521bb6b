"""Reading what visitors send: the rules every view applies to query parameters, stored form
answers and uploaded images, in one place so that no view parses them its own way.

- Text (``q``...): control characters removed. PostgreSQL refuses a NUL in any string it is
  given, so a NUL that reached a query would answer 500; none of them means anything in a search.
- Integers (``year``, ``page``, ids...): ASCII digits only, within a range. ``str.isdigit()``
  accepts "²" and "①", which ``int()`` then refuses.
- Repeated values (``?country=MX&country=MX...``): deduplicated and capped.
- Images: refused above ``settings.MAX_IMAGE_PIXELS`` before Pillow decodes them (a small file
  can hold a picture of billions of pixels).
"""

import re
import unicodedata
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _
from PIL import Image

# C0 controls and DEL, except tab, line feed and carriage return.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_INTEGER = re.compile(r"[0-9]{1,18}")
# More than a person ticks in one facet; enough to stop a URL repeating one value thousands of
# times from costing a query (or an SQL variable) per value.
MAX_VALUES_PER_PARAMETER = 50


def text_clean(value: object, *, max_length: int | None = None) -> str:
    """``value`` as one line of searchable text: control characters removed, runs of whitespace
    made one space, cut to ``max_length``."""
    text = " ".join(_CONTROL_CHARACTERS.sub("", str(value)).split())
    return text[:max_length] if max_length is not None else text


def text_fold(text: str) -> str:
    """``text`` in lower case without accents, so that "Migración" and "migracion" compare equal
    (the decomposed marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def integer_parse(value: object, *, minimum: int, maximum: int) -> int | None:
    """The integer written in ASCII digits in ``value`` if it lies in [minimum, maximum]; None
    for anything else (other scripts' digits, signs, decimals, empty)."""
    text = str(value).strip() if value is not None else ""
    if not _ASCII_INTEGER.fullmatch(text):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def values_parse(params: QueryDict, name: str, *, clean: Callable[[str], str | None]) -> list[str]:
    """The distinct valid values of the repeated GET parameter ``name``, in order: each raw value
    goes through ``clean`` (None drops it), at most MAX_VALUES_PER_PARAMETER of them."""
    values: list[str] = []
    for raw in params.getlist(name)[: MAX_VALUES_PER_PARAMETER * 4]:
        value = clean(text_clean(raw))
        if value is not None and value not in values:
            values.append(value)
            if len(values) == MAX_VALUES_PER_PARAMETER:
                break
    return values


def storable(value):
    """``value`` (a string, or lists and dicts of them, as forms give) without NUL characters,
    which PostgreSQL cannot keep in text or JSON: what a draft stores of what was typed."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    if isinstance(value, dict):
        return {key: storable(item) for key, item in value.items()}
    return value


# -- Images ---------------------------------------------------------------------------------
def image_pixels_validate(upload) -> None:
    """Refuse an image larger than ``settings.MAX_IMAGE_PIXELS`` pixels, reading only its
    header: decoding it (to check it, to make thumbnails) would take gigabytes of memory."""
    position = upload.tell()
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        width = height = None
    except (OSError, SyntaxError, ValueError):
        return  # not an image at all: the format checks say so in their own words
    finally:
        upload.seek(position)
    if width is None or width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "This image is too large in pixels; images may have at most %(limit)s "
                "megapixels. Please resize it."
            )
            % {"limit": settings.MAX_IMAGE_PIXELS // 1_000_000},
            code="pixels",
        )


# -- Requests -------------------------------------------------------------------------------
class QueryStringMiddleware:
    """Answer 400 to a query string with more parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS,
    before any view reads it. Django answers 400 itself, except with DEBUG on
    (``DJANGO_DEBUG=true``), where its error page reads the same query string again and fails
    with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request.GET  # noqa: B018 (parsing it is the point)
        except TooManyFieldsSent:
            return HttpResponseBadRequest(
                _("This address has too many parameters."), content_type="text/plain"
            )
        return self.get_response(request)
