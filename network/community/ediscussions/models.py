"""An e-discussion's data: the e-discussion, its weeks and questions, its participants and what
each contribution adds to the forum post it is (the question it answers, on whose behalf, the
original it was split from), its summary and the participants' endorsements."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.countries import COUNTRY_CHOICES
from network.private_storage import private_storage

from ..models import LANGUAGE_CHOICES, Category, Post, Topic, TranslatedFields


def _concept_note_path(instance: "EDiscussion", filename: str) -> str:
    return f"community/ediscussions/{instance.slug}/{filename}"


class EDiscussion(TranslatedFields, models.Model):
    class Participation(models.TextChoices):
        OPEN = "open", _("Open to every member")
        INVITED = "invited", _("Invited participants only")

    class Moderation(models.TextChoices):
        IMMEDIATE = "immediate", _("Contributions are published at once")
        APPROVAL = "approval", _("Contributions wait for the facilitator's approval")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.OneToOneField(
        Category,
        verbose_name=_("forum category"),
        on_delete=models.PROTECT,
        related_name="ediscussion",
        help_text=_("Holds the questions as topics; its access decides who reads them."),
    )
    tray = models.OneToOneField(
        Topic,
        verbose_name=_("unassigned contributions"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ediscussion_tray",
        help_text=_(
            "A hidden topic holding contributions not yet given to a question (email to the "
            "week's address without a clear heading, imported messages): only facilitators "
            "and moderators read it."
        ),
    )
    default_language = models.CharField(
        _("facilitator's language"), max_length=2, choices=LANGUAGE_CHOICES, default="en"
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    title_pt = models.CharField(_("title (Portuguese)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    framing_en = models.TextField(_("framing text (English, Markdown)"), blank=True)
    framing_es = models.TextField(_("framing text (Spanish, Markdown)"), blank=True)
    framing_pt = models.TextField(_("framing text (Portuguese, Markdown)"), blank=True)
    framing_fr = models.TextField(_("framing text (French, Markdown)"), blank=True)
    framing_html = models.JSONField(
        _("framing text (HTML)"), default=dict, blank=True, editable=False
    )
    concept_note = models.FileField(
        _("concept note"),
        storage=private_storage,
        upload_to=_concept_note_path,
        blank=True,
        max_length=300,
    )
    languages = models.JSONField(
        _("languages expected"), default=list, blank=True, help_text=_("Language codes.")
    )
    starts_at = models.DateTimeField(_("opens"))
    ends_at = models.DateTimeField(_("closes"))
    participation = models.CharField(
        _("who takes part"), max_length=10, choices=Participation.choices, default="open"
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default="immediate"
    )
    is_scheduled = models.BooleanField(
        _("scheduled"),
        default=False,
        help_text=_("Until then only its facilitators see it and nothing is published."),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-discussion")
        verbose_name_plural = _("e-discussions")
        ordering = ["-starts_at", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="community_ediscussion_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.translated("title")

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.is_scheduled and self.closed_at is None and self.starts_at <= now < self.ends_at


class Participant(models.Model):
    """A member taking part: invited (``invited_at``), joined (``joined_at``) or facilitating.
    Country and organisation are read from their membership when they join, so that the
    dashboard counts in SQL what they were when they took part."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        FACILITATOR = "facilitator", _("Facilitator")

    class OrganisationType(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        PARTNER = "partner", _("Partner organisation")
        OTHER = "other", _("Other or none")

    ediscussion = models.ForeignKey(
        EDiscussion, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="ediscussion_roles",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default="participant")
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=OrganisationType.choices, default="other"
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["ediscussion", "country", "organisation", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ediscussion", "user"], name="community_participant_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.ediscussion_id} ({self.role})"


class Week(TranslatedFields, models.Model):
    """A week of questions, published at ``opens_at`` (a beat task, within a minute) and
    announced to every participant once (``announced_at``)."""

    ediscussion = models.ForeignKey(EDiscussion, on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField(_("week"))
    opens_at = models.DateTimeField(_("published"))
    title_en = models.CharField(_("theme of the week (English)"), max_length=200, blank=True)
    title_es = models.CharField(_("theme of the week (Spanish)"), max_length=200, blank=True)
    title_pt = models.CharField(_("theme of the week (Portuguese)"), max_length=200, blank=True)
    title_fr = models.CharField(_("theme of the week (French)"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("questions published"), null=True, blank=True)
    announced_at = models.DateTimeField(_("announced by email"), null=True, blank=True)

    class Meta:
        verbose_name = _("week")
        verbose_name_plural = _("weeks")
        ordering = ["ediscussion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["ediscussion", "number"], name="community_week_once"),
        ]

    def __str__(self) -> str:
        return f"{self.ediscussion_id} week {self.number}"

    @property
    def default_language(self) -> str:
        return self.ediscussion.default_language


class Question(TranslatedFields, models.Model):
    """One question of a week, in up to four languages (a missing one falls back, marked), and
    the forum topic that holds its contributions once the week is published."""

    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Numbered across the e-discussion: question 1, 2, 3...")
    )
    text_en = models.TextField(_("question (English)"), blank=True)
    text_es = models.TextField(_("question (Spanish)"), blank=True)
    text_pt = models.TextField(_("question (Portuguese)"), blank=True)
    text_fr = models.TextField(_("question (French)"), blank=True)
    topic = models.OneToOneField(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question",
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["week__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["week", "number"], name="community_question_once"),
        ]

    def __str__(self) -> str:
        return f"Q{self.number}"

    @property
    def default_language(self) -> str:
        return self.week.ediscussion.default_language

    @property
    def text(self) -> str:
        return self.translated("text")


class Contribution(models.Model):
    """What an e-discussion adds to a post: the e-discussion and question it answers (none
    while it waits in the facilitator's "unassigned" tray), its week, the author's country and
    type of organisation when they wrote it, the organisation it speaks for, and, for a part
    split from a longer contribution, its original (which is kept, marked ``is_split``)."""

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, primary_key=True, related_name="contribution"
    )
    ediscussion = models.ForeignKey(
        EDiscussion, on_delete=models.CASCADE, related_name="contributions"
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    week_number = models.PositiveSmallIntegerField(_("week"), null=True, blank=True)
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"),
        max_length=20,
        choices=Participant.OrganisationType.choices,
        default="other",
    )
    on_behalf_name = models.CharField(_("name"), max_length=200, blank=True)
    on_behalf_position = models.CharField(_("position"), max_length=200, blank=True)
    on_behalf_organisation = models.CharField(_("on behalf of"), max_length=200, blank=True)
    on_behalf_country = models.CharField(
        _("country of the organisation"), max_length=2, choices=COUNTRY_CHOICES, blank=True
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
    )
    is_split = models.BooleanField(_("split into parts"), default=False)
    is_late = models.BooleanField(_("arrived after the close"), default=False)
    imported = models.BooleanField(_("imported from an archive"), default=False)
    # An imported message (``imports.py``): its Message-ID (one contribution per message,
    # however often an archive is imported) and, when its sender has no account here, their
    # name (shown with the contribution) and address (only in the coordinators' import report).
    imported_message_id = models.CharField(_("Message-ID"), max_length=300, blank=True)
    imported_author_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    imported_author_email = models.CharField(_("sender's address"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("contributed"), default=timezone.now)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["created_at", "post_id"]
        indexes = [
            models.Index(fields=["ediscussion", "question"], name="community_contrib_question"),
            models.Index(fields=["ediscussion", "week_number"], name="community_contrib_week"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["imported_message_id"],
                condition=~Q(imported_message_id=""),
                name="community_contrib_message_once",
            ),
        ]

    def __str__(self) -> str:
        return f"contribution {self.post_id}"


class WeekReplyKey(models.Model):
    """The secret part of a week's reply address (``reply+<key>@...``) for one participant:
    mail to it is a contribution to that week, given to the question its headings name."""

    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="reply_keys")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("week reply address")
        verbose_name_plural = _("week reply addresses")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="community_week_key_once"),
        ]

    def __str__(self) -> str:
        return f"week key of {self.user_id} for {self.week_id}"


