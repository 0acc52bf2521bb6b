"""Countries in the directory's facet, on the map and in the proposal form are sorted by their
name in the visitor's language, accents and case folded."""

import re

import pytest
from django.utils import translation

from practice_submissions.forms import BasicsForm
from tests.outreach import builders

from .builders import practice

pytestmark = pytest.mark.django_db


def _facet_codes(html: str) -> list[str]:
    fieldset = html.split('id="facet-country"', 1)[1].split("</fieldset>", 1)[0]
    return re.findall(r'name="country" value="([A-Z]{2})"', fieldset)


@pytest.fixture
def spread(directory):
    for country in ("UY", "PE", "GT", "SV", "US", "EC"):
        practice(directory["en"], slug=f"in-{country.lower()}", country=country)
    return directory


def test_spanish_facet_sorts_by_spanish_name(client, spread):
    html = client.get(spread["es"].url).content.decode()
    # Ecuador, El Salvador, Estados Unidos, Guatemala, Perú, Uruguay
    assert _facet_codes(html) == ["EC", "SV", "US", "GT", "PE", "UY"]


def test_french_facet_sorts_accented_names_with_their_letter(client, homes, spread):
    french = builders.translate(spread["en"], homes["fr"], code="fr", slug="pratiques")
    html = client.get(french.url).content.decode()
    # Équateur, États-Unis, Guatemala, Pérou, Salvador, Uruguay
    assert _facet_codes(html) == ["EC", "US", "GT", "PE", "SV", "UY"]


def test_map_table_sorts_by_french_name(client, spread):
    html = client.get("/fr/practices/map/").content.decode()
    table = html.split("<table", 1)[1]
    rows = re.findall(r'<th scope="row"><a href="[^"]*country=([A-Z]{2})"', table)
    assert rows == ["EC", "US", "GT", "PE", "SV", "UY"]


def test_proposal_form_offers_countries_by_name_in_the_active_language():
    with translation.override("fr"):
        codes = [code for code, _name in BasicsForm().fields["country"].choices]
    assert codes[0] == "" and len(codes) == 36
    assert codes.index("EC") < codes.index("US") < codes.index("GT") < codes.index("UY")
    with translation.override("es"):
        codes = [code for code, _name in BasicsForm().fields["country"].choices]
    assert codes.index("EC") < codes.index("SV") < codes.index("PE")
