"""The facet form and the results block render what a visitor needs, without JavaScript."""

import re

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from practices.search import practice_search

from .builders import practice

pytestmark = pytest.mark.django_db


def _render(template: str, query: str = "") -> str:
    request = RequestFactory().get(f"/en/practices/?{query}")
    with translation.override("en"):
        search = practice_search(params=QueryDict(query), language="en")
        return render_to_string(
            f"practices/includes/{template}.html", {"search": search}, request=request
        )


@pytest.fixture
def two(directory):
    practice(directory["en"], slug="health", title="Health desk", themes=("health",), country="MX")
    practice(directory["en"], slug="jobs", title="Job fair", themes=("employment",), country="CO")


def test_facets_form_has_labelled_checkboxes_with_counts(two):
    html = _render("facets", "country=MX&q=desk")
    assert '<form class="form practice-facets" method="get" action="/en/practices/"' in html
    # Each facet is a group that opens and closes without JavaScript, named by its legend.
    assert re.search(r'<details class="facet" id="facet-country" open>\s*<summary>Country', html)
    assert '<legend class="visually-hidden">Country</legend>' in html
    assert '<legend class="visually-hidden">Theme</legend>' in html
    assert "<summary>Filters (1)</summary>" in html
    # Every input has a label pointing at it.
    for input_id in re.findall(r'<input [^>]*id="([^"]+)"', html):
        assert f'for="{input_id}"' in html
    assert re.search(r'name="country" value="MX" checked', html)
    assert 'Health <span class="meta">(1 practice)</span>' in html
    assert 'value="desk"' in html
    assert 'href="/en/practices/">Clear all' in html
    assert 'option value="relevance" selected' in html


def test_results_list_cards_outputs_and_pagination_keep_the_filters(directory):
    for number in range(21):
        practice(directory["en"], slug=f"p-{number}", themes=("health",))
    html = _render("results", "theme=health")
    assert "21 practices found" in html
    assert html.count('class="card practice-card"') == 20
    assert 'href="?theme=health&amp;page=2" rel="next"' in html
    assert 'href="/en/practices/feed/rss/?theme=health"' in html
    assert 'href="/en/practices/export/csv/?theme=health"' in html
    assert 'Remove<span class="visually-hidden"> Theme: Health</span>' in html


def test_results_say_when_nothing_matches(two):
    html = _render("results", "q=nothing-like-this")
    assert "0 practices found" in html
    assert "No practice matches your search." in html
