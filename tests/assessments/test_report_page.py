"""The report page: its figures are the dashboard's as readers outside the team see them,
small counts are protected, quotes need consent and never name the authority, figures link to
practices sharing a taxonomy code, and the page is public once published (drafts are not)."""

import html as html_module
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.roles import Role
from tests.assessments.report_helpers import (
    ANSWERS,
    answers,
    report_body,
    report_page,
    report_world,
)
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return report_world()


def _tables(html: str, caption_id: str) -> list[list[list[str]]]:
    """The text of every row's cells of each table whose caption id matches ``caption_id``
    (a regular expression), in page order."""
    tables = []
    for match in re.finditer(rf'<caption id="{caption_id}">', html):
        table = html[match.end() :].split("</table>", 1)[0]
        rows = []
        for row in table.split("<tr>")[1:]:
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
            texts = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
            rows.append([html_module.unescape(text) for text in texts])
        tables.append(rows)
    return tables


def _dashboard(client, assessment, **query) -> str:
    url = reverse("assessments:assessment_analysis", args=[assessment.slug])
    response = client.get(url, {"protected": "on", "section": "capacity", **query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_shows_the_dashboards_figures_as_readers_outside_the_team_see_them(
    client, world
):
    report = client.get(world.page.url).content.decode()
    sign_in(client, person(Role.COORDINATOR))
    plain = _dashboard(client, world.assessment)
    by_country = _dashboard(client, world.assessment, by="country")
    colombia = _dashboard(client, world.assessment, country="CO")

    office_report = _tables(report, r"report-figure-\d+-office-caption")
    assert len(office_report) == 2
    assert office_report[0] == _tables(plain, "figure-office-caption")[0]
    assert office_report[1] == _tables(by_country, "figure-office-caption")[0]
    assert _tables(report, r"report-figure-\d+-services-caption") == _tables(
        plain, "figure-services-caption"
    )
    assert _tables(report, r"report-figure-\d+-staff-caption") == _tables(
        colombia, "figure-staff-caption"
    )
    # The crosstab protects Peru's two authorities, as the dashboard's preview does.
    peru = next(row for row in office_report[1] if row[0] == "Peru")
    assert "<5" in peru
    # "Health": two authorities, shown as "<5" in the report, never as 2.
    health = next(
        row
        for row in _tables(report, r"report-figure-\d+-services-caption")[0]
        if row[0] == "Health"
    )
    assert health[1] == "<5"


def test_the_methodology_states_the_version_period_rate_review_rule_and_suppression(
    client, world, settings
):
    html = html_module.unescape(client.get(world.page.url).content.decode())
    assert "Version 1" in html
    assert f"{len(ANSWERS)} of {len(ANSWERS)} invited local authorities answered" in html
    assert "Counts approved answers only." in html
    assert f"fewer than {settings.ASSESSMENT_SMALL_CELL_MIN} authorities" in html


def test_a_quote_is_shown_with_consent_and_never_names_its_authority(client, world):
    html = html_module.unescape(client.get(world.page.url).content.decode())
    quoted = world.responses[0]
    assert "We opened a shelter with the parish." in html
    assert quoted.local_authority.name not in html
    assert "Quoted with its consent, without its name." in html


def test_an_answer_without_consent_is_refused_and_never_shown(client, world):
    no_consent = world.responses[1]
    page = world.page
    page.body = report_body(quote_response=no_consent.pk, practices=[])
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "body" in refused.value.message_dict
    # Saved without the check (as a script could): the answer is still not shown.
    page.save(clean=False)
    html = html_module.unescape(client.get(page.url).content.decode())
    assert "Secret plan of Villa Norte." not in html


def test_consent_withdrawn_after_publishing_hides_the_quote(client, world):
    quoted = world.responses[0]
    quoted.data = {**quoted.data, "consent": "no"}
    quoted.save()
    html = html_module.unescape(client.get(world.page.url).content.decode())
    assert "We opened a shelter with the parish." not in html


def test_keys_are_checked_against_the_assessment(world):
    page = world.page
    page.body = [
        ("figure", {"question": "nope"}),
        ("figure", {"question": "violence"}),
        ("figure", {"question": "story"}),
        ("figure", {"question": "office", "by": "question", "by_question": "staff"}),
    ]
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    stream = refused.value.error_dict["body"][0]
    errors = {index: error.block_errors for index, error in stream.block_errors.items()}
    assert errors[0]["question"].messages == ["The assessment has no question with this key."]
    assert errors[1]["question"].messages == [
        "This question is sensitive: its answers are not published."
    ]
    assert errors[2]["question"].messages == ["Only choice and number questions have figures."]
    assert "by_question" in errors[3]
    page.quote_consent_key = "staff"
    page.body = []
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert refused.value.message_dict["quote_consent_key"] == [
        "The consent question must be a yes/no question."
    ]


def _links(html: str, key: str) -> list[str]:
    """The practice titles linked under the report's figures of ``key``."""
    found = []
    for part in re.split(r'<div class="report__figure', html)[1:]:
        if re.search(rf'id="report-figure-\d+-{key}-heading"', part):
            links = part.split('class="report__practice-links"', 1)
            if len(links) == 2:
                found.append(re.findall(r"<a [^>]*>([^<]+)</a>", links[1].split("</ul>")[0]))
    return found


def test_figures_link_to_practices_sharing_a_taxonomy_code(client, world):
    html = client.get(world.page.url).content.decode()
    office = _links(html, "office")
    # "office" is tagged reception and women and girls; "services" health.
    assert office and all(sorted(links) == ["Girls club", "Night shelter"] for links in office)
    assert _links(html, "services") == [["Health clinic"]]
    assert "Job fair" not in str(_links(html, "office") + _links(html, "services"))
    # And on to every practice on each of the question's codes, in the practice directory.
    assert 'href="/en/practices/?theme=reception"' in html
    assert 'href="/en/practices/?group=women-girls"' in html


def test_chosen_practices_are_shown_as_cards_in_the_chosen_order(client, world):
    html = client.get(world.page.url).content.decode()
    section = html.split("Cases to learn from", 1)[1].split("</section>", 1)[0]
    assert section.index("Job fair") < section.index("Night shelter")
    assert 'class="cards"' in section


def test_an_unpublished_practice_is_neither_a_card_nor_a_link(client, world):
    world.practices["shelter"].unpublish()
    html = client.get(world.page.url).content.decode()
    assert "Night shelter" not in html


def test_the_draft_report_and_its_outputs_are_not_served(client, world):
    url = world.page.url
    world.page.unpublish()
    for suffix in ("", "pdf/", "data/"):
        assert client.get(url + suffix).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_report_page_costs_the_same_queries_whatever_the_answers_and_practices(client, world):
    client.get(world.page.url)  # warm the shared caches (routes, directories)
    small = _queries(client, world.page.url)
    answers(world.assessment, world.assessment.version)
    page = world.page
    page.body = report_body(
        quote_response=world.responses[0].pk, practices=list(world.practices.values())
    )
    page.save_revision().publish()
    client.get(page.url)
    assert _queries(client, page.url) == small


def test_a_translation_of_the_report_shows_its_labels_in_its_language(client, world):
    from tests.library import builders as library_builders

    homes = library_builders.homes()
    spanish_library = library_builders.translate_library(
        world.library, homes["es"], code="es", slug="biblioteca"
    )
    spanish = report_page(
        spanish_library,
        world.assessment,
        body=report_body(quote_response=world.responses[0].pk, practices=[]),
        locale_code="es",
        translation_of=world.page,
        title="Informe preliminar",
        slug="informe",
    )
    html = html_module.unescape(client.get(spanish.url).content.decode())
    assert "¿Oficina para migrantes?" in html
    assert "Informe preliminar" in html


def test_a_number_broken_down_is_the_dashboards_too(client, world):
    page = world.page
    page.body = [("figure", {"question": "staff", "by": "country"})]
    page.save_revision().publish()
    report = client.get(page.url).content.decode()
    sign_in(client, person(Role.COORDINATOR))
    dashboard = _dashboard(client, world.assessment, by="country")
    shown = _tables(report, r"report-figure-\d+-staff-by-caption")
    assert shown and shown == _tables(dashboard, "figure-staff-by-caption")
    assert _tables(report, r"report-figure-\d+-staff-caption") == _tables(
        dashboard, "figure-staff-caption"
    )


def test_the_dashboard_links_to_the_assessments_published_reports(client, world):
    sign_in(client, person(Role.COORDINATOR))
    html = _dashboard(client, world.assessment)
    assert f'href="{world.page.url}"' in html
    world.page.unpublish()
    assert f'href="{world.page.url}"' not in _dashboard(client, world.assessment)
