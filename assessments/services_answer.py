"""Writes of answering: the draft saved at every step, files given as answers, the submission
that locks a response, the staff's reopening, and interviews.

Answering by link needs no account: the invitation (found by its token) is the permission. An
interview's pages and a reopening are decided by ``network.permissions.decide``.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import LocalAuthority, User
from network.permissions import decide
from network.uploads import upload_check

from . import permissions
from .answering import Evaluation, Messages, VersionStructure
from .models import (
    AnswerFile,
    Assessment,
    Interview,
    Invitation,
    Response,
    ResponseEvent,
)
from .services_analysis import answer_values_write


def _allowed(user, action: str, obj) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _refuse_if_locked(response: Response) -> None:
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(
            _("These answers were submitted: they can no longer change."), code="submitted"
        )


def _refuse_if_closed(assessment: Assessment, response: Response | None = None) -> None:
    # Answers given back by a reviewer ("has issues") are corrected even once answering closed.
    if response is not None and response.review_state == Response.ReviewState.HAS_ISSUES:
        return
    if assessment.status != Assessment.Status.OPEN:
        raise ValidationError(_("This assessment is not open for answers."), code="closed")


def _refuse_if_revoked(invitation: Invitation | None) -> None:
    """A revoked link opens nothing (the pages find no invitation for it); refused here too, so
    that no other caller can write through it."""
    if invitation is not None and invitation.revoked_at is not None:
        raise PermissionDenied(_("This link no longer opens the questionnaire."))


def _storable(value: object) -> object:
    """``value`` without NUL characters, which a JSON column on PostgreSQL refuses: a draft
    keeps everything else typed (the page that shows it again still holds them, and says NUL
    is not allowed)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_storable(item) for item in value]
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    return value


def invitation_opened(*, invitation: Invitation) -> None:
    """Record when an invitation's link was first opened (once)."""
    if invitation.opened_at is None:
        now = timezone.now()
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now)
        invitation.opened_at = now


def _response_new(
    *,
    assessment: Assessment,
    invitation: Invitation | None,
    local_authority: LocalAuthority,
    language: str,
    by: User | None,
) -> Response:
    response = Response(
        assessment=assessment,
        invitation=invitation,
        local_authority=local_authority,
        version=assessment.version,
        language=language,
    )
    response.full_clean(exclude=["invitation"])
    response.save()
    ResponseEvent.objects.create(
        response=response,
        kind=ResponseEvent.Kind.STARTED,
        actor=by if by is not None and by.is_authenticated else None,
    )
    return response


@transaction.atomic
def response_draft_save(
    *,
    invitation: Invitation | None,
    response: Response | None,
    data: dict,
    section: str,
    language: str,
    by: User | None = None,
) -> Response:
    """Save everything typed on a page, valid or not, as the response's draft; the first save
    through an invitation creates the response (with the assessment's current version and the
    invitation's authority, event STARTED). Without an invitation (an interview), ``by`` must
    conduct interviews for the assessment."""
    if response is None:
        if invitation is None:
            raise ValueError("A response is created through an invitation or an interview.")
        _refuse_if_closed(invitation.assessment)
        _refuse_if_revoked(invitation)
        response = Response.objects.select_for_update().filter(invitation=invitation).first()
        if response is None:
            try:
                # Two devices saving a first page at once: one creates, the other finds it.
                with transaction.atomic():
                    response = _response_new(
                        assessment=invitation.assessment,
                        invitation=invitation,
                        local_authority=invitation.local_authority,
                        language=language,
                        by=by,
                    )
            except IntegrityError:
                response = Response.objects.select_for_update().get(invitation=invitation)
    else:
        response = Response.objects.select_for_update().get(pk=response.pk)
        if invitation is None:
            _allowed(by, permissions.INTERVIEW_CONDUCT, response)
        _refuse_if_closed(response.assessment, response)
        _refuse_if_revoked(invitation)
    _refuse_if_locked(response)
    response.data = _storable(data)
    response.section = section[:80]
    response.language = language
    response.save(update_fields=["data", "section", "language", "updated_at"])
    return response


def answer_file_add(*, response: Response, key: str, upload) -> AnswerFile:
    """Keep ``upload`` as the answer to the file question ``key``, in private storage, once
    its size and content are checked (``network.uploads``)."""
    _refuse_if_locked(response)
    checked = upload_check(upload)
    name = (upload.name or "file").rsplit("/", 1)[-1][-200:]
    answer_file = AnswerFile(
        response=response,
        key=key,
        original_name=name,
        content_type=checked.content_type,
        size=upload.size,
    )
    answer_file.file.save(f"{key}.{checked.extension}", upload, save=False)
    answer_file.save()
    return answer_file


