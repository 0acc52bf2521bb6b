"""Open outputs of any filtered list of practices: RSS and Atom feeds, CSV and XLSX exports and
the rows of the read-only JSON API. They all take the directory's GET parameters (see
``practices.search``, the one search path) and only ever contain live, public practices."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import nh3
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from base.cache import url_with_query
from base.localization import page_urls_in_language
from network.spreadsheets import spreadsheet_safe
from network.visibility import visible_pages
from practice_submissions.selectors import practice_index_for
from taxonomy.terms import GCM_OBJECTIVES, SDG_TARGETS, TARGET_GROUPS, THEMES, label

from .models import (
    PracticeGcmObjective,
    PracticePage,
    PracticeSdgTarget,
    PracticeTargetGroup,
    PracticeTheme,
)
from .search import practice_search_queryset

FEED_SIZE = 50
EXPORT_MAX_ROWS = 10_000


def _with_classification(queryset: QuerySet) -> QuerySet:
    by_pk = ("pk",)
    return queryset.prefetch_related(
        Prefetch("themes", queryset=PracticeTheme.objects.order_by(*by_pk)),
        Prefetch("target_groups", queryset=PracticeTargetGroup.objects.order_by(*by_pk)),
        Prefetch("gcm_objectives", queryset=PracticeGcmObjective.objects.order_by(*by_pk)),
        Prefetch("sdg_targets", queryset=PracticeSdgTarget.objects.order_by(*by_pk)),
    )


def _absolute_urls(items: list[PracticePage], *, request: HttpRequest) -> dict[int, str]:
    urls = page_urls_in_language(items, language=translation.get_language(), request=request)
    return {pk: request.build_absolute_uri(url) for pk, url in urls.items()}


def practice_record(practice: PracticePage, *, url: str) -> dict:
    """One practice as plain data: what exports and the API publish."""
    return {
        "id": practice.pk,
        "title": practice.title,
        "summary": practice.summary,
        "url": url,
        "language": practice.locale.language_code,
        "original_language": practice.original_language,
        "is_illustrative": practice.is_illustrative,
        "country": practice.country,
        "country_name": str(practice.country_label),
        "place": practice.place,
        "implementing_organisations": practice.implementing_organisations,
        "status": practice.status,
        "start_date": practice.start_date.isoformat() if practice.start_date else None,
        "end_date": practice.end_date.isoformat() if practice.end_date else None,
        "themes": [row.code for row in practice.themes.all()],
        "target_groups": [row.code for row in practice.target_groups.all()],
        "gcm_objectives": [row.code for row in practice.gcm_objectives.all()],
        "sdg_targets": [row.code for row in practice.sdg_targets.all()],
        "first_published_at": (
            practice.first_published_at.isoformat() if practice.first_published_at else None
        ),
        "last_published_at": (
            practice.last_published_at.isoformat() if practice.last_published_at else None
        ),
    }


SECTION_FIELDS = (
    "context",
    "objectives",
    "activities",
    "results",
    "lessons_learned",
    "replication",
)


def practice_sections(practice: PracticePage) -> dict:
    """The narrative sections of a practice as sanitised HTML, for the API's detail."""
    return {
        "sections": {
            name: nh3.clean(expand_db_html(getattr(practice, name) or ""))
            for name in SECTION_FIELDS
        }
    }


def live_practice(*, pk: int) -> PracticePage | None:
    """The practice ``pk`` (any language) if anyone may see it, or None."""
    queryset = visible_pages(PracticePage.objects.all(), user=None).select_related(
        "locale", "authority"
    )
    return _with_classification(queryset).filter(pk=pk).first()


def practice_in_language(*, practice: PracticePage, language: str) -> PracticePage:
    """The version of ``practice`` in ``language`` anyone may see, else ``practice`` itself."""
    if practice.locale.language_code == language:
        return practice
    queryset = visible_pages(PracticePage.objects.all(), user=None).select_related(
        "locale", "authority"
    )
    version = (
        _with_classification(queryset)
        .filter(translation_key=practice.translation_key, locale__language_code=language)
        .first()
    )
    return version or practice


def practice_records(items: Iterable[PracticePage], *, request: HttpRequest) -> list[dict]:
    items = list(items)
    urls = _absolute_urls(items, request=request)
    return [practice_record(item, url=urls.get(item.pk, "")) for item in items]


def filtered_practices(*, request: HttpRequest, sort: str = "") -> QuerySet[PracticePage]:
    """The live practices matching the request's filters, in the visitor's language, in the
    order asked (or ``sort``): filters, visibility and order are those of ``practices.search``."""
    queryset, _cleaned = practice_search_queryset(
        params=request.GET, language=translation.get_language(), sort=sort
    )
    return _with_classification(queryset)


# -- Exports --------------------------------------------------------------------------------------
def _export_columns() -> list[tuple[str, str]]:
    return [
        ("id", _("ID")),
        ("title", _("Title")),
        ("summary", _("Summary")),
        ("url", _("Address")),
        ("country_name", _("Country")),
        ("place", _("Place")),
        ("implementing_organisations", _("Implementing organisation(s)")),
        ("status", _("Status")),
        ("start_date", _("Start date")),
        ("end_date", _("End date")),
        ("themes", _("Themes")),
        ("target_groups", _("Target groups")),
        ("gcm_objectives", _("GCM objectives")),
        ("sdg_targets", _("SDG targets")),
        ("language", _("Language of this version")),
        ("original_language", _("Original language")),
        ("is_illustrative", _("Illustrative example")),
        ("first_published_at", _("First published")),
    ]


