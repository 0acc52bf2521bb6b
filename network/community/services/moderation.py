"""Moderation: members flag posts; moderators approve, reject, hide, restore, edit and delete
posts, pin, close, archive and move topics, warn and suspend members. A moderator editing or
deleting someone else's post from the writing pages (``posting.post_edit``, ``post_delete``)
acts here too: every moderator action on a member's post is logged and told to them from this
module only.

Every action is decided by ``network.permissions.decide`` (``PermissionDenied`` with the
translated reason otherwise), written to the log (``ModerationAction``: who, what, why, when),
told to the member concerned in their own language (the ``forum_moderation`` notification) and
announced with the forum's signals, so that search and notifications follow.

A post enough different members flag (``FORUM_FLAGS_TO_HIDE``) is hidden at once, pending a
moderator's review: the log records it as a system action (no actor). Flags per member and day
are limited (``FORUM_LIMIT_FLAGS_PER_DAY``), counted in the database.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import User
from network.permissions import decide

from .. import permissions, signals
from ..models import (
    Category,
    Flag,
    InboundMail,
    ModerationAction,
    Post,
    PostRevision,
    Suspension,
    Topic,
)
from ..moderation_kinds import FORUM_MODERATION
from .counters import topic_counters_refresh
from .hiding import post_hidden_set
from .rendering import post_mentions

Action = ModerationAction.Action

REASON_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 1000
# The lengths of a suspension a moderator may choose, in days.
SUSPENSION_DAYS = (1, 7, 30)

TOPIC_ACTIONS = {
    Action.PIN: ("is_pinned", True),
    Action.UNPIN: ("is_pinned", False),
    Action.CLOSE: ("is_closed", True),
    Action.OPEN: ("is_closed", False),
    Action.ARCHIVE: ("is_archived", True),
    Action.UNARCHIVE: ("is_archived", False),
}


def flags_to_hide() -> int:
    return int(getattr(settings, "FORUM_FLAGS_TO_HIDE", 3))


def flags_per_day() -> int:
    return int(getattr(settings, "FORUM_LIMIT_FLAGS_PER_DAY", 20))


def _refuse_unless(user: User, action: str, obj) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def reason_clean(reason: str, *, required: bool) -> str:
    """A moderator's reason, trimmed; ``required`` when the member is told why."""
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({"reason": _("Say why: the member will read your reason.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("A reason may be at most %(limit)s characters long.")
                % {"limit": REASON_MAX_LENGTH}
            }
        )
    return reason


# -- Telling the member --------------------------------------------------------------------


def _member_language(member: User) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return member.preferred_language if member.preferred_language in codes else "en"


def _notify(*, entry: ModerationAction, member: User | None, url: str) -> None:
    """Tell the member concerned what a moderator did, rendered later in their language."""
    if member is None or not member.is_active or member.pk == entry.actor_id:
        return
    from notifications.services import notification_send

    topic = entry.topic
    moved_to = ""
    if entry.action == Action.MOVE and topic is not None:
        moved_to = topic.category.translated("name", language=_member_language(member))
    until = entry.details.get("until", "")
    context = {
        "action": entry.action,
        "automatic": bool(entry.details.get("automatic")),
        "topic_title": topic.title if topic is not None else "",
        "post_number": entry.post.number if entry.post is not None else 0,
        "category_name": moved_to,
        "reason": entry.reason,
        "until": until,
    }
    notification_send(
        recipients=[member],
        kind=FORUM_MODERATION.code,
        event_key=f"moderation:{entry.pk}",
        context=context,
        url=url,
    )


def _post_url(post: Post) -> str:
    return reverse("community:post", kwargs={"post_id": post.pk})


def _topic_url(topic: Topic) -> str:
    return reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug or "topic"})


def action_log(
    *,
    actor: User | None,
    action: str,
    topic: Topic | None = None,
    post: Post | None = None,
    member: User | None = None,
    reason: str = "",
    details: dict | None = None,
) -> ModerationAction:
    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        topic=topic,
        post=post,
        member=member,
        reason=reason,
        details=details or {},
    )


# -- Flags ---------------------------------------------------------------------------------


@transaction.atomic
def flag_create(*, reporter: User, post: Post, reason: str, note: str = "") -> Flag:
    """A member tells the moderators about a post. One open flag per member and post."""
    _refuse_unless(reporter, permissions.POST_FLAG, post)
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("A note may be at most %(limit)s characters long.")
                % {"limit": NOTE_MAX_LENGTH}
            }
        )
    if Flag.objects.filter(post=post, reporter=reporter, resolved_at__isnull=True).exists():
        raise ValidationError(
            _("You have already flagged this post. The moderators will look at it.")
        )
    limit = flags_per_day()
    since = timezone.now() - timedelta(days=1)
    if Flag.objects.filter(reporter=reporter, created_at__gte=since).count() >= limit:
        raise ValidationError(
            ngettext(
                "You can flag at most %(limit)s post a day. Please try again tomorrow.",
                "You can flag at most %(limit)s posts a day. Please try again tomorrow.",
                limit,
            )
            % {"limit": limit}
        )
    flag = Flag.objects.create(post=post, reporter=reporter, reason=reason, note=note)
    _hide_when_flagged_enough(post=post)
    return flag


