"""XLSForm in and out, for coordinators and researchers: the upload form with the import's
report, the page of what an import made, and a version's download. Thin: the form checks the
upload, ``services_xlsform`` reads, decides and writes."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from network.permissions import Decision, decide
from network.views import _denied

from .forms_xlsform import XLSFormImportForm
from .models import LANGUAGE_CHOICES, Element, QuestionnaireVersion
from .permissions import QUESTIONNAIRE_EDIT, QUESTIONNAIRE_VIEW
from .services_xlsform import ExportRefused, xlsform_export, xlsform_filename, xlsform_import
from .structure import _tree_order

# The last import's notes, shown on its page (they are not stored with the version).
_SESSION_NOTES = "assessments_xlsform_notes"
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def xlsform_import_view(request: HttpRequest) -> HttpResponse:
    """The upload form; a refused import shows its problems (and notes) here."""
    decision = decide(request.user, QUESTIONNAIRE_EDIT, None)
    if not decision:
        return _denied(request, decision)
    posted = request.method == "POST"
    form = XLSFormImportForm(request.POST, request.FILES) if posted else XLSFormImportForm()
    result = None
    if posted and form.is_valid():
        try:
            result = xlsform_import(
                workbook=form.cleaned_data["workbook"],
                by=request.user,
                questionnaire=form.cleaned_data["questionnaire"],
            )
        except PermissionDenied as error:
            return _denied(request, Decision(False, str(error)))
        if result.version is not None:
            request.session[_SESSION_NOTES] = {
                "version": result.version.pk,
                "notes": [finding.as_dict() for finding in result.notes],
            }
            return redirect("assessments:xlsform_imported", pk=result.version.pk)
    return render(request, "assessments/xlsform/import.html", {"form": form, "result": result})


def _version_or_404(pk: int) -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.select_related("questionnaire").filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


@login_required
@require_GET
def xlsform_imported(request: HttpRequest, pk: int) -> HttpResponse:
    """What an import made: the version, its elements in order, and the import's notes."""
    version = _version_or_404(pk)
    decision = decide(request.user, QUESTIONNAIRE_VIEW, version)
    if not decision:
        return _denied(request, decision)
    stored = request.session.get(_SESSION_NOTES) or {}
    notes = stored.get("notes", []) if stored.get("version") == version.pk else []
    elements = _tree_order(
        list(version.elements.select_related("choice_list").order_by("position", "pk"))
    )
    depth: dict[int, int] = {}
    rows = []
    for element in elements:
        depth[element.pk] = depth[element.parent_id] + 1 if element.parent_id else 0
        rows.append(
            {
                "element": element,
                "indent": "· " * depth[element.pk],
                "label": version.text(element.label, language=version.source_language).text,
            }
        )
    return render(
        request,
        "assessments/xlsform/imported.html",
        {
            "version": version,
            "rows": rows,
            "notes": notes,
            "questions": sum(1 for e in elements if e.kind not in Element.CONTAINERS),
            "sections": sum(1 for e in elements if e.kind in Element.CONTAINERS),
            "lists": version.choice_lists.count(),
            "offered_languages": [
                LANGUAGE_NAMES[code] for code in version.languages if code in LANGUAGE_NAMES
            ],
        },
    )


@login_required
@require_GET
def xlsform_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A version as an XLSForm workbook, named after its form_id and number."""
    version = _version_or_404(pk)
    decision = decide(request.user, QUESTIONNAIRE_VIEW, version)
    if not decision:
        return _denied(request, decision)
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
