"""From draft to respondents: comments, review, send-back, approval, publishing (with the
language rule) and retirement."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import User

from .. import permissions
from ..coverage import version_coverage
from ..models import LANGUAGE_CHOICES, DraftComment, Element, QuestionnaireVersion
from ..structure import version_problems
from .common import allowed


def comment_add(
    *, by: User, version: QuestionnaireVersion, body: str, element: Element | None = None
) -> DraftComment:
    """A committee member's comment on a question of a draft or version in review, or on the
    whole version."""
    allowed(by, permissions.QUESTIONNAIRE_COMMENT, version)
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Write a comment.")]})
    if element is not None and element.version_id != version.pk:
        raise PermissionDenied(_("This question belongs to another version."))
    return DraftComment.objects.create(version=version, element=element, author=by, body=body)


def comment_resolve(*, by: User, comment: DraftComment) -> DraftComment:
    """The editor marks a comment dealt with (once)."""
    allowed(by, permissions.QUESTIONNAIRE_EDIT, comment.version)
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = by
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


# -- Review, approval, publishing ----------------------------------------------------------------


def _locked(version: QuestionnaireVersion) -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)


def _without_problems(version: QuestionnaireVersion) -> None:
    found = version_problems(version=version)
    if found:
        raise ValidationError(
            [
                f"{problem.key}: {problem.message}" if problem.key else problem.message
                for problem in found
            ]
        )


@transaction.atomic
def version_submit_for_review(*, by: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Send a well-built draft to the coordination committee."""
    version = _locked(version)
    allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    if version.status != QuestionnaireVersion.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    _without_problems(version)
    version.status = QuestionnaireVersion.Status.REVIEW
    version.submitted_for_review_at = timezone.now()
    version.save(update_fields=["status", "submitted_for_review_at", "updated_at"])
    return version


@transaction.atomic
def version_send_back(
    *, by: User, version: QuestionnaireVersion, note: str
) -> QuestionnaireVersion:
    """Return a version in review to draft; ``note`` (why) becomes a comment on the version."""
    version = _locked(version)
    allowed(by, permissions.QUESTIONNAIRE_APPROVE, version)
    note = note.strip()
    if not note:
        raise ValidationError({"note": [_("Say what must change.")]})
    DraftComment.objects.create(version=version, author=by, body=note)
    version.status = QuestionnaireVersion.Status.DRAFT
    version.save(update_fields=["status", "updated_at"])
    return version


@transaction.atomic
def version_approve(
    *, by: User, version: QuestionnaireVersion, record: str
) -> QuestionnaireVersion:
    """Record the committee's approval of a version in review: from now on its structure is
    frozen."""
    version = _locked(version)
    allowed(by, permissions.QUESTIONNAIRE_APPROVE, version)
    record = record.strip()
    if not record:
        raise ValidationError({"record": [_("Record the decision: meeting, date, who took part.")]})
    _without_problems(version)
    version.status = QuestionnaireVersion.Status.APPROVED
    version.approval_note = record
    version.approved_by = by
    version.approved_at = timezone.now()
    version.save(
        update_fields=["status", "approval_note", "approved_by", "approved_at", "updated_at"]
    )
    return version


@transaction.atomic
def version_publish(
    *, by: User, version: QuestionnaireVersion, incomplete_languages: list[str]
) -> QuestionnaireVersion:
    """Publish an approved version. Every offered language must have every string
    (``coverage``), except those the coordinator deliberately marks ``incomplete_languages``;
    only those still lacking strings are stored as incomplete."""
    version = _locked(version)
    allowed(by, permissions.QUESTIONNAIRE_PUBLISH, version)
    _without_problems(version)
    lacking = [code for code, found in version_coverage(version=version).items() if found]
    unmarked = [code for code in lacking if code not in incomplete_languages]
    if unmarked:
        names = dict(LANGUAGE_CHOICES)
        raise ValidationError(
            {
                "incomplete_languages": [
                    _(
                        "Strings are missing in %(languages)s: translate them, or mark the "
                        "language as published incomplete."
                    )
                    % {"languages": ", ".join(str(names[code]) for code in unmarked)}
                ]
            }
        )
    version.status = QuestionnaireVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.incomplete_languages = lacking
    version.save(update_fields=["status", "published_at", "incomplete_languages", "updated_at"])
    return version


@transaction.atomic
def version_retire(*, by: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A published version no longer offered for new assessments; its answers stay."""
    version = _locked(version)
    allowed(by, permissions.QUESTIONNAIRE_RETIRE, version)
    version.status = QuestionnaireVersion.Status.RETIRED
    version.save(update_fields=["status", "updated_at"])
    return version
