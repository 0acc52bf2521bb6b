"""Reviewing submitted answers (issue 14, after ODK Central's review states): a reviewer sets a
response's state with a comment, "has issues" gives the answers back to the authority (emailed
to its people in each one's language, with its link), and staff correct one answer at a time,
saying why (``AnswerRevision``).

Every write is decided by ``network.permissions.decide(user, RESPONSE_REVIEW, response)``
(coordinators, and the assessment's researchers within their countries) and changes the
response under its row lock. Emails go through the notifications outbox (``email_send``), keyed
by the comment and the address: a repeated call sends nothing more, and nothing is sent unless
the state change commits.
"""

import copy
import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.countries import COUNTRY_CHOICES
from network.models import User
from network.permissions import decide
from notifications.services import email_send

from . import permissions
from .answering import OTHER, OTHER_SUFFIX, Evaluation, Messages, VersionStructure, rows_of
from .answering.values import typed_value
from .models import (
    LANGUAGE_CODES,
    AnswerRevision,
    Element,
    ResearcherScope,
    Response,
    ResponseEvent,
    ReviewComment,
    localised,
)
from .selectors_invitations import focal_points_of, invitation_addresses, invitation_link
from .services_analysis import answer_values_write

ReviewState = Response.ReviewState
Kind = Element.Kind
COMMENT_MAX = 5000
REASON_MAX = 2000
ISSUES_TEMPLATE = "assessments/email/review_issues"
# Answers staff cannot correct here: a file is the authority's upload.
UNCORRECTABLE = frozenset({Kind.FILE})


def _allowed(user: User, response: Response) -> None:
    decision = decide(user, permissions.RESPONSE_REVIEW, response)
    if not decision:
        raise PermissionDenied(decision.reason)


def _locked(response: Response) -> Response:
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("assessment__version", "local_authority", "invitation", "version")
        .get(pk=response.pk)
    )


def _address_key(address: str) -> str:
    return hashlib.sha256(address.encode()).hexdigest()[:16]


# -- Review states ---------------------------------------------------------------------------


@transaction.atomic
def review_set(*, response: Response, by: User, state: str, comment: str) -> ReviewComment:
    """Set ``response``'s review state to ``state`` with ``comment`` (``state`` empty or
    unchanged: a comment alone, which must then say something). "Has issues" needs a comment
    saying what to correct; it gives the answers back to the authority (status draft, its link
    edits them again) and emails its people. Event REVIEWED."""
    _allowed(by, response)
    response = _locked(response)
    _allowed(by, response)
    comment = comment.strip()[:COMMENT_MAX]
    if state and state not in ReviewState.values:
        raise ValidationError({"state": _("Choose a review state.")})
    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(
            _(
                "The authority is changing these answers: review them once they are submitted "
                "again."
            ),
            code="not_submitted",
        )
    changes = bool(state) and state != response.review_state
    if not changes and not comment:
        raise ValidationError({"comment": _("Write a comment, or choose another state.")})
    if state == ReviewState.HAS_ISSUES and not comment:
        raise ValidationError(
            {"comment": _("Say what the authority must correct: it receives this comment.")}
        )
    note = ReviewComment.objects.create(
        response=response, author=by, body=comment, state=state if changes else ""
    )
    if changes:
        response.review_state = state
        response.reviewed_at = timezone.now()
        fields = ["review_state", "reviewed_at", "updated_at"]
        if state == ReviewState.HAS_ISSUES:
            response.status = Response.Status.DRAFT
            fields.append("status")
        response.save(update_fields=fields)
        if state == ReviewState.HAS_ISSUES:
            # Out of the analysis until it is submitted again.
            answer_values_write(response=response)
        ResponseEvent.objects.create(
            response=response, kind=ResponseEvent.Kind.REVIEWED, actor=by, note=state
        )
        if state == ReviewState.HAS_ISSUES:
            issues_notify(response=response, comment=note)
    return note


def _recipients(response: Response) -> list[tuple[str, str]]:
    """(address, language) of the people told that ``response`` has issues: the invitation's
    (its named respondent, else the authority's focal points), and whoever gave their address
    when submitting; each in their account's language, else the language they answered in."""
    invitation = response.invitation
    if invitation is not None:
        addresses = invitation_addresses(invitation=invitation)
    else:
        people = focal_points_of(authorities=[response.local_authority])
        addresses = [user.email.strip().lower() for user in people[response.local_authority_id]]
    if response.respondent_email:
        addresses.append(response.respondent_email.strip().lower())
    addresses = list(dict.fromkeys(address for address in addresses if address))
    accounts = dict(
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses, is_active=True)
        .values_list("address", "preferred_language")
    )
    fallback = response.language if response.language in LANGUAGE_CODES else "en"
    found = []
    for address in addresses:
        language = (accounts.get(address) or "").split("-")[0]
        found.append((address, language if language in LANGUAGE_CODES else fallback))
    return found


