"""Who may do what with needs assessments, decided through ``network.permissions.decide``.

Coordinators (with their second factor) run assessments: they approve and publish versions,
invite authorities, reopen submitted answers. Researchers build questionnaires with them and
follow, and interview for, the assessments they are named on. Partners (the coordination
committee's focal points) read drafts and comment on them. Answering by link needs no account:
the invitation's token is the permission (``selectors.invitation_for_token``).
"""

from typing import Any

from django.utils.translation import gettext as _

from network.models import User
from network.permissions import ALLOW, Decision, acting_as, rule
from network.roles import Role
from network.selectors import user_has_role

from .models import Assessment, AssessmentExport, QuestionnaireVersion, Response
from .selectors import researcher_countries

QUESTIONNAIRE_VIEW = "assessments.questionnaire_view"
QUESTIONNAIRE_EDIT = "assessments.questionnaire_edit"
QUESTIONNAIRE_COMMENT = "assessments.questionnaire_comment"
QUESTIONNAIRE_APPROVE = "assessments.questionnaire_approve"
QUESTIONNAIRE_PUBLISH = "assessments.questionnaire_publish"
QUESTIONNAIRE_TEXT_FIX = "assessments.questionnaire_text_fix"
QUESTIONNAIRE_RETIRE = "assessments.questionnaire_retire"
ASSESSMENT_MANAGE = "assessments.assessment_manage"
ASSESSMENT_FOLLOW = "assessments.assessment_follow"
ASSESSMENT_LIST = "assessments.assessment_list"
INTERVIEW_CONDUCT = "assessments.interview_conduct"
RESPONSE_REOPEN = "assessments.response_reopen"
# The analysis dashboard, its figures unsuppressed: the assessment's team.
ASSESSMENT_ANALYSE = "assessments.assessment_analyse"
# Reviewing submitted answers (states, comments, corrections): coordinators, and the
# assessment's researchers for the countries they are limited to (``ResearcherScope``).
RESPONSE_REVIEW = "assessments.response_review"
# Seeing one response's individual answers: decided in ``visibility`` (the one rule of who sees
# which answers), which registers it.
RESPONSE_VIEW = "assessments.response_view"
ANSWERS_EXPORT = "assessments.answers_export"
EXPORT_DOWNLOAD = "assessments.export_download"


def _coordinator_or_researcher(user: User) -> Decision:
    if user_has_role(user=user, role=Role.RESEARCHER) and not user.is_superuser:
        return acting_as(user, Role.RESEARCHER)
    decision = acting_as(user, Role.COORDINATOR)
    if decision or decision.needs_mfa:
        return decision
    return Decision(False, _("Only coordinators and researchers work on questionnaires."))


def _researches(user: User, assessment: Assessment) -> bool:
    return assessment.researchers.filter(pk=user.pk).exists()


@rule(QUESTIONNAIRE_VIEW)
def _questionnaire_view(user: User, obj: QuestionnaireVersion | None) -> Decision:
    if user_has_role(user=user, role=Role.PARTNER) and not user.is_superuser:
        return ALLOW
    return _coordinator_or_researcher(user)


@rule(QUESTIONNAIRE_EDIT)
def _questionnaire_edit(user: User, obj: QuestionnaireVersion | None) -> Decision:
    decision = _coordinator_or_researcher(user)
    if not decision:
        return decision
    if obj is not None and obj.is_frozen:
        return Decision(
            False,
            _(
                "This version is approved: its structure can no longer change. Fix its texts, "
                "or make a new version."
            ),
        )
    return ALLOW


@rule(QUESTIONNAIRE_COMMENT)
def _questionnaire_comment(user: User, obj: QuestionnaireVersion | None) -> Decision:
    decision = _questionnaire_view(user, obj)
    if not decision:
        return decision
    if obj is not None and obj.status not in (
        QuestionnaireVersion.Status.DRAFT,
        QuestionnaireVersion.Status.REVIEW,
    ):
        return Decision(False, _("Comments are taken on drafts and versions in review."))
    return ALLOW


