"""A needs assessment's data.

A *questionnaire* is an instrument with a stable identity (its ``form_id``); its content lives in
*versions*. A version holds *elements* (sections, repeatable groups and questions, in a tree) and
the *choice lists* its questions share. Every element has a permanent ``key``: answers are stored
by key, so answers given to different versions line up. Once a version is approved its structure
never changes; label and translation fixes are still allowed and each one is recorded
(``TextFix``). A structural change makes a new version (``services_editor.version_copy``).

Texts shown to respondents (labels, hints, messages, choice labels) are stored per language as
``{"en": "...", "es": "..."}``; ``Localised.text`` picks the respondent's language and says when
it fell back to the version's source language, so that pages can show the fallback.

An *assessment* sends one version to local authorities: one *invitation* per authority (plus any
named respondents), each with an unguessable link whose hash only is stored, and one *response*
per invitation that holds the draft and, once submitted, the answer. A researcher may fill a
response during an *interview*.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from network.models import LocalAuthority
from network.private_storage import private_storage

LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]
LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in LANGUAGE_CHOICES)


@dataclass(frozen=True)
class Shown:
    """A text as a page shows it: the words, their language, and whether that is a fallback."""

    text: str
    language: str
    fallback: bool


def localised(texts: dict | None, *, language: str | None, source: str) -> Shown:
    """``texts`` in ``language`` (the active one by default), else in ``source``, else the
    first language that has it; ``fallback`` is true whenever it is not ``language``'s own."""
    texts = texts or {}
    wanted = (language or translation.get_language() or source).split("-")[0]
    value = texts.get(wanted, "")
    if value:
        return Shown(value, wanted, False)
    for code in (source, *LANGUAGE_CODES):
        value = texts.get(code, "")
        if value:
            return Shown(value, code, True)
    return Shown("", wanted, bool(texts))


def in_languages(message: str, *, languages=LANGUAGE_CODES) -> dict[str, str]:
    """``message``, a msgid marked with ``gettext_noop`` where it is written (for
    makemessages), translated into each of ``languages``: texts written once for every
    language, such as a workbook's or an export's labels."""
    found = {}
    for code in languages:
        with translation.override(code):
            found[code] = translation.gettext(message)
    return found


