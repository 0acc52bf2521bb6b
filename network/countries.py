"""Countries of the Americas, by ISO 3166-1 alpha-2 code, with translated names.

The network works in the Americas; keeping the list here (rather than the whole world) keeps
forms short and lets our own catalogues carry every name in es, pt and fr.
"""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .inputs import text_fold

AMERICAS = {
    "AG": _("Antigua and Barbuda"),
    "AR": _("Argentina"),
    "BS": _("Bahamas"),
    "BB": _("Barbados"),
    "BZ": _("Belize"),
    "BO": _("Bolivia"),
    "BR": _("Brazil"),
    "CA": _("Canada"),
    "CL": _("Chile"),
    "CO": _("Colombia"),
    "CR": _("Costa Rica"),
    "CU": _("Cuba"),
    "DM": _("Dominica"),
    "DO": _("Dominican Republic"),
    "EC": _("Ecuador"),
    "SV": _("El Salvador"),
    "GD": _("Grenada"),
    "GT": _("Guatemala"),
    "GY": _("Guyana"),
    "HT": _("Haiti"),
    "HN": _("Honduras"),
    "JM": _("Jamaica"),
    "MX": _("Mexico"),
    "NI": _("Nicaragua"),
    "PA": _("Panama"),
    "PY": _("Paraguay"),
    "PE": _("Peru"),
    "KN": _("Saint Kitts and Nevis"),
    "LC": _("Saint Lucia"),
    "VC": _("Saint Vincent and the Grenadines"),
    "SR": _("Suriname"),
    "TT": _("Trinidad and Tobago"),
    "US": _("United States"),
    "UY": _("Uruguay"),
    "VE": _("Venezuela"),
}

# By code: stable (model choices are part of the migrations). What a visitor is offered comes
# from ``country_choices``, sorted by name in their language.
COUNTRY_CHOICES = sorted(AMERICAS.items(), key=lambda item: item[0])


def country_name(code: str) -> str:
    """The translated name of a country code, or the code itself when it is not in the list."""
    return str(AMERICAS.get(code, code))


def country_sort_key(name: str) -> tuple[str, str]:
    """The collation key of a country name: accents and case folded ("Équateur" sorts with the
    Es, before "Uruguay"; "El Salvador" after "Ecuador" and before "Perú"), the name itself
    breaking ties. Neither PyICU nor pyuca is a dependency, and for the Latin-script names of our
    four languages folding the decomposed marks gives the dictionary order."""
    return text_fold(str(name)), str(name)


def countries_sorted(
    codes: Iterable[str] | None = None, *, language: str | None = None
) -> list[tuple[str, str]]:
    """(code, translated name) of ``codes`` (every country when None), sorted by name in
    ``language`` (the active language when None)."""
    with translation.override(language or translation.get_language()):
        named = [(code, country_name(code)) for code in (AMERICAS if codes is None else codes)]
    return sorted(named, key=lambda item: country_sort_key(item[1]))
