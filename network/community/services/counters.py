"""A topic's counters (published replies, date of its last published post), kept on the topic
so that lists never count posts. Shared by writing (``posting``), hiding (``hiding``) and
moderating (``moderation``)."""

from django.db.models import Count, Max, Q

from ..models import Post, Topic


def topic_counters_refresh(*, topic: Topic) -> None:
    """Count a topic's published replies and date its last published post again, after a post
    stopped or started being visible (deleted, hidden, restored, approved)."""
    published = Post.objects.filter(topic_id=topic.pk, state=Post.State.PUBLISHED).aggregate(
        replies=Count("pk", filter=Q(number__gt=1)), last=Max("created_at")
    )
    topic.reply_count = published["replies"]
    topic.last_post_at = published["last"] or topic.created_at
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=topic.reply_count, last_post_at=topic.last_post_at
    )
