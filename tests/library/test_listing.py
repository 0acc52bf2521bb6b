"""The library index: filters (combinable, in the URL), counts per option, newest first,
pagination, and each resource in the visitor's language or else in English."""

import re

import pytest

from . import builders

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [item.title for item in response.context["items"]]


def option(response, facet: str, value: str) -> dict:
    return next(o for o in response.context["facets"][facet] if o["value"] == value)


@pytest.fixture
def catalogue(library):
    """Five resources covering every filter."""
    builders.resource(
        library,
        slug="launch",
        title="Launch report",
        resource_type="report",
        document_language="en",
        year=2025,
        themes=("participation", "data"),
    )
    builders.resource(
        library,
        slug="toolkit",
        title="Planning toolkit",
        resource_type="toolkit",
        document_language="es",
        year=2024,
        themes=("local-development", "participation"),
    )
    builders.resource(
        library,
        slug="health-guide",
        title="Health guide",
        resource_type="guide",
        document_language="es",
        year=2023,
        themes=("health",),
    )
    builders.resource(
        library,
        slug="xenophobia",
        title="Xenophobia brief",
        resource_type="policy-brief",
        document_language="pt",
        year=2023,
        themes=("anti-xenophobia", "participation"),
    )
    builders.resource(
        library,
        slug="old-report",
        title="Old report",
        resource_type="report",
        document_language="es",
        year=2021,
        themes=("data",),
    )
    return library


def test_everything_is_listed_newest_first(client, catalogue):
    response = client.get("/en/library/")
    assert response.status_code == 200
    # Same year: the most recently published first.
    assert titles(response) == [
        "Launch report",
        "Planning toolkit",
        "Xenophobia brief",
        "Health guide",
        "Old report",
    ]
    years = [item.year for item in response.context["items"]]
    assert years == sorted(years, reverse=True)
    assert "5 resources" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=report", {"Launch report", "Old report"}),
        ("theme=participation", {"Launch report", "Planning toolkit", "Xenophobia brief"}),
        ("language=es", {"Planning toolkit", "Health guide", "Old report"}),
        ("year=2023", {"Health guide", "Xenophobia brief"}),
        ("type=report&language=es", {"Old report"}),
        ("theme=participation&language=es", {"Planning toolkit"}),
        ("theme=data&type=report&year=2025", {"Launch report"}),
        ("theme=health&language=pt", set()),
    ],
)
def test_filters_combine(client, catalogue, query, expected):
    response = client.get(f"/en/library/?{query}")
    assert set(titles(response)) == expected
    if not expected:
        assert "No resource matches these filters." in response.text


def test_each_option_counts_the_results_it_would_give(client, catalogue):
    response = client.get("/en/library/?language=es")
    # Other filters' counts are within Spanish documents...
    assert option(response, "type", "report")["count"] == 1
    assert option(response, "type", "toolkit")["count"] == 1
    assert option(response, "type", "policy-brief")["count"] == 0
    assert option(response, "theme", "participation")["count"] == 1
    assert option(response, "theme", "data")["count"] == 1
    assert option(response, "year", "2023")["count"] == 1
    # ...while the language filter's own counts ignore it, so other languages can be picked.
    assert option(response, "language", "en")["count"] == 1
    assert option(response, "language", "es")["count"] == 3
    assert option(response, "language", "es")["selected"]
    assert 'value="es" selected' in response.text
    assert re.search(r"Spanish \(3\)", response.text)


def test_a_theme_shared_by_two_resources_is_counted_once_per_resource(client, catalogue):
    response = client.get("/en/library/")
    assert option(response, "theme", "participation")["count"] == 3
    assert option(response, "theme", "employment")["count"] == 0
    assert [o["value"] for o in response.context["facets"]["year"]] == [
        "2025",
        "2024",
        "2023",
        "2021",
    ]


def test_unknown_filter_values_are_ignored_not_an_error(client, catalogue):
    response = client.get("/en/library/?type=poem&theme=<script>&year=20x5&language=xx&page=zz")
    assert response.status_code == 200
    assert len(titles(response)) == 5
    assert not response.context["is_filtered"]


def test_each_item_shows_its_details_and_a_download_link(client, catalogue):
    response = client.get("/en/library/?type=toolkit")
    html = response.text
    item = response.context["items"][0]
    assert "Toolkit · 2024 · Written in Spanish" in html
    assert "Local development and diaspora" in html
    assert f'href="{item.document.url}"' in html
    assert re.search(r"\(PDF, \d+(\.\d)?\xa0(bytes|KB)\)", html)


def test_the_publisher_is_shown_from_text_or_partner(client, library):
    from tests.factories import PartnerOrganisationFactory

    partner = PartnerOrganisationFactory(name="International Organization", acronym="IOX")
    builders.resource(library, slug="a", publisher="Convive secretariat")
    builders.resource(library, slug="b", publisher_organisation=partner)
    html = client.get("/en/library/").text
    assert "Convive secretariat" in html
    assert "IOX" in html


def test_results_are_paginated_by_twenty_and_pages_keep_the_filters(client, library):
    for number in range(23):
        builders.resource(library, slug=f"r-{number}", year=2000 + number, document_language="fr")
    builders.resource(library, slug="english", year=2030, document_language="en")
    response = client.get("/en/library/?language=fr")
    assert len(titles(response)) == 20
    assert "23 resources" in response.text
    assert "language=fr&amp;page=2" in response.text
    second = client.get("/en/library/?language=fr&page=2")
    assert len(titles(second)) == 3
    assert second.context["items"][-1].year == 2000


def test_drafts_are_not_listed(client, library):
    page = builders.resource(library, slug="draft")
    page.unpublish()
    response = client.get("/en/library/")
    assert titles(response) == []


def test_a_visitor_sees_the_translation_or_else_the_english_resource(client, homes, library):
    es_library = builders.translate_library(library, homes["es"], code="es", slug="biblioteca")
    translated = builders.resource(library, slug="guide", title="Guide", year=2024)
    builders.translate(translated, es_library, code="es", slug="guia", title="Guía")
    builders.resource(library, slug="only-english", title="Only English", year=2023)

    spanish = client.get("/es/biblioteca/")
    assert titles(spanish) == ["Guía", "Only English"]
    urls = [item.listing_url for item in spanish.context["items"]]
    assert urls == ["/es/biblioteca/guia/", "/es/biblioteca/only-english/"]
    assert 'lang="en">Only English<' in spanish.text  # the fallback title is marked English

    english = client.get("/en/library/")
    assert titles(english) == ["Guide", "Only English"]

    # The fallback address serves the English page with a notice.
    fallback = client.get("/es/biblioteca/only-english/")
    assert fallback.status_code == 200
    assert fallback.context["showing_fallback"]


def test_filters_and_counts_apply_to_the_localised_set(client, homes, library):
    es_library = builders.translate_library(library, homes["es"], code="es", slug="biblioteca")
    source = builders.resource(library, slug="guide", themes=("health",))
    builders.translate(source, es_library, code="es", slug="guia")
    builders.resource(library, slug="other", themes=("health",))
    response = client.get("/es/biblioteca/?theme=health")
    assert len(titles(response)) == 2
    assert option(response, "theme", "health")["count"] == 2


def test_the_library_is_public(client, catalogue):
    assert client.get("/en/library/").status_code == 200
    assert client.get("/en/library/launch/").status_code == 200
