import pytest
from django.utils import translation

from network.selectors import authority_counts_by_country
from tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db

URL = "/en/network/authorities/"


def test_counts_by_country_most_members_first_then_name():
    LocalAuthorityFactory.create_batch(2, country="EC")
    LocalAuthorityFactory.create_batch(2, country="BR")
    LocalAuthorityFactory(country="MX")
    LocalAuthorityFactory(country="PE", is_member=False)
    assert authority_counts_by_country() == [
        ("BR", "Brazil", 2),
        ("EC", "Ecuador", 2),
        ("MX", "Mexico", 1),
    ]


def test_counts_use_the_current_language_for_names():
    LocalAuthorityFactory(country="BR")
    with translation.override("es"):
        ((code, name, count),) = authority_counts_by_country()
    assert (code, count) == ("BR", 1)
    assert isinstance(name, str)


def test_list_filters_by_country(client):
    LocalAuthorityFactory(name="Quito", country="EC")
    LocalAuthorityFactory(name="Lima", country="PE")
    LocalAuthorityFactory(name="Applicant", country="EC", is_member=False)
    html = client.get(URL, {"country": "EC"}).content.decode()
    assert "Quito" in html
    assert "Lima" not in html
    assert "Applicant" not in html
    assert "Member authorities in Ecuador" in html


def test_unknown_country_shows_everyone(client):
    LocalAuthorityFactory(name="Quito", country="EC")
    response = client.get(URL, {"country": "ZZ"})
    assert response.status_code == 200
    assert "Quito" in response.content.decode()


def test_list_query_count_does_not_grow(client, assert_constant_queries):
    LocalAuthorityFactory.create_batch(2)
    assert_constant_queries(URL, lambda: LocalAuthorityFactory.create_batch(15, country="BR"))


def test_detail_of_a_member(client):
    authority = LocalAuthorityFactory(name="Tapachula", country="MX", region="Chiapas")
    response = client.get(authority.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tapachula" in html and "Chiapas" in html and "Mexico" in html


def test_applicants_have_no_public_page(client):
    authority = LocalAuthorityFactory(is_member=False)
    assert client.get(f"/en/network/authorities/{authority.slug}/").status_code == 404