def _hide_when_flagged_enough(*, post: Post) -> None:
    threshold = flags_to_hide()
    reporters = (
        Flag.objects.filter(post=post, resolved_at__isnull=True)
        .values("reporter")
        .distinct()
        .count()
    )
    if reporters < threshold:
        return
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic__category")
        .get(pk=post.pk)
    )
    if post.state != Post.State.PUBLISHED:
        return
    entry = _hide(
        post=post,
        actor=None,
        reason="",
        details={"automatic": True, "flags": reporters},
    )
    _notify(entry=entry, member=post.author, url=_post_url(post))


# -- Posts ---------------------------------------------------------------------------------


def _resolve_flags(*, post: Post, by: User | None, resolution: str) -> int:
    return Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by, resolution=resolution[:300]
    )


def _hide(*, post: Post, actor: User | None, reason: str, details: dict) -> ModerationAction:
    post_hidden_set(post=post, by=actor, reason=reason)
    return action_log(
        actor=actor,
        action=Action.HIDE,
        topic=post.topic,
        post=post,
        member=post.author,
        reason=reason,
        details=details,
    )


def _post_locked(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic__category", "author")
        .get(pk=post.pk)
    )


@transaction.atomic
def post_hide(*, moderator: User, post: Post, reason: str) -> ModerationAction:
    """Hide a post (an opening post hides its topic); its open flags are resolved."""
    post = _post_locked(post)
    _refuse_unless(moderator, permissions.TOPIC_MODERATE, post.topic)
    reason = reason_clean(reason, required=True)
    if post.state == Post.State.HELD:
        raise ValidationError(_("This post waits for approval: reject it instead."))
    if post.state == Post.State.HIDDEN and post.hidden_by_id is not None:
        raise ValidationError(_("This post is already hidden."))
    entry = _hide(post=post, actor=moderator, reason=reason, details={})
    _resolve_flags(post=post, by=moderator, resolution=_("Hidden"))
    _notify(entry=entry, member=post.author, url=_post_url(post))
    return entry


@transaction.atomic
def post_remove(*, moderator: User, post: Post, reason: str) -> ModerationAction:
    """A moderator deletes someone else's post from its page (``posting.post_delete``): a
    post waiting for approval is rejected, any other hidden; either way logged and told to its
    author with the moderator's reason."""
    if post.state == Post.State.HELD:
        return post_reject(moderator=moderator, post=post, reason=reason)
    return post_hide(moderator=moderator, post=post, reason=reason)


def post_edit_record(
    *, moderator: User, post: Post, reason: str, revision: PostRevision
) -> ModerationAction:
    """After a moderator edited someone else's post (``posting.post_edit``, which keeps the
    previous version as ``revision`` and asked for ``reason``): log it and tell the author."""
    entry = action_log(
        actor=moderator,
        action=Action.EDIT,
        topic=post.topic,
        post=post,
        member=post.author,
        reason=reason,
        details={"revision": revision.pk},
    )
    _notify(entry=entry, member=post.author, url=_post_url(post))
    return entry


@transaction.atomic
def post_restore(*, moderator: User, post: Post, reason: str = "") -> ModerationAction:
    """Publish a hidden post again (and its topic, for an opening post)."""
    post = _post_locked(post)
    _refuse_unless(moderator, permissions.POST_RESTORE, post)
    reason = reason_clean(reason, required=False)
    post.state = Post.State.PUBLISHED
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["state", "hidden_at", "hidden_by", "hidden_reason"])
    topic = post.topic
    if post.is_opening and topic.is_hidden:
        Topic.objects.filter(pk=topic.pk).update(is_hidden=False)
        topic.is_hidden = False
    topic_counters_refresh(topic=topic)
    _resolve_flags(post=post, by=moderator, resolution=_("Restored"))
    entry = action_log(
        actor=moderator,
        action=Action.RESTORE,
        topic=topic,
        post=post,
        member=post.author,
        reason=reason,
    )
    signals.post_restored.send(sender=Post, post=post)
    if post.is_opening:
        signals.topic_changed.send(sender=Post, post=post)
    _notify(entry=entry, member=post.author, url=_post_url(post))
    return entry


