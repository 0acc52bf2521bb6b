"""Country lists in the visitor's language, sorted by name with accents and case folded."""

import re

import pytest
from django.utils import translation

from network.countries import countries_sorted, country_sort_key
from network.forms import JoinRequestForm
from tests.factories import LocalAuthorityFactory
from tests.outreach import builders


def _option_codes(html: str, select_id: str) -> list[str]:
    select = html.split(f'id="{select_id}"', 1)[1].split("</select>", 1)[0]
    return [code for code in re.findall(r'<option value="([A-Z]*)"', select) if code]


def test_sort_key_folds_accents_and_case():
    names = ["Uruguay", "États-Unis", "guatemala", "Équateur", "Pérou", "Salvador"]
    assert sorted(names, key=country_sort_key) == [
        "Équateur",
        "États-Unis",
        "guatemala",
        "Pérou",
        "Salvador",
        "Uruguay",
    ]


def test_sorted_countries_follow_the_language():
    spanish = [code for code, _name in countries_sorted(["PE", "SV", "EC"], language="es")]
    assert spanish == ["EC", "SV", "PE"]  # Ecuador, El Salvador, Perú
    french = [code for code, _name in countries_sorted(["UY", "GT", "US", "EC"], language="fr")]
    assert french == ["EC", "US", "GT", "UY"]  # Équateur, États-Unis, Guatemala, Uruguay


def test_join_form_offers_countries_by_name_in_the_active_language():
    with translation.override("fr"):
        codes = [code for code, _name in JoinRequestForm().fields["country"].choices if code]
    assert len(codes) == 35
    assert codes.index("EC") < codes.index("US") < codes.index("GT") < codes.index("UY")
    with translation.override("es"):
        codes = [code for code, _name in JoinRequestForm().fields["country"].choices if code]
    assert codes.index("EC") < codes.index("SV") < codes.index("PE")


@pytest.mark.django_db
def test_join_page_lists_countries_by_spanish_name(client):
    codes = _option_codes(client.get("/es/network/join/").content.decode(), "id_country")
    assert codes.index("EC") < codes.index("SV") < codes.index("US") < codes.index("PE")


@pytest.mark.django_db
def test_authority_directory_sorts_countries_by_french_name(client):
    LocalAuthorityFactory(name="Montevideo", country="UY")
    LocalAuthorityFactory(name="Quito", country="EC")
    LocalAuthorityFactory(name="Xela", country="GT")
    LocalAuthorityFactory(name="Boston", country="US")
    html = client.get("/fr/network/authorities/").content.decode()
    assert _option_codes(html, "id_country") == ["EC", "US", "GT", "UY"]
    cards = html.split("</select>", 1)[1]
    positions = [cards.index(name) for name in ("Quito", "Boston", "Xela", "Montevideo")]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_home_table_breaks_ties_by_french_name(client):
    builders.homes()
    for country in ("UY", "GT", "US", "EC"):
        LocalAuthorityFactory(country=country)
    LocalAuthorityFactory.create_batch(2, country="PE")
    html = client.get("/fr/").content.decode()
    table = html.split('id="glance-title"', 1)[1].split("</table>", 1)[0]
    codes = re.findall(r"\?country=([A-Z]{2})", table)
    assert codes == ["PE", "EC", "US", "GT", "UY"]  # most members first, then by name
