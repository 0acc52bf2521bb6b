"""Every page tells search engines and link previews what it is: its own description, cut after
a whole word, or the network's, in the visitor's language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from base.templatetags.base_tags import description_cut

from . import builders

pytestmark = pytest.mark.django_db


def _description(html: str) -> str | None:
    found = re.search(r'<meta name="description" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_a_long_description_is_cut_after_a_whole_word():
    text = "Municipal staff " + "orient newcomers towards services " * 20
    cut = description_cut(text)
    assert len(cut) <= 300 and cut.endswith("…")
    assert cut[:-1] == text[: len(cut) - 1]
    assert text[len(cut) - 1] == " "  # the next character starts a new word


@pytest.mark.parametrize("language", ["en", "es"])
def test_pages_without_a_description_of_their_own_describe_the_network(client, homes, language):
    with translation.override(language):
        html = client.get(reverse("account_login")).content.decode()
        expected = str(
            translation.gettext(
                "A network of local authorities of the Americas that welcome and integrate "
                "migrants, refugees and returnees."
            )
        )
    assert _description(html) == expected.replace("'", "&#x27;")


def test_the_map_describes_itself(client, homes):
    from practices.models import PracticeIndexPage

    builders.add_page(homes["en"], PracticeIndexPage(title="Good practices", slug="practices"))
    with translation.override("en"):
        html = client.get(reverse("practices:map")).content.decode()
    assert _description(html).startswith("Where the network")
