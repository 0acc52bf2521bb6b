"""Importing an archived e-discussion, for coordinators: the upload form (with a check that
imports nothing) and the report of each import. Thin: the form checks the input,
``imports.files`` reads the files, ``imports.archive_import`` decides and writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from network.permissions import Decision, decide
from network.views import denied

from ... import permissions
from .. import imports
from .. import selectors_import as selectors
from ..forms_import import PAGE_MAX_MESSAGES, ArchiveImportForm
from ..imports import files as archive_files


def _coordinator_refusal(request: HttpRequest) -> HttpResponse | None:
    decision = decide(request.user, permissions.EDISCUSSION_CREATE)
    return None if decision else denied(request, decision)


def _errors_to(form: ArchiveImportForm, field: str, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, field_errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
    else:
        form.add_error(field, error)


def _imported(form: ArchiveImportForm, *, request: HttpRequest, into_choices: dict):
    """Read the files and import (or check) them: the result, or None with the form's errors
    set."""
    data = form.cleaned_data
    archive = data["archive"]
    try:
        archived = archive_files.uploaded_messages(archive)
    except ValidationError as error:
        _errors_to(form, "archive", error)
        return None
    if len(archived) > PAGE_MAX_MESSAGES:
        form.add_error(
            "archive",
            _(
                "This archive holds %(count)d messages; import at most %(n)d here (larger ones "
                "are imported with the ediscussion_import command)."
            )
            % {"count": len(archived), "n": PAGE_MAX_MESSAGES},
        )
        return None
    weeks: list = []
    into = into_choices.get(data["into"]) if data["into"] is not None else None
    if into is None:
        try:
            weeks = archive_files.questions_read(content=data["questions"].read())
        except ValidationError as error:
            _errors_to(form, "questions", error)
            return None
    try:
        return imports.archive_import(
            by=request.user,
            messages=archived,
            archive_name=archive.name or "",
            weeks=weeks,
            questions_name=(data["questions"].name or "") if data["questions"] else "",
            title=data["title"],
            language=data["language"],
            access=data["access"],
            into=into,
            dry_run=data["dry_run"],
        )
    except ValidationError as error:
        _errors_to(form, "questions", error)
        return None


@login_required
def import_new(request: HttpRequest) -> HttpResponse:
    """The upload form and the latest imports. A check shows its report here; an import goes
    to its report's page."""
    refusal = _coordinator_refusal(request)
    if refusal is not None:
        return refusal
    imported = selectors.ediscussions_imported()
    form = ArchiveImportForm(request.POST or None, request.FILES or None, imported=imported)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = _imported(
                form,
                request=request,
                into_choices={ediscussion.pk: ediscussion for ediscussion in imported},
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        if result is not None and result.report is not None:
            messages.success(
                request,
                _("The archive is imported: %(n)d of its %(total)d messages.")
                % {"n": result.imported, "total": len(result.entries)},
            )
            return redirect("community:ediscussion_import_report", import_id=result.report.pk)
    context = {
        "form": form,
        "imports": selectors.archive_imports_recent(),
        "result": result,
        "counts": selectors.outcome_counts(result.entries) if result else [],
        "rows": selectors.report_rows(result.entries) if result else [],
    }
    return render(request, "community/ediscussions/imports/new.html", context)


@login_required
def import_report(request: HttpRequest, import_id: int) -> HttpResponse:
    """What an import did with each message (``?outcome=`` shows one outcome's messages)."""
    refusal = _coordinator_refusal(request)
    if refusal is not None:
        return refusal
    report = selectors.archive_import_of(import_id=import_id)
    if report is None:
        raise Http404
    entries = selectors.report_entries(report)
    outcome = request.GET.get("outcome", "")
    if outcome not in imports.Outcome.values:
        outcome = ""
    return render(
        request,
        "community/ediscussions/imports/report.html",
        {
            "report": report,
            "counts": selectors.outcome_counts(entries),
            "total": len(entries),
            "outcome": outcome,
            "rows": selectors.report_rows(entries, outcome=outcome),
        },
    )
