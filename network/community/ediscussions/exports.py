"""The facilitator's exports of an e-discussion: every contribution as CSV or XLSX, and the
contributions as one document grouped by week and question, in HTML or PDF.

Rows are read in batches (``selectors_dashboard.contributions_exported``) and written as they
come: the CSV and the HTML stream to the browser, the workbook and the PDF are written to a
temporary file sent from disk, so a server's memory does not grow with the e-discussion. Every
spreadsheet cell goes through ``network.spreadsheets.spreadsheet_safe`` (a contribution's text
is what a stranger typed: "=HYPERLINK(...)" must stay text). Labels are in the active language,
question texts in the facilitator's.
"""

import csv
import logging
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import groupby
from typing import IO

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from network.countries import country_name
from network.spreadsheets import spreadsheet_safe

from ..links import post_path_maker
from ..models import LANGUAGE_CHOICES, Post
from .models import EDiscussion, Participant, Week
from .selectors_dashboard import (
    ExportedContribution,
    contributions_exported,
    question_text,
    text_in,
)

# Builds a contribution's absolute address from its post's id.
LinkMaker = Callable[[int], str]
XLSX_DATE_FORMAT = "yyyy-mm-dd hh:mm"
XLSX_WIDTHS = {"text": 80, "question_text": 40, "link": 40}
XLSX_WIDTH = 16
DOCUMENT_TEMPLATE = "community/ediscussions/dashboard_document.html"
DOCUMENT_STYLESHEET = "css/ediscussion-document.css"
DOCUMENT_SECTION_TEMPLATE = "community/ediscussions/dashboard_document_section.html"
# Where the document's template leaves room for its sections (streamed one question at a time).
_SECTIONS_MARK = "<!-- sections -->"

for _logger in ("fontTools", "weasyprint.progress"):
    logging.getLogger(_logger).setLevel(logging.WARNING)


def _columns() -> list[tuple[str, str]]:
    return [
        ("week", _("Week")),
        ("question", _("Question")),
        ("question_text", _("Question text")),
        ("contribution", _("Contribution")),
        ("link", _("Address")),
        ("author", _("Author")),
        ("organisation", _("Organisation")),
        ("on_behalf_name", _("On behalf of: name")),
        ("on_behalf_position", _("On behalf of: position")),
        ("on_behalf_organisation", _("On behalf of: organisation")),
        ("on_behalf_country", _("On behalf of: country")),
        ("country", _("Country")),
        ("organisation_type", _("Type of organisation")),
        ("language", _("Language")),
        ("date", _("Date")),
        ("state", _("State")),
        ("text", _("Text (Markdown)")),
    ]


COLUMN_KEYS = [key for key, _title in _columns()]


def export_header() -> list[str]:
    return [spreadsheet_safe(str(title)) for _key, title in _columns()]


class _Labels:
    """The words of the cells, translated once per export rather than once per row."""

    def __init__(self, *, ediscussion: EDiscussion) -> None:
        self.language = ediscussion.default_language
        self.states = {code: str(label) for code, label in Post.State.choices}
        self.split = _("Split into parts")
        self.organisation_types = {
            code: str(label) for code, label in Participant.OrganisationType.choices
        }
        self.question_texts: dict[int, str] = {}
        self._countries: dict[str, str] = {"": ""}

    def country(self, code: str) -> str:
        if code not in self._countries:
            self._countries[code] = country_name(code)
        return self._countries[code]

    def question(self, question) -> str:
        if question is None:
            return ""
        if question.pk not in self.question_texts:
            self.question_texts[question.pk] = question_text(question, language=self.language)
        return self.question_texts[question.pk]

    def state(self, item: ExportedContribution) -> str:
        return self.split if item.is_split else self.states.get(item.state, item.state)


def _cells(item: ExportedContribution, *, labels: _Labels, link: LinkMaker) -> list:
    """One row, in the order of ``COLUMN_KEYS``: numbers stay numbers, the date a
    ``datetime``, empty cells None, every text made harmless for a spreadsheet."""
    question = item.question
    values = (
        item.week_number,
        question.number if question else None,
        labels.question(question),
        item.post_id,
        link(item.post_id),
        item.author,
        item.organisation,
        item.on_behalf_name,
        item.on_behalf_position,
        item.on_behalf_organisation,
        labels.country(item.on_behalf_country),
        labels.country(item.country),
        labels.organisation_types.get(item.organisation_type, ""),
        item.language,
        item.created_at,
        labels.state(item),
        item.source,
    )
    return [spreadsheet_safe(None if value == "" else value) for value in values]


def link_maker(*, absolute: Callable[[str], str]) -> LinkMaker:
    """Each contribution's address from one reversed address (``absolute`` makes a path
    absolute): reversing thousands of addresses one by one is the slowest part of an export."""
    return post_path_maker(absolute=absolute)


def _temporary_file() -> IO[bytes]:
    # Left open on purpose: the view's FileResponse sends it and closes it, which deletes it.
    return tempfile.TemporaryFile()


class _Echo:
    """A file that hands back what is written to it, for ``csv.writer`` to make one line."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(microsecond=0).isoformat()
    return value


def export_csv_lines(
    *, ediscussion: EDiscussion, link: LinkMaker, week: int | None = None
) -> Iterator[str]:
    """The CSV, line by line, starting with a byte order mark (Excel reads UTF-8 right only
    with it)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(export_header())
    labels = _Labels(ediscussion=ediscussion)
    for item in contributions_exported(ediscussion=ediscussion, week=week):
        yield writer.writerow(
            [_csv_cell(value) for value in _cells(item, labels=labels, link=link)]
        )


