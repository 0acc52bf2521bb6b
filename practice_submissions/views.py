"""Views of practice proposals. Thin: they ask network.permissions, call services and render."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import permissions
from network.views import denied

from . import rules, selectors, services
from .forms import STEP_FORMS, ReviewForm, step_answers, step_form_bound
from .models import PracticeSubmission, SubmissionAttachment

Step = PracticeSubmission.Step
SAVE_DRAFT = "save"


def _steps_nav(submission: PracticeSubmission | None, current: str) -> list[dict]:
    return [
        {
            "code": code,
            "label": label,
            "current": code == current,
            "pk": getattr(submission, "pk", None),
        }
        for code, label in Step.choices
    ]


def _submission_visible(request: HttpRequest, pk: int) -> PracticeSubmission | HttpResponse:
    """The submission if the person may see it; 404 for everyone else (a draft's existence is
    nobody else's business), or the two-factor prompt for coordinators without it."""
    try:
        submission = selectors.submission_detail(pk=pk)
    except PracticeSubmission.DoesNotExist:
        raise Http404 from None
    decision = permissions.decide(request.user, rules.SUBMISSION_VIEW, submission)
    if decision:
        return submission
    if decision.needs_mfa:
        return denied(request, decision)
    raise Http404


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    """My submissions."""
    context = {
        "submissions": selectors.submission_list_for_submitter(user=request.user),
        "can_create": permissions.can(request.user, rules.SUBMISSION_CREATE),
        "can_review": permissions.can(request.user, rules.SUBMISSION_QUEUE),
    }
    return render(request, "practice_submissions/submission_list.html", context)


def _render_step(request, submission, step: str, form, status: int = 200) -> HttpResponse:
    context = {
        "submission": submission,
        "step": step,
        "step_label": Step(step).label,
        "steps": _steps_nav(submission, step),
        "form": form,
        "attachments": list(submission.attachments.all()) if submission else [],
        "is_first": step == Step.BASICS,
        "change_request": selectors.submission_change_request(submission=submission)
        if submission
        else None,
    }
    return render(request, "practice_submissions/submission_step.html", context, status=status)


@login_required
def submission_new(request: HttpRequest) -> HttpResponse:
    """The first step, before anything is stored; saving or continuing creates the draft."""
    decision = permissions.decide(request.user, rules.SUBMISSION_CREATE)
    if not decision:
        return denied(request, decision)
    form_class = STEP_FORMS[Step.BASICS]
    if request.method != "POST":
        return _render_step(request, None, Step.BASICS, form_class())
    form = form_class(request.POST)
    advance = request.POST.get("action") != SAVE_DRAFT
    if advance and not form.is_valid():
        return _render_step(request, None, Step.BASICS, form)
    submission = services.submission_create(user=request.user, language=get_language())
    services.submission_step_save(
        submission=submission, step=Step.BASICS, answers=step_answers(form), advance=advance
    )
    return _after_save(request, submission, Step.BASICS, advance)


def _after_save(request, submission, step: str, advance: bool) -> HttpResponse:
    if not advance:
        messages.success(request, _("Your draft is saved."))
        return redirect("practice_submissions:step", submission.pk, step)
    if submission.step == Step.REVIEW:
        return redirect("practice_submissions:detail", submission.pk)
    return redirect("practice_submissions:step", submission.pk, submission.step)


@login_required
def submission_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    found = _submission_visible(request, pk)
    if isinstance(found, HttpResponse):
        return found
    submission = found
    if step not in STEP_FORMS:
        raise Http404
    decision = permissions.decide(request.user, rules.SUBMISSION_EDIT, submission)
    if not decision:
        messages.warning(request, decision.reason)
        return redirect("practice_submissions:detail", submission.pk)
    form_class = STEP_FORMS[step]
    if request.method != "POST":
        return _render_step(
            request, submission, step, form_class(initial=submission.data.get(step, {}))
        )
    form = form_class(request.POST, request.FILES)
    advance = request.POST.get("action") != SAVE_DRAFT
    valid = form.is_valid()
    file_refused = "file" in form.errors or "file_title" in form.errors
    upload = request.FILES.get("file") if "file" in form.fields and not file_refused else None
    try:
        if upload:
            services.submission_attachment_add(
                submission=submission,
                upload=upload,
                title=form.cleaned_data.get("file_title", ""),
                extension=form.checked_upload.extension,
                kind=form.checked_upload.kind,
                content_type=form.checked_upload.content_type,
            )
            messages.success(request, _("The file is attached."))
        # What was typed is kept even when it does not validate yet.
        services.submission_step_save(
            submission=submission, step=step, answers=step_answers(form), advance=advance and valid
        )
    except ValidationError as error:
        # Sent to the coordinators (by another tab or person) since the permission check.
        messages.warning(request, " ".join(error.messages))
        return redirect("practice_submissions:detail", submission.pk)
    if not valid and (advance or file_refused):
        return _render_step(request, submission, step, form)
    return _after_save(request, submission, step, advance)


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The submission page: answers, files, history, and the next thing to do."""
    found = _submission_visible(request, pk)
    if isinstance(found, HttpResponse):
        return found
    return _render_detail(request, found, ReviewForm())


def _render_detail(request, submission, review_form, status: int = 200) -> HttpResponse:
    user = request.user
    review = permissions.decide(user, rules.SUBMISSION_REVIEW, submission)
    coordinator = permissions.can(user, rules.SUBMISSION_QUEUE)
    incomplete = [
        {"code": step, "label": Step(step).label}
        for step in STEP_FORMS
        if not step_form_bound(step, submission.data.get(step, {})).is_valid()
    ]
    context = {
        "submission": submission,
        "summary": selectors.submission_summary(submission=submission),
        "attachments": list(submission.attachments.all()),
        "events": list(submission.events.all()),
        "change_request": selectors.submission_change_request(submission=submission),
        "incomplete": incomplete,
        "can_edit": permissions.can(user, rules.SUBMISSION_EDIT, submission),
        "can_review": review.allowed,
        # Why a coordinator may not decide here (their own proposal): shown instead of the form.
        "review_refusal": review.reason if coordinator and submission.is_awaiting_review else "",
        "review_form": review_form,
        "steps": _steps_nav(submission, Step.REVIEW),
    }
    return render(request, "practice_submissions/submission_detail.html", context, status=status)


@login_required
@require_POST
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _submission_visible(request, pk)
    if isinstance(found, HttpResponse):
        return found
    submission = found
    decision = permissions.decide(request.user, rules.SUBMISSION_EDIT, submission)
    if not decision:
        return denied(request, decision)
    try:
        services.submission_submit(submission=submission, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if error.code in STEP_FORMS:
            return redirect("practice_submissions:step", submission.pk, error.code)
        return redirect("practice_submissions:detail", submission.pk)
    messages.success(request, _("Thank you: your practice is sent to the coordinators for review."))
    return redirect("practice_submissions:detail", submission.pk)


@login_required
def submission_queue(request: HttpRequest) -> HttpResponse:
    """The coordinators' queue of proposals waiting for a decision (or in another state)."""
    decision = permissions.decide(request.user, rules.SUBMISSION_QUEUE)
    if not decision:
        return denied(request, decision)
    states = [choice for choice in PracticeSubmission.State.choices if choice[0] != "draft"]
    state = request.GET.get("state", PracticeSubmission.State.SUBMITTED)
    if state not in dict(states):
        state = PracticeSubmission.State.SUBMITTED
    submissions = list(selectors.submission_queue(state=state))
    for submission in submissions:
        # Shown on the row: why this coordinator cannot decide on it (their own proposal).
        review = permissions.decide(request.user, rules.SUBMISSION_REVIEW, submission)
        submission.review_refusal = (
            "" if review or not submission.is_awaiting_review else review.reason
        )
    context = {
        "submissions": submissions,
        "states": states,
        "state": state,
        "state_label": PracticeSubmission.State(state).label,
    }
    return render(request, "practice_submissions/submission_queue.html", context)


@login_required
@require_POST
def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator's decision: approve, ask for changes, or decline (with a reason)."""
    submission = get_object_or_404(PracticeSubmission, pk=pk)
    decision = permissions.decide(request.user, rules.SUBMISSION_REVIEW, submission)
    if not decision:
        return denied(request, decision)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        submission = selectors.submission_detail(pk=pk)
        return _render_detail(request, submission, form)
    choice, message = form.cleaned_data["decision"], form.cleaned_data["message"]
    try:
        if choice == ReviewForm.Decision.APPROVE:
            services.submission_approve(submission=submission, user=request.user, message=message)
            messages.success(request, _("The practice is published."))
        elif choice == ReviewForm.Decision.REQUEST_CHANGES:
            services.submission_request_changes(
                submission=submission, user=request.user, message=message
            )
            messages.success(request, _("The author is asked to make changes."))
        else:
            services.submission_decline(submission=submission, user=request.user, reason=message)
            messages.success(request, _("The proposal is declined."))
    except ValidationError as error:
        form.add_error(None, error)
        return _render_detail(request, selectors.submission_detail(pk=pk), form)
    return redirect("practice_submissions:queue")


@login_required
@require_POST
def submission_attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    found = _submission_visible(request, pk)
    if isinstance(found, HttpResponse):
        return found
    submission = found
    decision = permissions.decide(request.user, rules.SUBMISSION_EDIT, submission)
    if not decision:
        return denied(request, decision)
    attachment = get_object_or_404(SubmissionAttachment, pk=attachment_pk, submission=submission)
    services.submission_attachment_remove(attachment=attachment)
    messages.success(request, _("The file is removed."))
    return redirect("practice_submissions:step", submission.pk, Step.ATTACHMENTS)


@login_required
def submission_attachment_download(
    request: HttpRequest, pk: int, attachment_pk: int
) -> HttpResponseBase:
    """A proposal's file, for its author and coordinators only (404 for anyone else: unlike
    a published document it has no public address). Always downloaded, never displayed, with
    the type its content showed when it was accepted."""
    found = _submission_visible(request, pk)
    if isinstance(found, HttpResponse):
        return found
    attachment = get_object_or_404(SubmissionAttachment, pk=attachment_pk, submission=found)
    stored = attachment.stored_file
    try:
        handle = stored.open("rb") if stored else None
    except OSError:  # gone from disk: a missing file, not a server error
        handle = None
    if handle is None:
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=os.path.basename(stored.name),
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
