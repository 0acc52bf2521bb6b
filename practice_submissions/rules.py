"""Who may propose practices and who reviews them (registered with network.permissions)."""

from typing import Any

from django.utils.translation import gettext as _

from network import permissions
from network.permissions import ALLOW, Decision, acting_as
from network.roles import Role
from network.selectors import user_memberships, user_roles

from .models import PracticeSubmission

SUBMISSION_CREATE = "practice_submission.create"
SUBMISSION_VIEW = "practice_submission.view"
SUBMISSION_EDIT = "practice_submission.edit"
SUBMISSION_QUEUE = "practice_submission.queue"
SUBMISSION_REVIEW = "practice_submission.review"


def _is_member(user) -> bool:
    return bool(user_roles(user=user)) or user_memberships(user=user).exists()


@permissions.rule(SUBMISSION_CREATE)
def _submission_create(user, obj: Any) -> Decision:
    if _is_member(user):
        return ALLOW
    return Decision(False, _("Only members of the network may propose a practice."))


@permissions.rule(SUBMISSION_VIEW)
def _submission_view(user, obj: PracticeSubmission) -> Decision:
    if obj.submitter_id == user.pk:
        return ALLOW
    return acting_as(user, Role.COORDINATOR)


@permissions.rule(SUBMISSION_EDIT)
def _submission_edit(user, obj: PracticeSubmission) -> Decision:
    if obj.submitter_id != user.pk:
        decision = acting_as(user, Role.COORDINATOR)
        if not decision:
            return decision
    if not obj.is_editable:
        return Decision(False, _("This proposal is with the coordinators and cannot be edited."))
    return ALLOW


@permissions.rule(SUBMISSION_QUEUE)
def _submission_queue(user, obj: Any) -> Decision:
    return acting_as(user, Role.COORDINATOR)


@permissions.rule(SUBMISSION_REVIEW)
def _submission_review(user, obj: PracticeSubmission | None) -> Decision:
    decision = acting_as(user, Role.COORDINATOR)
    if not decision:
        return decision
    if obj is not None and not obj.is_awaiting_review:
        return Decision(False, _("This proposal is not waiting for a review."))
    # Four eyes: whoever proposed a practice never decides on it, superusers included.
    if obj is not None and obj.submitter_id == user.pk:
        return Decision(False, _("You proposed this practice: another coordinator must review it."))
    return ALLOW
