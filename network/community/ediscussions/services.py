"""Writing e-discussions: creating one with its forum category and tray, its weeks and
questions, scheduling it, publishing each week at its time and closing it at its end (both from
beat, idempotent), participants joining, and the contribution record every post written in one
of its topics gets.

Every facilitator action is decided by ``network.permissions.decide`` first (``PermissionDenied``
with the translated reason otherwise).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from network.models import User
from network.permissions import decide
from network.uploads import upload_check

from .. import permissions, signals
from ..markdown import markdown_render
from ..models import (
    LANGUAGE_CODES,
    Category,
    ModerationAction,
    Post,
    PostAttachment,
    Topic,
)
from ..services import moderation, posting
from ..services.counters import topic_counters_refresh
from ..services.posting import reply_create
from ..services.search_index import post_search_index
from . import signals as ediscussion_signals
from .models import Contribution, EDiscussion, Participant, Question, Week

TITLE_MAX = 200
QUESTION_MAX = 2000


def _refuse_unless(user: User, action: str, obj=None) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _texts(values: Mapping[str, str], *, limit: int) -> dict[str, str]:
    """A text per language (titles on one line, longer texts as written), each at most
    ``limit`` characters."""
    cleaned = {}
    for code in LANGUAGE_CODES:
        text = (values.get(code) or "").strip()
        if limit <= TITLE_MAX:
            text = " ".join(text.split())
        if len(text) > limit:
            raise ValidationError(
                _("Keep it under %(limit)d characters (%(language)s).")
                % {"limit": limit, "language": code}
            )
        cleaned[code] = text
    return cleaned


def _framing_html(framing: Mapping[str, str]) -> dict[str, str]:
    return {
        code: markdown_render(source=text, nofollow_all=False).html
        for code, text in framing.items()
        if text
    }


# Addresses under /community/e/ that are not an e-discussion's (urls.py).
RESERVED_SLUGS = frozenset({"new"})


def _unique_slug(base: str) -> str:
    base = (slugify(base)[:70] or "ediscussion").strip("-")
    slug, counter = base, 2
    while (
        slug in RESERVED_SLUGS
        or EDiscussion.objects.filter(slug=slug).exists()
        or Category.objects.filter(slug=f"e-{slug}").exists()
    ):
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def organisation_of(user: User) -> tuple[str, str, str]:
    """The country, organisation and type of organisation ``user`` takes part for: their
    first membership (a local authority before a partner)."""
    memberships = sorted(
        user.memberships.select_related("local_authority", "partner"),
        key=lambda membership: (membership.local_authority_id is None, membership.pk),
    )
    for membership in memberships:
        if membership.local_authority_id:
            authority = membership.local_authority
            return (authority.country, authority.name, Participant.OrganisationType.LOCAL_AUTHORITY)
        return ("", str(membership.partner), Participant.OrganisationType.PARTNER)
    return ("", "", Participant.OrganisationType.OTHER)


def _participant_for(*, ediscussion: EDiscussion, user: User, role: str) -> Participant:
    country, organisation, kind = organisation_of(user)
    participant, created = Participant.objects.get_or_create(
        ediscussion=ediscussion,
        user=user,
        defaults={
            "role": role,
            "country": country,
            "organisation": organisation[:200],
            "organisation_type": kind,
        },
    )
    if not created and role == Participant.Role.FACILITATOR and participant.role != role:
        participant.role = role
        participant.save(update_fields=["role"])
    return participant


@transaction.atomic
def ediscussion_create(
    *,
    creator: User,
    titles: Mapping[str, str],
    default_language: str,
    starts_at: datetime,
    ends_at: datetime,
    access: str = Category.Access.MEMBERS,
    participation: str = EDiscussion.Participation.OPEN,
    moderation: str = EDiscussion.Moderation.IMMEDIATE,
    languages: list[str] | None = None,
    framing: Mapping[str, str] | None = None,
    theme: str = "",
) -> EDiscussion:
    """A new e-discussion (not yet scheduled: only its facilitators see it), with its forum
    category (``access``: who reads it), its hidden tray topic and ``creator`` as its first
    facilitator."""
    _refuse_unless(creator, permissions.EDISCUSSION_CREATE)
    if default_language not in LANGUAGE_CODES:
        raise ValidationError({"default_language": _("Choose one of the four languages.")})
    titles = _texts(titles, limit=TITLE_MAX)
    if not titles.get(default_language):
        raise ValidationError({"titles": _("Give the title in the facilitator's language.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The e-discussion must close after it opens.")})
    if access not in Category.Access.values:
        raise ValidationError({"access": _("Choose who can read it.")})
    framing = _texts(framing or {}, limit=20_000)
    slug = _unique_slug(titles[default_language])
    category = Category.objects.create(
        slug=f"e-{slug}",
        default_language=default_language,
        theme=theme,
        access=access,
        position=1000,
        who_can_start=Category.Who.GRANTED,
        **{f"name_{code}": text[:120] for code, text in titles.items()},
    )
    with override(default_language):
        tray_title = _("Unassigned contributions")
    now = timezone.now()
    tray = Topic.objects.create(
        category=category,
        title=tray_title,
        slug=slugify(tray_title)[:80],
        author=creator,
        language=default_language,
        is_hidden=True,
        created_at=now,
        last_post_at=now,
        # A topic's post number 1 is its opening post, which hides or shows the topic with it;
        # the tray has none, so that its contributions start at 2 and none is taken for one.
        last_post_number=1,
    )
    ediscussion = EDiscussion.objects.create(
        slug=slug,
        category=category,
        tray=tray,
        default_language=default_language,
        starts_at=starts_at,
        ends_at=ends_at,
        participation=participation,
        moderation=moderation,
        languages=[code for code in (languages or [default_language]) if code in LANGUAGE_CODES],
        created_by=creator,
        framing_html=_framing_html(framing),
        **{f"title_{code}": text for code, text in titles.items()},
        **{f"framing_{code}": text for code, text in framing.items()},
    )
    _participant_for(ediscussion=ediscussion, user=creator, role=Participant.Role.FACILITATOR)
    return ediscussion


@transaction.atomic
def facilitator_add(*, by: User, ediscussion: EDiscussion, user: User) -> Participant:
    """Give ``user`` the facilitator role for this e-discussion only."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    if not user.is_active:
        raise ValidationError(_("This account is inactive."))
    return _participant_for(ediscussion=ediscussion, user=user, role=Participant.Role.FACILITATOR)


