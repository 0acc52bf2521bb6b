"""Site search: live pages in the visitor's language, paginated, robust to odd queries."""

import pytest

from . import builders


@pytest.fixture
def news(homes):
    index = builders.news_index(homes["en"])
    es_index = builders.translate(index, homes["es"], code="es", slug="noticias", title="Noticias")
    english = builders.news_page(
        index,
        slug="office",
        title="Cúcuta opens a welcome office",
        summary="A single desk helps newcomers with documents.",
    )
    builders.translate(
        english,
        es_index,
        code="es",
        slug="oficina",
        title="Cúcuta abre una oficina de acogida",
        summary="Una ventanilla única ayuda con los documentos.",
    )
    draft = builders.news_page(index, slug="draft", title="Secret welcome plans")
    draft.unpublish()
    return index


@pytest.mark.django_db
def test_search_finds_live_pages_in_the_visitors_language(client, news):
    english = client.get("/en/search/", {"q": "welcome office"}).content.decode()
    assert '<a href="/en/news/office/">Cúcuta opens a welcome office</a>' in english
    assert "A single desk helps newcomers with documents." in english
    assert "Cúcuta abre una oficina" not in english
    assert "Secret welcome plans" not in english

    spanish = client.get("/es/search/", {"q": "oficina"}).content.decode()
    assert '<a href="/es/noticias/oficina/">Cúcuta abre una oficina de acogida</a>' in spanish
    assert "welcome office" not in spanish


@pytest.mark.django_db
def test_search_without_results_says_so(client, news):
    html = client.get("/en/search/", {"q": "zzzyyyxxx"}).content.decode()
    assert "Nothing found for “zzzyyyxxx”" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%%%",
        "' OR 1=1 --",
        "\x00\x01",
        '"unbalanced',
        "AND OR NOT",
        "a" * 5000,
        "<script>alert(1)</script>",
    ],
)
def test_empty_and_garbage_queries_are_handled(client, news, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_search_results_are_paginated(client, homes):
    index = builders.news_index(homes["en"])
    for number in range(13):
        builders.news_page(index, slug=f"integration-{number}", title=f"Integration story {number}")
    first = client.get("/en/search/", {"q": "integration"}).content.decode()
    assert "13 results for “integration”" in first
    assert "Page 1 of 2" in first
    assert "q=integration&amp;page=2" in first
    second = client.get("/en/search/", {"q": "integration", "page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert second.count('class="search-results__title"') == 3


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_full_text_search_stems_words(client, homes):
    """On PostgreSQL the database backend stems words (english configuration): a search for
    "integrating" finds a page that only says "integration"."""
    index = builders.news_index(homes["en"])
    builders.news_page(
        index, slug="plan", title="A local plan", summary="Integration of newcomers in Quito."
    )
    html = client.get("/en/search/", {"q": "integrating"}).content.decode()
    assert '<a href="/en/news/plan/">A local plan</a>' in html