def issues_notify(*, response: Response, comment: ReviewComment) -> int:
    """Email ``response``'s people that its answers have issues (``comment`` says which), each
    in their language with the answering link in that language; returns to how many addresses.
    Idempotent: the outbox key names the comment and the address."""
    assessment = response.assessment
    invitation = response.invitation
    live = invitation is not None and invitation.revoked_at is None
    recipients = _recipients(response)
    for address, language in recipients:
        title = localised(
            assessment.title, language=language, source=assessment.version.source_language
        )
        with translation.override(language):
            state = str(ReviewState.HAS_ISSUES.label)
        email_send(
            to=address,
            template_prefix=ISSUES_TEMPLATE,
            context={
                "assessment_title": title.text or assessment.slug,
                "authority_name": response.local_authority.name,
                "comment": comment.body,
                "state": state,
                "answer_url": invitation_link(invitation=invitation, language=language)
                if live
                else "",
            },
            language=language,
            key=f"assessments-review:{response.pk}:{comment.pk}:{_address_key(address)}",
        )
    return len(recipients)


# -- Corrections by staff ----------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    """One answer as a reviewer corrects it: the question's key, the row of its repeatable
    group (from 0; None outside one), the new value as a form gives it (text, or a list of
    choice names), the text of "other" and why."""

    key: str
    row: int | None
    value: object
    reason: str
    other: str = ""


def correctable(item) -> bool:
    return item is not None and item.answered and item.kind not in UNCORRECTABLE


def _holder(data: dict, item, row: int | None) -> dict:
    if item.repeat is None:
        if row is not None:
            raise ValidationError({"value": _("This question is not in a repeatable group.")})
        return data
    rows = rows_of(data, item.repeat)
    if row is None or not 0 <= row < len(rows):
        raise ValidationError({"value": _("This row does not exist.")})
    return data[item.repeat.key][row]


@transaction.atomic
def answer_correct(
    *, response: Response, by: User, structure: VersionStructure, correction: Correction
) -> list[AnswerRevision]:
    """Correct one answer of a submitted response (and its "other" text): checked by the
    answering engine as the respondent's answer would be (type, choices, required, constraint);
    a bad value raises ``ValidationError`` keyed ``value`` and changes nothing. Records an
    ``AnswerRevision`` per changed value (old, new, reason, who) and the event CORRECTED; the
    calculations are computed again."""
    _allowed(by, response)
    response = _locked(response)
    _allowed(by, response)
    reason = correction.reason.strip()[:REASON_MAX]
    if not reason:
        raise ValidationError({"reason": _("Say why the answer is corrected.")})
    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(
            _("The authority is changing these answers: correct them once they are submitted.")
        )
    item = structure.by_key.get(correction.key)
    if not correctable(item):
        raise ValidationError({"value": _("This answer cannot be corrected here.")})
    data = copy.deepcopy(response.data)
    holder = _holder(data, item, correction.row)
    other_key = item.key + OTHER_SUFFIX
    old_value, old_other = holder.get(item.key), holder.get(other_key)
    holder[item.key] = typed_value(item.kind, correction.value)
    if item.element.or_other:
        chosen = holder[item.key] if isinstance(holder[item.key], list) else [holder[item.key]]
        if OTHER in chosen:
            holder[other_key] = str(correction.other or "").strip()
        else:
            holder.pop(other_key, None)
    evaluation = Evaluation(structure, data)
    row = None if item.repeat is None else evaluation.data[item.repeat.key][correction.row]
    if not evaluation.is_relevant(item, row):
        raise ValidationError(
            {"value": _("This question does not apply, given the other answers.")}
        )
    language = translation.get_language() or structure.version.source_language
    problem = evaluation.answer_error(item, row, messages=Messages(structure, language=language))
    if problem:
        raise ValidationError({"value": problem})
    target = evaluation.data if row is None else row
    target[item.key] = evaluation.clean(item, row)
    changed = []
    if target.get(item.key) != old_value:
        changed.append((item.key, old_value, target.get(item.key)))
    if target.get(other_key) != old_other:
        changed.append((other_key, old_other, target.get(other_key)))
    if not changed:
        raise ValidationError({"value": _("This is the answer already given.")})
    response.data = evaluation.data
    response.save(update_fields=["data", "updated_at"])
    # The analysis reads the corrected answer the moment this commits.
    answer_values_write(response=response, structure=structure)
    revisions = [
        AnswerRevision.objects.create(
            response=response,
            key=key,
            row=correction.row,
            old_value=old,
            new_value=new,
            reason=reason,
            changed_by=by,
        )
        for key, old, new in changed
    ]
    ResponseEvent.objects.create(
        response=response, kind=ResponseEvent.Kind.CORRECTED, actor=by, note=item.key
    )
    return revisions


# -- Researchers limited to countries ------------------------------------------------------------


@transaction.atomic
def researcher_countries_set(
    *, by: User, assessment, researcher: User, countries: list[str]
) -> ResearcherScope | None:
    """Limit one of ``assessment``'s researchers to ``countries`` (ISO codes of the Americas);
    none: every country again (the limit is removed, None returned). Coordinators only."""
    decision = decide(by, permissions.ASSESSMENT_MANAGE, assessment)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not assessment.researchers.filter(pk=researcher.pk).exists():
        raise ValidationError(_("Only the assessment's researchers can be limited to countries."))
    known = {code for code, _name in COUNTRY_CHOICES}
    wanted = sorted(set(countries))
    if any(code not in known for code in wanted):
        raise ValidationError({"countries": _("Choose countries of the Americas.")})
    if not wanted:
        ResearcherScope.objects.filter(assessment=assessment, user=researcher).delete()
        return None
    scope, _created = ResearcherScope.objects.update_or_create(
        assessment=assessment, user=researcher, defaults={"countries": wanted}
    )
    return scope
