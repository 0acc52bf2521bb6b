"""The demo's review of the submitted answers (``demo_answers.REVIEW_*``): run with the review
services at seeding time, then dated as it happened, a little over a day after each answer
arrived (the rows' dates are updated afterwards; the clock is not touched). The "has issues"
emails stay in the outbox as sent on their day: the seed emails nobody."""

from datetime import datetime, timedelta

from network.demo import DEMO_DOMAIN
from network.models import User
from notifications.models import EmailDelivery

from . import services_review
from .demo_answers import (
    REVIEW_AFTER_DAYS,
    REVIEW_CORRECTION,
    REVIEW_ISSUES,
    REVIEW_REJECTED,
    REVIEW_WAITING,
)
from .models import AnswerRevision, Assessment, Response, ResponseEvent, ReviewComment
from .selectors_answer import version_structure_load

State = Response.ReviewState
Kind = ResponseEvent.Kind


def _dated(response: Response, when: datetime) -> None:
    """Date the review just recorded on ``response``: a correction at ``when``, the state and
    its comment ten minutes later, and the emails it queued as sent then."""
    reviewed = when + timedelta(minutes=10)
    AnswerRevision.objects.filter(response=response).update(changed_at=when)
    response.events.filter(kind=Kind.CORRECTED).update(created_at=when)
    response.events.filter(kind=Kind.REVIEWED).update(created_at=reviewed)
    ReviewComment.objects.filter(response=response).update(created_at=reviewed)
    Response.objects.filter(pk=response.pk).update(reviewed_at=reviewed)
    EmailDelivery.objects.filter(
        key__startswith=f"assessments-review:{response.pk}:", status=EmailDelivery.Status.QUEUED
    ).update(status=EmailDelivery.Status.SENT, enqueued_at=reviewed, sent_at=reviewed)


def seed_review(*, assessment: Assessment, now: datetime) -> int:
    """Review ``assessment``'s submitted answers as the demo tells; returns how many."""
    researcher = User.objects.get(email=f"researcher@{DEMO_DOMAIN}")
    coordinator = User.objects.get(email=f"coordinator@{DEMO_DOMAIN}")
    # The services ask for a coordinator acting with the second factor, as in a session.
    coordinator.second_factor_passed = True
    structure = version_structure_load(version=assessment.version)
    responses = (
        Response.objects.filter(assessment=assessment, status=Response.Status.SUBMITTED)
        .select_related("invitation", "local_authority")
        .order_by("submitted_at", "pk")
    )
    reviewed = 0
    for response in responses:
        named = response.invitation is not None and response.invitation.respondent_email
        key = "" if named else response.local_authority.slug
        if key in REVIEW_WAITING:
            continue
        when = min(
            response.submitted_at + timedelta(days=REVIEW_AFTER_DAYS), now - timedelta(hours=2)
        )
        authority, question, value, reason = REVIEW_CORRECTION
        if key == authority:
            services_review.answer_correct(
                response=response,
                by=researcher,
                structure=structure,
                correction=services_review.Correction(
                    key=question, row=None, value=value, reason=reason
                ),
            )
        if key in REVIEW_ISSUES:
            state, by, comment = State.HAS_ISSUES, researcher, REVIEW_ISSUES[key]
        elif key in REVIEW_REJECTED:
            state, by, comment = State.REJECTED, coordinator, REVIEW_REJECTED[key]
        else:
            state, by, comment = State.APPROVED, researcher, ""
        services_review.review_set(response=response, by=by, state=state, comment=comment)
        _dated(response, when)
        reviewed += 1
    return reviewed