def _editable_week(week: Week) -> None:
    if week.published_at is not None:
        raise ValidationError(
            _("This week's questions are published: only their wording can still change.")
        )


@transaction.atomic
def week_save(
    *,
    by: User,
    ediscussion: EDiscussion,
    number: int,
    opens_at: datetime,
    titles: Mapping[str, str] | None = None,
) -> Week:
    """Add week ``number`` or change it (its time only before it is published)."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    if not 1 <= number <= 52:
        raise ValidationError({"number": _("Number the weeks from 1.")})
    if not ediscussion.starts_at <= opens_at < ediscussion.ends_at:
        raise ValidationError(
            {"opens_at": _("A week opens between the e-discussion's opening and its close.")}
        )
    titles = _texts(titles or {}, limit=TITLE_MAX)
    week = Week.objects.filter(ediscussion=ediscussion, number=number).first()
    if week is None:
        week = Week(ediscussion=ediscussion, number=number)
    elif week.opens_at != opens_at:
        _editable_week(week)
    week.opens_at = opens_at
    for code, text in titles.items():
        setattr(week, f"title_{code}", text)
    week.save()
    return week


@transaction.atomic
def question_save(*, by: User, week: Week, number: int, texts: Mapping[str, str]) -> Question:
    """Add question ``number`` to ``week`` or change its wording (translations may be added
    or fixed after publication; a new question only before)."""
    ediscussion = week.ediscussion
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    texts = _texts(texts, limit=QUESTION_MAX)
    if not any(texts.values()):
        raise ValidationError({"texts": _("Write the question in at least one language.")})
    question = Question.objects.filter(week=week, number=number).first()
    if question is None:
        _editable_week(week)
        if Question.objects.filter(week__ediscussion=ediscussion, number=number).exists():
            raise ValidationError(
                {"number": _("Another week already has a question %(n)d.") % {"n": number}}
            )
        question = Question(week=week, number=number)
    for code, text in texts.items():
        setattr(question, f"text_{code}", text)
    question.save()
    return question


def schedule_problems(*, ediscussion: EDiscussion) -> list[str]:
    """What stops ``ediscussion`` from being scheduled, in words for the facilitator."""
    problems = []
    weeks = list(ediscussion.weeks.prefetch_related("questions"))
    if not weeks:
        problems.append(_("Add at least one week of questions."))
    for week in weeks:
        questions = list(week.questions.all())
        if not questions:
            problems.append(_("Week %(n)d has no question.") % {"n": week.number})
        for question in questions:
            if not getattr(question, f"text_{ediscussion.default_language}"):
                problems.append(
                    _("Question %(n)d has no text in the facilitator's language.")
                    % {"n": question.number}
                )
    if not ediscussion.title:
        problems.append(_("Give the e-discussion a title."))
    return problems


@transaction.atomic
def ediscussion_schedule(*, by: User, ediscussion: EDiscussion) -> EDiscussion:
    """Make the e-discussion visible to its readers and let beat publish its weeks."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    problems = schedule_problems(ediscussion=ediscussion)
    if problems:
        raise ValidationError(problems)
    if not ediscussion.is_scheduled:
        ediscussion.is_scheduled = True
        ediscussion.save(update_fields=["is_scheduled"])
    return ediscussion


