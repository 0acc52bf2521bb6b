"""A good practice proposed from the public site, from first draft to coordinator decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .storage import attachment_upload_to, private_storage


class PracticeSubmission(models.Model):
    """One person's proposal of a practice. ``data`` holds what they typed, step by step, exactly
    as typed (so nothing is lost while it is incomplete); the ``PracticePage`` is built from it
    when they submit."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved and published")
        DECLINED = "declined", _("Declined")

    class Step(models.TextChoices):
        BASICS = "basics", _("Basics")
        PRACTICE = "practice", _("The practice")
        CLASSIFICATION = "classification", _("Classification")
        ATTACHMENTS = "attachments", _("Attachments and contact")
        REVIEW = "review", _("Review and submit")

    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.CASCADE,
        related_name="practice_submissions",
    )
    data = models.JSONField(_("answers"), default=dict, blank=True)
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.BASICS)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the practice is written in."),
    )
    page = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    submitted_at = models.DateTimeField(_("last submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice submission")
        verbose_name_plural = _("practice submissions")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return str(self.data.get("basics", {}).get("title", "")).strip() or str(_("(untitled)"))

    @property
    def is_editable(self) -> bool:
        """The submitter may change it: before submitting and after changes are requested."""
        return self.state in (self.State.DRAFT, self.State.CHANGES_REQUESTED)

    @property
    def is_awaiting_review(self) -> bool:
        return self.state == self.State.SUBMITTED


class SubmissionAttachment(models.Model):
    """A file accepted for a submission. Until a coordinator approves the practice it exists
    only in private storage, readable through a permission-checked view; approving copies it
    into a public Wagtail document or image, which the row then points to."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        IMAGE = "image", _("Image")

    submission = models.ForeignKey(
        PracticeSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("published document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("published image"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="")
                | models.Q(document__isnull=False)
                | models.Q(image__isnull=False),
                name="submission_attachment_has_a_file",
            ),
            models.CheckConstraint(
                condition=models.Q(document__isnull=True) | models.Q(image__isnull=True),
                name="submission_attachment_one_published_copy",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def stored_file(self):
        """The file to hand to the submitter and coordinators: the private original, or the
        published copy for attachments approved before files were kept privately."""
        if self.file:
            return self.file
        published = self.document or self.image
        return published.file if published is not None else None


class SubmissionEvent(models.Model):
    """One change of a submission's state: who, when, from what, to what, and why."""

    submission = models.ForeignKey(
        PracticeSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField(
        _("from"), max_length=20, choices=PracticeSubmission.State.choices
    )
    to_state = models.CharField(_("to"), max_length=20, choices=PracticeSubmission.State.choices)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"
