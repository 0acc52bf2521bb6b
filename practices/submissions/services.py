"""Writes for practice proposals: drafts, attachments, submitting and the coordinators'
decisions. Every state change is recorded as a ``SubmissionEvent`` and notified."""

import html
import re

import nh3
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from network.notifications.services import notification_send
from network.roles import Role
from practices.models import (
    PracticeGcmObjective,
    PracticePage,
    PracticeSdgTarget,
    PracticeTargetGroup,
    PracticeTheme,
)

from . import notification_kinds, selectors
from .forms import STEP_FORMS, step_form_bound
from .models import PracticeSubmission, SubmissionAttachment, SubmissionEvent

State = PracticeSubmission.State
Step = PracticeSubmission.Step
STEP_ORDER = list(Step.values)
COLLECTION_NAME = "Submissions"
STORY_FIELDS = ("context", "objectives", "activities", "results", "lessons_learned", "replication")


# -- Drafts -----------------------------------------------------------------------------------


def submission_create(*, user, language: str) -> PracticeSubmission:
    """Start an empty draft for ``user``, to be written in ``language``."""
    submission = PracticeSubmission(submitter=user, language=language)
    submission.full_clean()
    submission.save()
    return submission


def submission_step_save(
    *, submission: PracticeSubmission, step: str, answers: dict, advance: bool
) -> PracticeSubmission:
    """Store one step's answers as typed; with ``advance`` move the draft to the next step."""
    if step not in STEP_FORMS:
        raise ValueError(f"Unknown step {step!r}.")
    if not submission.is_editable:
        raise ValidationError(_("This proposal is with the coordinators and cannot be edited."))
    submission.data = {**submission.data, step: answers}
    if advance:
        submission.step = STEP_ORDER[STEP_ORDER.index(step) + 1]
    submission.save(update_fields=["data", "step", "updated_at"])
    return submission


def _submissions_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def submission_attachment_add(
    *, submission: PracticeSubmission, user, upload, title: str, extension: str, kind: str
) -> SubmissionAttachment:
    """Keep an already checked file (see ``validators.upload_check``) as a Wagtail document or
    image in the "Submissions" collection. The stored name's extension is the one the content
    showed, whatever the upload was called."""
    if not submission.is_editable:
        raise ValidationError(_("This proposal is with the coordinators and cannot be edited."))
    title = title.strip() or upload.name.rsplit(".", 1)[0][:200] or _("Attachment")
    base = slugify(upload.name.rsplit(".", 1)[0])[:60] or "attachment"
    upload.name = f"{base}.{extension}"
    attachment = SubmissionAttachment(submission=submission, kind=kind, title=title)
    collection = _submissions_collection()
    if kind == SubmissionAttachment.Kind.IMAGE:
        image = get_image_model()(
            title=title, file=upload, collection=collection, uploaded_by_user=user
        )
        image._set_image_file_metadata()
        image.save()
        attachment.image = image
    else:
        document = get_document_model()(
            title=title, file=upload, collection=collection, uploaded_by_user=user
        )
        document._set_document_file_metadata()
        document.save()
        attachment.document = document
    attachment.full_clean()
    attachment.save()
    PracticeSubmission.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    return attachment


def submission_attachment_remove(*, attachment: SubmissionAttachment) -> None:
    """Forget a file of a draft (and the stored document or image)."""
    if not attachment.submission.is_editable:
        raise ValidationError(_("This proposal is with the coordinators and cannot be edited."))
    stored = attachment.image or attachment.document
    attachment.delete()
    if stored is not None:
        stored.delete()


# -- Submitting -------------------------------------------------------------------------------