def _question_source(question: Question, *, language: str) -> str:
    return getattr(question, f"text_{language}") or question.text


def _publish_week(week: Week, *, now: datetime, announce: bool = True) -> None:
    """Publish ``week``'s questions as topics dated ``now``. ``announce=False`` (an imported
    e-discussion's past weeks): only the search index learns of them, nobody is told (no
    ``post_published``, no ``week_published``)."""
    ediscussion = week.ediscussion
    author = ediscussion.created_by
    language = ediscussion.default_language
    for question in week.questions.filter(topic__isnull=True).order_by("number"):
        source = _question_source(question, language=language)
        first_line = " ".join(source.split())
        with override(language):
            title = _("Question %(n)d: %(text)s") % {"n": question.number, "text": first_line}
        if len(title) > 200:
            title = title[:199].rstrip() + "…"
        topic = Topic.objects.create(
            category=ediscussion.category,
            title=title,
            slug=slugify(title)[:80] or "question",
            author=author,
            language=language,
            created_at=now,
            last_post_at=now,
            last_post_number=1,
        )
        post = Post.objects.create(
            topic=topic,
            number=1,
            author=author,
            source=source,
            html=markdown_render(source=source, nofollow_all=False).html,
            language=language,
            state=Post.State.PUBLISHED,
            via=Post.Via.WEB,
            created_at=now,
        )
        question.topic = topic
        question.save(update_fields=["topic"])
        if announce:
            signals.post_published.send(sender=Post, post=post, mentioned=())
        else:
            post_search_index(post=post)
    week.published_at = now
    week.save(update_fields=["published_at"])
    if announce:
        ediscussion_signals.week_published.send(sender=EDiscussion, week=week)


def weeks_publish_due(*, now: datetime | None = None) -> int:
    """Publish every week whose time has come in a scheduled, open e-discussion: its
    questions become topics and the week is announced (``week_published``). Idempotent (beat
    runs it every minute; a week is locked while it is published)."""
    now = now or timezone.now()
    published = 0
    due = Week.objects.filter(
        published_at__isnull=True,
        opens_at__lte=now,
        ediscussion__is_scheduled=True,
        ediscussion__closed_at__isnull=True,
        ediscussion__ends_at__gt=now,
    ).values_list("pk", flat=True)
    for week_id in list(due):
        with transaction.atomic():
            week = (
                # Only the week's row: its e-discussion's creator may be gone (an outer join,
                # which PostgreSQL cannot lock).
                Week.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=week_id, published_at__isnull=True)
                .select_related("ediscussion__category", "ediscussion__created_by")
                .first()
            )
            if week is None:
                continue
            _publish_week(week, now=now)
            published += 1
    return published


