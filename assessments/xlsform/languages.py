"""The languages of an XLSForm's columns (``label::Español (es)``) and Convive's codes.

Columns name their language as KoboToolbox and ODK users write it: ``Español (es)``, ``es``,
``Spanish``, ``español``, ``pt-BR``... ``code_for`` reads any of these as one of Convive's four
codes (None for a language Convive does not offer); exports use ``column_language``."""

import re
import unicodedata

from ..models import LANGUAGE_CODES

# Exports name each language in itself, with its code: the spelling KoboToolbox writes.
NATIVE_NAMES = {"en": "English", "es": "Español", "pt": "Português", "fr": "Français"}

# Names, accents removed and lower-cased, in the four languages.
_NAMES = {
    "en": ("english", "ingles", "anglais", "inglese", "eng"),
    "es": ("spanish", "espanol", "castellano", "espagnol", "espanhol", "spa"),
    "pt": (
        "portuguese",
        "portugues",
        "portugais",
        "portugues do brasil",
        "brazilian portuguese",
        "por",
    ),
    "fr": ("french", "francais", "frances", "fra", "fre"),
}
_BY_NAME = {name: code for code, names in _NAMES.items() for name in names}
_CODE_IN_PARENTHESES = re.compile(r"\(\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*\)\s*$")
_BARE_CODE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split()).lower()


def code_for(name: str) -> str | None:
    """Convive's code of the language a column names, or None."""
    name = (name or "").strip()
    match = _CODE_IN_PARENTHESES.search(name)
    if match:
        code = match.group(1).lower()
        return code if code in LANGUAGE_CODES else None
    match = _BARE_CODE.fullmatch(name)
    if match and match.group(1).lower() in LANGUAGE_CODES:
        return match.group(1).lower()
    return _BY_NAME.get(_folded(name))


def column_language(code: str) -> str:
    """How an export names ``code`` in its columns and settings: ``Español (es)``."""
    return f"{NATIVE_NAMES[code]} ({code})"
