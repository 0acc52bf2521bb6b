"""The visual identity on the demo site: logo and icons in every page's head and header, the
footer's legal pages in the visitor's language, theme icons, responsive pictures, and the weight
budget (HTML + CSS under 60 KB before images)."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.demo import seed_network
from outreach.demo import seed_outreach
from outreach.models import EventPage, NewsPage
from practices.demo import seed_practices
from practices.models import PracticePage
from taxonomy.terms import THEMES
from tests.once import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.module_media]

BUDGET = 60_000  # bytes of HTML plus the stylesheet, before images


def _seed() -> None:
    out = io.StringIO()
    seed_network(stdout=out)
    seed_outreach(stdout=out)
    seed_practices(stdout=out)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_media):
    yield from built_once(django_db_blocker, _seed, media=module_media)


def _page_url(model, language: str = "en") -> str:
    return model.objects.filter(locale__language_code=language).order_by("path").first().url


def _stylesheet_bytes() -> int:
    return Path(finders.find("css/convive.css")).stat().st_size


@pytest.mark.parametrize(
    "which", ["home", "practice directory", "practice", "authority directory", "news", "event"]
)
def test_each_kind_of_page_weighs_under_the_budget(client, seeded, which):
    url = {
        "home": lambda: "/en/",
        "practice directory": lambda: "/en/practices/",
        "practice": lambda: _page_url(PracticePage),
        "authority directory": lambda: "/en/network/authorities/",
        "news": lambda: _page_url(NewsPage),
        "event": lambda: _page_url(EventPage),
    }[which]()
    response = client.get(url)
    assert response.status_code == 200
    # Counted as served in production, where each static address carries a 12-digit hash.
    html_bytes = len(response.content) + response.content.count(b"/static/") * 13
    weight = html_bytes + _stylesheet_bytes()
    assert weight < BUDGET, f"{url}: {weight} bytes of HTML and CSS"
    # Nothing comes from other sites: no web fonts, scripts or stylesheets.
    html = response.content.decode()
    assert not re.search(r'<script[^>]+src="https?://', html)
    assert not re.search(r'<link rel="(stylesheet|preload|icon)"[^>]+href="https?://', html)


def test_every_page_shows_the_logo_and_declares_its_icons(client, seeded):
    html = client.get("/en/news/").content.decode()
    assert re.search(
        r'<a class="site-name" href="/en/"><img src="[^"]*convive-logo[^"]*\.svg" '
        r'width="176" height="40" alt="Convive">',
        html,
    )
    for name in ("favicon.svg", "favicon-32.png", "apple-touch-icon.png"):
        assert re.search(rf'<link rel="(icon|apple-touch-icon)" href="[^"]*{name[:-4]}', html)
        assert finders.find(f"img/{name}"), name


@pytest.mark.parametrize(
    ("language", "slugs", "titles"),
    [
        ("en", ("privacy", "terms-of-use", "accessibility"), ("Privacy notice",)),
        ("es", ("privacidad", "condiciones-de-uso", "accesibilidad"), ("Aviso de privacidad",)),
        ("pt", ("privacidade", "termos-de-uso", "acessibilidade"), ("Aviso de privacidade",)),
        (
            "fr",
            ("confidentialite", "conditions-d-utilisation", "accessibilite"),
            ("Politique de confidentialité",),
        ),
    ],
)
def test_the_footer_links_the_legal_pages_in_the_visitors_language(
    client, seeded, language, slugs, titles
):
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for slug in slugs:
        assert f'href="/{language}/{slug}/"' in footer
    assert f"mailto:{settings.CONTACT_EMAIL}" in footer
    for partner in ("OAS", "IOM", "UNHCR"):
        assert f"<li>{partner}</li>" in footer or language != "en"
    privacy = client.get(f"/{language}/{slugs[0]}/").content.decode()
    assert f"<h1>{titles[0]}</h1>" in privacy
    assert settings.CONTACT_EMAIL in privacy
    accessibility = client.get(f"/{language}/{slugs[2]}/").content.decode()
    assert "WCAG" in accessibility and "2.2" in accessibility and "axe-core" in accessibility


def test_the_theme_sprite_has_one_icon_per_theme():
    sprite = Path(finders.find("img/themes.svg")).read_text()
    symbols = re.findall(r'<symbol id="([^"]+)" viewBox="0 0 24 24"', sprite)
    assert sorted(symbols) == sorted(f"theme-{term.code}" for term in THEMES)


def test_practice_cards_and_pages_show_decorative_theme_icons(client, seeded):
    html = client.get("/en/practices/").content.decode()
    icon = r'<svg aria-hidden="true"><use href="[^"]*themes[^"]*\.svg#theme-[a-z-]+"/></svg>'
    # On the cards, before the themes' names (the first theme's).
    assert re.search(rf'<p class="theme-list practice-card__themes">{icon}<span>', html)
    practice = client.get(_page_url(PracticePage)).content.decode()
    assert re.search(rf'<ul class="theme-list practice__themes"><li>{icon}', practice)


def test_demo_pictures_are_responsive_with_modern_formats_and_lazy_below_the_fold(client, seeded):
    home = client.get("/en/").content.decode()
    hero = home[home.index('<div class="hero__media">') :]
    hero = hero[: hero.index("</picture>")]
    assert 'type="image/avif"' in hero and 'type="image/webp"' in hero
    image = re.search(r"<img [^>]*>", hero).group()
    assert re.search(r' width="\d+"', image) and re.search(r' height="\d+"', image)
    assert 'loading="lazy"' not in hero  # the first screen's picture comes at once
    cards = re.findall(r'<div class="card__image"><picture>.*?</picture>', home, re.S)
    assert len(cards) >= 3
    for card in cards:
        assert 'loading="lazy"' in card and 'alt=""' in card and 'type="image/avif"' in card

    news = NewsPage.objects.filter(locale__language_code="fr").order_by("path").first()
    assert news.image is not None  # the translations share their picture
    article = client.get(news.url).content.decode()
    assert '<div class="article-image"><picture>' in article


@pytest.mark.parametrize("url", ["/en/", "/en/news/", "/en/events/?when=past", "/fr/"])
def test_card_pictures_come_with_their_renditions_in_one_query(client, seeded, settings, url):
    """Every card shows a picture (six formats and sizes each): their renditions are read for the
    whole listing at once, never card by card."""
    settings.PAGE_CACHE_ENABLED = False
    client.get(url)  # renditions are made on a first view
    for alias in settings.CACHES:
        caches[alias].clear()
    # Built afresh, then read back from the shared cache (the home page keeps its cards there).
    for _view in range(2):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count('<div class="card__image"><picture>') >= 1
        renditions = [q for q in queries if 'FROM "wagtailimages_rendition"' in q["sql"]]
        images = [q for q in queries if 'FROM "wagtailimages_image"' in q["sql"]]
        # One per listing on the page (the home page has news, events and a campaign), plus
        # the hero's own picture and the sharing image.
        assert len(renditions) <= 5, [q["sql"][-200:] for q in renditions]
        assert len(images) <= 5
