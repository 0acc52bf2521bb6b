"""Helpers shared by the forum notification tests."""

from django.core import mail

from network.community.models import CategoryWatch, Post, TopicWatch
from network.community.services.posting import reply_create, topic_create
from network.community.signals import post_published
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory


def fresh_outbox():
    mail.outbox.clear()
    return mail.outbox


def committer(django_capture_on_commit_callbacks):
    """Runs a callable as if its transaction committed: the fan-out task (eager in tests) and
    then the emails run."""

    def _run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return _run


def member(language: str = "en", **fields):
    return UserFactory(preferred_language=language, **fields)


def watch_topic(user, topic, level=TopicWatch.Level.WATCHING):
    return TopicWatch.objects.update_or_create(user=user, topic=topic, defaults={"level": level})[0]


def watch_category(user, category, level):
    return CategoryWatch.objects.update_or_create(
        user=user, category=category, defaults={"level": level}
    )[0]


def publish(post: Post, mentioned=()):
    """What the posting services send for a post that became visible."""
    post_published.send(sender=Post, post=post, mentioned=tuple(mentioned))


__all__ = [
    "ForumCategoryFactory",
    "ForumTopicFactory",
    "member",
    "publish",
    "reply_create",
    "topic_create",
    "watch_category",
    "watch_topic",
]
