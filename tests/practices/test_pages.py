"""The practice page and the directory as visitors see them."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import LocalAuthorityFactory

from .builders import practice, translate

pytestmark = pytest.mark.django_db


def _full_practice(index, **fields):
    return practice(
        index,
        slug="jobs-bridge",
        title="A job bridge for asylum seekers",
        summary="Matching people waiting for asylum decisions with local factories.",
        implementing_organisations="Directorate of Economic Development",
        partners="Chamber of industry\nShelter network",
        end_date=date(2023, 6, 30),
        status="completed",
        budget_band="50k-250k",
        funding_sources="Municipal budget",
        context="<p>People waited months without income.</p>",
        objectives="<p>Formal jobs within three months.</p>",
        activities="<p>Job fairs held in shelters.</p>",
        results="<p>Hundreds of people hired.</p>",
        lessons_learned="<p>Employers needed a briefing on work permits.</p>",
        replication="<p>A staff member at the federal migration office.</p>",
        indicators=[
            (
                "indicator",
                {"label": "People placed in jobs", "value": "1320", "unit": "people", "year": 2022},
            )
        ],
        beneficiaries=[("beneficiary", {"group": "asylum-seekers", "count": 1320, "note": ""})],
        material=[
            (
                "source",
                {"title": "Annual report", "publisher": "City", "url": "https://example.org/r"},
            )
        ],
        contact_name="Ana Ruiz",
        contact_email="ana@example.org",
        original_language="es",
        themes=("employment", "documentation"),
        groups=("asylum-seekers",),
        **fields,
    )


def test_practice_page_shows_every_section(client, directory):
    page = _full_practice(directory["en"])
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "<h1>A job bridge for asylum seekers</h1>",
        "Villa Esperanza, Colombia",
        "Completed",
        "Chamber of industry",
        "USD 50,000 to 250,000",
        "People waited months without income.",
        "Formal jobs within three months.",
        "Job fairs held in shelters.",
        "Hundreds of people hired.",
        "Employers needed a briefing on work permits.",
        "A staff member at the federal migration office.",
        "Employment and livelihoods",  # theme label, not its code
        "Documentation and regularisation",
        "Asylum seekers",
        "People placed in jobs",
        "1,320",
        "Annual report",
        "ana@example.org",
        "Cite this practice",
        "Convive. http://testserver/en/practices/jobs-bridge/",
        "Originally written in Spanish.",
    ):
        assert text in html, text


def test_member_authority_is_linked(client, directory):
    authority = LocalAuthorityFactory(name="Ciudad Juárez", country="MX")
    page = _full_practice(directory["en"], authority=authority, country="MX")
    html = client.get(page.url).content.decode()
    assert f'href="{authority.get_absolute_url()}"' in html
    assert "Ciudad Juárez, Mexico" in html


def test_page_lists_its_translations(client, directory):
    page = _full_practice(directory["en"])
    translate(page, directory["es"], code="es", slug="puente-laboral", title="Un puente laboral")
    html = client.get(page.url).content.decode()
    assert 'href="/es/practicas/puente-laboral/"' in html
    assert "Also available in:" in html


def test_missing_translation_shows_original_with_marker(client, directory):
    page = _full_practice(directory["en"])
    response = client.get(f"/es/practicas/{page.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "notice--warning" in html  # the fallback notice
    assert '<article class="practice" lang="en">' in html


def test_translation_is_served_when_it_exists(client, directory):
    page = _full_practice(directory["en"])
    translate(page, directory["es"], code="es", slug="puente-laboral", title="Un puente laboral")
    html = client.get("/es/practicas/puente-laboral/").content.decode()
    assert "<h1>Un puente laboral</h1>" in html
    assert "notice--warning" not in html


def test_related_practices_share_themes_or_groups(client, directory):
    index = directory["en"]
    page = practice(index, slug="main", themes=("employment",), groups=("refugees",))
    practice(index, slug="same-theme", title="Same theme", themes=("employment",), groups=())
    practice(index, slug="same-group", title="Same group", themes=("health",), groups=("refugees",))
    practice(index, slug="unrelated", title="Unrelated", themes=("housing",), groups=("children",))
    html = client.get(page.url).content.decode()
    related = html.split("Related practices", 1)[1]
    assert "Same theme" in related
    assert "Same group" in related
    assert "Unrelated" not in related


def test_related_practices_share_the_most_first_then_the_newest(client, directory):
    index = directory["en"]
    page = practice(
        index, slug="main", themes=("employment", "health"), groups=("refugees", "children")
    )
    translate(page, directory["es"], code="es", slug="principal", title="Principal")
    practice(index, slug="one-old", title="One shared, older", themes=("health",), groups=())
    practice(
        index,
        slug="three",
        title="Three shared",
        themes=("employment", "health"),
        groups=("refugees",),
    )
    practice(index, slug="two", title="Two shared", themes=("health",), groups=("children",))
    practice(index, slug="one-new", title="One shared, newer", themes=(), groups=("refugees",))
    practice(index, slug="none", title="Nothing shared", themes=("housing",), groups=())
    html = client.get(page.url).content.decode()
    related = html.split("Related practices", 1)[1]
    titles = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', related)
    # Never the practice itself, nor its own translation.
    assert titles == ["Three shared", "Two shared", "One shared, newer", "One shared, older"]


def test_related_practices_are_limited_to_four_with_bounded_queries(client, directory):
    index = directory["en"]
    page = practice(index, slug="main")

    def related_queries() -> tuple[int, int]:
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(page.url).content.decode()
        return len(queries), html.split("Related practices", 1)[1].count(
            'class="card practice-card"'
        )

    for number in range(3):
        practice(index, slug=f"peer-{number}")
    small, shown = related_queries()
    assert shown == 3
    for number in range(3, 10):
        practice(index, slug=f"peer-{number}")
    large, shown = related_queries()
    assert shown == 4
    assert large == small


def test_directory_lists_newest_first_with_labels(client, directory):
    practice(directory["en"], slug="older", title="Older practice")
    practice(
        directory["en"], slug="newer", title="Newer practice", themes=("health",), country="PE"
    )
    html = client.get(directory["en"].url).content.decode()
    assert html.index("Newer practice") < html.index("Older practice")
    assert "Health" in html
    assert "Peru" in html


def test_directory_filters_by_country_and_theme(client, directory):
    practice(directory["en"], slug="in-peru", title="In Peru", country="PE", themes=("health",))
    practice(directory["en"], slug="in-chile", title="In Chile", country="CL")
    html = client.get(directory["en"].url + "?country=PE").content.decode()
    assert "In Peru" in html and "In Chile" not in html
    html = client.get(directory["en"].url + "?theme=employment").content.decode()
    assert "In Chile" in html and "In Peru" not in html
    # Unknown values are ignored rather than failing.
    response = client.get(directory["en"].url + "?country=ZZ&theme=<b>&page=abc")
    assert response.status_code == 200
    assert "In Peru" in response.content.decode()


def test_directory_marks_items_shown_in_their_original_language(client, directory):
    translated = practice(directory["en"], slug="translated", title="Translated one")
    translate(translated, directory["es"], code="es", slug="traducida", title="La traducida")
    practice(directory["en"], slug="english-only", title="English only")
    html = client.get(directory["es"].url).content.decode()
    assert "La traducida" in html
    assert "Translated one" not in html  # never both versions
    card = html.split("English only", 1)[1].split("</li>", 1)[0]
    assert 'class="practice-card__language"' in card
    assert "(idioma original)" in card


def test_directory_is_paginated_by_twenty(client, directory):
    for number in range(21):
        practice(directory["en"], slug=f"practice-{number}")
    html = client.get(directory["en"].url).content.decode()
    assert html.count('class="card practice-card"') == 20
    assert "Page 1 of 2" in html
    html = client.get(directory["en"].url + "?page=2").content.decode()
    assert html.count('class="card practice-card"') == 1


def test_home_page_shows_latest_three_practices(client, homes, directory):
    for number in range(4):
        practice(directory["en"], slug=f"practice-{number}", title=f"Home practice {number}")
    html = client.get("/en/").content.decode()
    section = html.split("Latest practices", 1)[1]
    assert "Home practice 3" in section
    assert "Home practice 1" in section
    assert "Home practice 0" not in section


def test_home_page_without_practices_has_no_section(client, homes):
    assert "Latest practices" not in client.get("/en/").content.decode()


def test_cms_offers_practice_directory_under_the_home_page(homes):
    from practices.models import PracticeIndexPage

    assert PracticeIndexPage in homes["en"].specific_class.allowed_subpage_models()


def test_unpublished_practice_is_not_listed(client, directory):
    page = practice(directory["en"], slug="draft", title="Draft practice")
    page.unpublish()
    assert "Draft practice" not in client.get(directory["en"].url).content.decode()
    assert client.get("/en/practices/draft/").status_code == 404


def test_views_served_from_the_page_cache_count_for_most_viewed(client, settings, directory):
    from practice_search.models import PracticeViewCount
    from practice_search.services import practice_views_rank

    settings.PAGE_CACHE_ENABLED = True
    page = practice(directory["en"], slug="popular", title="Popular")
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert practice_views_rank() == 3
    assert PracticeViewCount.objects.get(translation_key=page.translation_key).count == 3
    # Other cached pages still cost no query on a hit.
    client.get("/en/practices/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/practices/")["X-Page-Cache"] == "hit"
    assert len(queries) == 0
