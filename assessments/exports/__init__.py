"""Exports of an assessment's answers (CSV, XLSX, SPSS, Stata): ``export_write`` is the one
way in. It reads the responses the person may read (``assessments.visibility``: someone without
rights gets the tables' headers and no row, never an error), plans the columns
(``plan.export_plan``), streams the responses from the database in chunks and hands the rows to
the format's writer (``writers``). The worker's task and the pages are in
``services_exports`` / ``views_exports``.
"""

from collections.abc import Callable, Iterator
from typing import BinaryIO

from django.db.models import Q, QuerySet

from network.models import User

from ..models import Assessment, AssessmentExport, QuestionnaireVersion, Response
from ..visibility import hidden_keys, responses_visible
from .plan import ExportPlan, export_plan
from .rows import RecordRows, RowMaker, response_fields
from .writers import csv_zip_write, stats_write, xlsx_write

Format = AssessmentExport.Format
CHUNK_SIZE = 100
# The review state exported by default ("approved only"), once responses have one.
EXTENSIONS = {Format.CSV: "zip", Format.XLSX: "xlsx", Format.SPSS: "zip", Format.STATA: "zip"}
CONTENT_TYPES = {
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

__all__ = [
    "CHUNK_SIZE",
    "ExportPlan",
    "export_plan",
    "export_responses",
    "export_write",
]


def export_responses(
    *, user: User, assessment: Assessment, review_states: list[str] | None
) -> QuerySet[Response]:
    """The responses an export by ``user`` holds: the submitted ones they may read (never a
    draft, whatever the visibility rule lets them read), in the given review states (all of
    them when None)."""
    responses = responses_visible(user=user, assessment=assessment).filter(
        status=Response.Status.SUBMITTED
    )
    if review_states is not None:
        responses = responses.filter(review_state__in=review_states)
    return responses


def export_write(
    *,
    user: User,
    assessment: Assessment,
    file_format: str,
    labels: bool,
    language: str,
    review_states: list[str] | None,
    target: BinaryIO,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> int:
    """Write the export of ``assessment``'s answers that ``user`` may read to ``target``;
    returns how many responses it holds. ``progress(done, total)`` is called before the first
    row and after every chunk."""
    responses = export_responses(user=user, assessment=assessment, review_states=review_states)
    total = responses.count()
    versions = list(
        QuestionnaireVersion.objects.filter(
            Q(pk=assessment.version_id) | Q(pk__in=responses.values("version_id"))
        )
    )
    plan = export_plan(versions=versions, hidden=hidden_keys(user=user, assessment=assessment))
    maker = RowMaker(
        plan=plan,
        labels=labels,
        language=language,
        numbers=file_format in (Format.SPSS, Format.STATA),
    )
    if progress is not None:
        progress(0, total)

    def records() -> Iterator[RecordRows]:
        rows = (
            responses.order_by("local_authority__name", "pk")
            .values(*response_fields())
            .iterator(chunk_size=chunk_size)
        )
        for record in rows:
            yield maker.rows(record)
            if progress is not None and maker.rows_written % chunk_size == 0:
                progress(maker.rows_written, total)

    options = {"plan": plan, "records": records(), "target": target}
    if file_format == Format.CSV:
        csv_zip_write(**options, labels=labels, language=language)
    elif file_format == Format.XLSX:
        xlsx_write(**options, labels=labels, language=language)
    else:
        stats_write(**options, labels=labels, language=language, file_format=file_format)
    if progress is not None:
        progress(maker.rows_written, total)
    return maker.rows_written