@rule(QUESTIONNAIRE_APPROVE)
def _questionnaire_approve(user: User, obj: QuestionnaireVersion | None) -> Decision:
    decision = acting_as(user, Role.COORDINATOR)
    if not decision:
        return decision
    if obj is not None and obj.status != QuestionnaireVersion.Status.REVIEW:
        return Decision(False, _("Only a version in review can be approved."))
    return ALLOW


@rule(QUESTIONNAIRE_PUBLISH)
def _questionnaire_publish(user: User, obj: QuestionnaireVersion | None) -> Decision:
    decision = acting_as(user, Role.COORDINATOR)
    if not decision:
        return decision
    if obj is not None and obj.status != QuestionnaireVersion.Status.APPROVED:
        return Decision(False, _("Only an approved version can be published."))
    return ALLOW


@rule(ASSESSMENT_LIST)
def _assessment_list(user: User, obj: Any) -> Decision:
    # Researchers see the list of the assessments they are named on (selectors_invitations).
    return _coordinator_or_researcher(user)


@rule(QUESTIONNAIRE_TEXT_FIX)
def _questionnaire_text_fix(user: User, obj: QuestionnaireVersion | None) -> Decision:
    decision = _coordinator_or_researcher(user)
    if not decision:
        return decision
    if obj is not None and not obj.is_frozen:
        return Decision(False, _("A draft's texts are edited directly, not fixed."))
    return ALLOW


@rule(QUESTIONNAIRE_RETIRE)
def _questionnaire_retire(user: User, obj: QuestionnaireVersion | None) -> Decision:
    decision = acting_as(user, Role.COORDINATOR)
    if not decision:
        return decision
    if obj is not None and obj.status != QuestionnaireVersion.Status.PUBLISHED:
        return Decision(False, _("Only a published version can be retired."))
    return ALLOW


@rule(ASSESSMENT_MANAGE)
@rule(RESPONSE_REOPEN)
def _coordinator(user: User, obj: Any) -> Decision:
    return acting_as(user, Role.COORDINATOR)


@rule(ASSESSMENT_FOLLOW)
@rule(ASSESSMENT_ANALYSE)
@rule(INTERVIEW_CONDUCT)
@rule(ANSWERS_EXPORT)
def _assessment_team(user: User, obj: Assessment | Response | None) -> Decision:
    assessment = obj.assessment if isinstance(obj, Response) else obj
    if (
        assessment is not None
        and user_has_role(user=user, role=Role.RESEARCHER)
        and _researches(user, assessment)
    ):
        return acting_as(user, Role.RESEARCHER)
    decision = acting_as(user, Role.COORDINATOR)
    if decision or decision.needs_mfa:
        return decision
    return Decision(
        False, _("Only coordinators and the assessment's researchers follow its answers.")
    )


@rule(RESPONSE_REVIEW)
def _response_review(user: User, obj: Response | None) -> Decision:
    decision = _assessment_team(user, obj)
    if not decision or obj is None:
        return decision
    if obj.submitted_at is None:
        return Decision(False, _("These answers were never submitted: there is nothing to review."))
    if not acting_as(user, Role.COORDINATOR):
        countries = researcher_countries(user=user, assessment=obj.assessment)
        if countries is not None and obj.local_authority.country not in countries:
            return Decision(
                False,
                _("These answers are from a country outside those you review in this assessment."),
            )
    return ALLOW


@rule(EXPORT_DOWNLOAD)
def _export_requester(user: User, obj: AssessmentExport | None) -> Decision:
    # An export holds whatever its requester was allowed to read: only they follow and
    # download it (the file is theirs, not the assessment's).
    if obj is not None and obj.requester_id == user.pk:
        return ALLOW
    return Decision(False, _("Only the person who asked for this export can see it."))
