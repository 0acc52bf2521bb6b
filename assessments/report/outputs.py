"""A report's PDF (WeasyPrint) and its aggregate data (a zip of the figures' tables as CSV and a
Frictionless data package description), both in the page's language and both read from
``content.report_content``: the same protected tables as the page.

WeasyPrint reads nothing while rendering (its URL fetcher refuses every address): the charts are
inline SVG, the stylesheet is inline, fonts come from the system, and links stay links. The PDF
is kept in the shared cache for ``PDF_CACHE_TIMEOUT`` per page, publication, language and state of
the assessment's answers (their last change and count), so a submission, review or correction
makes the next request draw a new PDF.
"""

import csv
import io
import json
import logging
import zipfile

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from base.sites import page_url
from network.spreadsheets import spreadsheet_safe

from ..analysis.suppression import hidden_label
from ..analysis.tables import figure_csv_header, figure_csv_rows
from ..models import Response
from .content import ReportContent, report_content

PDF_TEMPLATE = "assessments/report/pdf/report.html"
PDF_LAYOUT_VERSION = 1
PDF_CACHE_TIMEOUT = 10 * 60
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

for _logger in ("fontTools", "weasyprint.progress"):
    logging.getLogger(_logger).setLevel(logging.WARNING)


def _refuse_every_address(url: str):
    """WeasyPrint's URL fetcher for the report: it reads nothing."""
    raise ValueError(f"The report's PDF fetches nothing: {url[:200]}")


def _absolute(page, request: HttpRequest | None) -> str:
    url = page_url(page, request) or ""
    if url.startswith("/") and request is not None:
        return request.build_absolute_uri(url)
    return url


def report_pdf(*, page, request: HttpRequest | None = None) -> bytes:
    """The report as a PDF in the page's language (about a second)."""
    from weasyprint import HTML

    language = page.locale.language_code
    with translation.override(language):
        content = report_content(page=page, language=language)
        address = _absolute(page, request)
        html = render_to_string(
            PDF_TEMPLATE,
            {
                "page": page,
                "report": content,
                "pdf": True,
                "address": address,
                "LANGUAGE_CODE": language,
                "generated": timezone.now(),
            },
        )
    return HTML(
        string=html, base_url=address or None, url_fetcher=_refuse_every_address
    ).write_pdf()


def _answers_version(page) -> str:
    """What the figures read, in one value: the assessment's responses' last change and count
    (a submission, a review, a correction or a deletion changes it)."""
    state = Response.objects.filter(assessment_id=page.assessment_id).aggregate(
        changed=Max("updated_at"), count=Count("pk")
    )
    changed = state["changed"].timestamp() if state["changed"] else 0
    return f"{changed:.6f}-{state['count']}"


def report_pdf_response(*, page, request: HttpRequest) -> HttpResponse:
    # Per page, publication, language and state of the answers: a PDF never shows figures the
    # page no longer shows.
    key = (
        f"assessments:report-pdf:{PDF_LAYOUT_VERSION}:{page.pk}:"
        f"{page.live_revision_id}:{page.locale.language_code}:{_answers_version(page)}"
    )
    content = cache.get(key)
    if content is None:
        content = report_pdf(page=page, request=request)
        cache.set(key, content, PDF_CACHE_TIMEOUT)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.slug}.pdf"'
    return response


# -- The aggregate data --------------------------------------------------------------------------

CSV_NAME = "figures.csv"


# The CSV's columns: stable names (the same in every language, what scripts read), each titled
# in the report's language in the data package.
FIELD_NAMES = (
    "figure",
    "shown_for",
    "question_key",
    "question",
    "statistic",
    "choice",
    "breakdown_value",
    "authorities",
    "share",
    "authorities_answering",
)


def _titles() -> list[str]:
    return [_("Figure"), _("Shown for"), *figure_csv_header()]


def data_rows(*, content: ReportContent) -> list[list]:
    """One line per number the report's figures show, as they show it (protected)."""
    rows = []
    for item in content.figures:
        for row in figure_csv_rows([item.figure]):
            rows.append([item.number, item.scope, *row])
    return rows


def data_package(*, page, content: ReportContent, address: str) -> dict:
    """The Frictionless data package description of the report's data."""
    kinds = [
        "integer",
        "string",
        "string",
        "string",
        "string",
        "string",
        "string",
        "string",
        "string",
        "string",
    ]
    descriptions = [
        _("The figure's number, in the report's order."),
        _("The authorities the figure is limited to (empty: all)."),
        _("The question's permanent key."),
        _("The question, in the report's language."),
        _(
            "count for a choice's count; count, mean, minimum, first_quartile, median, "
            "third_quartile or maximum for a number."
        ),
        _("The answer counted (empty for a number's statistics)."),
        _("The break-down value (empty when not broken down)."),
        _(
            "Authorities, as shown: a small count reads “%(small)s”, a count hidden to protect "
            "it “%(hidden)s”."
        )
        % {"small": content.methodology.small, "hidden": hidden_label()},
        _("The share of the authorities answering, as shown."),
        _("The authorities that answered the question, as shown."),
    ]
    assessment = page.assessment
    return {
        "profile": "tabular-data-package",
        "name": page.slug,
        "title": page.title,
        "description": page.summary,
        "homepage": address,
        "language": page.locale.language_code,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [DATA_LICENCE],
        "sources": [{"title": str(assessment), "path": address}],
        "resources": [
            {
                "name": "figures",
                "path": CSV_NAME,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "description": _(
                    "Every number of the report's figures as the report shows it: counts of "
                    "local authorities, small counts protected. %(basis)s"
                )
                % {"basis": content.methodology.basis},
                "schema": {
                    "fields": [
                        {"name": name, "title": title, "type": kind, "description": description}
                        for name, title, kind, description in zip(
                            FIELD_NAMES, _titles(), kinds, descriptions, strict=True
                        )
                    ],
                    "missingValues": [""],
                },
            }
        ],
    }


def report_data(*, page, request: HttpRequest | None = None) -> bytes:
    """The zip of the report's data: ``figures.csv`` and ``datapackage.json``."""
    language = page.locale.language_code
    with translation.override(language):
        content = report_content(page=page, language=language)
        table = io.StringIO()
        table.write("\ufeff")
        writer = csv.writer(table)
        writer.writerow(FIELD_NAMES)
        for row in data_rows(content=content):
            writer.writerow([spreadsheet_safe(value) for value in row])
        package = data_package(page=page, content=content, address=_absolute(page, request))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(CSV_NAME, table.getvalue().encode("utf-8"))
        bundle.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
    return archive.getvalue()


def report_data_response(*, page, request: HttpRequest) -> HttpResponse:
    response = HttpResponse(report_data(page=page, request=request), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-data.zip"'
    return response
