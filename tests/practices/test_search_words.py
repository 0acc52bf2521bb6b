"""Words a visitor types find practices by what classifies them, in any language, and by who
ran them: the labels of their themes and target groups in every content language, the member
authority's name and the tags are part of what is searched (on SQLite and on PostgreSQL)."""

import re
from html import unescape

import pytest
from django.http import QueryDict

from practices.search import practice_search
from tests.factories import LocalAuthorityFactory

from .builders import practice

pytestmark = pytest.mark.django_db


def _found(query: str, *, language: str = "en") -> list[str]:
    result = practice_search(params=QueryDict(query), language=language)
    return [item.title for item in result.items]


@pytest.fixture
def classified(directory):
    practice(
        directory["es"],
        slug="retorno",
        title="Oficina municipal para personas retornadas",
        summary="Acompañamiento en la llegada.",
        themes=("return",),
        original_language="es",
        country="SV",
    )
    practice(
        directory["en"],
        slug="fair",
        title="Job fair",
        summary="Employers meet newcomers.",
        themes=("socioeconomic",),
        authority=LocalAuthorityFactory(name="Zacatecoluca", country="SV"),
    )
    jobs = practice(directory["en"], slug="desk", title="Advice desk", summary="Weekly advice.")
    jobs.tags.add("ferias de empleo")
    jobs.save_revision().publish()


@pytest.mark.parametrize(
    ("query", "language", "title"),
    [
        # The theme "Return and reintegration" in Spanish, with and without its accent.
        ("reintegracion", "es", "Oficina municipal para personas retornadas"),
        ("reintegración", "es", "Oficina municipal para personas retornadas"),
        # The theme "Socio-economic integration" in Portuguese, with and without accents.
        ("integração", "en", "Job fair"),
        ("integracao", "en", "Job fair"),
        # The member authority's name, which the practice's own text never says.
        ("zacatecoluca", "en", "Job fair"),
        # A tag.
        ("ferias", "en", "Advice desk"),
    ],
)
def test_a_practice_is_found_by_its_terms_authority_and_tags(classified, query, language, title):
    assert title in _found(f"q={query}", language=language)


def test_a_word_only_another_practice_is_classified_with_finds_only_that_one(classified):
    assert _found("q=reintegracion", language="es") == [
        "Oficina municipal para personas retornadas"
    ]


def test_a_word_that_nothing_holds_does_not_hide_what_the_other_word_finds(classified):
    assert _found("q=reintegracion zzzqx&country=SV", language="es") == [
        "Oficina municipal para personas retornadas"
    ]


def test_a_search_that_finds_nothing_says_what_to_try(client, classified):
    page = client.get("/es/practicas/", {"q": "reintegracion zzzqx", "country": "MX"})
    html = page.content.decode()
    assert "0 prácticas encontradas" in html or "0 práctica" in html
    tries = {
        label: url
        for url, label in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', html)
        if url.startswith("?")
    }
    # No word alone is offered: a practice holding either word would have been found.
    assert set(tries) == {"“reintegracion zzzqx” sin filtros", "Estos filtros sin palabras"}
    # Following "the words without filters" finds the practice one of them names.
    found = client.get("/es/practicas/" + unescape(tries["“reintegracion zzzqx” sin filtros"]))
    assert "Oficina municipal para personas retornadas" in found.content.decode()
