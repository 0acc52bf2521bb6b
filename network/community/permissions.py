"""The forum's actions, decided through ``network.permissions.decide`` like every other write.

Reading is the visibility rule (``visibility.py``); these rules start from it, so nobody writes
where they cannot read. A suspended member may read but do nothing here.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import ALLOW, Decision, acting_as, rule
from network.roles import Role

from .models import Category, EDiscussion, Participant, Post, Suspension, Topic
from .visibility import (
    category_grants,
    category_is_readable,
    ediscussions_readable,
    facilitates,
    is_forum_moderator,
    is_moderator,
    moderates,
    topic_is_readable,
)

TOPIC_START = "forum.topic_start"
REPLY = "forum.reply"
POST_EDIT = "forum.post_edit"
POST_DELETE = "forum.post_delete"
POST_RESTORE = "forum.post_restore"
POST_FLAG = "forum.post_flag"
POST_REACT = "forum.post_react"
SOLUTION_MARK = "forum.solution_mark"
TOPIC_MODERATE = "forum.topic_moderate"
MODERATION_QUEUE = "forum.moderation_queue"
MEMBER_DISCIPLINE = "forum.member_discipline"
CATEGORY_WATCH = "forum.category_watch"
TOPIC_WATCH = "forum.topic_watch"
REVISIONS_VIEW = "forum.revisions_view"

NOT_FOUND = Decision(False, "")


def edit_window() -> timedelta:
    """How long authors may edit their own posts (``FORUM_EDIT_MINUTES``)."""
    return timedelta(minutes=getattr(settings, "FORUM_EDIT_MINUTES", 24 * 60))


def suspension_active(*, user: User) -> Suspension | None:
    return (
        Suspension.objects.filter(member=user, lifted_at__isnull=True, ends_at__gt=timezone.now())
        .order_by("-ends_at")
        .first()
    )


def _not_suspended(user: User) -> Decision | None:
    suspension = suspension_active(user=user)
    if suspension is None:
        return None
    return Decision(
        False,
        _("Your participation in the forum is suspended until %(date)s.")
        % {"date": timezone.localtime(suspension.ends_at).strftime("%Y-%m-%d %H:%M")},
    )


def _unreadable() -> Decision:
    # Same answer as for something that does not exist: views turn it into a 404.
    return Decision(False, _("This page does not exist."))


@rule(TOPIC_START)
def _topic_start(user: User, category: Category) -> Decision:
    if not category_is_readable(user=user, category=category):
        return _unreadable()
    refused = _not_suspended(user)
    if refused is not None:
        return refused
    if category.owning_ediscussion is not None:
        # An e-discussion's topics are its questions, published from its schedule.
        return Decision(False, _("Only the facilitators add questions to an e-discussion."))
    if category.who_can_start == Category.Who.GRANTED and not category_grants(
        user=user, category=category, right="can_start"
    ):
        return Decision(False, _("Only some groups may start topics in this category."))
    return ALLOW


@rule(REPLY)
def _reply(user: User, topic: Topic) -> Decision:
    if not topic_is_readable(user=user, topic=topic):
        return _unreadable()
    refused = _not_suspended(user)
    if refused is not None:
        return refused
    if topic.is_archived:
        return Decision(False, _("This topic is archived: it no longer takes replies."))
    if topic.is_closed:
        return Decision(False, _("This topic is closed: it no longer takes replies."))
    if topic.is_hidden:
        return Decision(False, _("This topic was removed."))
    ediscussion = topic.category.owning_ediscussion
    if ediscussion is not None:
        refused = _ediscussion_refusal(user, ediscussion)
        if refused is not None:
            return refused
    category = topic.category
    if category.who_can_reply == Category.Who.GRANTED and not category_grants(
        user=user, category=category, right="can_reply"
    ):
        return Decision(False, _("Only some groups may reply in this category."))
    return ALLOW


@rule(POST_EDIT)
def _post_edit(user: User, post: Post) -> Decision:
    if not topic_is_readable(user=user, topic=post.topic):
        return _unreadable()
    if moderates(user=user, category=post.topic.category):
        return ALLOW
    refused = _not_suspended(user)
    if refused is not None:
        return refused
    if post.author_id != user.pk:
        return Decision(False, _("You may only edit your own posts."))
    if post.state == Post.State.HIDDEN:
        return Decision(False, _("This post was removed."))
    if timezone.now() - post.created_at > edit_window():
        return Decision(
            False,
            _("Posts can be edited for %(hours)s hours after they are written.")
            % {"hours": int(edit_window().total_seconds() // 3600)},
        )
    return ALLOW


@rule(POST_DELETE)
def _post_delete(user: User, post: Post) -> Decision:
    if not topic_is_readable(user=user, topic=post.topic):
        return _unreadable()
    if post.state == Post.State.HIDDEN:
        return Decision(False, _("This post was already removed."))
    if moderates(user=user, category=post.topic.category):
        return ALLOW
    if post.author_id != user.pk:
        return Decision(False, _("You may only delete your own posts."))
    return ALLOW


@rule(POST_RESTORE)
def _post_restore(user: User, post: Post) -> Decision:
    if not moderates(user=user, category=post.topic.category):
        return Decision(False, _("Only the category's moderators may restore a post."))
    if post.state != Post.State.HIDDEN:
        return Decision(False, _("This post is not removed."))
    return ALLOW


def _on_visible_post(user: User, post: Post) -> Decision | None:
    if not topic_is_readable(user=user, topic=post.topic) or post.state != Post.State.PUBLISHED:
        return _unreadable()
    return _not_suspended(user)


@rule(POST_FLAG)
def _post_flag(user: User, post: Post) -> Decision:
    refused = _on_visible_post(user, post)
    if refused is not None:
        return refused
    if post.author_id == user.pk:
        return Decision(False, _("You cannot flag your own post."))
    return ALLOW


@rule(POST_REACT)
def _post_react(user: User, post: Post) -> Decision:
    refused = _on_visible_post(user, post)
    if refused is not None:
        return refused
    if post.author_id == user.pk:
        return Decision(False, _("You cannot mark your own post as helpful."))
    return ALLOW


@rule(SOLUTION_MARK)
def _solution_mark(user: User, post: Post) -> Decision:
    refused = _on_visible_post(user, post)
    if refused is not None:
        return refused
    if post.is_opening:
        return Decision(False, _("Only a reply can be the answer."))
    topic = post.topic
    if topic.author_id == user.pk or moderates(user=user, category=topic.category):
        return ALLOW
    return Decision(False, _("Only the topic's author or a moderator may choose the answer."))


@rule(TOPIC_MODERATE)
def _topic_moderate(user: User, obj: Topic | Category) -> Decision:
    category = obj.category if isinstance(obj, Topic) else obj
    if moderates(user=user, category=category):
        return ALLOW
    return Decision(False, _("Only the category's moderators may do this."))


@rule(MODERATION_QUEUE)
def _moderation_queue(user: User, obj: Any) -> Decision:
    if isinstance(obj, Category):
        return _topic_moderate(user, obj)
    if is_moderator(user):
        return ALLOW
    return Decision(False, _("Only moderators may open the moderation queue."))


@rule(MEMBER_DISCIPLINE)
def _member_discipline(user: User, member: User | None) -> Decision:
    # (Facilitators moderate their e-discussion, not the network's members.)
    if not is_forum_moderator(user):
        return Decision(False, _("Only moderators may warn or suspend members."))
    if member is not None and (member.pk == user.pk or member.is_superuser):
        return Decision(False, _("You cannot warn or suspend this person."))
    return ALLOW


@rule(CATEGORY_WATCH)
def _category_watch(user: User, category: Category) -> Decision:
    if not category_is_readable(user=user, category=category):
        return _unreadable()
    return ALLOW


@rule(TOPIC_WATCH)
def _topic_watch(user: User, topic: Topic) -> Decision:
    if not topic_is_readable(user=user, topic=topic):
        return _unreadable()
    return ALLOW


@rule(REVISIONS_VIEW)
def _revisions_view(user: User, post: Post) -> Decision:
    if not topic_is_readable(user=user, topic=post.topic):
        return _unreadable()
    if post.author_id == user.pk or moderates(user=user, category=post.topic.category):
        return ALLOW
    return Decision(False, _("Only the author and moderators see earlier versions of a post."))


# -- E-discussions ------------------------------------------------------------------------------

EDISCUSSION_CREATE = "ediscussion.create"
EDISCUSSION_FACILITATE = "ediscussion.facilitate"
EDISCUSSION_JOIN = "ediscussion.join"
EDISCUSSION_ENDORSE = "ediscussion.endorse"
# Sending a contribution to the facilitators' tray (an email to a week's address that names no
# single question, or one arriving after the close): whoever takes part and reads it, open or
# closed, since the facilitators decide what becomes of it.
EDISCUSSION_TRAY_SEND = "ediscussion.tray_send"


@rule(EDISCUSSION_CREATE)
def _ediscussion_create(user: User, obj: Any) -> Decision:
    return acting_as(user, Role.COORDINATOR)


@rule(EDISCUSSION_FACILITATE)
def _ediscussion_facilitate(user: User, ediscussion: EDiscussion) -> Decision:
    """Its facilitators, and coordinators (with the second factor) for every e-discussion."""
    facilitator = facilitates(user=user, ediscussion=ediscussion)
    if facilitator:
        return ALLOW
    if not category_is_readable(user=user, category=ediscussion.category):
        return _unreadable()
    as_coordinator = acting_as(user, Role.COORDINATOR)
    if as_coordinator.needs_mfa:
        return as_coordinator
    return Decision(False, _("Only this e-discussion's facilitators may do this."))


def _ediscussion_refusal(user: User, ediscussion: EDiscussion) -> Decision | None:
    """Why ``user`` may not contribute to ``ediscussion`` now (None when they may)."""
    if not ediscussion.is_scheduled:
        return _unreadable()
    if ediscussion.closed_at is not None or ediscussion.ends_at <= timezone.now():
        return Decision(False, _("This e-discussion is closed: it no longer takes contributions."))
    if ediscussion.starts_at > timezone.now():
        return Decision(False, _("This e-discussion has not opened yet."))
    return _ediscussion_outsider(user, ediscussion)


def _ediscussion_outsider(user: User, ediscussion: EDiscussion) -> Decision | None:
    """Why ``user`` does not take part in an invited-only ``ediscussion`` (None when they do:
    invited, joined, facilitating, or it is open to every member)."""
    if facilitates(user=user, ediscussion=ediscussion):
        return None
    if ediscussion.participation == EDiscussion.Participation.INVITED and not (
        Participant.objects.filter(ediscussion=ediscussion, user=user).exists()
    ):
        return Decision(False, _("Only invited participants take part in this e-discussion."))
    return None


@rule(EDISCUSSION_JOIN)
def _ediscussion_join(user: User, ediscussion: EDiscussion) -> Decision:
    if not ediscussions_readable(user=user).filter(pk=ediscussion.pk).exists():
        return _unreadable()
    refused = _not_suspended(user)
    if refused is not None:
        return refused
    refused = _ediscussion_refusal(user, ediscussion)
    return refused if refused is not None else ALLOW


@rule(EDISCUSSION_TRAY_SEND)
def _ediscussion_tray_send(user: User, ediscussion: EDiscussion) -> Decision:
    if not ediscussions_readable(user=user).filter(pk=ediscussion.pk).exists():
        return _unreadable()
    refused = _not_suspended(user)
    if refused is None:
        refused = _ediscussion_outsider(user, ediscussion)
    return refused if refused is not None else ALLOW


@rule(EDISCUSSION_ENDORSE)
def _ediscussion_endorse(user: User, summary: Any) -> Decision:
    ediscussion = summary.ediscussion
    if not ediscussions_readable(user=user).filter(pk=ediscussion.pk).exists():
        return _unreadable()
    if not Participant.objects.filter(ediscussion=ediscussion, user=user).exists():
        return Decision(False, _("Only the e-discussion's participants endorse its summary."))
    if summary.state != "shared" or (
        summary.endorse_until is not None and summary.endorse_until <= timezone.now()
    ):
        return Decision(False, _("The summary is not open for endorsement."))
    return ALLOW


EDISCUSSION_SUMMARY_REVIEW = "ediscussion.summary_review"


@rule(EDISCUSSION_SUMMARY_REVIEW)
def _ediscussion_summary_review(user: User, summary: Any) -> Decision:
    """Reading the consolidated summary before it is published: its facilitators always, the
    participants once it is shared with them (answering is ``EDISCUSSION_ENDORSE``)."""
    ediscussion = summary.ediscussion
    if not ediscussions_readable(user=user).filter(pk=ediscussion.pk).exists():
        return _unreadable()
    if facilitates(user=user, ediscussion=ediscussion):
        return ALLOW
    if not Participant.objects.filter(ediscussion=ediscussion, user=user).exists():
        return Decision(False, _("Only the e-discussion's participants read its summary."))
    if summary.state == "draft":
        return Decision(False, _("The facilitator has not shared the summary yet."))
    return ALLOW