def _held_mails_decide(*, post: Post, outcome: str) -> dict:
    """The emails a held post was written from follow the moderator's decision on it (posted
    or rejected) instead of staying held; returns the log entry's details naming them, so that
    the log tells who decided on each. Their originals stay until the retention purge
    (``inbound.mail_originals_purge``)."""
    decided = []
    verdict = "approved" if outcome == InboundMail.Outcome.POSTED else "rejected"
    held = InboundMail.objects.filter(post=post, outcome=InboundMail.Outcome.HELD)
    for mail in held.select_for_update().only("pk", "reason").order_by("pk"):
        mail.outcome = outcome
        held_for = f" (held: {mail.reason})" if mail.reason else ""
        mail.reason = f"{verdict} by a moderator{held_for}"[:300]
        mail.save(update_fields=["outcome", "reason"])
        decided.append(mail.pk)
    return {"inbound_mails": decided} if decided else {}


def _held(post: Post, moderator: User) -> Post:
    post = _post_locked(post)
    _refuse_unless(moderator, permissions.TOPIC_MODERATE, post.topic)
    if post.state != Post.State.HELD:
        raise ValidationError(_("This post is not waiting for approval."))
    return post


@transaction.atomic
def post_approve(*, moderator: User, post: Post, reason: str = "") -> ModerationAction:
    """Publish a post that waited for approval (for an opening post, its topic with it); the
    email it was written from, if any, is posted."""
    post = _held(post, moderator)
    reason = reason_clean(reason, required=False)
    post.state = Post.State.PUBLISHED
    post.save(update_fields=["state"])
    topic = post.topic
    if post.is_opening and topic.is_held:
        Topic.objects.filter(pk=topic.pk).update(is_held=False)
        topic.is_held = False
    topic_counters_refresh(topic=topic)
    entry = action_log(
        actor=moderator,
        action=Action.APPROVE,
        topic=topic,
        post=post,
        member=post.author,
        reason=reason,
        details=_held_mails_decide(post=post, outcome=InboundMail.Outcome.POSTED),
    )
    # Mentions are read again from the text: the stored HTML stays as it was written.
    signals.post_published.send(sender=Post, post=post, mentioned=post_mentions(post=post))
    if post.is_opening:
        signals.topic_changed.send(sender=Post, post=post)
    _notify(entry=entry, member=post.author, url=_post_url(post))
    return entry


@transaction.atomic
def post_reject(*, moderator: User, post: Post, reason: str) -> ModerationAction:
    """Refuse a post that waited for approval: it stays hidden (with its topic, for an
    opening post), and its author is told why; the email it was written from, if any, is
    rejected."""
    post = _held(post, moderator)
    reason = reason_clean(reason, required=True)
    post.state = Post.State.HIDDEN
    post.hidden_at = timezone.now()
    post.hidden_by = moderator
    post.hidden_reason = reason[:300]
    post.save(update_fields=["state", "hidden_at", "hidden_by", "hidden_reason"])
    topic = post.topic
    if post.is_opening:
        Topic.objects.filter(pk=topic.pk).update(is_held=False, is_hidden=True)
        topic.is_held, topic.is_hidden = False, True
    entry = action_log(
        actor=moderator,
        action=Action.REJECT,
        topic=topic,
        post=post,
        member=post.author,
        reason=reason,
        details=_held_mails_decide(post=post, outcome=InboundMail.Outcome.REJECTED),
    )
    signals.post_hidden.send(sender=Post, post=post)
    _notify(entry=entry, member=post.author, url=_post_url(post))
    return entry


@transaction.atomic
def flags_dismiss(*, moderator: User, post: Post, reason: str) -> ModerationAction:
    """Close a post's open flags without acting on the post. Its author is not told: they
    never learnt of the flags."""
    post = _post_locked(post)
    _refuse_unless(moderator, permissions.TOPIC_MODERATE, post.topic)
    reason = reason_clean(reason, required=False)
    resolved = _resolve_flags(post=post, by=moderator, resolution=reason or _("Dismissed"))
    if not resolved:
        raise ValidationError(_("This post has no open flags."))
    return action_log(
        actor=moderator,
        action=Action.DISMISS_FLAGS,
        topic=post.topic,
        post=post,
        member=post.author,
        reason=reason,
        details={"flags": resolved},
    )


# -- Topics --------------------------------------------------------------------------------


def _topic_locked(topic: Topic) -> Topic:
    return (
        Topic.objects.select_for_update(of=("self",))
        .select_related("category", "author")
        .get(pk=topic.pk)
    )


def _opening_post(topic: Topic) -> Post | None:
    return Post.objects.filter(topic=topic, number=1).first()


def _topic_changed(
    *, moderator: User, topic: Topic, action: str, reason: str, details: dict | None = None
) -> ModerationAction:
    """After a moderator changed a topic: log it, let what follows topics know (search, lists),
    and tell its author."""
    entry = action_log(
        actor=moderator,
        action=action,
        topic=topic,
        member=topic.author,
        reason=reason,
        details=details or {},
    )
    opening = _opening_post(topic)
    if opening is not None:
        signals.topic_changed.send(sender=Post, post=opening)
        if action == Action.MOVE:
            signals.topic_moved.send(sender=Post, post=opening)
    _notify(entry=entry, member=topic.author, url=_topic_url(topic))
    return entry


