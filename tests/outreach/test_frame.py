"""The frame every page shares (templates/base.html) and the stylesheet."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants

from tests.factories import UserFactory

from . import builders


@pytest.mark.django_db
def test_anonymous_page_has_skip_link_landmarks_and_sign_in_links(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert html.count("<h1") == 1
    assert "/en/accounts/login/" in html
    assert "/en/accounts/signup/" in html
    assert "Sign out" not in html
    # No form with a CSRF token: anonymous pages stay cacheable and set no cookie.
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


@pytest.mark.django_db
def test_signed_in_page_has_user_menu_and_sign_out_post_form(client):
    client.force_login(UserFactory())
    html = client.get("/en/").content.decode()
    assert "My Convive" in html
    assert 'action="/en/accounts/logout/"' in html
    assert 'method="post"' in html
    assert "/en/network/profile/" in html
    assert "/en/notifications/" in html
    assert "/en/accounts/login/" not in html


@pytest.mark.django_db
def test_unread_notification_count_is_shown(client):
    user = UserFactory()
    client.force_login(user)
    assert '<span class="badge">' not in client.get("/en/").content.decode()
    from notifications.models import Notification

    Notification.objects.create(
        recipient=user, kind="event_registration_confirmed", event_key="x", context={}
    )
    html = client.get("/en/").content.decode()
    assert '<span class="badge">1</span>' in html


@pytest.mark.django_db
def test_language_switcher_marks_current_language_and_links_each_translation(client):
    html = client.get("/es/").content.decode()
    assert (
        '<a href="/es/language/es/?next=%2Fes%2F" lang="es" hreflang="es" aria-current="true">'
        "Español</a>"
    ) in html
    for code, name in [("en", "English"), ("pt", "Português"), ("fr", "Français")]:
        assert f'href="/{code}/language/{code}/?next=%2F{code}%2F" lang="{code}"' in html
        assert f">{name}</a>" in html
    assert html.count('aria-current="true"') == 1


@pytest.mark.django_db
def test_language_switcher_on_a_django_view_uses_translate_url(client):
    html = client.get("/fr/search/?q=ville").content.decode()
    assert "next=%2Fes%2Fsearch%2F" in html
    assert 'hreflang="es" href="http://testserver/es/search/?q=ville"' in html


@pytest.mark.django_db
def test_head_has_sharing_metadata_canonical_and_hreflang_alternates(client, homes):
    index = builders.news_index(homes["en"])
    news = builders.news_page(index, slug="launch", title="Network launched", summary="Big day.")
    es_index = builders.translate(index, homes["es"], code="es", slug="noticias")
    builders.translate(news, es_index, code="es", slug="lanzamiento", title="Red lanzada")
    html = client.get("/en/news/launch/").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/news/launch/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/news/launch/">' in html
    assert (
        '<link rel="alternate" hreflang="es" href="http://testserver/es/noticias/lanzamiento/">'
        in html
    )
    # No hreflang alternate for languages without a real translation.
    assert 'hreflang="fr" href="http://testserver/fr/' not in html
    assert '<meta property="og:title" content="Network launched">' in html
    assert '<meta property="og:description" content="Big day.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="http://testserver/en/news/launch/">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    assert '<meta property="og:locale:alternate" content="es_LA">' in html
    assert '<meta property="og:image" content="http://testserver/static/img/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


@pytest.mark.django_db
def test_main_navigation_lists_menu_pages_in_the_visitors_language_and_join(client, homes):
    index = builders.news_index(homes["en"])
    builders.translate(index, homes["es"], code="es", slug="noticias", title="Noticias")
    builders.event_index(homes["en"])  # not translated: English title under /es/
    html = client.get("/es/").content.decode()
    assert '<a href="/es/noticias/">Noticias</a>' in html
    assert '<a href="/es/events/">Events</a>' in html
    assert 'href="/es/network/join/"' in html


@pytest.mark.django_db
def test_messages_are_shown(client, homes):
    client.force_login(UserFactory())
    index = builders.event_index(homes["en"])
    event = builders.event_page(index, slug="webinar", capacity=0)
    response = client.post(f"/en/events/{event.pk}/register/", follow=True)
    assert constants.ERROR in [message.level for message in response.context["messages"]]
    assert "This event is full" in response.content.decode()


def test_stylesheet_is_small_and_provides_the_shared_classes():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "convive.css").read_text()
    # One hand-written file with the identity's tokens: small next to the page budget (every page
    # under 60 KB of HTML and CSS, tests/test_identity.py), and compressed when served.
    assert len(css.encode()) < 24 * 1024
    for selector in [
        ".button",
        ".button--secondary",
        ".form",
        ".notice",
        ".notice--warning",
        ".card",
        ".cards",
        ".table",
        ".meta",
        ".visually-hidden",
        ".errorlist",
        ":focus-visible",
        ".helptext",
    ]:
        assert selector in css
    assert "@import" not in css and "url(http" not in css
