"""Exporting an assessment's answers: the form (coordinators and the assessment's researchers),
the export's status page (a progress bar refreshed by the page itself while a worker writes: no
JavaScript) and its download, both for the person who asked for it only."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from network.permissions import decide
from network.views import denied, form_errors_to

from . import permissions, selectors_exports, selectors_invitations, services_exports
from .exports import CONTENT_TYPES, EXTENSIONS
from .forms_exports import ExportForm
from .models import AssessmentExport


def _assessment_or_404(slug: str):
    assessment = selectors_invitations.assessment_get(slug=slug)
    if assessment is None:
        raise Http404
    return assessment


# Seconds between two refreshes of the status page while the export is being written.
REFRESH_SECONDS = 3


@login_required
@require_http_methods(["GET", "POST"])
def answers_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The "Export answers" form and the person's recent exports of this assessment."""
    assessment = _assessment_or_404(slug)
    decision = decide(request.user, permissions.ANSWERS_EXPORT, assessment)
    if not decision:
        return denied(request, decision)
    language = (translation.get_language() or "en").split("-")[0]
    if request.method == "POST":
        form = ExportForm(request.POST, language=language)
        if form.is_valid():
            data = services_exports.ExportRequest(
                file_format=form.cleaned_data["file_format"],
                labels=form.cleaned_data["values"] == "labels",
                language=form.cleaned_data["language"],
                approved_only=form.approved_only,
            )
            try:
                export = services_exports.export_request(
                    by=request.user, assessment=assessment, request=data
                )
            except ValidationError as error:
                form_errors_to(form, error)
            else:
                messages.success(
                    request,
                    _("The export is being written. You will also get an email when it is ready."),
                )
                return redirect("assessments:export_detail", pk=export.pk)
    else:
        form = ExportForm(language=language)
    return render(
        request,
        "assessments/manage/export_form.html",
        {
            "assessment": assessment,
            "form": form,
            "exports": selectors_exports.exports_recent(user=request.user, assessment=assessment),
        },
    )


def _export_of_requester(request: HttpRequest, pk: int):
    """(export, None) for its requester; (None, the refusal) for anyone else."""
    export = selectors_exports.export_get(pk=pk)
    if export is None:
        raise Http404
    decision = decide(request.user, permissions.EXPORT_DOWNLOAD, export)
    if not decision:
        return None, denied(request, decision)
    return export, None


@login_required
@require_GET
@never_cache
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Where an export stands: a progress bar while it is written (the page refreshes itself),
    the download link once ready; and the person's other recent exports."""
    export, refused = _export_of_requester(request, pk)
    if refused is not None:
        return refused
    running = export.status in (AssessmentExport.Status.QUEUED, AssessmentExport.Status.RUNNING)
    return render(
        request,
        "assessments/manage/export_detail.html",
        {
            "export": export,
            "assessment": export.assessment,
            "running": running,
            "refresh_seconds": REFRESH_SECONDS,
            "exports": selectors_exports.exports_recent(user=request.user),
        },
    )


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The export's file, from private storage, for its requester only."""
    export, refused = _export_of_requester(request, pk)
    if refused is not None:
        return refused
    if export.status != AssessmentExport.Status.READY or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except OSError:  # gone from storage: a missing file, not a server error
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=os.path.basename(services_exports.export_filename(export=export)),
        content_type=CONTENT_TYPES[EXTENSIONS[export.format]],
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
