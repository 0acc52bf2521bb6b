"""A post published while the broker is down is still told, exactly once, by the fan-out's
sweep (network.community.services.notify.fanout_sweep); stale ones are not."""

import importlib
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from network.community import tasks
from network.community.models import CategoryWatch, ModerationAction, Post, Topic
from network.community.services.moderation import post_approve
from network.community.services.notify import fanout_sweep
from notifications.models import Notification
from tests.community import moderation_helpers
from tests.community.notify_helpers import (
    ForumCategoryFactory,
    ForumTopicFactory,
    committer,
    fresh_outbox,
    member,
    reply_create,
    watch_category,
    watch_topic,
)
from tests.factories import ForumPostFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("network.community.migrations.0007_post_notified_at")


@pytest.fixture
def outbox():
    return fresh_outbox()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return committer(django_capture_on_commit_callbacks)


@pytest.fixture
def topic():
    category = ForumCategoryFactory(slug="housing", name_en="Housing", name_es="Vivienda")
    return ForumTopicFactory(category=category, title="Emergency housing in winter")


def broker_down():
    """Enqueueing the fan-out fails as with a broker that does not answer."""
    return mock.patch.object(
        tasks.forum_post_fanout, "delay", side_effect=BrokerError("Connection refused")
    )


def published_ago(post: Post, **delta) -> None:
    Post.objects.filter(pk=post.pk).update(created_at=F("created_at") - timedelta(**delta))


def test_a_reply_written_while_the_broker_is_down_is_told_once_by_the_sweep(
    committed, outbox, topic
):
    spanish, french = member("es"), member("fr")
    for reader in (spanish, french):
        watch_topic(reader, topic)
    joana = member("pt", handle="joana")

    with broker_down():
        post = committed(
            reply_create, author=member(), topic=topic, source="Ask @joana about the shelters."
        ).post
        # The author's reply is saved, nobody is told yet.
        assert Post.objects.filter(pk=post.pk, notified_at__isnull=True).exists()
        assert outbox == [] and not Notification.objects.exists()
        # Its own task may still be on its way: the sweep waits two minutes.
        assert committed(fanout_sweep).enqueued == 0
        published_ago(post, minutes=3)
        # The broker is still down: the post waits for the next sweep.
        assert committed(fanout_sweep).enqueued == 0
        assert Post.objects.filter(pk=post.pk, notified_at__isnull=True).exists()

    assert committed(fanout_sweep).enqueued == 1
    assert committed(fanout_sweep).enqueued == 0
    # Running the fan-out again (a late duplicate message) tells nobody twice.
    committed(tasks.forum_post_fanout.delay, post.pk, ["joana"])

    assert sorted(message.to[0] for message in outbox) == sorted(
        [spanish.email, french.email, joana.email]
    )
    (to_spanish,) = [message for message in outbox if message.to == [spanish.email]]
    assert to_spanish.subject == "Re: [Vivienda] Emergency housing in winter"
    assert Notification.objects.get(recipient=joana).kind == "forum_mention"
    post.refresh_from_db()
    assert post.notified_at is not None


def test_a_post_never_told_for_days_is_marked_without_mailing_anyone(committed, outbox, topic):
    watcher = member()
    watch_topic(watcher, topic)
    with broker_down():
        post = committed(reply_create, author=member(), topic=topic, source="Old news").post
    published_ago(post, days=3)

    result = committed(fanout_sweep)

    assert (result.enqueued, result.expired) == (0, 1)
    assert outbox == [] and not Notification.objects.exists()
    post.refresh_from_db()
    assert post.notified_at is not None


def test_a_post_approved_days_after_it_was_written_counts_from_its_approval(committed, outbox):
    category = ForumCategoryFactory(approve_first_posts=True)
    topic = ForumTopicFactory(category=category)
    watcher = member()
    watch_category(watcher, category, CategoryWatch.Level.EVERY_POST)
    post = reply_create(author=member(), topic=topic, source="My first words here").post
    assert post.state == Post.State.HELD
    published_ago(post, days=4)
    moderator = moderation_helpers.moderator_make()

    with broker_down():
        committed(post_approve, moderator=moderator, post=post)
    outbox.clear()  # the author's "approved" email
    ModerationAction.objects.filter(post=post).update(
        created_at=timezone.now() - timedelta(minutes=3)
    )

    assert committed(fanout_sweep).enqueued == 1
    assert [message.to for message in outbox] == [[watcher.email]]


def test_a_post_in_a_hidden_topic_waits_for_the_topic(committed, outbox, topic):
    watch_topic(member(), topic)
    with broker_down():
        post = committed(reply_create, author=member(), topic=topic, source="Hidden soon").post
    published_ago(post, minutes=3)
    Topic.objects.filter(pk=topic.pk).update(is_hidden=True)

    assert committed(fanout_sweep).enqueued == 0
    assert outbox == []


def test_the_migration_marks_old_posts_told_but_leaves_the_queue_to_its_moderators(
    committed, outbox, topic
):
    watch_topic(member(), topic)
    old = ForumPostFactory(topic=topic, created_at=timezone.now() - timedelta(minutes=30))
    held = ForumPostFactory(topic=topic, state=Post.State.HELD)

    migration.posts_told_before(apps, SimpleNamespace(connection=connection))

    old.refresh_from_db()
    held.refresh_from_db()
    assert old.notified_at == old.created_at
    assert held.notified_at is None
    assert committed(fanout_sweep).enqueued == 0
    assert outbox == []


def test_beat_runs_the_sweep_every_two_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["community-fanout-sweep"]
    assert entry["task"] == tasks.forum_fanout_sweep.name
    assert len(entry["schedule"].minute) == 30
    assert entry["options"]["expires"] < 120


def test_a_mention_added_by_an_edit_while_the_broker_is_down_is_told_once_by_the_sweep(
    committed, outbox, topic
):
    from network.community.services.posting import post_edit

    watcher = member("es")
    watch_topic(watcher, topic)
    author = member()
    post = committed(reply_create, author=author, topic=topic, source="Shelters open at 6.").post
    outbox.clear()
    lucia = member("es", handle="lucia")

    with broker_down():
        committed(post_edit, editor=author, post=post, source="Shelters open at 6, @lucia.")
        assert Post.objects.get(pk=post.pk).mentions_pending_at is not None
        assert committed(fanout_sweep).enqueued == 0  # its own task may still come
        Post.objects.filter(pk=post.pk).update(
            mentions_pending_at=F("mentions_pending_at") - timedelta(minutes=3)
        )
        assert committed(fanout_sweep).enqueued == 0  # still down: it waits
    assert committed(fanout_sweep).enqueued == 1
    assert committed(fanout_sweep).enqueued == 0

    # Lucía is told once, in Spanish; the watcher, told when it was published, is not told again.
    assert [message.to for message in outbox] == [[lucia.email]]
    assert Notification.objects.get(recipient=lucia).kind == "forum_mention"
    assert Post.objects.get(pk=post.pk).mentions_pending_at is None