class Questionnaire(models.Model):
    form_id = models.SlugField(
        _("form identifier"),
        max_length=80,
        unique=True,
        help_text=_("Permanent; the form_id of its XLSForm exports."),
    )
    title = models.JSONField(_("title"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["form_id"]

    def __str__(self) -> str:
        return localised(self.title, language=None, source="en").text or self.form_id


class QuestionnaireVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review by the coordination committee")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    # From approval on, the structure is frozen; texts may still be fixed (recorded).
    FROZEN = frozenset({Status.APPROVED, Status.PUBLISHED, Status.RETIRED})

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version number"))
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.JSONField(_("title"), default=dict, blank=True)
    source_language = models.CharField(
        _("source language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("The language the questionnaire is written in; others are translations."),
    )
    languages = models.JSONField(
        _("languages offered"),
        default=list,
        blank=True,
        help_text=_("Language codes respondents may choose, the source language included."),
    )
    incomplete_languages = models.JSONField(
        _("languages published incomplete"),
        default=list,
        blank=True,
        help_text=_(
            "Languages deliberately published with missing strings; respondents see the source "
            "language, marked, where a string is missing."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_for_review_at = models.DateTimeField(_("sent for review"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approval_note = models.TextField(
        _("approval record"),
        blank=True,
        help_text=_("The committee's decision as recorded: meeting, date, who took part."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="assessments_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status in self.FROZEN

    def text(self, texts: dict | None, *, language: str | None = None) -> Shown:
        return localised(texts, language=language, source=self.source_language)


class ChoiceList(models.Model):
    """Choices shared by the questions that name this list (XLSForm's ``list_name``)."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="choice_lists",
    )
    name = models.SlugField(_("list name"), max_length=80)

    class Meta:
        verbose_name = _("choice list")
        verbose_name_plural = _("choice lists")
        ordering = ["version", "name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="assessments_list_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Choice(models.Model):
    choice_list = models.ForeignKey(
        ChoiceList, verbose_name=_("list"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(
        _("value"), max_length=80, help_text=_("Stored in answers and exports; permanent.")
    )
    label = models.JSONField(_("label"), default=dict, blank=True)
    # Extra columns a choice filter tests, e.g. {"country": "AR"} for cascading choices.
    filters = models.JSONField(_("filter values"), default=dict, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["choice_list", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["choice_list", "name"], name="assessments_choice_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Element(models.Model):
    """A section, a repeatable group or a question of one version, in a tree by ``parent``."""

    class Kind(models.TextChoices):
        GROUP = "group", _("Section")
        REPEAT = "repeat", _("Repeatable group")
        TEXT = "text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal number")
        SELECT_ONE = "select_one", _("Single choice")
        SELECT_MULTIPLE = "select_multiple", _("Multiple choice")
        RANK = "rank", _("Ranking")
        LIKERT = "likert", _("Likert scale")
        DATE = "date", _("Date")
        YES_NO = "yes_no", _("Yes or no")
        FILE = "file", _("File upload")
        NOTE = "note", _("Note")
        CALCULATE = "calculate", _("Calculated value")

    CONTAINERS = frozenset({Kind.GROUP, Kind.REPEAT})
    WITH_CHOICES = frozenset({Kind.SELECT_ONE, Kind.SELECT_MULTIPLE, Kind.RANK, Kind.LIKERT})
    # Kinds nobody types an answer into.
    UNANSWERED = frozenset({Kind.GROUP, Kind.REPEAT, Kind.NOTE, Kind.CALCULATE})

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="elements",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    key = models.CharField(
        _("key"),
        max_length=80,
        help_text=_(
            "Permanent name of the question (XLSForm's name): answers are stored under it, in "
            "every version."
        ),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    label = models.JSONField(_("label"), default=dict, blank=True)
    hint = models.JSONField(_("help text"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=False)
    required_message = models.JSONField(_("message when missing"), default=dict, blank=True)
    relevant = models.TextField(
        _("shown when"), blank=True, help_text=_("Skip logic, e.g. ${has_programmes} = 'yes'.")
    )
    constraint = models.TextField(
        _("constraint"), blank=True, help_text=_("What a valid answer meets, e.g. . >= 0.")
    )
    constraint_message = models.JSONField(_("constraint message"), default=dict, blank=True)
    calculation = models.TextField(_("calculation"), blank=True)
    default = models.CharField(_("default answer"), max_length=200, blank=True)
    appearance = models.CharField(_("appearance"), max_length=80, blank=True)
    choice_list = models.ForeignKey(
        ChoiceList,
        verbose_name=_("choice list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    choice_filter = models.TextField(
        _("choice filter"),
        blank=True,
        help_text=_("Which choices to offer, e.g. country = ${country}."),
    )
    or_other = models.BooleanField(_("offers “other, specify”"), default=False)
    repeat_max = models.PositiveSmallIntegerField(
        _("maximum rows"), null=True, blank=True, help_text=_("Repeatable groups only.")
    )
    tags = models.JSONField(
        _("taxonomy tags"),
        default=list,
        blank=True,
        help_text=_("Codes of themes and target groups (the subgroups analysis breaks out)."),
    )
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "Answers are seen only by coordinators, the assessment's researchers and "
            "the authority that gave them."
        ),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="assessments_key_unique")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def is_container(self) -> bool:
        return self.kind in self.CONTAINERS


class TextFix(models.Model):
    """A text changed in a frozen version: which, in which language, from what to what, by
    whom."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="text_fixes",
    )
    element = models.ForeignKey(
        Element, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    field = models.CharField(_("field"), max_length=40)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    old = models.TextField(_("before"), blank=True)
    new = models.TextField(_("after"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("text fix")
        verbose_name_plural = _("text fixes")
        ordering = ["version", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.field} ({self.language})"


class DraftComment(models.Model):
    """A coordination committee member's comment on a draft version, on one question or on the
    whole questionnaire."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    element = models.ForeignKey(
        Element,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class Assessment(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.JSONField(_("title"), default=dict, blank=True)
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="assessments",
        help_text=_("New answers use this version; earlier answers keep theirs."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREPARING
    )
    due_date = models.DateField(_("due date"))
    reminder_max_count = models.PositiveSmallIntegerField(
        _("maximum reminders"), default=3, help_text=_("Per invitation; 0 sends none.")
    )
    reminder_interval_days = models.PositiveSmallIntegerField(
        _("days between reminders"), default=7
    )
    researchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("researchers"),
        blank=True,
        related_name="assessments_researched",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return localised(self.title, language=None, source="en").text or self.slug


class Invitation(models.Model):
    """One local authority's (or one named respondent's) invitation to answer an assessment.

    The link's token is never stored: it is derived from ``token_nonce`` with the site's secret
    (``tokens.token_for``), and ``token_hash``, its SHA-256, finds the invitation (a guess costs
    one indexed lookup that finds nothing, the same for every wrong token)."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    local_authority = models.ForeignKey(
        LocalAuthority,
        verbose_name=_("local authority"),
        on_delete=models.CASCADE,
        related_name="assessment_invitations",
    )
    respondent_name = models.CharField(_("respondent's name"), max_length=200, blank=True)
    respondent_email = models.EmailField(
        _("respondent's email"),
        blank=True,
        help_text=_("Empty: the authority's focal points receive the invitation."),
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    token_nonce = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment invitation")
        verbose_name_plural = _("assessment invitations")
        ordering = ["assessment", "local_authority__country", "local_authority__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "local_authority", "respondent_email"],
                name="assessments_invitation_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.local_authority}"


def _interview_file_path(instance: "Interview", filename: str) -> str:
    return f"assessments/interviews/{instance.response_id}/{filename}"


def _answer_file_path(instance: "AnswerFile", filename: str) -> str:
    return f"assessments/answers/{instance.response_id}/{filename}"


class Response(models.Model):
    """One authority's answer to an assessment: a draft saved at every step, then submitted.

    ``data`` maps question keys to values (text and numbers as typed, a choice's name, a list of
    names for multiple choice and ranking, an ISO date, an ``AnswerFile`` id); a repeatable
    group's key maps to a list of such dicts, one per row."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    class ReviewState(models.TextChoices):
        """ODK Central's review states. Empty until the first submission; "has issues" gives
        the answers back to the authority (status draft) until it submits them again."""

        RECEIVED = "received", _("Received")
        HAS_ISSUES = "has_issues", _("Has issues")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
    )
    local_authority = models.ForeignKey(
        LocalAuthority,
        verbose_name=_("local authority"),
        on_delete=models.CASCADE,
        related_name="assessment_responses",
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    data = models.JSONField(_("answers"), default=dict, blank=True)
    section = models.CharField(_("last section"), max_length=80, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_responses_submitted",
    )
    respondent_name = models.CharField(
        _("respondent's name"),
        max_length=200,
        blank=True,
        help_text=_("Who answered, as they gave it on the review page."),
    )
    respondent_email = models.EmailField(_("respondent's email"), blank=True)
    review_state = models.CharField(
        _("review state"),
        max_length=12,
        choices=ReviewState.choices,
        blank=True,
        help_text=_("Set to “received” on every submission; empty before the first."),
    )
    reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["assessment", "local_authority__name", "pk"]
        indexes = [
            models.Index(fields=["assessment", "status"]),
            models.Index(fields=["assessment", "review_state"], name="assessments_review_state"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.local_authority}"


class ResponseEvent(models.Model):
    """The record of a response's life: submitted, reopened (by whom and why), interview."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Started")
        SUBMITTED = "submitted", _("Submitted")
        REOPENED = "reopened", _("Reopened by staff")
        REVIEWED = "reviewed", _("Review state set")
        RESUBMITTED = "resubmitted", _("Submitted again after review")
        CORRECTED = "corrected", _("Answer corrected by staff")

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="events", verbose_name=_("response")
    )
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("response event")
        verbose_name_plural = _("response events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def note_shown(self) -> str:
        """The note as a page shows it: a review's state by its label (it is stored as the
        state's code, so that it reads in every language)."""
        if self.kind == self.Kind.REVIEWED and self.note in Response.ReviewState.values:
            return str(Response.ReviewState(self.note).label)
        return self.note


class AnswerFile(models.Model):
    """A file uploaded as the answer to a file question, kept in private storage."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="files", verbose_name=_("response")
    )
    key = models.CharField(_("question"), max_length=80)
    file = models.FileField(
        _("file"), upload_to=_answer_file_path, storage=private_storage, max_length=300
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer file")
        verbose_name_plural = _("answer files")

    def __str__(self) -> str:
        return self.original_name


class Interview(models.Model):
    """A response a researcher filled on a respondent's behalf during an interview."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video call")

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="interview", verbose_name=_("response")
    )
    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("researcher"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="assessment_interviews",
    )
    interviewee_name = models.CharField(_("interviewee"), max_length=200)
    interviewee_role = models.CharField(_("interviewee's role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    held_on = models.DateField(_("date of the interview"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    consent = models.BooleanField(
        _("consent given"),
        default=False,
        help_text=_("The interviewee agreed to the interview and to the use of their answers."),
    )
    notes = models.TextField(_("notes"), blank=True)
    transcript = models.FileField(
        _("notes or transcript file"),
        upload_to=_interview_file_path,
        storage=private_storage,
        max_length=300,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.CheckConstraint(
                condition=~Q(interviewee_name=""), name="assessments_interviewee_named"
            )
        ]

    def __str__(self) -> str:
        return self.interviewee_name


class InvitationEmail(models.Model):
    """One email of an invitation to one address: the first one, one sent again, one with a new
    link, or a reminder. The outbox (``notifications.EmailDelivery``) sends it; this row says which
    invitation it belongs to, so that a permanent bounce from its address marks the invitation
    bounced (``selectors_invitations.invitations_with_state``)."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        RESENT = "resent", _("Invitation sent again")
        NEW_LINK = "new_link", _("New link")
        REMINDER = "reminder", _("Reminder")

    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="emails",
    )
    kind = models.CharField(_("email"), max_length=12, choices=Kind.choices)
    # Lower-cased, as notifications.services.bounce_record stores bounces.
    address = models.EmailField(_("address"), max_length=254)
    delivery = models.ForeignKey(
        "notifications.EmailDelivery",
        verbose_name=_("outbox email"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation email")
        verbose_name_plural = _("invitation emails")
        ordering = ["invitation", "created_at", "pk"]
        indexes = [models.Index(fields=["address"], name="assessments_invmail_address")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.address}"


class AnswerValue(models.Model):
    """One answer of a submitted response, flattened for analysis (``services_analysis``): a
    row per question answered (per repeat row inside a repeatable group), and a row per choice
    chosen for multiple choice and ranking. Kept current on every submission and correction;
    every aggregate of the analysis is computed in SQL over these rows.

    ``choice`` holds a choice's name (single and multiple choice, ranking, Likert, yes/no),
    ``number`` a number (whole, decimal, a numeric calculation; a ranking's position), ``date``
    a date, and ``text`` a text (texts, "other, specify" under ``<key>_other``)."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="values"
    )
    # The response's, copied so that an assessment's values are found without a join.
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("question"), max_length=90)
    # The repeatable group the answer is in ("" for none) and its row (from 1; 0 for none).
    repeat_key = models.CharField(_("repeatable group"), max_length=80, blank=True)
    row = models.PositiveIntegerField(_("row"), default=0)
    choice = models.CharField(_("choice"), max_length=200, blank=True)
    number = models.FloatField(_("number"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer value")
        verbose_name_plural = _("answer values")
        ordering = ["response", "repeat_key", "row", "key", "pk"]
        indexes = [
            models.Index(fields=["assessment", "key", "choice"], name="assessments_value_choice"),
            models.Index(fields=["assessment", "key", "number"], name="assessments_value_number"),
            models.Index(fields=["response", "key"], name="assessments_value_response"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} · {self.key}"


class ReviewComment(models.Model):
    """A reviewer's comment on a submitted response, and the review state it set (empty: a
    comment alone). The authority sees the comments that set "has issues"."""

    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="review_comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("comment"), blank=True)
    state = models.CharField(
        _("state set"), max_length=12, choices=Response.ReviewState.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["response", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class AnswerRevision(models.Model):
    """A staff correction of one submitted answer: which question (its permanent key, and the
    row of a repeatable group), the value before and after, why, by whom and when."""

    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    key = models.CharField(_("question"), max_length=80)
    row = models.PositiveSmallIntegerField(
        _("row"), null=True, blank=True, help_text=_("Of a repeatable group, from 0.")
    )
    old_value = models.JSONField(_("before"), null=True, blank=True)
    new_value = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("corrected"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer revision")
        verbose_name_plural = _("answer revisions")
        ordering = ["response", "changed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="assessments_revision_reason")
        ]

    def __str__(self) -> str:
        return self.key


class ResearcherScope(models.Model):
    """The countries one of an assessment's researchers is limited to (ISO codes). Without a
    scope, a researcher named on the assessment sees the answers of every country."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="researcher_scopes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("researcher"),
        on_delete=models.CASCADE,
        related_name="assessment_scopes",
    )
    countries = models.JSONField(_("countries"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("researcher's countries")
        verbose_name_plural = _("researchers' countries")
        ordering = ["assessment", "user", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"], name="assessments_researcher_scope_unique"
            )
        ]

    def __str__(self) -> str:
        return ", ".join(self.countries)


def _export_file_path(instance: "AssessmentExport", filename: str) -> str:
    return f"assessments/exports/{instance.assessment_id}/{instance.pk}/{filename}"


class AssessmentExport(models.Model):
    """One person's export of an assessment's answers: asked for on a page, built by a worker
    (``services_exports.export_run``), downloaded by that person only, deleted when it expires.

    ``options``: ``{"labels": bool, "language": code, "review_states": [..] or null}``."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV (a zip: one file per table)")
        XLSX = "xlsx", _("Excel workbook (one sheet per table)")
        SPSS = "sav", _("SPSS (a zip of .sav files with value labels)")
        STATA = "dta", _("Stata (a zip of .dta files with value labels)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being written")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="assessment_exports",
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_done = models.PositiveIntegerField(_("answers written"), default=0)
    rows_total = models.PositiveIntegerField(_("answers to write"), default=0)
    file = models.FileField(
        _("file"),
        upload_to=_export_file_path,
        storage=private_storage,
        max_length=300,
        blank=True,
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("export of answers")
        verbose_name_plural = _("exports of answers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requester", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.get_format_display()}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)


# The report page lives in its own module; importing it here registers it with the app.
from .report.page import AssessmentReportPage  # noqa: E402, F401
