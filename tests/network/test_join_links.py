"""Everywhere the site tells an authority how to join, it links to the application form in the
visitor's language."""

import io
import re

import pytest

from outreach.demo import seed_outreach
from tests.once import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.module_media]

LANGUAGES = ["en", "es", "pt", "fr"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_media):
    """The demo site, seeded once for the pages rendered below."""
    yield from built_once(
        django_db_blocker, lambda: seed_outreach(stdout=io.StringIO()), media=module_media
    )


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_footer_and_directory_link_to_the_form(client, language):
    html = client.get(f"/{language}/network/authorities/").content.decode()
    join = f"/{language}/network/join/"
    header, _, rest = html.partition("</header>")
    assert join in _hrefs(header)
    assert join in _hrefs(rest.partition("<footer")[0])  # "Your authority is not listed?"
    assert join in _hrefs(rest.partition("<footer")[2])
    assert client.get(join).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_call_to_action_leads_to_the_form(client, seeded, language):
    home = client.get(f"/{language}/").content.decode()
    action = re.search(r'<section class="call-to-action">.*?href="([^"]+)"', home, re.S)
    assert action, "the home page has no call to action"
    how_to_join = client.get(action.group(1))
    assert how_to_join.status_code == 200
    assert f'lang="{language}"' in how_to_join.content.decode()
    main = how_to_join.content.decode().partition("<main")[2].partition("</main>")[0]
    assert f"/{language}/network/join/" in _hrefs(main)


def test_the_thank_you_page_goes_back_to_the_home_page_in_the_visitors_language(client):
    html = client.get("/es/network/join/thanks/").content.decode()
    assert 'href="/es/"' in html
    assert 'href="/"' not in html
