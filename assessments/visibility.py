"""Whose answers a person may read, and which of their questions: the one rule every output of
answers (exports, and later the review and analysis pages) calls.

A minimal version written with the exports: coordinators and the assessment's researchers read
every submitted response and every question; anyone else reads no response, and no sensitive
question. The review of answers replaces this module with its own (same three functions), which
adds the review states and the authority's own answers.

The rule reads roles, not the session: an export runs in a worker long after the request that
asked for it, so it must decide from who the person is then (a researcher removed from the
assessment meanwhile gets no rows). The pages check the second factor before asking.
"""

from django.db.models import QuerySet

from network.models import User
from network.roles import Role
from network.selectors import user_has_role

from .models import Assessment, Element, Response


def in_team(*, user: User, assessment: Assessment) -> bool:
    """Is ``user`` a coordinator (or superuser), or one of ``assessment``'s researchers?"""
    if not user.is_active:
        return False
    if user.is_superuser or user_has_role(user=user, role=Role.COORDINATOR):
        return True
    return user_has_role(user=user, role=Role.RESEARCHER) and (
        assessment.researchers.filter(pk=user.pk).exists()
    )


def responses_visible(*, user: User, assessment: Assessment) -> QuerySet[Response]:
    """The responses of ``assessment`` that ``user`` may read: every submitted one for its
    team, none for anyone else."""
    responses = Response.objects.filter(assessment=assessment)
    if not in_team(user=user, assessment=assessment):
        return responses.none()
    return responses.filter(status=Response.Status.SUBMITTED)


def hidden_keys(*, user: User, assessment: Assessment) -> set[str]:
    """The keys of the sensitive questions ``user`` may not read, in every version of the
    assessment's questionnaire: none for its team, all of them for anyone else."""
    if in_team(user=user, assessment=assessment):
        return set()
    return set(
        Element.objects.filter(
            version__questionnaire_id=assessment.version.questionnaire_id, sensitive=True
        ).values_list("key", flat=True)
    )
