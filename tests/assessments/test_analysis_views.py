"""The analysis dashboard and its CSV: who may open them, what a section shows, filters and
break-downs from the GET form, figures identical in the page and in the CSV, input that is not
offered, and queries that do not grow with the answers."""

import csv
import html as html_module
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Element
from network.roles import Role
from tests.assessments.factories_answer import (
    assessment_make,
    choices_add,
    element_add,
    version_make,
)
from tests.assessments.test_analysis_values import _submitted
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db

Kind = Element.Kind


@pytest.fixture
def analysed():
    version = version_make()
    yes_no = choices_add(version, "yes_no", [("yes", "Yes"), ("no", "No")])
    services = choices_add(
        version,
        "services",
        [("legal", {"en": "Legal aid", "es": "Asesoría legal"}), ("health", "Health")],
    )
    capacity = element_add(version, "capacity", Kind.GROUP, label="Capacity")
    element_add(
        version, "office", Kind.YES_NO, parent=capacity, choice_list=yes_no, label="Office?"
    )
    element_add(version, "staff", Kind.INTEGER, parent=capacity, label="Staff")
    element_add(
        version,
        "services",
        Kind.SELECT_MULTIPLE,
        parent=capacity,
        choice_list=services,
        label="Services",
    )
    element_add(version, "practice", Kind.LONG_TEXT, parent=capacity, label="Practice")
    # A repeatable group holding a choice, a number and a text.
    programme = element_add(version, "programme", Kind.REPEAT, parent=capacity, label="Programme")
    element_add(
        version, "kind", Kind.SELECT_ONE, parent=programme, choice_list=services, label="Kind"
    )
    element_add(version, "budget", Kind.DECIMAL, parent=programme, label="Budget")
    element_add(version, "name", Kind.TEXT, parent=programme, label="Name")
    assessment = assessment_make(version)
    for country, office, staff, chosen in (
        ("CO", "yes", 4, ["legal"]),
        ("CO", "yes", 12, ["legal", "health"]),
        ("PE", "no", 2, ["health"]),
    ):
        _submitted(
            assessment,
            version,
            {
                "office": office,
                "staff": staff,
                "services": chosen,
                "practice": "Shelter beds",
                "programme": [
                    {"kind": "legal", "budget": "10.5", "name": "Desk"},
                    {"kind": "legal", "budget": "2", "name": "Bus"},
                ],
            },
            country=country,
        )
    return assessment


def _url(assessment, name="assessment_analysis"):
    return reverse(f"assessments:{name}", args=[assessment.slug])


def _cells(html: str, key: str, part: str = "tbody") -> list[list[str]]:
    """The text of each row's cells in ``part`` of the figure's table (caption id
    figure-<key>-caption)."""
    table = html.split(f'id="figure-{key}-caption"', 1)[1].split("</table>", 1)[0]
    body = table.split(f"<{part}>", 1)[1].split(f"</{part}>", 1)[0]
    rows = []
    for row in body.split("<tr>")[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        texts = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
        rows.append([html_module.unescape(text) for text in texts])
    return rows


def test_the_team_sees_the_figures_of_a_section(client, analysed):
    sign_in(client, person(Role.COORDINATOR))
    response = client.get(_url(analysed))
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 submitted answers analysed" in html
    assert _cells(html, "office") == [["Yes", "2", "67%"], ["No", "1", "33%"]]
    assert _cells(html, "office", "tfoot") == [["Authorities answering", "3", "100%"]]
    assert _cells(html, "services") == [["Legal aid", "2", "67%"], ["Health", "2", "67%"]]
    assert "shares add up to more than 100%" in html
    assert _cells(html, "staff") == [
        ["Authorities answering", "3"],
        ["Lowest", "2"],
        ["Lower quartile", "3"],
        ["Median", "4"],
        ["Upper quartile", "8"],
        ["Highest", "12"],
        ["Mean", "6"],
    ]
    assert "<svg" in html and "shelter" in html and "beds" in html
    # In the repeatable group: authorities and rows.
    assert _cells(html, "kind") == [["Legal aid", "3", "100%"], ["Health", "0", "0%"]]
    assert "6 rows answered it." in html
    assert _cells(html, "budget")[0] == ["Authorities answering", "3"]


def test_researchers_of_the_assessment_only(client, analysed):
    researcher = person(Role.RESEARCHER)
    client.force_login(researcher)
    assert client.get(_url(analysed)).status_code == 403
    analysed.researchers.add(researcher)
    assert client.get(_url(analysed)).status_code == 200


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OFFICIAL, Role.MEMBER])
def test_others_are_refused(client, analysed, role):
    client.force_login(person(role))
    assert client.get(_url(analysed)).status_code == 403
    assert client.get(_url(analysed, "assessment_analysis_csv")).status_code == 403


