"""XLSForm in and out, for coordinators and researchers: the upload form with the report of
a refused import (an import goes to its version's page, its notes said there), and a
version's download. Thin: the form checks the upload, ``services_xlsform`` reads, decides and
writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network.permissions import Decision, decide
from network.views import denied

from .forms_xlsform import XLSFormImportForm
from .models import QuestionnaireVersion
from .permissions import QUESTIONNAIRE_EDIT, QUESTIONNAIRE_VIEW
from .xlsform.report import Finding

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def xlsform_import_view(request: HttpRequest) -> HttpResponse:
    """The upload form; a refused import shows its problems (and notes) here."""
    decision = decide(request.user, QUESTIONNAIRE_EDIT, None)
    if not decision:
        return denied(request, decision)
    # pyxform (about 19 MiB and 28,000 objects) is loaded by the processes that read or write a
    # workbook, not by every web worker at start: every page's garbage collection would scan it.
    from .services_xlsform import xlsform_import

    posted = request.method == "POST"
    form = XLSFormImportForm(request.POST, request.FILES) if posted else XLSFormImportForm()
    result = None
    if posted and form.is_valid():
        try:
            result = xlsform_import(
                workbook=form.cleaned_data["workbook"],
                by=request.user,
                questionnaire=form.cleaned_data["questionnaire"],
                filename=form.cleaned_data["workbook"].name or "",
                leave_out=form.cleaned_data["leave_out"],
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        if result.version is not None:
            version = result.version
            messages.success(
                request,
                _("The workbook is imported as version %(number)s of “%(form_id)s”, a draft.")
                % {"number": version.number, "form_id": version.questionnaire.form_id},
            )
            # Every note is said: what the import left out or changed on purpose.
            for finding in result.notes:
                messages.warning(request, _finding_text(finding))
            return redirect("assessments:version_detail", pk=version.pk)
    return render(request, "assessments/xlsform/import.html", {"form": form, "result": result})


def _finding_text(finding: Finding) -> str:
    if finding.sheet and finding.row:
        where = _("Sheet “%(sheet)s”, row %(row)s") % {"sheet": finding.sheet, "row": finding.row}
    elif finding.sheet:
        where = _("Sheet “%(sheet)s”") % {"sheet": finding.sheet}
    else:
        where = _("The workbook")
    if finding.column:
        where = _("%(where)s, column “%(column)s”") % {"where": where, "column": finding.column}
    return _("%(where)s: %(message)s") % {"where": where, "message": finding.message}


def _version_or_404(pk: int) -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.select_related("questionnaire").filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


@login_required
@require_GET
def xlsform_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A version as an XLSForm workbook, named after its form_id and number."""
    version = _version_or_404(pk)
    decision = decide(request.user, QUESTIONNAIRE_VIEW, version)
    if not decision:
        return denied(request, decision)
    from .services_xlsform import ExportRefused, xlsform_export, xlsform_filename  # as above

    try:
        content = xlsform_export(version=version)
    except ExportRefused as refusal:
        return render(
            request,
            "assessments/xlsform/export_refused.html",
            {"version": version, "problems": refusal.problems},
            status=409,
        )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{xlsform_filename(version=version)}"'
    return response
