"""Needs assessments' section of a person's personal data export, and what deleting an account
does to their assessment records.

Export: the answers they submitted (which assessment and authority, when, the name and address
they gave as respondent), the interviews they conducted (interviewee, role, organisation, date,
mode, consent, notes), the questionnaires, versions and assessments they created or approved,
the assessments they are a researcher on (and the countries they are limited to), their comments
on drafts, the text fixes they made, the events of answers they acted on (reopening, with the
reason they gave), their review comments on answers, the corrections of answers they made
(question, before, after, reason), and the exports of answers they asked for (what, when; not
the files, which hold the authorities' answers).

Deleting an account: the answers stay, because they are the local authority's answers, not the
person's own; the respondent's name and address the person typed when submitting are cleared
(and any answers submitted under their address), and ``submitted_by`` is emptied by its foreign
key. Interviews they conducted stay without a researcher; the interviewee's details are the
interviewee's, not theirs. Their comments on drafts, text fixes and events stay without them, and
so do their review comments and corrections (the answers' review record: the authority was told
of them); their limits to countries go with the account.
"""

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from network import personal_data
from network.personal_data import iso_or_none

from .models import (
    AnswerRevision,
    Assessment,
    AssessmentExport,
    DraftComment,
    Interview,
    Questionnaire,
    QuestionnaireVersion,
    ResearcherScope,
    Response,
    ResponseEvent,
    ReviewComment,
    TextFix,
)