def text_to_html(text: str) -> str:
    """Plain text as safe HTML: blank lines separate paragraphs, single line breaks stay."""
    paragraphs = [
        part.strip() for part in re.split(r"\n\s*\n", text.replace("\r", "")) if part.strip()
    ]
    markup = "".join(
        "<p>" + "<br/>".join(html.escape(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
    )
    return nh3.clean(markup, tags={"p", "br"}, attributes={})


def _cleaned_steps(submission: PracticeSubmission) -> dict[str, dict]:
    cleaned = {}
    for step in STEP_FORMS:
        form = step_form_bound(step, submission.data.get(step, {}))
        if not form.is_valid():
            raise ValidationError(
                _("Some answers in “%(step)s” are missing or need correcting.")
                % {"step": Step(step).label},
                code=step,
            )
        cleaned[step] = form.cleaned_data
    return cleaned


def _unique_slug(index, title: str, page: PracticePage | None) -> str:
    base = slugify(title)[:70] or "practice"
    siblings = index.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    slug, number = base, 1
    while siblings.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _page_fill(page: PracticePage, submission: PracticeSubmission, cleaned: dict) -> None:
    basics, story = cleaned[Step.BASICS], cleaned[Step.PRACTICE]
    classification, contact = cleaned[Step.CLASSIFICATION], cleaned[Step.ATTACHMENTS]
    page.title = basics["title"]
    page.draft_title = basics["title"]
    page.summary = basics["summary"]
    page.authority = basics["authority"]
    page.place_name = basics["place_name"]
    page.country = basics["country"] or (basics["authority"].country if basics["authority"] else "")
    page.implementing_organisations = basics["implementing_organisations"]
    page.start_date = basics["start_date"]
    page.end_date = basics["end_date"]
    page.ongoing = basics["ongoing"]
    page.status = basics["status"]
    for name in STORY_FIELDS:
        setattr(page, name, text_to_html(story[name]))
    page.themes = [PracticeTheme(code=code) for code in classification["themes"]]
    page.target_groups = [
        PracticeTargetGroup(code=code) for code in classification["target_groups"]
    ]
    page.gcm_objectives = [
        PracticeGcmObjective(code=code) for code in classification["gcm_objectives"]
    ]
    page.sdg_targets = [PracticeSdgTarget(code=code) for code in classification["sdg_targets"]]
    page.contact_name = contact["contact_name"]
    page.contact_role = contact["contact_role"]
    page.contact_email = contact["contact_email"]
    page.original_language = submission.language
    page.material = [
        {"type": "image", "value": {"image": item.image_id, "caption": item.title}}
        if item.kind == SubmissionAttachment.Kind.IMAGE
        else {"type": "document", "value": {"document": item.document_id, "title": item.title}}
        for item in submission.attachments.all()
    ]


def _page_save_draft(submission: PracticeSubmission, user) -> PracticePage:
    """Create or update the unpublished page for a submission and save a revision of it."""
    cleaned = _cleaned_steps(submission)
    tags = cleaned[Step.CLASSIFICATION]["tags"]
    page = submission.page
    if page is None:
        index = selectors.practice_index_for(language=submission.language)
        if index is None:
            raise ValidationError(
                _("The practice directory is not set up yet; please try again later.")
            )
        page = PracticePage(live=False, owner=submission.submitter, locale=index.locale)
        _page_fill(page, submission, cleaned)
        page.slug = _unique_slug(index, page.title, None)
        page.clean()
        index.add_child(instance=page)
    else:
        page = page.specific
        _page_fill(page, submission, cleaned)
        page.slug = _unique_slug(page.get_parent(), page.title, page)
        page.clean()
        page.save()
    page.tags.set(tags, clear=True)
    page.save()
    page.save_revision(user=user)
    return page


def _event_record(
    submission: PracticeSubmission, *, user, to_state: str, message: str = ""
) -> SubmissionEvent:
    event = SubmissionEvent(
        submission=submission,
        actor=user,
        from_state=submission.state,
        to_state=to_state,
        message=message,
    )
    event.full_clean()
    event.save()
    submission.state = to_state
    return event


def _notify(submission: PracticeSubmission, event: SubmissionEvent, *, kind, recipients) -> None:
    submitter = submission.submitter
    notification_send(
        recipients=recipients,
        kind=kind.code,
        event_key=f"practice-submission:{submission.pk}:event:{event.pk}",
        context={
            "submission_id": submission.pk,
            "title": submission.title,
            "submitter_name": submitter.get_full_name() or submitter.email,
            "message": event.message,
        },
        url=reverse("practice_submissions:detail", args=[submission.pk]),
    )


def _coordinators():
    return (
        get_user_model()
        .objects.filter(groups__name=Role.COORDINATOR, is_active=True)
        .order_by("pk")
        .distinct()
    )


@transaction.atomic
def submission_submit(*, submission: PracticeSubmission, user) -> PracticeSubmission:
    """Send a complete draft to the coordinators: build (or update) its unpublished practice
    page, record the event and tell the coordinators. Raises ``ValidationError`` (naming the
    incomplete step in its ``code``) when some answers are missing."""
    submission = PracticeSubmission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_editable:
        raise ValidationError(_("This proposal has already been sent to the coordinators."))
    page = _page_save_draft(submission, user)
    submission.page = page
    submission.step = Step.REVIEW
    submission.submitted_at = timezone.now()
    event = _event_record(submission, user=user, to_state=State.SUBMITTED)
    submission.save()
    _notify(submission, event, kind=notification_kinds.SUBMITTED, recipients=_coordinators())
    return submission


def _decision_start(submission: PracticeSubmission) -> PracticeSubmission:
    submission = PracticeSubmission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_awaiting_review:
        raise ValidationError(_("This proposal is not waiting for a review."))
    return submission


@transaction.atomic
def submission_request_changes(
    *, submission: PracticeSubmission, user, message: str
) -> PracticeSubmission:
    """Send a submission back to its author with what should change."""
    if not message.strip():
        raise ValidationError({"message": _("Say what should change.")})
    submission = _decision_start(submission)
    event = _event_record(
        submission, user=user, to_state=State.CHANGES_REQUESTED, message=message.strip()
    )
    submission.step = Step.BASICS
    submission.save()
    _notify(
        submission,
        event,
        kind=notification_kinds.CHANGES_REQUESTED,
        recipients=[submission.submitter],
    )
    return submission


@transaction.atomic
def submission_approve(
    *, submission: PracticeSubmission, user, message: str = ""
) -> PracticeSubmission:
    """Publish the practice page of a submission and tell its author."""
    submission = _decision_start(submission)
    page = submission.page.specific
    revision = page.get_latest_revision() or page.save_revision(user=user)
    # network.permissions decided who may approve; Wagtail page permissions do not apply.
    revision.publish(user=user, skip_permission_checks=True)
    event = _event_record(submission, user=user, to_state=State.APPROVED, message=message.strip())
    submission.save()
    _notify(submission, event, kind=notification_kinds.APPROVED, recipients=[submission.submitter])
    return submission


@transaction.atomic
def submission_decline(*, submission: PracticeSubmission, user, reason: str) -> PracticeSubmission:
    """Refuse a submission, with the reason its author is told. The page stays unpublished."""
    if not reason.strip():
        raise ValidationError({"message": _("Give the reason for declining.")})
    submission = _decision_start(submission)
    event = _event_record(submission, user=user, to_state=State.DECLINED, message=reason.strip())
    submission.save()
    _notify(submission, event, kind=notification_kinds.DECLINED, recipients=[submission.submitter])
    return submission
