"""Taking a post out of view, the same whoever does it: its author deleting it (``posting``), a
moderator hiding it or members' flags (``moderation``). Its text stays for moderators, who may
restore it."""

from django.utils import timezone

from network.models import User

from .. import signals
from ..models import Post
from .counters import topic_counters_refresh


def post_hidden_set(*, post: Post, by: User | None, reason: str) -> None:
    """Hide ``post`` (locked by the caller, with its topic) for ``reason``: an opening post hides
    its topic, a post that was the topic's answer no longer is, the topic is counted again, and
    what follows posts (search, notifications) is told."""
    was_published = post.state == Post.State.PUBLISHED
    post.state = Post.State.HIDDEN
    post.hidden_at = timezone.now()
    post.hidden_by = by
    post.hidden_reason = reason[:300]
    post.save(update_fields=["state", "hidden_at", "hidden_by", "hidden_reason"])
    topic = post.topic
    topic_fields = []
    if topic.solution_id == post.pk:
        topic.solution = None
        topic_fields.append("solution")
    if post.is_opening and not topic.is_hidden:
        topic.is_hidden = True
        topic_fields.append("is_hidden")
    if topic_fields:
        topic.save(update_fields=topic_fields)
    topic_counters_refresh(topic=topic)
    if was_published:
        signals.post_hidden.send(sender=Post, post=post)
    if post.is_opening:
        signals.topic_changed.send(sender=Post, post=post)
