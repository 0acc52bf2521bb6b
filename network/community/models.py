"""The forum's data: categories and their access, topics, posts and what people do with them.

Who may see a category is decided in ``visibility.py`` and nowhere else; who may write in one in
``permissions.py``. Posts keep their Markdown ``source`` and the sanitised ``html`` rendered from
it when it was written (``markdown.py``), so reading a topic never parses Markdown.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase

from network.private_storage import private_storage
from taxonomy.terms import THEMES, choices

LANGUAGE_CHOICES = [
    ("en", "English"),
    ("es", "Español"),
    ("pt", "Português"),
    ("fr", "Français"),
]
LANGUAGE_CODES = tuple(code for code, _name in LANGUAGE_CHOICES)


class TranslatedFields:
    """Reads ``<field>_<language>`` in the active language, else in the default language, else
    in English, else the first one filled in."""

    default_language: str

    def translated(self, field: str, *, language: str | None = None) -> str:
        language = language or translation.get_language() or "en"
        language = language.split("-")[0]
        for code in (language, self.default_language, "en", *LANGUAGE_CODES):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return ""

    def is_translated(self, field: str, *, language: str | None = None) -> bool:
        """Whether ``field`` has its own text in ``language`` (the active one by default), so
        that a page can mark a fallback visibly."""
        language = (language or translation.get_language() or "en").split("-")[0]
        return bool(getattr(self, f"{field}_{language}", ""))


class Space(TranslatedFields, models.Model):
    """A private space, such as the partners' intranet or the coordination committee: a home
    page that gathers some private categories. Whoever may see none of its categories cannot
    see the space either (``visibility.spaces_visible``)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    default_language = models.CharField(
        _("default language"), max_length=2, choices=LANGUAGE_CHOICES, default="en"
    )
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=120, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_pt = models.TextField(_("description (Portuguese)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("private space")
        verbose_name_plural = _("private spaces")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def description(self) -> str:
        return self.translated("description")


class Category(TranslatedFields, ClusterableModel):
    class Access(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can read it")
        MEMBERS = "members", _("Members only: any signed-in member can read it")
        PRIVATE = "private", _("Private: only the groups granted below can read it")

    class Who(models.TextChoices):
        READERS = "readers", _("Every signed-in person who can read it")
        GRANTED = "granted", _("Only the groups granted below")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    default_language = models.CharField(
        _("default language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("Shown when the reader's language has no name or description."),
    )
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=120, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_pt = models.TextField(_("description (Portuguese)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    theme = models.CharField(
        _("theme"), max_length=40, choices=choices(THEMES), blank=True, default=""
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    access = models.CharField(
        _("who can read it"), max_length=10, choices=Access.choices, default=Access.MEMBERS
    )
    space = models.ForeignKey(
        Space,
        verbose_name=_("private space"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="categories",
        help_text=_("Private categories may belong to a space, whose page gathers them."),
    )
    who_can_start = models.CharField(
        _("who can start topics"), max_length=10, choices=Who.choices, default=Who.READERS
    )
    who_can_reply = models.CharField(
        _("who can reply"), max_length=10, choices=Who.choices, default=Who.READERS
    )
    accepts_email_topics = models.BooleanField(
        _("accepts new topics by email"),
        default=False,
        help_text=_("Members who may start topics here can do so by writing to its address."),
    )
    approve_first_posts = models.BooleanField(
        _("hold new members' first posts for approval"), default=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(space__isnull=True) | Q(access="private"),
                name="community_category_space_is_private",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def description(self) -> str:
        return self.translated("description")

    @property
    def owning_ediscussion(self):
        """The e-discussion this category holds, or None: read once per category object (the
        answer, found or not, is kept with it, and ``select_related("ediscussion")`` reads it
        with the category)."""
        try:
            return self.ediscussion
        except ObjectDoesNotExist:
            return None


class CategoryGrant(models.Model):
    """What one group (a role's group or any other) may do in one category. A private category
    is read only through grants; ``Category.Who.GRANTED`` limits starting topics or replying
    to the groups granted so."""

    # A parental key, so that the CMS edits a category's grants on the category's own form.
    category = ParentalKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="grants"
    )
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )
    can_see = models.BooleanField(_("can read"), default=True)
    can_reply = models.BooleanField(_("can reply"), default=True)
    can_start = models.BooleanField(_("can start topics"), default=True)

    class Meta:
        verbose_name = _("category access")
        verbose_name_plural = _("category access")
        constraints = [
            models.UniqueConstraint(fields=["category", "group"], name="community_grant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.group_id}"


class ModeratorScope(models.Model):
    """Limits a moderator to some categories. A moderator without any row moderates every
    category they can read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.CASCADE,
        related_name="moderator_scopes",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("moderated category")
        verbose_name_plural = _("moderated categories")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="community_scope_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} moderates {self.category_id}"


class TopicTag(TagBase):
    """Topic tags, kept apart from the tags of pages and practices."""

    class Meta:
        verbose_name = _("topic tag")
        verbose_name_plural = _("topic tags")


class TaggedTopic(GenericTaggedItemBase):
    tag = models.ForeignKey(TopicTag, on_delete=models.CASCADE, related_name="tagged_topics")

    class Meta:
        verbose_name = _("tagged topic")
        verbose_name_plural = _("tagged topics")


class Topic(models.Model):
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_topics",
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Kept current by the services when a post is published, hidden or restored, so that
    # listings sort and count without looking at posts.
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now)
    last_post_number = models.PositiveIntegerField(
        _("number of the last post"),
        default=0,
        help_text=_("Posts are numbered in their topic from 1 (the opening post)."),
    )
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Nobody can reply to a closed topic.")
    )
    is_archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("An archived topic is closed and left out of the lists of latest topics."),
    )
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by a moderator or deleted by its author.")
    )
    is_held = models.BooleanField(
        _("waiting for approval"),
        default=False,
        help_text=_("Its opening post waits in the moderation queue."),
    )
    solution = models.ForeignKey(
        "Post",
        verbose_name=_("answer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    tags = TaggableManager(through=TaggedTopic, blank=True, verbose_name=_("tags"))

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-last_post_at", "-id"]
        indexes = [
            models.Index(fields=["category", "-last_post_at"], name="community_topic_latest"),
            # A category's page: listed topics, pinned first, then by activity (the page's
            # order, so that any page of 5,000 topics is read from the index, never sorted).
            models.Index(
                "category",
                models.F("is_pinned").desc(),
                models.F("last_post_at").desc(),
                models.F("id").desc(),
                condition=Q(is_hidden=False, is_held=False),
                name="community_topic_category_page",
            ),
            models.Index(fields=["-last_post_at"], name="community_topic_activity"),
            models.Index(fields=["author", "-created_at"], name="community_topic_author"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_replies(self) -> bool:
        return not (self.is_closed or self.is_archived or self.is_hidden)


class Post(models.Model):
    class State(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Waiting for approval")
        HIDDEN = "hidden", _("Hidden")

    class Via(models.TextChoices):
        WEB = "web", _("Website")
        EMAIL = "email", _("Email")

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_posts",
    )
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
    )
    source = models.TextField(_("text (Markdown)"))
    html = models.TextField(_("text (HTML)"), editable=False)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PUBLISHED
    )
    via = models.CharField(_("written on"), max_length=6, choices=Via.choices, default=Via.WEB)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    helpful_count = models.PositiveIntegerField(_("found helpful"), default=0)
    # Set by the fan-out once everyone to tell was told; a published post still without it is
    # told by the sweep (``services.notify.fanout_sweep``), whatever became of its task.
    notified_at = models.DateTimeField(_("readers notified"), null=True, blank=True, editable=False)
    # Set by an edit that mentions new members, in its own transaction, and cleared by the
    # fan-out that told them: an edit whose task was never enqueued is told by the sweep too.
    mentions_pending_at = models.DateTimeField(
        _("new mentions to tell since"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["topic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="community_post_number"),
        ]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="community_post_author"),
            models.Index(fields=["state", "-created_at"], name="community_post_state"),
            # The sweep's few candidates, without reading the posts already told.
            models.Index(
                fields=["created_at"],
                condition=Q(state="published", notified_at__isnull=True),
                name="community_post_untold",
            ),
            models.Index(
                fields=["mentions_pending_at"],
                condition=Q(mentions_pending_at__isnull=False),
                name="community_post_mentions_untold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}#{self.number}"

    @property
    def is_opening(self) -> bool:
        return self.number == 1

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class PostRevision(models.Model):
    """A post as it was before one edit; shown to its author and to moderators."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    source = models.TextField(_("text (Markdown)"))
    html = models.TextField(_("text (HTML)"))
    title = models.CharField(
        _("topic title"), max_length=200, blank=True, help_text=_("For an opening post.")
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("edited"), default=timezone.now)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["post", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class PostAttachment(models.Model):
    """An image or document attached to a post. Files live in private storage and are served
    by a view that asks the visibility rule, so a private space's files stay private."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        IMAGE = "image", _("Image")

    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="attachments",
        null=True,
        blank=True,
        help_text=_("Empty while the post is being written."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(
        _("file"), upload_to="community/%Y/%m/", storage=private_storage, max_length=255
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("post attachment")
        verbose_name_plural = _("post attachments")
        ordering = ["post", "created_at", "id"]

    def __str__(self) -> str:
        return self.name


class Reaction(models.Model):
    """A "helpful" from one member on one post."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_reactions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("helpful reaction")
        verbose_name_plural = _("helpful reactions")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="community_reaction_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} found {self.post_id} helpful"


class TopicRead(models.Model):
    """How far one member has read one topic: posts numbered above ``last_read_number`` are
    new to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_reads",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="reads"
    )
    last_read_number = models.PositiveIntegerField(_("last post read"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("topic read")
        verbose_name_plural = _("topics read")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="community_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.topic_id} to {self.last_read_number}"


class CategoryWatch(models.Model):
    """What one member wants to hear of one category."""

    class Level(models.TextChoices):
        EVERY_POST = "every_post", _("Every post, by email")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")
        IN_APP = "in_app", _("On the site only")
        MUTE = "mute", _("Mute: nothing at all")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_category_watches",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="watches"
    )
    level = models.CharField(_("what to send"), max_length=12, choices=Level.choices)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("category watch")
        verbose_name_plural = _("category watches")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"], name="community_category_watch_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.category_id}: {self.level}"


class TopicWatch(models.Model):
    """One member watching (or muting) one topic. Starting a topic or replying to it watches it
    unless the member muted it."""

    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching")
        MUTED = "muted", _("Muted")

    class Reason(models.TextChoices):
        CHOSEN = "chosen", _("Chosen")
        STARTED = "started", _("Started it")
        REPLIED = "replied", _("Replied to it")
        MENTIONED = "mentioned", _("Was mentioned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_topic_watches",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="watches"
    )
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, default=Level.WATCHING
    )
    reason = models.CharField(
        _("reason"), max_length=10, choices=Reason.choices, default=Reason.CHOSEN
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("topic watch")
        verbose_name_plural = _("topic watches")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="community_topic_watch_once"),
        ]
        indexes = [
            models.Index(fields=["topic", "level"], name="community_topic_watchers"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.topic_id}: {self.level}"


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive, abusive or discriminatory")
        PERSONAL_DATA = "personal_data", _("Exposes someone's personal data")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_flags",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note to the moderators"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(_("resolution"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="community_flag_open_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(resolved_at__isnull=True),
                name="community_flag_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.reason}"


class ModerationAction(models.Model):
    """The log of what moderators did: who, when, to what, why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        EDIT = "edit", _("Edited a post")
        APPROVE = "approve", _("Approved a held post")
        REJECT = "reject", _("Rejected a held post")
        MOVE = "move", _("Moved a topic")
        PIN = "pin", _("Pinned a topic")
        UNPIN = "unpin", _("Unpinned a topic")
        CLOSE = "close", _("Closed a topic")
        OPEN = "open", _("Reopened a topic")
        ARCHIVE = "archive", _("Archived a topic")
        UNARCHIVE = "unarchive", _("Unarchived a topic")
        DISMISS_FLAGS = "dismiss", _("Dismissed flags")
        WARN = "warn", _("Warned a member")
        SUSPEND = "suspend", _("Suspended a member")
        UNSUSPEND = "unsuspend", _("Lifted a suspension")
        # E-discussions (ediscussions/services.py): a facilitator's editorial actions.
        ASSIGN = "assign", _("Gave a contribution to a question")
        SPLIT = "split", _("Split a contribution into parts")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} ({self.created_at:%Y-%m-%d %H:%M})"


class Suspension(models.Model):
    """A member may not post, reply, flag or react until ``ends_at``."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_suspensions",
    )
    ends_at = models.DateTimeField(_("until"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suspended by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.member_id} until {self.ends_at:%Y-%m-%d}"


def key_hash(key: str) -> str:
    """How a reply key is stored: only its SHA-256, so the database never holds a key that
    could post as someone."""
    return hashlib.sha256(key.encode()).hexdigest()


class ReplyKey(models.Model):
    """The secret part of one reply address (``reply+<key>@...``): one per post and recipient
    of a notification email. Mail to it becomes a reply by that recipient, in that topic, to
    that post, when it comes from one of the recipient's addresses before ``expires_at``."""

    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_reply_keys",
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reply_keys"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_count = models.PositiveIntegerField(_("times used"), default=0)

    class Meta:
        verbose_name = _("reply address")
        verbose_name_plural = _("reply addresses")
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="community_reply_key_once"),
        ]

    def __str__(self) -> str:
        return f"reply key of {self.user_id} for {self.post_id}"


class InboundMail(models.Model):
    """One email received, whatever happened to it: the outcome is kept (with the original for
    mail held for a moderator), so that nothing that arrives is lost silently."""

    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("Mail provider (webhook)")
        IMAP = "imap", _("Mailbox (IMAP)")
        FILE = "file", _("File (command)")

    class Outcome(models.TextChoices):
        RECEIVED = "received", _("Waiting to be read")
        POSTED = "posted", _("Posted")
        HELD = "held", _("Held for a moderator")
        REJECTED = "rejected", _("Rejected")
        BOUNCE = "bounce", _("Bounce")
        AUTO_REPLY = "auto_reply", _("Automatic reply")

    message_id = models.CharField(_("Message-ID"), max_length=300, unique=True)
    source = models.CharField(_("received through"), max_length=8, choices=Source.choices)
    sender = models.CharField(_("sender"), max_length=300, blank=True)
    recipient = models.CharField(_("to"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    raw = models.BinaryField(_("original message"), blank=True, default=b"")
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_mails",
    )

    class Meta:
        verbose_name = _("received email")
        verbose_name_plural = _("received emails")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.outcome})"


class PostSearchEntry(models.Model):
    """The indexed text of one published post, in its language's text-search configuration
    (``network.search_text``): on PostgreSQL a tsvector here (GIN-indexed by the migration), the
    topic's title weighing more (label A) than the text (B) on the opening post; on SQLite the
    same heading and body in the FTS5 table ``community_post_search_text`` (rowid: the post's
    id). Derived data, written by ``services.search_index`` in the transaction of every change
    to the post or its topic; who may find it is decided at search time by the visibility rule
    on the post, its topic and its category."""

    post = models.OneToOneField(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    config = models.CharField(_("search configuration"), max_length=30)
    search_vector = SearchVectorField(_("search vector"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("post search entry")
        verbose_name_plural = _("post search entries")
        ordering = ["post"]

    def __str__(self) -> str:
        return f"{self.post_id} ({self.config})"


from .ediscussions.models import (  # noqa: E402, F401  (the e-discussions' models, same app)
    ArchiveImport,
    Contribution,
    EDiscussion,
    Endorsement,
    Nudge,
    Participant,
    Question,
    Summary,
    Week,
    WeekReplyKey,
)
