"""Forum items in digests: grouped by topic, the most active topic first; never empty."""

import datetime
from unittest import mock

import pytest

from notifications import tasks as notification_tasks
from notifications.models import EmailDelivery, Notification
from tests.community.notify_helpers import (
    ForumCategoryFactory,
    ForumTopicFactory,
    committer,
    fresh_outbox,
    member,
    reply_create,
    watch_category,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox():
    return fresh_outbox()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return committer(django_capture_on_commit_callbacks)


def test_the_daily_digest_leads_with_the_most_active_topic(committed, outbox):
    category = ForumCategoryFactory(name_es="Empleo")
    quiet = ForumTopicFactory(category=category, title="A quiet question")
    busy = ForumTopicFactory(category=category, title="A busy conversation")
    reader = member("es")
    watch_category(reader, category, "daily")
    author = member()
    committed(reply_create, author=author, topic=quiet, source="Only reply here")
    for n in range(3):
        committed(reply_create, author=author, topic=busy, source=f"Busy reply number {n}\nmore")
    assert outbox == []

    notification_tasks.digest_send.delay("daily")

    (digest,) = outbox
    body = digest.body
    assert body.index("A busy conversation") < body.index("A quiet question")
    assert "== A busy conversation (3 nuevas) ==" in body
    assert "== A quiet question (1 nueva) ==" in body
    # The newest posts first, with their first words.
    assert body.index("Busy reply number 2 more") < body.index("Busy reply number 1 more")
    assert "Only reply here" in body
    html = digest.alternatives[0][0]
    assert html.index("A busy conversation") < html.index("A quiet question")


def test_a_weekly_watcher_waits_for_the_weekly_digest_and_nothing_empty_is_sent(committed, outbox):
    topic = ForumTopicFactory()
    weekly = member()
    watch_category(weekly, topic.category, "weekly")
    committed(reply_create, author=member(), topic=topic, source="See you next week")

    notification_tasks.digest_send.delay("daily")
    assert outbox == []

    notification_tasks.digest_send.delay("weekly")
    assert [message.to for message in outbox] == [[weekly.email]]

    outbox.clear()
    next_week = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=7)
    with mock.patch("django.utils.timezone.now", return_value=next_week):
        notification_tasks.digest_send.delay("weekly")
    assert outbox == []
    assert EmailDelivery.objects.filter(kind=EmailDelivery.Kind.DIGEST).count() == 1


def test_who_loses_a_private_spaces_grant_before_the_digest_gets_none_of_it(committed, outbox):
    from django.contrib.auth.models import Group

    from network.community.models import CategoryGrant

    partners = Group.objects.create(name="partners-digest")
    private = ForumCategoryFactory(access="private")
    CategoryGrant.objects.create(category=private, group=partners)
    public = ForumCategoryFactory(access="public")
    reader, author = member(), member()
    for person in (reader, author):
        person.groups.add(partners)
    watch_category(reader, private, "daily")
    watch_category(reader, public, "daily")
    secret = ForumTopicFactory(category=private, author=author, title="Partners' budget")
    committed(reply_create, author=author, topic=secret, source="Confidential figures")
    assert Notification.objects.filter(recipient=reader).exists()
    reader.groups.remove(partners)
    # Gone from their notifications on the site too: the private title is nowhere.
    assert not Notification.objects.filter(recipient=reader).exists()

    notification_tasks.digest_send.delay("daily")
    assert outbox == []
    assert not EmailDelivery.objects.exists()

    open_topic = ForumTopicFactory(category=public, title="Open question")
    committed(reply_create, author=author, topic=open_topic, source="Anyone?")
    tomorrow = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        notification_tasks.digest_send.delay("daily")
    (digest,) = outbox
    assert "Open question" in digest.body
    assert "Partners' budget" not in digest.body and "Confidential" not in digest.body


def test_muting_a_category_before_the_digest_leaves_its_posts_out(committed, outbox):
    topic = ForumTopicFactory()
    reader = member()
    watch_category(reader, topic.category, "daily")
    committed(reply_create, author=member(), topic=topic, source="Before the mute")
    watch_category(reader, topic.category, "mute")

    notification_tasks.digest_send.delay("daily")

    assert outbox == []


def test_a_grant_withdrawn_or_a_category_made_private_forgets_its_notifications(committed):
    from django.contrib.auth.models import Group

    from network.community.models import CategoryGrant

    partners = Group.objects.create(name="partners-forget")
    private = ForumCategoryFactory(access="private")
    grant = CategoryGrant.objects.create(category=private, group=partners)
    insider, author = member(), member()
    for person in (insider, author):
        person.groups.add(partners)
    watch_category(insider, private, "in_app")
    topic = ForumTopicFactory(category=private, author=author)
    committed(reply_create, author=author, topic=topic, source="Inside")
    assert Notification.objects.filter(recipient=insider).count() == 1

    grant.can_see = False
    grant.save()
    assert not Notification.objects.filter(recipient=insider).exists()

    members_only = ForumCategoryFactory()
    watcher = member()
    watch_category(watcher, members_only, "in_app")
    open_topic = ForumTopicFactory(category=members_only, author=author)
    committed(reply_create, author=author, topic=open_topic, source="Open")
    assert Notification.objects.filter(recipient=watcher).count() == 1
    members_only.access = "private"
    members_only.save()
    assert not Notification.objects.filter(recipient=watcher).exists()
