"""The assessments' back office: the list, creating and editing an assessment, inviting
authorities and named respondents, the coordinator's follow-up page (every invitation's state
by country), its actions (send again, new link, extend, revoke) and its CSV export.

Plain views, working without JavaScript: every action is a POST answered with a message and a
redirect back to the follow-up page; the services decide who may (``PermissionDenied``) and
what is valid (``ValidationError``, shown as a message, nothing lost)."""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.permissions import Decision, decide
from network.spreadsheets import spreadsheet_safe
from network.views import denied, form_errors_to

from . import permissions, selectors_invitations, services_invitations
from .forms_invitations import (
    AssessmentForm,
    ExtendForm,
    FollowFilterForm,
    InviteForm,
    RespondentForm,
)
from .models import Assessment, Invitation
from .selectors_invitations import InvitationState


def _assessment_or_404(slug: str) -> Assessment:
    assessment = selectors_invitations.assessment_get(slug=slug)
    if assessment is None:
        raise Http404
    return assessment


def _follow_url(assessment: Assessment) -> str:
    return reverse("assessments:assessment_follow", kwargs={"slug": assessment.slug})


def _message_error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# -- The list and the assessment's settings ------------------------------------------------------


@login_required
@require_GET
def assessment_list(request: HttpRequest) -> HttpResponse:
    """The assessments the person may follow (coordinators: all; researchers: theirs)."""
    decision = decide(request.user, permissions.ASSESSMENT_LIST)
    if not decision:
        return denied(request, decision)
    assessments = selectors_invitations.assessments_with_counts(user=request.user)
    return render(
        request,
        "assessments/manage/list.html",
        {
            "assessments": assessments,
            "can_manage": bool(decide(request.user, permissions.ASSESSMENT_MANAGE)),
        },
    )


def _assessment_form_page(
    request: HttpRequest, *, assessment: Assessment | None, decision: Decision
) -> HttpResponse:
    if not decision:
        return denied(request, decision)
    if request.method == "POST":
        form = AssessmentForm(request.POST, assessment=assessment)
        if form.is_valid():
            data = services_invitations.AssessmentData(
                title=form.title(),
                slug=form.cleaned_data["slug"],
                version=form.cleaned_data["version"],
                due_date=form.cleaned_data["due_date"],
                reminder_max_count=form.cleaned_data["reminder_max_count"],
                reminder_interval_days=form.cleaned_data["reminder_interval_days"],
                status=form.cleaned_data["status"],
                researchers=list(form.cleaned_data["researchers"]),
            )
            try:
                saved = services_invitations.assessment_save(
                    by=request.user, data=data, assessment=assessment
                )
            except ValidationError as error:
                form_errors_to(form, error)
            else:
                messages.success(request, _("The assessment is saved."))
                return redirect(_follow_url(saved))
    else:
        form = AssessmentForm(assessment=assessment)
    return render(
        request,
        "assessments/manage/form.html",
        {"form": form, "assessment": assessment, "creating": assessment is None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest) -> HttpResponse:
    decision = decide(request.user, permissions.ASSESSMENT_MANAGE)
    return _assessment_form_page(request, assessment=None, decision=decision)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, slug: str) -> HttpResponse:
    assessment = _assessment_or_404(slug)
    decision = decide(request.user, permissions.ASSESSMENT_MANAGE, assessment)
    return _assessment_form_page(request, assessment=assessment, decision=decision)


# -- Inviting ------------------------------------------------------------------------------------


