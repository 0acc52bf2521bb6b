"""Writes for practice proposals: drafts, attachments, submitting and the coordinators'
decisions. Every state change is recorded as a ``SubmissionEvent`` and notified."""

import html
import os
import re
from collections.abc import Iterable

import nh3
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from base.localization import page_urls_by_language
from network.roles import Role
from notifications.services import notification_send
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
from .storage import private_storage

State = PracticeSubmission.State
Step = PracticeSubmission.Step
STEP_ORDER = list(Step.values)
# Approved proposals' files are published here; until then they are private.
PUBLIC_COLLECTION_NAME = "Practices"
# Where the public copies of a hidden practice's files wait (in private storage, same names).
HIDDEN_FILES_FOLDER = "hidden-practice-files"
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


def submission_attachment_add(
    *,
    submission: PracticeSubmission,
    upload,
    title: str,
    extension: str,
    kind: str,
    content_type: str,
) -> SubmissionAttachment:
    """Keep an already checked file (see ``network.uploads.upload_check``) in private storage:
    only the submitter and coordinators can read it until the practice is approved. The stored
    name's extension is the one the content showed, whatever the upload was called."""
    if not submission.is_editable:
        raise ValidationError(_("This proposal is with the coordinators and cannot be edited."))
    title = title.strip() or upload.name.rsplit(".", 1)[0][:200] or _("Attachment")
    base = slugify(upload.name.rsplit(".", 1)[0])[:60] or "attachment"
    attachment = SubmissionAttachment(
        submission=submission, kind=kind, title=title, content_type=content_type
    )
    attachment.file.save(f"{base}.{extension}", upload, save=False)
    attachment.full_clean()
    attachment.save()
    PracticeSubmission.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    return attachment


def submission_attachment_remove(*, attachment: SubmissionAttachment) -> None:
    """Forget a file of a draft. Its private file is deleted once the removal is committed
    (``signals.attachment_file_delete``, which also covers a proposal or account deleted)."""
    if not attachment.submission.is_editable:
        raise ValidationError(_("This proposal is with the coordinators and cannot be edited."))
    attachment.delete()


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
    # ``material`` is left alone: the proposal's files join it only when it is approved.


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
    context = {
        "submission_id": submission.pk,
        "title": submission.title,
        "submitter_name": submitter.get_full_name() or submitter.email,
        "message": event.message,
    }
    if kind == notification_kinds.APPROVED and submission.page_id:
        # The public page, which the email links first, in the author's language.
        context["page_urls"] = page_urls_by_language(submission.page)
    notification_send(
        recipients=recipients,
        kind=kind.code,
        event_key=f"practice-submission:{submission.pk}:event:{event.pk}",
        context=context,
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


def _practices_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PUBLIC_COLLECTION_NAME).first()
    return existing or root.add_child(name=PUBLIC_COLLECTION_NAME)


def _attachment_publish(
    attachment: SubmissionAttachment, collection: Collection, copies: list
) -> None:
    """Copy a private file into a public Wagtail document or image (once); the copy's file is
    added to ``copies``."""
    if attachment.document_id or attachment.image_id:
        return
    is_image = attachment.kind == SubmissionAttachment.Kind.IMAGE
    model = get_image_model() if is_image else get_document_model()
    with attachment.file.open("rb") as private:
        published = model(
            title=attachment.title,
            file=File(private, name=os.path.basename(attachment.file.name)),
            collection=collection,
            uploaded_by_user=attachment.submission.submitter,
        )
        if is_image:
            published._set_image_file_metadata()
        else:
            published._set_document_file_metadata()
        published.save()
    copies.append(published.file)
    setattr(attachment, "image" if is_image else "document", published)
    attachment.full_clean()
    attachment.save(update_fields=["document", "image", "updated_at"])


def _material_publish(page: PracticePage, submission: PracticeSubmission, copies: list) -> None:
    """Publish the proposal's files and add them to the page's material, after whatever an
    editor put there (minus blocks whose document or image no longer exists)."""
    collection = _practices_collection()
    kept = [
        (block.block_type, block.value)
        for block in page.material
        if block.block_type not in ("document", "image") or block.value[block.block_type]
    ]
    added = []
    for attachment in submission.attachments.all():
        _attachment_publish(attachment, collection, copies)
        if attachment.kind == SubmissionAttachment.Kind.IMAGE:
            added.append(("image", {"image": attachment.image, "caption": attachment.title}))
        else:
            added.append(("document", {"document": attachment.document, "title": attachment.title}))
    page.material = kept + added


@transaction.atomic
def submission_approve(
    *, submission: PracticeSubmission, user, message: str = ""
) -> PracticeSubmission:
    """Publish a submission's practice page with its files (now copied into public Wagtail
    documents and images) and tell its author."""
    submission = _decision_start(submission)
    if submission.page is None:
        # Its unpublished page was deleted in the CMS since it was sent: build it again.
        submission.page = _page_save_draft(submission, user)
    page = submission.page.specific
    latest = page.get_latest_revision()
    if latest is not None:
        page = latest.as_object()
    copies = []
    try:
        _material_publish(page, submission, copies)
        revision = page.save_revision(user=user)
        # network.permissions decided who may approve; Wagtail page permissions do not apply.
        revision.publish(user=user, skip_permission_checks=True)
    except Exception:
        # The transaction rolls back; public copies left on disk would outlive it.
        for copy in copies:
            copy.storage.delete(copy.name)
        raise
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


# -- Published files follow their practice -----------------------------------------------------


def _published_file_place(published, *, public: bool) -> None:
    """Move the file of a Wagtail document or image between the public media folder (which the
    web server serves as is) and private storage, keeping its name, so that its old address
    works again when it comes back. Renditions of a hidden image are deleted (Wagtail removes
    their files); they are made again on demand."""
    shown = (published.file.storage, published.file.name)
    hidden = (private_storage(), f"{HIDDEN_FILES_FOLDER}/{published.file.name}")
    (source, source_name), (target, target_name) = (hidden, shown) if public else (shown, hidden)
    if not public and isinstance(published, get_image_model()):
        published.renditions.all().delete()
    if not source.exists(source_name):
        return
    if target.exists(target_name):
        target.delete(target_name)
    with source.open(source_name, "rb") as content:
        target.save(target_name, File(content))
    source.delete(source_name)


def _attachments_place(attachments, *, public_ids: set[int]) -> None:
    for attachment in attachments:
        public = attachment.submission.page_id in public_ids
        for published in (attachment.document, attachment.image):
            if published is not None:
                _published_file_place(published, public=public)


def practice_files_sync(*, practice_ids: Iterable[int]) -> None:
    """Give the files published with these practices the visibility of their practice: public
    while it, or a translation showing the same material, is live and not restricted
    (``selectors.public_practice_ids``), in private storage otherwise (unpublished, restricted,
    under a restricted page). Idempotent: the signals call it after every change that may
    alter a practice's visibility."""
    practice_ids = list(practice_ids)
    _attachments_place(
        selectors.published_attachments(practice_ids=practice_ids),
        public_ids=selectors.public_practice_ids(practice_ids=practice_ids),
    )


def practice_files_hide(*, attachment_ids: Iterable[int]) -> None:
    """Take the published files of these attachments out of public media: their practice was
    deleted (the attachment rows stay with the proposal)."""
    attachments = SubmissionAttachment.objects.filter(pk__in=list(attachment_ids)).select_related(
        "submission", "document", "image"
    )
    _attachments_place(attachments, public_ids=set())