def _xlsx_value(value, *, illegal: re.Pattern):
    """What openpyxl stores: moments in the site's zone without the zone, text without the
    control characters a workbook may not hold (``illegal``)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if isinstance(value, str):
        return illegal.sub("", value)
    return value


def export_xlsx_file(
    *, ediscussion: EDiscussion, link: LinkMaker, week: int | None = None
) -> IO[bytes]:
    """The workbook in a temporary file (rewound; closing it deletes it): a bold header row
    kept in view, an autofilter, dates typed. openpyxl's write-only mode keeps rows on disk
    as they are appended."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Contributions")[:31])
    sheet.freeze_panes = "A2"
    keys = COLUMN_KEYS
    for number, key in enumerate(keys, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = XLSX_WIDTHS.get(key, XLSX_WIDTH)
    bold = Font(bold=True)
    heading = []
    for title in export_header():
        cell = WriteOnlyCell(sheet, value=_xlsx_value(title, illegal=ILLEGAL_CHARACTERS_RE))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    labels = _Labels(ediscussion=ediscussion)
    count = 0
    date_column = keys.index("date")
    for item in contributions_exported(ediscussion=ediscussion, week=week):
        cells = [
            _xlsx_value(value, illegal=ILLEGAL_CHARACTERS_RE)
            for value in _cells(item, labels=labels, link=link)
        ]
        # Only the date needs a cell object (for its format): plain values are written faster.
        date = WriteOnlyCell(sheet, value=cells[date_column])
        date.number_format = XLSX_DATE_FORMAT
        cells[date_column] = date
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{count + 1}"
    output = _temporary_file()
    workbook.save(output)
    output.seek(0)
    return output


# -- The document ---------------------------------------------------------------------------------


def _week_title(week: Week | None, *, language: str) -> str:
    if week is None:
        return ""
    return text_in(week, "title", language=language)


def document_chunks(
    *, ediscussion: EDiscussion, link: LinkMaker, week: int | None = None, stylesheet: bool = True
) -> Iterator[str]:
    """The HTML document, in pieces: its head, then one section per question (the question's
    contributions in order, the week's heading before its first question), then its end.
    The originals of split contributions are left out (their parts are there). ``stylesheet``:
    link the document's stylesheet (the web page; the PDF is given it directly)."""
    language = ediscussion.default_language
    weeks = {week.number: week for week in Week.objects.filter(ediscussion=ediscussion)}
    context = {
        "ediscussion": ediscussion,
        "title": ediscussion.translated("title", language=language),
        "week": weeks.get(week) if week else None,
        "generated_at": timezone.now(),
        "sections_mark": _SECTIONS_MARK,
        "stylesheet": stylesheet,
    }
    head, _mark, tail = render_to_string(DOCUMENT_TEMPLATE, context).partition(_SECTIONS_MARK)
    yield head
    items = (
        item
        for item in contributions_exported(ediscussion=ediscussion, week=week, with_html=True)
        if not item.is_split
    )
    labels = _Labels(ediscussion=ediscussion)
    languages = dict(LANGUAGE_CHOICES)
    previous_week = object()
    for (week_number, _question_id), group in groupby(
        items, key=lambda item: (item.week_number, item.question.pk if item.question else None)
    ):
        entries = list(group)
        question = entries[0].question
        yield render_to_string(
            DOCUMENT_SECTION_TEMPLATE,
            {
                "new_week": week_number != previous_week,
                "week_number": week_number,
                "week_title": _week_title(weeks.get(week_number), language=language),
                "question": question,
                "question_text": labels.question(question),
                "entries": [
                    {
                        "item": entry,
                        "link": link(entry.post_id),
                        "country": labels.country(entry.country),
                        "on_behalf": ", ".join(
                            part
                            for part in (
                                entry.on_behalf_name,
                                entry.on_behalf_position,
                                entry.on_behalf_organisation,
                                labels.country(entry.on_behalf_country),
                            )
                            if part
                        ),
                        "language": languages.get(entry.language, entry.language),
                    }
                    for entry in entries
                ],
            },
        )
        previous_week = week_number
    yield tail


def _refuse_every_address(url: str):
    """WeasyPrint's URL fetcher for the document: it reads nothing (no image, no stylesheet,
    nothing a contribution's text points at). A refused address is skipped."""
    raise ValueError(f"The contributions document fetches nothing: {url[:200]}")


def pdf_max_contributions() -> int:
    """The most contributions one PDF holds (``EDISCUSSION_PDF_MAX_CONTRIBUTIONS``): it is
    made while the facilitator waits, at a few dozen contributions a second."""
    return settings.EDISCUSSION_PDF_MAX_CONTRIBUTIONS


def document_pdf_file(
    *, ediscussion: EDiscussion, link: LinkMaker, week: int | None = None
) -> IO[bytes]:
    """The document as a PDF, in a temporary file (rewound; closing it deletes it)."""
    from weasyprint import CSS, HTML

    html = "".join(document_chunks(ediscussion=ediscussion, link=link, week=week, stylesheet=False))
    output = _temporary_file()
    stylesheet = CSS(filename=finders.find(DOCUMENT_STYLESHEET), url_fetcher=_refuse_every_address)
    HTML(string=html, url_fetcher=_refuse_every_address).write_pdf(
        target=output, stylesheets=[stylesheet]
    )
    output.seek(0)
    return output