_VOCABULARIES = {
    "themes": THEMES,
    "target_groups": TARGET_GROUPS,
    "gcm_objectives": GCM_OBJECTIVES,
    "sdg_targets": SDG_TARGETS,
}
_STATUSES = dict(PracticePage.Status.choices)


# Cells of these columns hold dates (``date``) or moments (aware ``datetime``), of "id" numbers.
_DATE_COLUMNS = ("start_date", "end_date")
_MOMENT_COLUMNS = ("first_published_at",)
# Spreadsheet column widths, in characters: from the longest cell (header included), bounded.
XLSX_MIN_WIDTH = 8
XLSX_MAX_WIDTH = 60
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_MOMENT_FORMAT = "yyyy-mm-dd hh:mm"


def export_rows(*, request: HttpRequest) -> tuple[list[str], list[list]]:
    """Header and rows (labels in the visitor's language, formulas neutralised) of the export of
    the request's filtered list, at most EXPORT_MAX_ROWS rows. Cells keep their type: the id
    is a number, dates are ``date``, publication moments aware ``datetime``, empty cells None,
    the rest text."""
    items = list(filtered_practices(request=request)[:EXPORT_MAX_ROWS])
    by_pk = {item.pk: item for item in items}
    columns = _export_columns()
    rows = []
    for record in practice_records(items, request=request):
        item = by_pk[record["id"]]
        record["status"] = str(_STATUSES.get(record["status"], record["status"]))
        record["is_illustrative"] = str(_("Yes")) if record["is_illustrative"] else ""
        for name, vocabulary in _VOCABULARIES.items():
            record[name] = "; ".join(label(vocabulary, code) for code in record[name])
        for name in (*_DATE_COLUMNS, *_MOMENT_COLUMNS):
            record[name] = getattr(item, name)
        rows.append(
            [spreadsheet_safe(None if record[key] == "" else record[key]) for key, _t in columns]
        )
    return [str(title) for _key, title in columns], rows


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):  # dates and datetimes
        return value.isoformat()
    return value


def export_csv(*, request: HttpRequest) -> str:
    """The export as CSV text, starting with a byte order mark: without it Excel reads the
    UTF-8 file in the system's legacy code page ("AmatitlÃ¡n" for "Amatitlán")."""
    header, rows = export_rows(request=request)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _xlsx_cell(value):
    """A value openpyxl stores with its type: aware moments in the site's time zone without
    the zone (a spreadsheet has none)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    return value


def _xlsx_width(values: Iterable) -> int:
    longest = max((len(str(_csv_cell(value))) for value in values), default=0)
    return max(XLSX_MIN_WIDTH, min(longest + 2, XLSX_MAX_WIDTH))


def export_xlsx(*, request: HttpRequest) -> bytes:
    """The export as a workbook: bold header row kept in view, an autofilter over the data,
    column widths from their content (at most XLSX_MAX_WIDTH), dates and numbers typed."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, rows = export_rows(request=request)
    keys = [key for key, _title in _export_columns()]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Practices")[:31])
    sheet.freeze_panes = "A2"
    for number, title in enumerate(header):
        values = [title, *(row[number] for row in rows)]
        sheet.column_dimensions[get_column_letter(number + 1)].width = _xlsx_width(values)
    bold = Font(bold=True)
    heading = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    formats = {
        **dict.fromkeys(_DATE_COLUMNS, XLSX_DATE_FORMAT),
        **dict.fromkeys(_MOMENT_COLUMNS, XLSX_MOMENT_FORMAT),
    }
    for row in rows:
        cells = []
        for key, value in zip(keys, row, strict=True):
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(value))
            if key in formats and value is not None:
                cell.number_format = formats[key]
            cells.append(cell)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- Feeds ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedSource:
    """What a feed is made of: the request's filtered practices, newest first, and the
    directory listing them (absolute address, same filters)."""

    practices: QuerySet[PracticePage]
    directory_url: str
    request: HttpRequest


def directory_url(*, language: str, query_string: str, request: HttpRequest) -> str:
    """The absolute address of the practice directory read in ``language`` (the default
    language's when that one has none), with ``query_string`` (may be empty)."""
    index = practice_index_for(language=language)
    if index is None:
        return request.build_absolute_uri(f"/{language}/")
    path = page_urls_in_language([index], language=language, request=request)[index.pk]
    return request.build_absolute_uri(url_with_query(path, query_string))


def feed_source(*, request: HttpRequest) -> FeedSource:
    language = translation.get_language()
    queryset, cleaned = practice_search_queryset(
        params=request.GET, language=language, sort="newest"
    )
    return FeedSource(
        practices=_with_classification(queryset),
        directory_url=directory_url(
            language=language, query_string=cleaned.encoded(), request=request
        ),
        request=request,
    )


class PracticeRssFeed(Feed):
    """The newest practices matching the request's filters. The channel links to the directory
    with the same filters, in the feed's language; the feed's own address (``rel="self"``)
    keeps its query string."""

    def get_object(self, request, *args, **kwargs):
        return feed_source(request=request)

    def title(self, source):
        return _("Convive: new good practices")

    def link(self, source):
        return source.directory_url

    def feed_url(self, source):
        return source.request.build_absolute_uri(source.request.get_full_path())

    def description(self, source):
        return _("Good practices of local authorities that integrate migrants, newest first.")

    def items(self, source):
        items = list(source.practices[:FEED_SIZE])
        urls = _absolute_urls(items, request=source.request)
        for item in items:
            item.feed_url = urls.get(item.pk, "")
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_url

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}:{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [label(THEMES, row.code) for row in item.themes.all()]


class PracticeAtomFeed(PracticeRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, source):
        return self.description(source)
