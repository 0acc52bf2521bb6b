"""Countries of the Americas, by ISO 3166-1 alpha-2 code, with translated names.

The network works in the Americas; keeping the list here (rather than the whole world) keeps
forms short and lets our own catalogues carry every name in es, pt and fr.
"""

from django.utils.translation import gettext_lazy as _

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

COUNTRY_CHOICES = sorted(AMERICAS.items(), key=lambda item: item[0])


def country_name(code: str) -> str:
    """The translated name of a country code, or the code itself when it is not in the list."""
    return str(AMERICAS.get(code, code))
