"""Notifications follow who may read what: emptying a private space's group and moving a topic
to a category some readers cannot read take its notifications from them (on the site, in unsent
emails and digests); those who still read it see where it is now."""

import pytest
from django.contrib.auth.models import Group

from network.community.models import CategoryGrant, CategoryWatch, Topic
from network.community.services.moderation import topic_move
from network.community.services.posting import topic_create
from notifications import tasks as notification_tasks
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
)

pytestmark = pytest.mark.django_db

DAILY = CategoryWatch.Level.DAILY


@pytest.fixture
def outbox():
    return fresh_outbox()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return committer(django_capture_on_commit_callbacks)


def _private(name: str, *groups: Group, **names):
    category = ForumCategoryFactory(access="private", name_en=name, **names)
    for group in groups:
        CategoryGrant.objects.create(category=category, group=group)
    return category


def _titles(user) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=user).values_list("context__topic_title", flat=True)
    )


def test_emptying_a_private_spaces_group_takes_its_notifications_from_its_members(
    committed, outbox
):
    partners, staff = (
        Group.objects.create(name="partners-clear"),
        Group.objects.create(name="staff"),
    )
    private = _private("Partners", partners, staff)
    public = ForumCategoryFactory(access="public")
    author, reader, staffer = member(), member(), member()
    author.groups.add(partners, staff)
    reader.groups.add(partners)
    staffer.groups.add(partners, staff)
    for person in (reader, staffer):
        watch_category(person, private, DAILY)
        watch_category(person, public, DAILY)
    secret = ForumTopicFactory(category=private, title="Partners' budget")
    open_question = ForumTopicFactory(category=public, title="Open question")
    for topic in (secret, open_question):
        committed(reply_create, author=author, topic=topic, source="Figures inside")
    assert _titles(reader) == ["Open question", "Partners' budget"]

    committed(partners.user_set.clear)

    assert _titles(reader) == ["Open question"]
    # Still granted through another group: kept.
    assert _titles(staffer) == ["Open question", "Partners' budget"]
    notification_tasks.digest_send.delay("daily")
    (digest,) = [message for message in outbox if message.to == [reader.email]]
    assert "Open question" in digest.body
    assert "Partners' budget" not in digest.body


def test_moving_a_topic_into_a_private_space_takes_it_from_outsiders(client, committed, outbox):
    partners = Group.objects.create(name="partners-move")
    reception = ForumCategoryFactory(
        access="members", slug="reception", name_en="Reception", name_es="Acogida"
    )
    private = _private("Partners only", partners, name_es="Solo socios")
    moderator = moderation_helpers.moderator_make()
    author, insider, outsider = member(), member("es"), member("es")
    for person in (moderator, author, insider):
        person.groups.add(partners)
    for person in (insider, outsider):
        watch_category(person, reception, DAILY)
    committed(
        topic_create,
        author=author,
        category=reception,
        title="Housing the new families",
        source="Where do we start?",
    )
    assert Notification.objects.filter(recipient__in=[insider, outsider]).count() == 2

    topic = Topic.objects.get(category=reception)
    committed(topic_move, moderator=moderator, topic=topic, category=private)

    assert not Notification.objects.filter(recipient=outsider).exists()
    # The insider's notification, on the site and in the digest, names the new category.
    client.force_login(insider)
    page = client.get("/es/notifications/").content.decode()
    assert "Solo socios" in page and "Acogida" not in page
    notification_tasks.digest_send.delay("daily")
    assert not [message for message in outbox if message.to == [outsider.email]]
    (digest,) = [message for message in outbox if message.to == [insider.email]]
    assert "Solo socios" in digest.body and "Acogida" not in digest.body


def test_moving_a_topic_out_of_a_private_space_keeps_everyones_notifications(committed):
    partners = Group.objects.create(name="partners-out")
    private = _private("Partners only", partners)
    public = ForumCategoryFactory(access="public", name_en="Everyone")
    moderator = moderation_helpers.moderator_make()
    author, insider = member(), member()
    for person in (moderator, author, insider):
        person.groups.add(partners)
    watch_category(insider, private, DAILY)
    committed(topic_create, author=author, category=private, title="Now public", source="Yes")

    committed(
        topic_move, moderator=moderator, topic=Topic.objects.get(category=private), category=public
    )

    (notification,) = Notification.objects.filter(recipient=insider)
    assert notification.context["category_id"] == public.pk
    assert notification.context["category_names"]["en"] == "Everyone"