def ediscussions_close_due(*, now: datetime | None = None) -> int:
    """Close every e-discussion past its end: its question topics stop taking replies (a late
    email is held for the facilitator by the inbound service). Idempotent."""
    now = now or timezone.now()
    closed = 0
    for ediscussion_id in list(
        EDiscussion.objects.filter(closed_at__isnull=True, ends_at__lte=now).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            ediscussion = (
                EDiscussion.objects.select_for_update(skip_locked=True)
                .filter(pk=ediscussion_id, closed_at__isnull=True)
                .first()
            )
            if ediscussion is None:
                continue
            ediscussion.closed_at = now
            ediscussion.save(update_fields=["closed_at"])
            Topic.objects.filter(question__week__ediscussion=ediscussion).update(is_closed=True)
            ediscussion_signals.ediscussion_closed.send(sender=EDiscussion, ediscussion=ediscussion)
            closed += 1
    return closed


@transaction.atomic
def participant_join(*, user: User, ediscussion: EDiscussion) -> Participant:
    """``user`` joins an open e-discussion (or accepts their invitation)."""
    _refuse_unless(user, permissions.EDISCUSSION_JOIN, ediscussion)
    participant = _participant_for(
        ediscussion=ediscussion, user=user, role=Participant.Role.PARTICIPANT
    )
    if participant.joined_at is None:
        participant.joined_at = timezone.now()
        participant.save(update_fields=["joined_at"])
    return participant


@transaction.atomic
def participants_invite(
    *, by: User, ediscussion: EDiscussion, users: list[User]
) -> list[Participant]:
    """Invite members (an invited-only e-discussion takes contributions from them only)."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    now = timezone.now()
    invited = []
    for user in users:
        if not user.is_active:
            continue
        participant = _participant_for(
            ediscussion=ediscussion, user=user, role=Participant.Role.PARTICIPANT
        )
        if participant.invited_at is None:
            participant.invited_at = now
            participant.save(update_fields=["invited_at"])
        invited.append(participant)
    return invited


def contribution_record(
    *, post: Post, details: Mapping[str, object] | None = None
) -> Contribution | None:
    """The contribution record of a post written in an e-discussion's question topic or tray
    (``signals.post_created``: by the website, by email or by import), with the author as a
    participant; ``None`` for any other post and for a question's own opening post.
    ``details``: more fields of a new record (an imported message's)."""
    topic = post.topic
    question = Question.objects.filter(topic_id=topic.pk).select_related("week").first()
    if question is not None:
        ediscussion = EDiscussion.objects.get(pk=question.week.ediscussion_id)
        if post.number == 1:
            return None
    else:
        ediscussion = EDiscussion.objects.filter(tray_id=topic.pk).first()
        if ediscussion is None:
            return None
    participant = None
    if post.author is not None:
        participant = _participant_for(
            ediscussion=ediscussion, user=post.author, role=Participant.Role.PARTICIPANT
        )
        if participant.joined_at is None:
            participant.joined_at = post.created_at
            participant.save(update_fields=["joined_at"])
    contribution, _created = Contribution.objects.get_or_create(
        post=post,
        defaults={
            "ediscussion": ediscussion,
            "question": question,
            "week_number": question.week.number if question else None,
            "participant": participant,
            "country": participant.country if participant else "",
            "organisation_type": (
                participant.organisation_type if participant else Participant.OrganisationType.OTHER
            ),
            "created_at": post.created_at,
            **(details or {}),
        },
    )
    return contribution


# -- The facilitator's editor and the contribution form (views/facilitator.py, views/pages.py) --

CONCEPT_NOTE_TYPES = {"pdf", "docx"}


def _period_check(ediscussion: EDiscussion, *, starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The e-discussion must close after it opens.")})
    changed = (starts_at, ends_at) != (ediscussion.starts_at, ediscussion.ends_at)
    if changed and ediscussion.closed_at is not None:
        raise ValidationError(
            {"ends_at": _("This e-discussion is closed: its period can no longer change.")}
        )
    for week in ediscussion.weeks.order_by("number"):
        if not starts_at <= week.opens_at < ends_at:
            raise ValidationError(
                {
                    "starts_at": _("Week %(n)d opens outside this period: change its date first.")
                    % {"n": week.number}
                }
            )


@transaction.atomic
def ediscussion_update(
    *,
    by: User,
    ediscussion: EDiscussion,
    titles: Mapping[str, str],
    framing: Mapping[str, str],
    languages: list[str],
    starts_at: datetime,
    ends_at: datetime,
    access: str,
    participation: str,
    moderation: str,
) -> EDiscussion:
    """Change an e-discussion's settings: its titles and framing text in the four languages,
    the languages expected, its period (every week must still open within it; a closed one
    keeps its period), who reads it (its category's access), who takes part and how
    contributions are moderated. Its facilitator's language stays the one it was created in."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    titles = _texts(titles, limit=TITLE_MAX)
    if not titles.get(ediscussion.default_language):
        raise ValidationError({"titles": _("Give the title in the facilitator's language.")})
    framing = _texts(framing, limit=20_000)
    if access not in Category.Access.values:
        raise ValidationError({"access": _("Choose who can read it.")})
    if participation not in EDiscussion.Participation.values:
        raise ValidationError({"participation": _("Choose who takes part.")})
    if moderation not in EDiscussion.Moderation.values:
        raise ValidationError({"moderation": _("Choose how contributions are published.")})
    _period_check(ediscussion, starts_at=starts_at, ends_at=ends_at)
    chosen = [code for code in LANGUAGE_CODES if code in set(languages)]
    for code in LANGUAGE_CODES:
        setattr(ediscussion, f"title_{code}", titles[code])
        setattr(ediscussion, f"framing_{code}", framing[code])
    ediscussion.framing_html = _framing_html(framing)
    ediscussion.languages = chosen or [ediscussion.default_language]
    ediscussion.starts_at, ediscussion.ends_at = starts_at, ends_at
    ediscussion.participation = participation
    ediscussion.moderation = moderation
    ediscussion.save()
    category = ediscussion.category
    category.access = access
    for code, text in titles.items():
        setattr(category, f"name_{code}", text[:120])
    category.save()
    return ediscussion


def concept_note_check(upload) -> str:
    """The extension of ``upload`` if it may be a concept note: a PDF or a Word document
    (DOCX), read from its content, within ``settings.MAX_UPLOAD_SIZE`` (``network.uploads``);
    ``ValidationError`` otherwise."""
    checked = upload_check(upload)
    if checked.extension not in CONCEPT_NOTE_TYPES:
        raise ValidationError(_("The concept note must be a PDF or a Word document (DOCX)."))
    return checked.extension


@transaction.atomic
def concept_note_set(*, by: User, ediscussion: EDiscussion, upload) -> EDiscussion:
    """Store ``upload`` as the concept note (in private storage: only the e-discussion's readers
    download it), replacing the previous one. A PDF or a Word document (DOCX), read from its
    content, within ``settings.MAX_UPLOAD_SIZE``."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    try:
        extension = concept_note_check(upload)
    except ValidationError as error:
        raise ValidationError({"concept_note": error.messages}) from error
    old = ediscussion.concept_note.name
    ediscussion.concept_note.save(f"concept-note.{extension}", upload, save=True)
    if old and old != ediscussion.concept_note.name:
        storage = ediscussion.concept_note.storage
        transaction.on_commit(lambda: storage.delete(old))
    return ediscussion


@transaction.atomic
def concept_note_remove(*, by: User, ediscussion: EDiscussion) -> EDiscussion:
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    old = ediscussion.concept_note.name
    if old:
        storage = ediscussion.concept_note.storage
        ediscussion.concept_note = ""
        ediscussion.save(update_fields=["concept_note"])
        transaction.on_commit(lambda: storage.delete(old))
    return ediscussion


@transaction.atomic
def week_delete(*, by: User, week: Week) -> None:
    """Remove a week not yet published, with its questions."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, week.ediscussion)
    _editable_week(week)
    week.delete()


@transaction.atomic
def question_delete(*, by: User, question: Question) -> None:
    """Remove a question of a week not yet published."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, question.week.ediscussion)
    _editable_week(question.week)
    question.delete()


def contribution_on_behalf_record(
    *,
    by: User,
    contribution: Contribution,
    name: str = "",
    position: str = "",
    organisation: str = "",
    country: str = "",
) -> Contribution:
    """Record that ``contribution`` speaks for an organisation (the signature block: the
    person's name, their position, the organisation and its country). Only its author records
    it, when they write it; an organisation is needed when anything else is given."""
    post = contribution.post
    if post.author_id != by.pk:
        raise PermissionDenied(_("Only its author says on whose behalf a contribution speaks."))
    values = {
        "on_behalf_name": " ".join((name or "").split()),
        "on_behalf_position": " ".join((position or "").split()),
        "on_behalf_organisation": " ".join((organisation or "").split()),
        "on_behalf_country": (country or "").strip(),
    }
    if any(values.values()) and not values["on_behalf_organisation"]:
        raise ValidationError(
            {"on_behalf_organisation": _("Name the organisation this contribution speaks for.")}
        )
    for field, value in values.items():
        setattr(contribution, field, value)
    contribution.full_clean(exclude=["post", "ediscussion", "question", "participant"])
    contribution.save(update_fields=list(values))
    return contribution


@transaction.atomic
def contribution_create(
    *,
    author: User,
    question: Question,
    source: str,
    language: str | None = None,
    on_behalf: Mapping[str, str] | None = None,
) -> Contribution:
    """A contribution to ``question`` written on the website: the forum's reply
    (``posting.reply_create``: permissions, limits, Markdown, moderation, notifications), its
    record (``contribution_record``, from ``post_created``) and, when given, the organisation
    it speaks for (``on_behalf``: name, position, organisation, country). All or nothing."""
    if question.topic_id is None:
        raise ValidationError(_("This question is not published yet."))
    post = reply_create(author=author, topic=question.topic, source=source, language=language).post
    contribution = Contribution.objects.select_related("post").get(post=post)
    if on_behalf and any(on_behalf.values()):
        contribution_on_behalf_record(by=author, contribution=contribution, **on_behalf)
    return contribution


# -- The facilitator's tray: giving contributions to questions and splitting them ---------------
# A contribution moves to its question's topic (a new number at the end of it) or is split into
# parts, each a new post of the same author and date in its question's topic; the original is
# kept, hidden from readers (its parts replace it), marked ``is_split``. Both are logged in the
# forum's moderation log. A post that becomes visible is announced like any published post
# (watchers, search).

SPLIT_MAX_PARTS = 10


@dataclass(frozen=True)
class SplitPart:
    """One part of a split: its text (Markdown, edited by the facilitator) and its question."""

    question: Question
    source: str


def _reviewed_state(*, ediscussion: EDiscussion, post: Post) -> str:
    """What a contribution a facilitator placed becomes: published in an e-discussion that
    publishes at once; in one moderated before publication, published only if it already was
    (approved), else waiting for approval."""
    if ediscussion.moderation == EDiscussion.Moderation.IMMEDIATE:
        return Post.State.PUBLISHED
    return Post.State.PUBLISHED if post.state == Post.State.PUBLISHED else Post.State.HELD


def _contribution_locked(contribution: Contribution) -> tuple[Contribution, Post]:
    """The contribution and its post, locked (the post's row only: its author may be empty)."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic", "author")
        .get(pk=contribution.post_id)
    )
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("ediscussion__category")
        .get(pk=contribution.pk)
    )
    return contribution, post


def _placeable(*, by: User, contribution: Contribution, post: Post) -> EDiscussion:
    ediscussion = contribution.ediscussion
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    if contribution.is_split:
        raise ValidationError(_("This contribution was already split into parts."))
    if post.state == Post.State.HIDDEN:
        raise ValidationError(_("This contribution was removed: restore it first."))
    return ediscussion


def _question_of(*, ediscussion: EDiscussion, question: Question) -> Question:
    question = (
        Question.objects.select_related("week", "topic")
        .filter(pk=question.pk, week__ediscussion=ediscussion)
        .first()
    )
    if question is None:
        raise ValidationError({"question": _("Choose a question of this e-discussion.")})
    if question.topic is None:
        raise ValidationError({"question": _("This question is not published yet.")})
    return question


def _topics_locked(topic_ids: set[int]) -> dict[int, Topic]:
    # Always in the same order: two facilitators moving posts between the same topics wait
    # for each other instead of deadlocking.
    return {
        topic.pk: topic
        for topic in Topic.objects.select_for_update(of=("self",))
        .select_related("category")
        .filter(pk__in=topic_ids)
        .order_by("pk")
    }


def _next_number(topic: Topic) -> int:
    topic.last_post_number += 1
    Topic.objects.filter(pk=topic.pk).update(last_post_number=topic.last_post_number)
    return topic.last_post_number


def _announce_if_visible(
    *, post: Post, was_visible: bool, mentioned: tuple[str, ...] | None = None
) -> None:
    """A post that became visible is announced as published (watchers, mentions, search)."""
    if post.state != Post.State.PUBLISHED or was_visible:
        return
    if mentioned is None:
        mentioned = posting.post_render(
            source=post.source, author=post.author, category=post.topic.category
        ).mentions
    signals.post_published.send(sender=Post, post=post, mentioned=mentioned)


@transaction.atomic
def contribution_assign(
    *, by: User, contribution: Contribution, question: Question
) -> Contribution:
    """Give a contribution (from the tray, or from another question) to ``question``: its post
    moves to the end of the question's topic, published or held as the e-discussion's
    moderation says (``_reviewed_state``), and both topics' counters are counted again."""
    contribution, post = _contribution_locked(contribution)
    ediscussion = _placeable(by=by, contribution=contribution, post=post)
    question = _question_of(ediscussion=ediscussion, question=question)
    origin = post.topic
    if origin.pk == question.topic_id:
        raise ValidationError({"question": _("The contribution already answers this question.")})
    topics = _topics_locked({origin.pk, question.topic_id})
    origin, target = topics[origin.pk], topics[question.topic_id]
    was_visible = post.state == Post.State.PUBLISHED and not origin.is_hidden
    post.topic = target
    post.number = _next_number(target)
    post.reply_to = None
    post.state = _reviewed_state(ediscussion=ediscussion, post=post)
    post.save(update_fields=["topic", "number", "reply_to", "state"])
    contribution.question = question
    contribution.week_number = question.week.number
    contribution.save(update_fields=["question", "week_number"])
    topic_counters_refresh(topic=origin)
    topic_counters_refresh(topic=target)
    moderation.action_log(
        actor=by,
        action=ModerationAction.Action.ASSIGN,
        topic=target,
        post=post,
        member=post.author,
        details={"from": origin.pk, "to": target.pk, "question": question.number},
    )
    _announce_if_visible(post=post, was_visible=was_visible)
    return contribution


def _split_parts_clean(parts: list[SplitPart], *, ediscussion: EDiscussion) -> list[SplitPart]:
    if len(parts) < 2:
        raise ValidationError(
            _(
                "Split the contribution into at least two parts; to give all of it to one "
                "question, assign it instead."
            )
        )
    if len(parts) > SPLIT_MAX_PARTS:
        raise ValidationError(_("Split it into at most %(n)d parts.") % {"n": SPLIT_MAX_PARTS})
    cleaned = []
    for number, part in enumerate(parts, start=1):
        source = (part.source or "").strip()
        if not source:
            raise ValidationError(_("Part %(n)d has no text.") % {"n": number})
        if len(source) > posting.SOURCE_MAX_LENGTH:
            raise ValidationError(
                _("Part %(n)d is longer than %(limit)s characters.")
                % {"n": number, "limit": f"{posting.SOURCE_MAX_LENGTH:,}"}
            )
        question = _question_of(ediscussion=ediscussion, question=part.question)
        cleaned.append(SplitPart(question=question, source=source))
    return cleaned


@transaction.atomic
def contribution_split(
    *, by: User, contribution: Contribution, parts: list[SplitPart]
) -> list[Contribution]:
    """Split a contribution into ``parts``, each a new post of the same author, language and
    date at the end of its question's topic (published or held as ``_reviewed_state`` says),
    recorded as a contribution ``split_from`` the original with the original's country,
    organisation and signature. The original is kept, hidden from readers and marked
    ``is_split``; its files go with the first part. Returns the parts' contributions."""
    contribution, original = _contribution_locked(contribution)
    ediscussion = _placeable(by=by, contribution=contribution, post=original)
    parts = _split_parts_clean(parts, ediscussion=ediscussion)
    topics = _topics_locked({original.topic_id, *(part.question.topic_id for part in parts)})
    state = _reviewed_state(ediscussion=ediscussion, post=original)
    created, mentions = [], []
    for part in parts:
        topic = topics[part.question.topic_id]
        rendered = posting.post_render(
            source=part.source, author=original.author, category=topic.category
        )
        mentions.append(rendered.mentions)
        post = Post.objects.create(
            topic=topic,
            number=_next_number(topic),
            author=original.author,
            source=part.source,
            html=rendered.html,
            language=original.language,
            state=state,
            via=original.via,
            created_at=original.created_at,
        )
        created.append(
            Contribution.objects.create(
                post=post,
                ediscussion=ediscussion,
                question=part.question,
                week_number=part.question.week.number,
                participant_id=contribution.participant_id,
                country=contribution.country,
                organisation_type=contribution.organisation_type,
                on_behalf_name=contribution.on_behalf_name,
                on_behalf_position=contribution.on_behalf_position,
                on_behalf_organisation=contribution.on_behalf_organisation,
                on_behalf_country=contribution.on_behalf_country,
                split_from=contribution,
                is_late=contribution.is_late,
                imported=contribution.imported,
                # An archive's sender without an account keeps their name on every part (the
                # Message-ID stays the original's: each message is imported once).
                imported_author_name=contribution.imported_author_name,
                imported_author_email=contribution.imported_author_email,
                created_at=contribution.created_at,
            )
        )
        signals.post_created.send(sender=Post, post=post)
    PostAttachment.objects.filter(post=original).update(post=created[0].post)
    was_published = original.state == Post.State.PUBLISHED
    with override(ediscussion.default_language):
        hidden_reason = _("Split into parts, each given to its question.")
    original.state = Post.State.HIDDEN
    original.hidden_at = timezone.now()
    original.hidden_by = by
    original.hidden_reason = hidden_reason
    original.save(update_fields=["state", "hidden_at", "hidden_by", "hidden_reason"])
    contribution.is_split = True
    contribution.save(update_fields=["is_split"])
    for topic in topics.values():
        topic_counters_refresh(topic=topic)
    moderation.action_log(
        actor=by,
        action=ModerationAction.Action.SPLIT,
        topic=original.topic,
        post=original,
        member=original.author,
        details={
            "parts": [part.post_id for part in created],
            "questions": [part.question.number for part in parts],
        },
    )
    if was_published:
        signals.post_hidden.send(sender=Post, post=original)
    for part, mentioned in zip(created, mentions, strict=True):
        _announce_if_visible(post=part.post, was_visible=False, mentioned=mentioned)
    return created


# -- Archived e-discussions (imports.py) --------------------------------------------------------
# An archive's e-discussion is written as it ran: its weeks published at their own time, each
# message a contribution dated when it was sent, closed. It is history, not news: nothing is
# announced, nobody is told and no rate limit applies (only the search index learns of it).


@transaction.atomic
def ediscussion_archive_publish(
    *, by: User, ediscussion: EDiscussion, closed_at: datetime
) -> EDiscussion:
    """Publish an imported e-discussion as it ran: each week at its own opening time (its
    questions become topics dated then), readable by its category's readers (scheduled) and
    closed at ``closed_at``, its question topics taking no replies. Nothing is announced."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    if closed_at > timezone.now() or closed_at > ediscussion.ends_at:
        raise ValidationError(
            _("An archived e-discussion closes at the end of its period, in the past.")
        )
    weeks = (
        Week.objects.filter(ediscussion=ediscussion, published_at__isnull=True)
        .select_related("ediscussion__category", "ediscussion__created_by")
        .order_by("number")
    )
    for week in weeks:
        _publish_week(week, now=week.opens_at, announce=False)
    ediscussion.is_scheduled = True
    ediscussion.closed_at = closed_at
    ediscussion.save(update_fields=["is_scheduled", "closed_at"])
    Topic.objects.filter(question__week__ediscussion=ediscussion).update(is_closed=True)
    return ediscussion


@transaction.atomic
def contribution_import(
    *,
    by: User,
    ediscussion: EDiscussion,
    question: Question | None,
    author: User | None,
    source: str,
    language: str,
    created_at: datetime,
    message_id: str,
    sender_name: str = "",
    sender_email: str = "",
) -> Contribution:
    """An archived message as a contribution: a published post dated ``created_at`` at the end
    of ``question``'s topic (in the tray, for the facilitators, without one), by ``author``
    (the member with the sender's address) or by no account, the contribution then keeping the
    sender's name and address. Counted in its topic like any post; no rate limit, no approval,
    nobody told. Each message (``message_id``) is imported once."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    message_id = (message_id or "").strip()
    if not message_id or len(message_id) > 300:
        raise ValidationError(_("An imported message needs its Message-ID."))
    if Contribution.objects.filter(imported_message_id=message_id).exists():
        raise ValidationError(_("This message was already imported."))
    source = (source or "").strip()
    if not source:
        raise ValidationError({"source": _("Write something first.")})
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the four languages.")})
    if question is None:
        topic_id = ediscussion.tray_id
    elif question.week.ediscussion_id == ediscussion.pk and question.topic_id is not None:
        topic_id = question.topic_id
    else:
        raise ValidationError({"question": _("Choose a published question of this e-discussion.")})
    if topic_id is None:
        raise ValidationError(_("This e-discussion has no place for unassigned contributions."))
    # The lock numbers the posts of one topic one after the other.
    topic = (
        Topic.objects.select_for_update(of=("self",)).select_related("category").get(pk=topic_id)
    )
    rendered = posting.post_render(source=source, author=author, category=topic.category)
    number = topic.last_post_number + 1
    post = Post.objects.create(
        topic=topic,
        number=number,
        author=author,
        source=source,
        html=rendered.html,
        language=language,
        state=Post.State.PUBLISHED,
        via=Post.Via.EMAIL,
        created_at=created_at,
        # History, not news: the fan-out's sweep must not tell anyone of it either.
        notified_at=timezone.now(),
    )
    # Counted as a published post is, in one statement: the topic's latest post is the latest
    # by date, whatever the order the archive gives them in.
    Topic.objects.filter(pk=topic.pk).update(
        last_post_number=number,
        reply_count=F("reply_count") + (1 if number > 1 else 0),
        last_post_at=Greatest("last_post_at", Value(created_at)),
    )
    details: dict[str, object] = {"imported": True, "imported_message_id": message_id}
    if author is None:
        details["imported_author_name"] = " ".join((sender_name or "").split())[:200]
        details["imported_author_email"] = (sender_email or "").strip()[:254]
    contribution = contribution_record(post=post, details=details)
    signals.post_created.send(sender=Post, post=post)
    post_search_index(post=post)
    return contribution
