"""The answering pages' files and staff pages: a file given as an answer (downloaded with the
invitation's link, or by the assessment's coordinators and researchers), starting an interview
(coordinators and the assessment's researchers) and reopening submitted answers (coordinators,
saying why). The interview's own pages are the answering pages (``views_answer``)."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from network.permissions import decide
from network.views import denied

from . import permissions
from . import services_answer as services
from .forms_answer import InterviewStartForm, ReopenForm
from .models import Assessment, Response
from .selectors import invitation_for_token
from .selectors_answer import (
    interview_authorities,
    response_events,
    response_file,
    response_of_invitation,
)
from .views_answer import not_found

# --- Files ----------------------------------------------------------------------------------


def _download(stored_file, name: str, content_type: str) -> FileResponse:
    try:
        handle = stored_file.open("rb")
    except OSError:  # gone from storage: a missing file, not a server error
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=os.path.basename(name),
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def answer_file(request: HttpRequest, token: str, file_id: int) -> HttpResponse:
    """A file given as an answer, for whoever holds the invitation's link."""
    invitation = invitation_for_token(token=token)
    if invitation is None:
        return not_found(request)
    response = response_of_invitation(invitation=invitation)
    found = response_file(response=response, file_id=file_id) if response else None
    if found is None:
        raise Http404
    return _download(found.file, found.original_name, found.content_type)


@login_required
def staff_response_file(request: HttpRequest, response_id: int, file_id: int) -> HttpResponse:
    """A file given as an answer (or an interview's transcript, ``file_id`` 0), for the
    assessment's coordinators and researchers."""
    response = get_object_or_404(Response.objects.select_related("assessment"), pk=response_id)
    decision = decide(request.user, permissions.ASSESSMENT_FOLLOW, response)
    if not decision:
        return denied(request, decision)
    if file_id == 0:
        interview_ = getattr(response, "interview", None)
        if interview_ is None or not interview_.transcript:
            raise Http404
        name = interview_.transcript.name
        return _download(interview_.transcript, name, "application/octet-stream")
    found = response_file(response=response, file_id=file_id)
    if found is None:
        raise Http404
    return _download(found.file, found.original_name, found.content_type)


# --- Interviews and reopening (staff) -------------------------------------------------------


@never_cache
@login_required
def interview_start(request: HttpRequest, slug: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.select_related("version"), slug=slug)
    decision = decide(request.user, permissions.INTERVIEW_CONDUCT, assessment)
    if not decision:
        return denied(request, decision)
    form = InterviewStartForm(
        request.POST or None,
        request.FILES or None,
        authorities=interview_authorities(assessment=assessment),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = services.interview_start(
                assessment=assessment,
                local_authority=data["local_authority"],
                by=request.user,
                interviewee_name=data["interviewee_name"],
                interviewee_role=data["interviewee_role"],
                organisation=data["organisation"],
                held_on=data["held_on"],
                mode=data["mode"],
                consent=data["consent"],
                notes=data["notes"],
                transcript=data["transcript"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, problems in error.error_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                form.add_error("transcript" if data["transcript"] else None, error)
        else:
            messages.success(request, _("The interview is recorded: fill in the answers."))
            return redirect("assessments:interview", response_id=response.pk)
    return render(
        request,
        "assessments/answer/interview_start.html",
        {"assessment": assessment, "form": form},
    )


@never_cache
@login_required
def response_reopen(request: HttpRequest, response_id: int) -> HttpResponse:
    response = get_object_or_404(
        Response.objects.select_related("assessment", "local_authority"), pk=response_id
    )
    decision = decide(request.user, permissions.RESPONSE_REOPEN, response)
    if not decision:
        return denied(request, decision)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_reopen(
                response=response, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The answers are reopened: they can be changed again."))
            return redirect("assessments:response_reopen", response_id=response.pk)
    return render(
        request,
        "assessments/answer/reopen.html",
        {
            "response": response,
            "form": form,
            "events": response_events(response=response),
            "submitted": response.status == Response.Status.SUBMITTED,
        },
    )
