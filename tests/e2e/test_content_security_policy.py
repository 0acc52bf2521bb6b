"""The site works under its Content-Security-Policy in a real browser: Chromium reports no
violation of the enforced policy on the pages a visitor sees (home, directory, a practice, news
with a video, sign-in, a 404) nor in the CMS as a signed-in editor. (Every browser test's tab
fails on a violation, see conftest.py; these visit the pages most likely to have one.)"""

import pytest

from tests.factories import UserFactory
from tests.network.conftest import totp_add
from tests.outreach import builders
from tests.practices.builders import practice, practice_index

from .conftest import csp_violations
from .sessions import sign_in

pytestmark = pytest.mark.browser

VIDEO = {
    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "title": "Launch",
    "caption": "",
    "show_player": True,
}
PLAYER = "iframe[src^='https://www.youtube-nocookie.com/']"


def _news_with_video():
    index = builders.news_index(builders.homes()["en"])
    return builders.news_page(index, slug="launch", body=[("video", VIDEO)])


def test_public_pages_run_under_the_enforced_policy(page, migrated_site):
    directory = practice_index(builders.homes()["en"])
    practice(directory, slug="health-desk")
    news = _news_with_video()

    for path in (
        "/en/",
        "/en/practices/",
        "/en/practices/health-desk/",
        news.url,
        "/en/accounts/login/",
        "/en/no-such-page/",
    ):
        page.goto(path)
        page.wait_for_load_state("load")

    assert csp_violations(page.csp_messages) == []


def test_the_video_player_is_allowed_to_load(page, migrated_site):
    page.goto(_news_with_video().url)
    page.wait_for_load_state("load")

    assert page.locator(PLAYER).count() == 1
    assert csp_violations(page.csp_messages) == []


def test_the_cms_runs_under_its_enforced_policy(page, live_server, migrated_site):
    home = builders.homes()["en"]
    editor = UserFactory(is_superuser=True, is_staff=True)
    totp_add(editor)
    sign_in(page, editor, live_server)

    for path in ("/cms/", f"/cms/pages/{home.pk}/", f"/cms/pages/{home.pk}/edit/"):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("load")

    assert csp_violations(page.csp_messages) == []


def test_the_authenticator_qr_code_is_allowed_to_load(page, live_server):
    password = "correct horse battery"
    member = UserFactory(password=password)
    sign_in(page, member, live_server)
    page.goto("/en/accounts/reauthenticate/?next=/en/accounts/2fa/totp/activate/")
    page.locator("main input[name='password']").fill(password)
    page.locator("main form [type='submit']").click()
    page.wait_for_url("**/2fa/totp/activate/")

    qr_code = page.locator("main img")
    assert qr_code.evaluate("(image) => image.complete && image.naturalWidth > 0")
    assert csp_violations(page.csp_messages) == []
