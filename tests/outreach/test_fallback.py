"""Pages without a translation in the visitor's language are shown in the default language with
a notice; listings never show the same item twice."""

import pytest
from django.utils import translation
from django.utils.translation import get_language_info

from . import builders


def notice(active: str, shown: str) -> str:
    """The fallback notice as a visitor reading ``active`` sees it (translated once catalogues
    exist, with language names in ``active``)."""
    with translation.override(active):
        names = {
            "language": get_language_info(active)["name_translated"],
            "page_language": get_language_info(shown)["name_translated"],
        }
        return (
            translation.gettext(
                "This page is not available in %(language)s yet; showing the %(page_language)s "
                "version."
            )
            % names
        )


NOTICE_ES = notice("es", "en")


@pytest.fixture
def news(homes):
    """An English news index with a Spanish translation; one item translated, one not."""
    index = builders.news_index(homes["en"])
    es_index = builders.translate(index, homes["es"], code="es", slug="noticias", title="Noticias")
    translated = builders.news_page(index, slug="launch", title="Network launched", days_ago=1)
    builders.translate(translated, es_index, code="es", slug="lanzamiento", title="Red lanzada")
    untranslated = builders.news_page(index, slug="webinar", title="Webinar announced")
    return {"index": index, "es_index": es_index, "untranslated": untranslated}


@pytest.mark.django_db
def test_untranslated_page_shows_default_language_with_notice(client, news):
    response = client.get("/es/noticias/webinar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Webinar announced" in html
    assert NOTICE_ES in html
    assert '<html lang="es">' in html
    assert '<article lang="en">' in html


@pytest.mark.django_db
def test_translated_page_has_no_notice(client, news):
    html = client.get("/es/noticias/lanzamiento/").content.decode()
    assert "Red lanzada" in html
    assert NOTICE_ES not in html
    assert 'class="notice notice--warning" role="note"' not in html


@pytest.mark.django_db
def test_fallback_address_of_a_translated_page_redirects_to_the_translation(client, news):
    response = client.get("/es/news/launch/")
    assert response.status_code == 302
    assert response["Location"] == "/es/noticias/lanzamiento/"


@pytest.mark.django_db
def test_index_lists_translations_and_falls_back_without_duplicates(client, news):
    html = client.get("/es/noticias/").content.decode()
    assert html.count("Red lanzada") == 1
    assert "Network launched" not in html
    assert '<a href="/es/noticias/webinar/">Webinar announced</a>' in html


@pytest.mark.django_db
def test_language_switcher_on_untranslated_page_links_to_the_fallback(client, news, homes):
    html = client.get("/en/news/webinar/").content.decode()
    assert "next=%2Fes%2Fnoticias%2Fwebinar%2F" in html
    # French has no news index either: the French home serves it through the fallback route.
    assert "next=%2Ffr%2Fnews%2Fwebinar%2F" in html
    response = client.get("/fr/news/webinar/")
    assert response.status_code == 200
    assert notice("fr", "en") in response.content.decode()


@pytest.mark.django_db
def test_home_page_lists_news_in_the_visitors_language_with_fallback(client, news):
    html = client.get("/es/").content.decode()
    assert "Red lanzada" in html
    assert "Network launched" not in html
    assert '<a href="/es/noticias/webinar/">Webinar announced</a>' in html


@pytest.mark.django_db
def test_unknown_page_is_still_a_404(client, news):
    assert client.get("/es/noticias/nothing-here/").status_code == 404
    assert client.get("/es/nothing/at/all/").status_code == 404


@pytest.mark.django_db
def test_page_only_in_spanish_is_reachable_from_english(client, homes, news):
    only_spanish = builders.news_page(news["es_index"], slug="solo-en-espanol", title="Solo")
    assert only_spanish.locale.language_code == "es"
    response = client.get("/en/news/solo-en-espanol/")
    assert response.status_code == 200
    assert notice("en", "es") in response.content.decode()
