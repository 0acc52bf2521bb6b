"""What members say about posts without writing: "helpful", and the answer to a question."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from network.models import User
from network.permissions import decide

from .. import permissions, signals
from ..models import Post, Reaction, Topic


def _refuse_unless(user: User, action: str, obj) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


@transaction.atomic
def helpful_toggle(*, user: User, post: Post) -> bool:
    """Mark ``post`` helpful for ``user``, or take the mark back; returns whether it is marked
    now. ``helpful_count`` moves by exactly the rows created or deleted, so two clicks at once
    never count twice."""
    _refuse_unless(user, permissions.POST_REACT, post)
    deleted, _rows = Reaction.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk, helpful_count__gte=deleted).update(
            helpful_count=F("helpful_count") - deleted
        )
        return False
    _reaction, created = Reaction.objects.get_or_create(post=post, user=user)
    if created:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    return True


@transaction.atomic
def solution_toggle(*, user: User, post: Post) -> bool:
    """Make ``post`` (a reply) its topic's answer, or, when it already is, unmark it; returns
    whether it is the answer now. The topic's author and its category's moderators decide."""
    _refuse_unless(user, permissions.SOLUTION_MARK, post)
    topic = Topic.objects.select_for_update().get(pk=post.topic_id)
    marked = topic.solution_id != post.pk
    topic.solution = post if marked else None
    topic.save(update_fields=["solution"])
    opening = Post.objects.filter(topic=topic, number=1).first()
    if opening is not None:
        signals.topic_changed.send(sender=Post, post=opening)
    return marked