@transaction.atomic
def response_submit(
    *,
    response: Response,
    structure: VersionStructure,
    respondent_name: str,
    respondent_email: str,
    by: User | None,
    through_invitation: bool,
) -> Response:
    """Check every answer shown and lock the response: answers to questions not shown are
    dropped, calculations kept; event SUBMITTED. ``by`` (when signed in) is recorded as who
    submitted; an interview's researcher must conduct interviews for the assessment."""
    response = (
        # Only the response's row is locked (the invitation is on the nullable side of a join).
        Response.objects.select_for_update(of=("self",))
        .select_related("assessment", "invitation")
        .get(pk=response.pk)
    )
    if through_invitation:
        _refuse_if_revoked(response.invitation)
    else:
        _allowed(by, permissions.INTERVIEW_CONDUCT, response)
    _refuse_if_locked(response)
    _refuse_if_closed(response.assessment, response)
    evaluation = Evaluation(structure, response.data)
    if evaluation.errors(messages=Messages(structure, language=response.language)):
        raise ValidationError(
            _("Some answers need your attention before you submit."), code="invalid"
        )
    response.data = evaluation.submitted_data()
    response.status = Response.Status.SUBMITTED
    response.submitted_at = timezone.now()
    response.submitted_by = by if by is not None and by.is_authenticated else None
    response.respondent_name = respondent_name.strip()[:200]
    response.respondent_email = respondent_email.strip()
    # Every submission waits for review; one after "has issues" is recorded as such.
    given_back = response.review_state == Response.ReviewState.HAS_ISSUES
    response.review_state = Response.ReviewState.RECEIVED
    response.full_clean(exclude=["invitation"])
    response.save()
    ResponseEvent.objects.create(
        response=response,
        kind=ResponseEvent.Kind.RESUBMITTED if given_back else ResponseEvent.Kind.SUBMITTED,
        actor=response.submitted_by,
    )
    answer_values_write(response=response, structure=structure)
    return response


@transaction.atomic
def response_reopen(*, response: Response, by: User, reason: str) -> Response:
    """A coordinator reopens a submitted response, saying why (event REOPENED)."""
    _allowed(by, permissions.RESPONSE_REOPEN, response)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(_("Only submitted answers can be reopened."), code="not_submitted")
    if not reason.strip():
        raise ValidationError(_("Say why the answers are reopened."), code="reason")
    response.status = Response.Status.DRAFT
    response.save(update_fields=["status", "updated_at"])
    ResponseEvent.objects.create(
        response=response, kind=ResponseEvent.Kind.REOPENED, actor=by, note=reason.strip()
    )
    # A draft again: out of the analysis until it is submitted again.
    answer_values_write(response=response)
    return response


@transaction.atomic
def interview_start(
    *,
    assessment: Assessment,
    local_authority: LocalAuthority,
    by: User,
    interviewee_name: str,
    interviewee_role: str,
    organisation: str,
    held_on: date,
    mode: str,
    consent: bool,
    notes: str,
    transcript=None,
) -> Response:
    """Start (or take up again) an interview for ``local_authority``: the authority's draft
    response is reused, else one is made on its invitation (or without one); the interview's
    details are recorded on it. Needs the interviewee's consent."""
    _allowed(by, permissions.INTERVIEW_CONDUCT, assessment)
    _refuse_if_closed(assessment)
    if not consent:
        raise ValidationError(
            {"consent": _("The interviewee's consent is needed to hold the interview.")}
        )
    if not assessment.invitations.filter(local_authority=local_authority).exists():
        raise ValidationError(
            {"local_authority": _("This local authority is not invited to this assessment.")}
        )
    responses = Response.objects.select_for_update().filter(
        assessment=assessment, local_authority=local_authority
    )
    if (
        responses.filter(status=Response.Status.SUBMITTED).exists()
        and not responses.filter(status=Response.Status.DRAFT).exists()
    ):
        raise ValidationError(
            {
                "local_authority": _(
                    "This local authority's answers are submitted: a coordinator must reopen "
                    "them first."
                )
            }
        )
    response = responses.filter(status=Response.Status.DRAFT).order_by("pk").first()
    if response is None:
        invitation = (
            assessment.invitations.filter(
                local_authority=local_authority, revoked_at__isnull=True, response__isnull=True
            )
            .order_by("respondent_email", "pk")
            .first()
        )
        response = _response_new(
            assessment=assessment,
            invitation=invitation,
            local_authority=local_authority,
            language=invitation.language if invitation else assessment.version.source_language,
            by=by,
        )
    if transcript is not None:
        upload_check(transcript)
    interview = Interview.objects.filter(response=response).first() or Interview(response=response)
    interview.researcher = by
    interview.interviewee_name = interviewee_name.strip()
    interview.interviewee_role = interviewee_role.strip()
    interview.organisation = organisation.strip()
    interview.held_on = held_on
    interview.mode = mode
    interview.consent = True
    interview.notes = notes.strip()
    if transcript is not None:
        interview.transcript.save(transcript.name.rsplit("/", 1)[-1][-150:], transcript, save=False)
    interview.full_clean()
    interview.save()
    return response