class Nudge(models.Model):
    """A reminder emailed to a participant who had not contributed: at most one per week."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="nudges")
    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="nudges")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    by_hand = models.BooleanField(_("sent by hand"), default=False)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["participant", "week"], name="community_nudge_once"),
        ]

    def __str__(self) -> str:
        return f"nudge {self.participant_id} week {self.week_id}"


class Summary(models.Model):
    """The consolidated summary: drafted from the contributions, edited by the facilitator,
    shared with participants until ``endorse_until``, then published to the library."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SHARED = "shared", _("Shared for endorsement")
        PUBLISHED = "published", _("Published")

    ediscussion = models.OneToOneField(
        EDiscussion, on_delete=models.CASCADE, related_name="summary"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    body = models.TextField(_("summary (Markdown)"), blank=True)
    body_html = models.TextField(_("summary (HTML)"), blank=True, editable=False)
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("Language code to Markdown text, with its HTML rendered beside it."),
    )
    endorse_until = models.DateTimeField(_("endorsement closes"), null=True, blank=True)
    generated_at = models.DateTimeField(_("draft generated"), null=True, blank=True)
    edited_at = models.DateTimeField(
        _("edited by hand"),
        null=True,
        blank=True,
        help_text=_("Set when the facilitator changes the text: generating again then asks."),
    )
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    resource = models.ForeignKey(
        "library.ResourcePage",
        verbose_name=_("library resource"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("consolidated summary")
        verbose_name_plural = _("consolidated summaries")

    def __str__(self) -> str:
        return f"summary of {self.ediscussion_id}"


class Endorsement(models.Model):
    """A participant's answer to the shared summary: endorsed, or a comment, or both."""

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endorsed = models.BooleanField(_("endorsed"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["summary", "user"], name="community_endorse_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.summary_id}"


class ArchiveImport(models.Model):
    """One import of an archived e-discussion (``imports.py``): who ran it, from which files,
    into which e-discussion (none when nothing could be imported), and what became of each
    message of the archive (``entries``, in the archive's order; ``imports.ImportEntry``), for
    the coordinators' report page."""

    ediscussion = models.ForeignKey(
        EDiscussion,
        verbose_name=_("e-discussion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    archive_name = models.CharField(_("archive"), max_length=200)
    questions_name = models.CharField(_("questions"), max_length=200, blank=True)
    entries = models.JSONField(_("messages"), default=list, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("archive import")
        verbose_name_plural = _("archive imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"import {self.pk} of {self.archive_name}"
