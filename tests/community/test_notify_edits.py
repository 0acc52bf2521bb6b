"""Members a post's edit mentions for the first time are told, once, in their language, through
the same fan-out task; nobody else hears of the edit."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from network.community.models import CategoryGrant
from network.community.services.posting import post_edit
from notifications.models import Notification
from tests.community.notify_helpers import (
    ForumCategoryFactory,
    ForumTopicFactory,
    committer,
    fresh_outbox,
    member,
    reply_create,
    watch_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox():
    return fresh_outbox()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return committer(django_capture_on_commit_callbacks)


@pytest.fixture
def topic():
    category = ForumCategoryFactory(slug="schools", name_en="Schools", name_fr="Écoles")
    return ForumTopicFactory(category=category, title="Enrolling children mid-year")


@pytest.fixture
def author():
    return member(first_name="Ana", last_name="Silva")


def _told(kind="forum_mention"):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__handle", flat=True)
    )


def test_an_edit_tells_only_the_members_it_newly_mentions_in_their_language(
    committed, outbox, topic, author
):
    watcher = member()
    watch_topic(watcher, topic)
    lucia = member("es", handle="lucia")
    camille = member("fr", handle="camille", first_name="Camille")
    post = committed(reply_create, author=author, topic=topic, source="Thanks @lucia!").post
    assert _told() == ["lucia"]
    outbox.clear()

    committed(
        post_edit, editor=author, post=post, source="Thanks @lucia! And @camille knows the form."
    )

    (message,) = outbox
    assert message.to == [camille.email]
    assert message.subject == "Re: [Écoles] Enrolling children mid-year"
    assert "Ana Silva vous a mentionné dans" in message.body
    assert "@camille knows the form" in message.body
    assert _told() == ["camille", "lucia"]
    # The watcher heard of the reply once, when it was published.
    assert Notification.objects.filter(recipient=watcher).count() == 1
    assert lucia.notifications.count() == 1


def test_an_edit_keeping_the_same_mentions_tells_nobody(committed, outbox, topic, author):
    member("es", handle="lucia")
    post = committed(reply_create, author=author, topic=topic, source="Ask @lucia.").post
    outbox.clear()

    post = committed(post_edit, editor=author, post=post, source="Please ask @lucia.")
    # Taken out, then written again: she was told already.
    post = committed(post_edit, editor=author, post=post, source="Please ask someone.")
    committed(post_edit, editor=author, post=post, source="Please ask @Lucia again.")

    assert outbox == []
    assert _told() == ["lucia"]


def test_an_edit_in_a_private_space_mentions_nobody_outside_it(committed, outbox, author):
    partners = Group.objects.create(name="partners-edit")
    private = ForumCategoryFactory(access="private")
    CategoryGrant.objects.create(category=private, group=partners)
    insider = member(handle="insider")
    member(handle="outsider")
    for person in (author, insider):
        person.groups.add(partners)
    topic = ForumTopicFactory(category=private, author=author)
    post = committed(reply_create, author=author, topic=topic, source="Budget figures").post

    committed(post_edit, editor=author, post=post, source="Budget figures, @insider and @outsider")

    assert _told() == ["insider"]
    assert [message.to for message in outbox] == [[insider.email]]


def test_swapping_names_edit_after_edit_stops_at_the_mentions_limit(
    committed, outbox, topic, author, settings
):
    settings.FORUM_LIMIT_MENTIONS_PER_POST = 2
    settings.FORUM_LIMIT_NEW_MENTIONS_PER_POST = 2
    for handle in ("uno", "dos", "tres"):
        member(handle=handle)
    post = committed(reply_create, author=author, topic=topic, source="@uno @dos").post
    outbox.clear()

    with pytest.raises(ValidationError) as error:
        committed(post_edit, editor=author, post=post, source="@tres, what do you think?")

    assert error.value.message_dict["source"] == [
        "This post has already told 2 members they were mentioned, and a post may tell at most "
        "2, edits included. Remove the @ before the names you added."
    ]
    assert outbox == []
    assert _told() == ["dos", "uno"]
    post.refresh_from_db()
    assert post.source == "@uno @dos"
    # Keeping one of those already told is within the limit.
    committed(post_edit, editor=author, post=post, source="@uno, what do you think?")
    assert outbox == []