def test_a_filter_and_a_break_down(client, analysed):
    sign_in(client, person(Role.COORDINATOR))
    html = client.get(_url(analysed), {"country": "CO", "by": "q:office"}).content.decode()
    assert "2 submitted answers analysed" in html
    assert _cells(html, "services") == [["Legal aid", "2", "100%"], ["Health", "1", "50%"]]
    # Multiple choice broken down: a distribution per value of the break-down.
    assert 'id="figure-services-v1">Yes</caption>' in html

    html = client.get(_url(analysed), {"by": "country"}).content.decode()
    by_country = html.split('id="figure-staff-by-caption"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">Colombia</th>' in by_country
    assert _cells(html, "office", "thead") == [["", "Yes", "No", "Total"]]
    assert _cells(html, "office") == [
        ["Colombia", "2 (100%)", "0 (0%)", "2 (67%)"],
        ["Peru", "0 (0%)", "1 (100%)", "1 (33%)"],
    ]


@pytest.mark.parametrize("protected", ["", "on"])
def test_figures_in_the_page_and_in_the_csv_are_the_same(client, analysed, protected):
    sign_in(client, person(Role.COORDINATOR))
    query = {"by": "country", "protected": protected}
    html = client.get(_url(analysed), query).content.decode()
    response = client.get(_url(analysed, "assessment_analysis_csv"), query)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    by_line = {(r[0], r[3], r[4]): (r[5], r[6]) for r in rows[1:] if r[2] == "count"}
    for label, *cells, _total in _cells(html, "office"):
        for answer, cell in zip(("Yes", "No"), cells, strict=True):
            count, _space, percent = cell.partition(" ")
            assert by_line[("office", answer, label)] == (count, percent.strip("()"))
    staff = {r[2]: r[5] for r in rows[1:] if r[0] == "staff" and not r[4]}
    if protected:
        # Three authorities answered: fewer than five, so only "<5" is shown.
        assert staff == {"count": "<5"}
        assert _cells(html, "staff") == [["Authorities answering", "<5"]]
        by_country = html.split('id="figure-staff-by-caption"', 1)[1].split("</table>", 1)[0]
        assert "<td>&lt;5</td>" in by_country and "<td>12</td>" not in by_country
    else:
        assert staff["median"] == "4" and staff["count"] == "3"


def test_labels_in_the_readers_language(client, analysed):
    sign_in(client, person(Role.COORDINATOR))
    html = client.get(
        reverse("assessments:assessment_analysis", args=[analysed.slug]).replace("/en/", "/es/")
    ).content.decode()
    assert "Asesoría legal" in html


@pytest.mark.parametrize(
    "query",
    [
        {"country": "ZZ"},
        {"by": "q:nothing"},
        {"section": "nowhere"},
        {"answer": "office=maybe"},
        {"version": "x"},
        {"by": "<script>"},
    ],
)
def test_values_not_offered_are_left_out(client, analysed, query):
    sign_in(client, person(Role.COORDINATOR))
    response = client.get(_url(analysed), query)
    assert response.status_code == 200
    assert "3 submitted answers analysed" in response.content.decode()


def test_the_queries_do_not_grow_with_the_answers(client, analysed, django_assert_num_queries):
    sign_in(client, person(Role.COORDINATOR))
    query = {"by": "country", "country": "CO"}
    client.get(_url(analysed), query)
    with CaptureQueriesContext(connection) as few:
        client.get(_url(analysed), query)
    expected = len(few)
    version = analysed.version
    for index in range(12):
        _submitted(
            analysed,
            version,
            {"office": "no", "staff": index, "services": ["legal"]},
            country="CO" if index % 2 else "EC",
        )
    # New authorities change the site's menus, cached in the shared cache: warmed again first.
    client.get(_url(analysed), query)
    with django_assert_num_queries(expected):
        client.get(_url(analysed), query)


def test_a_subgroup_shows_its_questions_across_sections(client, analysed):
    version = analysed.version
    office = version.elements.get(key="office")
    office.tags = ["women-girls"]
    office.save()
    other = element_add(version, "coordination", Kind.GROUP, label="Coordination")
    element_add(
        version,
        "shelters",
        Kind.INTEGER,
        parent=other,
        label="Shelters for women",
        tags=["women-girls"],
    )
    sign_in(client, person(Role.COORDINATOR))

    html = client.get(_url(analysed), {"subgroup": "women-girls"}).content.decode()

    assert "<h3>Women and girls</h3>" in html
    assert 'id="figure-office-caption"' in html and 'id="figure-shelters-caption"' in html
    assert 'id="figure-staff-caption"' not in html
    # A section's link leaves the subgroup.
    assert "subgroup=women-girls&amp;section=" not in html