@transaction.atomic
def topic_flag_set(
    *, moderator: User, topic: Topic, action: str, reason: str = ""
) -> ModerationAction:
    """Pin, unpin, close, reopen, archive or unarchive a topic."""
    if action not in TOPIC_ACTIONS:
        raise ValidationError(_("Choose an action from the list."))
    topic = _topic_locked(topic)
    _refuse_unless(moderator, permissions.TOPIC_MODERATE, topic)
    reason = reason_clean(reason, required=False)
    field, value = TOPIC_ACTIONS[action]
    if getattr(topic, field) == value:
        raise ValidationError(_("The topic is already so: nothing changed."))
    setattr(topic, field, value)
    topic.save(update_fields=[field])
    return _topic_changed(moderator=moderator, topic=topic, action=action, reason=reason)


@transaction.atomic
def topic_move(
    *, moderator: User, topic: Topic, category: Category, reason: str = ""
) -> ModerationAction:
    """Move a topic to another category; the moderator must moderate both. Notifications
    about it follow (``signals.topic_moved``): readers who cannot read the new category lose
    them, the others see its new name."""
    topic = _topic_locked(topic)
    _refuse_unless(moderator, permissions.TOPIC_MODERATE, topic)
    _refuse_unless(moderator, permissions.TOPIC_MODERATE, category)
    if category.pk == topic.category_id:
        raise ValidationError({"category": _("The topic is already in this category.")})
    reason = reason_clean(reason, required=False)
    origin = topic.category
    topic.category = category
    topic.save(update_fields=["category"])
    return _topic_changed(
        moderator=moderator,
        topic=topic,
        action=Action.MOVE,
        reason=reason,
        details={"from": origin.pk, "to": category.pk},
    )


# -- Members -------------------------------------------------------------------------------


@transaction.atomic
def member_warn(
    *, moderator: User, member: User, reason: str, post: Post | None = None
) -> ModerationAction:
    """Send a member a warning (logged, and told to them with the moderator's reason)."""
    _refuse_unless(moderator, permissions.MEMBER_DISCIPLINE, member)
    reason = reason_clean(reason, required=True)
    entry = action_log(
        actor=moderator,
        action=Action.WARN,
        topic=post.topic if post else None,
        post=post,
        member=member,
        reason=reason,
    )
    _notify(entry=entry, member=member, url=_post_url(post) if post else reverse("community:index"))
    return entry


@transaction.atomic
def member_suspend(
    *, moderator: User, member: User, days: int, reason: str, post: Post | None = None
) -> Suspension:
    """Suspend a member from writing in the forum for ``days`` (one of SUSPENSION_DAYS),
    from now on. A longer suspension already running is kept as it is."""
    _refuse_unless(moderator, permissions.MEMBER_DISCIPLINE, member)
    if days not in SUSPENSION_DAYS:
        raise ValidationError({"days": _("Choose how long from the list.")})
    reason = reason_clean(reason, required=True)
    ends_at = timezone.now() + timedelta(days=days)
    running = Suspension.objects.filter(
        member=member, lifted_at__isnull=True, ends_at__gte=ends_at
    ).first()
    if running is not None:
        raise ValidationError(_("This member is already suspended for longer."))
    suspension = Suspension.objects.create(
        member=member, ends_at=ends_at, reason=reason, created_by=moderator
    )
    until = f"{ends_at:%Y-%m-%d %H:%M} UTC"
    entry = action_log(
        actor=moderator,
        action=Action.SUSPEND,
        topic=post.topic if post else None,
        post=post,
        member=member,
        reason=reason,
        details={"days": days, "until": until, "suspension": suspension.pk},
    )
    _notify(entry=entry, member=member, url=_post_url(post) if post else reverse("community:index"))
    return suspension


@transaction.atomic
def member_suspension_lift(*, moderator: User, member: User, reason: str = "") -> int:
    """End a member's running suspensions now; returns how many were lifted."""
    _refuse_unless(moderator, permissions.MEMBER_DISCIPLINE, member)
    reason = reason_clean(reason, required=False)
    now = timezone.now()
    lifted = Suspension.objects.filter(
        Q(member=member, lifted_at__isnull=True, ends_at__gt=now)
    ).update(lifted_at=now)
    if not lifted:
        raise ValidationError(_("This member is not suspended."))
    entry = action_log(
        actor=moderator,
        action=Action.UNSUSPEND,
        member=member,
        reason=reason,
        details={"lifted": lifted},
    )
    _notify(entry=entry, member=member, url=reverse("community:index"))
    return lifted
