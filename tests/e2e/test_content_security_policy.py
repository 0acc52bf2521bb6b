"""The public site works under its Content-Security-Policy in a real browser: Chromium reports no
violation of the enforced policy on the pages a visitor sees (home, directory, a practice, news
with a video, sign-in, a 404) nor in the CMS as a signed-in editor. The other browser tests run
with CSP bypassed (they inject axe-core); this one does not."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from tests.factories import UserFactory
from tests.network.conftest import totp_add
from tests.outreach import builders
from tests.practices.builders import practice, practice_index

pytestmark = pytest.mark.browser

VIDEO = {
    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "title": "Launch",
    "caption": "",
    "show_player": True,
}


@pytest.fixture
def strict_tab(browser, live_server, migrated_site):
    """A browser tab that obeys the site's CSP, with every CSP message it logs."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.csp_messages = []
    tab.on(
        "console",
        lambda message: (
            tab.csp_messages.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield tab
    context.close()


def _enforced(messages: list[str]) -> list[str]:
    return [text for text in messages if "report-only" not in text]


def _sign_in(tab, user, live_server) -> None:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    tab.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


def test_public_pages_run_under_the_enforced_policy(strict_tab):
    home = builders.homes()["en"]
    directory = practice_index(home)
    practice(directory, slug="health-desk")
    news = builders.news_page(builders.news_index(home), slug="launch", body=[("video", VIDEO)])

    for path in (
        "/en/",
        "/en/practices/",
        "/en/practices/health-desk/",
        news.url,
        "/en/accounts/login/",
        "/en/no-such-page/",
    ):
        strict_tab.goto(path)
        strict_tab.wait_for_load_state("load")

    assert strict_tab.locator("iframe[src^='https://www.youtube-nocookie.com/']").count() == 0
    assert strict_tab.csp_messages == []


def test_the_video_player_is_allowed_to_load(strict_tab):
    home = builders.homes()["en"]
    news = builders.news_page(builders.news_index(home), slug="launch", body=[("video", VIDEO)])
    strict_tab.goto(news.url)
    assert strict_tab.locator("iframe[src^='https://www.youtube-nocookie.com/']").count() == 1
    strict_tab.wait_for_load_state("load")
    assert strict_tab.csp_messages == []


def test_the_cms_runs_under_its_enforced_policy(strict_tab, live_server):
    home = builders.homes()["en"]
    editor = UserFactory(is_superuser=True, is_staff=True)
    totp_add(editor)
    _sign_in(strict_tab, editor, live_server)

    for path in ("/cms/", f"/cms/pages/{home.pk}/", f"/cms/pages/{home.pk}/edit/"):
        response = strict_tab.goto(path)
        assert response.status == 200, path
        strict_tab.wait_for_load_state("load")

    assert _enforced(strict_tab.csp_messages) == []