def _invite_page(request, assessment, *, invite_form=None, respondent_form=None, status=200):
    can_send = assessment.status == Assessment.Status.OPEN
    return render(
        request,
        "assessments/manage/invite.html",
        {
            "assessment": assessment,
            "invite_form": invite_form or InviteForm(can_send=can_send),
            "respondent_form": respondent_form or RespondentForm(),
            "can_send": can_send,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite member authorities: all those of chosen countries, and chosen ones."""
    assessment = _assessment_or_404(slug)
    decision = decide(request.user, permissions.ASSESSMENT_MANAGE, assessment)
    if not decision:
        return denied(request, decision)
    if request.method != "POST":
        return _invite_page(request, assessment)
    can_send = assessment.status == Assessment.Status.OPEN
    form = InviteForm(request.POST, can_send=can_send)
    if not form.is_valid():
        return _invite_page(request, assessment, invite_form=form)
    try:
        made = services_invitations.invitations_create(
            by=request.user, assessment=assessment, authorities=form.chosen_authorities()
        )
    except ValidationError as error:
        form_errors_to(form, error)
        return _invite_page(request, assessment, invite_form=form)
    created = len(made.created)
    text = ngettext("%(count)d authority invited.", "%(count)d authorities invited.", created) % {
        "count": created
    }
    if made.skipped:
        text += " " + ngettext(
            "%(count)d was already invited and was left as it was.",
            "%(count)d were already invited and were left as they were.",
            made.skipped,
        ) % {"count": made.skipped}
    messages.success(request, text)
    if created and can_send and form.cleaned_data.get("send_now"):
        _send_unsent(request, assessment)
    return redirect(_follow_url(assessment))


@login_required
@require_POST
def assessment_respondent_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite a named respondent of an authority (their own link)."""
    assessment = _assessment_or_404(slug)
    decision = decide(request.user, permissions.ASSESSMENT_MANAGE, assessment)
    if not decision:
        return denied(request, decision)
    form = RespondentForm(request.POST)
    if form.is_valid():
        try:
            invitation = services_invitations.invitation_respondent_add(
                by=request.user,
                assessment=assessment,
                authority=form.cleaned_data["authority"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is invited for %(authority)s.")
                % {"name": invitation.respondent_name, "authority": invitation.local_authority},
            )
            return redirect(_follow_url(assessment))
    return _invite_page(request, assessment, respondent_form=form)


def _send_unsent(request: HttpRequest, assessment: Assessment) -> None:
    try:
        waiting = services_invitations.invitations_send_request(
            by=request.user, assessment=assessment
        )
    except ValidationError as error:
        _message_error(request, error)
        return
    if waiting:
        messages.success(
            request,
            ngettext(
                "%(count)d invitation is on its way.",
                "%(count)d invitations are on their way.",
                waiting,
            )
            % {"count": waiting},
        )
    else:
        messages.info(request, _("Every invitation has been sent already."))


@login_required
@require_POST
def assessment_send(request: HttpRequest, slug: str) -> HttpResponse:
    """Email the invitations not sent yet."""
    assessment = _assessment_or_404(slug)
    decision = decide(request.user, permissions.ASSESSMENT_MANAGE, assessment)
    if not decision:
        return denied(request, decision)
    _send_unsent(request, assessment)
    return redirect(_follow_url(assessment))


# -- Following -------------------------------------------------------------------------------------


def _follow_decision(request: HttpRequest, slug: str) -> tuple[Assessment, Decision]:
    assessment = _assessment_or_404(slug)
    return assessment, decide(request.user, permissions.ASSESSMENT_FOLLOW, assessment)


@login_required
@require_GET
def assessment_follow(request: HttpRequest, slug: str) -> HttpResponse:
    """Every invitation's state, grouped by country, with the counts per state and country;
    filtered by country and state (a GET form)."""
    assessment, decision = _follow_decision(request, slug)
    if not decision:
        return denied(request, decision)
    countries = selectors_invitations.assessment_countries(assessment=assessment)
    filters = FollowFilterForm(request.GET or None, countries=countries)
    chosen = filters.filters()
    table = selectors_invitations.follow_table(assessment=assessment, **chosen)
    for _country, invitations in table.groups:
        for invitation in invitations:
            invitation.resend_stamp = services_invitations.sent_stamp(invitation)
    return render(
        request,
        "assessments/manage/follow.html",
        {
            "assessment": assessment,
            "table": table,
            "filters": filters,
            "filtered": any(chosen.values()),
            "states": InvitationState.choices(),
            "can_manage": bool(decide(request.user, permissions.ASSESSMENT_MANAGE, assessment)),
            "extend_form": ExtendForm(),
            "today": timezone.localdate(),
            "unsent": services_invitations.invitations_unsent(assessment=assessment).count(),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(assessment: Assessment) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel reads UTF-8 right only with it
    yield writer.writerow(
        [
            spreadsheet_safe(str(heading))
            for heading in selectors_invitations.EXPORT_HEADINGS.values()
        ]
    )
    for values in selectors_invitations.follow_export_rows(assessment=assessment):
        yield writer.writerow([spreadsheet_safe(value) for value in values])


@login_required
@require_GET
def assessment_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The follow-up table as CSV, every cell formula-escaped."""
    assessment, decision = _follow_decision(request, slug)
    if not decision:
        return denied(request, decision)
    response = StreamingHttpResponse(_csv_lines(assessment), content_type="text/csv")
    filename = f"{assessment.slug}-invitations-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- Actions on one invitation ---------------------------------------------------------------------


def _invitation_or_404(assessment: Assessment, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("assessment__version", "local_authority"),
        assessment=assessment,
        pk=pk,
    )


def _managed_invitation(request, slug: str, pk: int):
    """(invitation, None) when the person manages the assessment; (None, response) otherwise."""
    assessment = _assessment_or_404(slug)
    decision = decide(request.user, permissions.ASSESSMENT_MANAGE, assessment)
    if not decision:
        return None, denied(request, decision)
    return _invitation_or_404(assessment, pk), None


def _who(invitation: Invitation) -> str:
    if invitation.respondent_name:
        return f"{invitation.local_authority} · {invitation.respondent_name}"
    return str(invitation.local_authority)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    invitation, refused = _managed_invitation(request, slug, pk)
    if refused:
        return refused
    try:
        queued = services_invitations.invitation_resend(
            by=request.user, invitation=invitation, stamp=request.POST.get("stamp", "")
        )
    except ValidationError as error:
        _message_error(request, error)
    else:
        if queued:
            messages.success(
                request,
                _("The invitation of %(who)s is sent again, with the same link.")
                % {"who": _who(invitation)},
            )
        else:
            messages.info(
                request,
                _("The invitation of %(who)s was sent again meanwhile: nothing more was sent.")
                % {"who": _who(invitation)},
            )
    return redirect(_follow_url(invitation.assessment))


@login_required
@require_POST
def invitation_extend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    invitation, refused = _managed_invitation(request, slug, pk)
    if refused:
        return refused
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new due date as a date, e.g. 2026-12-31."))
        return redirect(_follow_url(invitation.assessment))
    try:
        services_invitations.invitation_extend(
            by=request.user, invitation=invitation, due_date=form.cleaned_data["due_date"]
        )
    except ValidationError as error:
        _message_error(request, error)
    else:
        messages.success(
            request,
            _("%(who)s now has until %(date)s.")
            % {"who": _who(invitation), "date": date_format(invitation.due_date, "DATE_FORMAT")},
        )
    return redirect(_follow_url(invitation.assessment))


def _confirm(request, invitation: Invitation, *, action: str) -> HttpResponse:
    return render(
        request,
        "assessments/manage/confirm.html",
        {
            "assessment": invitation.assessment,
            "invitation": invitation,
            "action": action,
            "stamp": invitation.token_hash[:16],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new_link(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm, then give the invitation a new link (the old one stops working)."""
    invitation, refused = _managed_invitation(request, slug, pk)
    if refused:
        return refused
    if request.method != "POST":
        return _confirm(request, invitation, action="new_link")
    try:
        renewed = services_invitations.invitation_link_renew(
            by=request.user, invitation=invitation, stamp=request.POST.get("stamp", "")
        )
    except ValidationError as error:
        _message_error(request, error)
    else:
        if not renewed:
            messages.info(request, _("The link was renewed meanwhile: nothing more was changed."))
        elif invitation.sent_at:
            messages.success(
                request,
                _("%(who)s has a new link, on its way by email; the old one no longer works.")
                % {"who": _who(invitation)},
            )
        else:
            messages.success(
                request,
                _("%(who)s has a new link; the old one no longer works.")
                % {"who": _who(invitation)},
            )
    return redirect(_follow_url(invitation.assessment))


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm, then revoke the invitation."""
    invitation, refused = _managed_invitation(request, slug, pk)
    if refused:
        return refused
    if request.method != "POST":
        return _confirm(request, invitation, action="revoke")
    services_invitations.invitation_revoke(by=request.user, invitation=invitation)
    messages.success(
        request,
        _("The invitation of %(who)s is revoked: its link no longer works.")
        % {"who": _who(invitation)},
    )
    return redirect(_follow_url(invitation.assessment))
