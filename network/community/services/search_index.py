"""Keeping the forum's search index (``PostSearchEntry``) in step with the posts.

A published post has an entry holding its text (and, for an opening post, its topic's title,
weighing more) in its language's configuration; a held or hidden post has none. The receivers
below follow the forum's signals, which the services send inside their transaction, so an entry
changes in the same transaction as its post. Who may find an entry is not stored here: search
applies ``visibility.posts_listed_q`` to the post, its topic and its category when it runs, so a
topic moved to a private category or hidden disappears from search at once; ``topic_changed``
re-reads the opening post, the one entry that carries the topic's title.
"""

import html

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value
from django.dispatch import receiver
from django.utils.html import strip_tags

from network.search_text import search_config_for

from .. import signals
from ..models import Post, PostSearchEntry, Topic

# SQLite: the FTS5 table created by migration community 0002 (heading, body; rowid: post id).
SEARCH_TEXT_TABLE = "community_post_search_text"


def post_plain_text(*, post: Post) -> str:
    """The words of a post as a reader sees them: its rendered HTML without tags or entities."""
    return " ".join(html.unescape(strip_tags(post.html or "")).split())


def post_search_index(*, post: Post) -> None:
    """Write the entry of ``post`` from its current text, language and topic title if it is
    published; forget it otherwise."""
    if post.state != Post.State.PUBLISHED:
        post_search_forget(post_ids=[post.pk])
        return
    heading = post.topic.title if post.number == 1 else ""
    body = post_plain_text(post=post)
    config = search_config_for(post.language)
    with transaction.atomic():
        PostSearchEntry.objects.update_or_create(post_id=post.pk, defaults={"config": config})
        if connection.vendor == "postgresql":
            PostSearchEntry.objects.filter(post_id=post.pk).update(
                search_vector=SearchVector(Value(heading), config=config, weight="A")
                + SearchVector(Value(body), config=config, weight="B")
            )
        elif connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {SEARCH_TEXT_TABLE} WHERE rowid = %s", [post.pk])  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {SEARCH_TEXT_TABLE} (rowid, heading, body) VALUES (%s, %s, %s)",  # noqa: S608
                    [post.pk, heading, body],
                )


def post_search_forget(*, post_ids: list[int]) -> None:
    """Forget the entries of ``post_ids`` (held, hidden or deleted posts)."""
    PostSearchEntry.objects.filter(post_id__in=post_ids).delete()
    if connection.vendor == "sqlite" and post_ids:
        marks = ", ".join(["%s"] * len(post_ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SEARCH_TEXT_TABLE} WHERE rowid IN ({marks})", post_ids)  # noqa: S608


def topic_search_index(*, topic: Topic) -> None:
    """After a topic changed (title, category, hidden or restored): write its opening post's
    entry again (it carries the title) and forget the entries of its posts that are no longer
    published."""
    with transaction.atomic():
        gone = list(
            topic.posts.exclude(state=Post.State.PUBLISHED)
            .filter(search_entry__isnull=False)
            .values_list("pk", flat=True)
        )
        post_search_forget(post_ids=gone)
        opening = topic.posts.filter(number=1).select_related("topic").first()
        if opening is not None:
            post_search_index(post=opening)


def forum_search_rebuild() -> int:
    """Rebuild every entry from the posts (after an import, or to repair); returns the number
    of published posts indexed."""
    count = 0
    with transaction.atomic():
        PostSearchEntry.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {SEARCH_TEXT_TABLE}")  # noqa: S608
        published = Post.objects.filter(state=Post.State.PUBLISHED).select_related("topic")
        for post in published.order_by("pk").iterator(chunk_size=500):
            post_search_index(post=post)
            count += 1
    return count


# -- Receivers of the forum's signals (sent inside the writing service's transaction) ----------
@receiver(signals.post_published, dispatch_uid="community_search_post_published")
@receiver(signals.post_edited, dispatch_uid="community_search_post_edited")
@receiver(signals.post_restored, dispatch_uid="community_search_post_restored")
@receiver(signals.post_hidden, dispatch_uid="community_search_post_hidden")
def _post_changed(sender, post: Post, **kwargs) -> None:
    post_search_index(post=post)


@receiver(signals.topic_changed, dispatch_uid="community_search_topic_changed")
def _topic_changed(sender, post: Post, **kwargs) -> None:
    topic_search_index(topic=post.topic)