@personal_data.register(
    "assessments",
    covers=[
        "assessments.Questionnaire",
        "assessments.QuestionnaireVersion",
        "assessments.TextFix",
        "assessments.DraftComment",
        "assessments.Assessment",
        "assessments.Response",
        "assessments.ResponseEvent",
        "assessments.Interview",
        "assessments.ReviewComment",
        "assessments.AnswerRevision",
        "assessments.ResearcherScope",
        "assessments.AssessmentExport",
    ],
)
def assessments_export(user) -> dict:
    return {
        "responses_submitted": [
            {
                "assessment": str(response.assessment),
                "local_authority": response.local_authority.name,
                "status": response.status,
                "submitted_at": iso_or_none(response.submitted_at),
                "respondent_name": response.respondent_name,
                "respondent_email": response.respondent_email,
            }
            for response in Response.objects.filter(_responses_of(user))
            .select_related("assessment", "local_authority")
            .order_by("submitted_at", "pk")
        ],
        "interviews_conducted": [
            {
                "assessment": str(interview.response.assessment),
                "local_authority": interview.response.local_authority.name,
                "interviewee": interview.interviewee_name,
                "interviewee_role": interview.interviewee_role,
                "organisation": interview.organisation,
                "held_on": iso_or_none(interview.held_on),
                "mode": interview.mode,
                "consent": interview.consent,
                "notes": interview.notes,
            }
            for interview in Interview.objects.filter(researcher=user)
            .select_related("response__assessment", "response__local_authority")
            .order_by("held_on", "pk")
        ],
        "response_events": [
            {
                "assessment": str(event.response.assessment),
                "local_authority": event.response.local_authority.name,
                "event": event.kind,
                "note": event.note,
                "at": iso_or_none(event.created_at),
            }
            for event in ResponseEvent.objects.filter(actor=user)
            .select_related("response__assessment", "response__local_authority")
            .order_by("created_at", "pk")
        ],
        "questionnaires_created": [
            {"form_id": questionnaire.form_id, "created_at": iso_or_none(questionnaire.created_at)}
            for questionnaire in Questionnaire.objects.filter(created_by=user).order_by(
                "created_at", "pk"
            )
        ],
        "versions": [
            {
                "questionnaire": version.questionnaire.form_id,
                "number": version.number,
                "created": version.created_by_id == user.pk,
                "approved": version.approved_by_id == user.pk,
                "approved_at": iso_or_none(version.approved_at),
                "approval_note": version.approval_note if version.approved_by_id == user.pk else "",
            }
            for version in QuestionnaireVersion.objects.filter(
                Q(created_by=user) | Q(approved_by=user)
            )
            .select_related("questionnaire")
            .order_by("created_at", "pk")
        ],
        "text_fixes": [
            {
                "version": str(fix.version),
                "field": fix.field,
                "language": fix.language,
                "before": fix.old,
                "after": fix.new,
                "at": iso_or_none(fix.changed_at),
            }
            for fix in TextFix.objects.filter(changed_by=user)
            .select_related("version__questionnaire")
            .order_by("changed_at", "pk")
        ],
        "draft_comments": [
            {
                "version": str(comment.version),
                "question": comment.element.key if comment.element else None,
                "comment": comment.body if comment.author_id == user.pk else "",
                "written": comment.author_id == user.pk,
                "resolved_by_you": comment.resolved_by_id == user.pk,
                "at": iso_or_none(comment.created_at),
            }
            for comment in DraftComment.objects.filter(Q(author=user) | Q(resolved_by=user))
            .select_related("version__questionnaire", "element")
            .order_by("created_at", "pk")
        ],
        "answer_exports": [
            {
                "assessment": str(export.assessment),
                "format": export.format,
                "options": export.options,
                "status": export.status,
                "asked_for_at": iso_or_none(export.created_at),
                "finished_at": iso_or_none(export.finished_at),
                "expires_at": iso_or_none(export.expires_at),
            }
            for export in AssessmentExport.objects.filter(requester=user)
            .select_related("assessment")
            .order_by("created_at", "pk")
        ],
        "assessments": [
            {
                "assessment": str(assessment),
                "created": assessment.created_by_id == user.pk,
                "researcher": assessment.is_researcher,
            }
            for assessment in _assessments_of(user)
        ],
        "researcher_countries": [
            {"assessment": str(scope.assessment), "countries": list(scope.countries)}
            for scope in ResearcherScope.objects.filter(user=user)
            .select_related("assessment")
            .order_by("assessment__created_at", "pk")
        ],
        "review_comments": [
            {
                "assessment": str(comment.response.assessment),
                "local_authority": comment.response.local_authority.name,
                "state_set": comment.state,
                "comment": comment.body,
                "at": iso_or_none(comment.created_at),
            }
            for comment in ReviewComment.objects.filter(author=user)
            .select_related("response__assessment", "response__local_authority")
            .order_by("created_at", "pk")
        ],
        "answer_corrections": [
            {
                "assessment": str(revision.response.assessment),
                "local_authority": revision.response.local_authority.name,
                "question": revision.key,
                "row": revision.row,
                "before": revision.old_value,
                "after": revision.new_value,
                "reason": revision.reason,
                "at": iso_or_none(revision.changed_at),
            }
            for revision in AnswerRevision.objects.filter(changed_by=user)
            .select_related("response__assessment", "response__local_authority")
            .order_by("changed_at", "pk")
        ],
    }


def _responses_of(user) -> Q:
    """Answers the person submitted, or that name their address as the respondent's."""
    mine = Q(submitted_by=user)
    if user.email:
        mine |= Q(respondent_email__iexact=user.email)
    return mine


def _assessments_of(user) -> list[Assessment]:
    researched = set(user.assessments_researched.values_list("pk", flat=True))
    found = Assessment.objects.filter(Q(created_by=user) | Q(pk__in=researched)).order_by(
        "created_at", "pk"
    )
    assessments = list(found.distinct())
    for assessment in assessments:
        assessment.is_researcher = assessment.pk in researched
    return assessments


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="assessments_account_deleted")
def _account_deleted(sender, instance, **kwargs) -> None:
    """Before an account goes: clear the respondent's name and address the person gave on the
    answers they submitted (the answers stay: they are their authority's), and delete the files
    of the exports they asked for (their rows go with the account)."""
    Response.objects.filter(_responses_of(instance)).update(respondent_name="", respondent_email="")
    for export in AssessmentExport.objects.filter(requester=instance).exclude(file=""):
        export.file.delete(save=False)
