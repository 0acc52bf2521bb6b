"""Starting topics and replying (network.community.services.posting)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from network.community.models import Post, Topic, TopicWatch
from network.community.services.posting import reply_create, topic_create
from tests.factories import ForumCategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_topic_and_its_replies_are_numbered_and_counted():
    category = ForumCategoryFactory()
    author, replier = UserFactory(), UserFactory()
    written = topic_create(
        author=author,
        category=category,
        title="Documentation desks for new arrivals",
        source="How do you *organise* the desk?",
    )
    topic = written.post.topic
    assert written.post.number == 1
    assert "<em>organise</em>" in written.post.html
    first = reply_create(author=replier, topic=topic, source="We open at 8.").post
    second = reply_create(author=author, topic=topic, source="Thanks!", reply_to=first).post
    topic.refresh_from_db()
    assert (first.number, second.number) == (2, 3)
    assert (topic.reply_count, topic.last_post_number) == (2, 3)
    assert TopicWatch.objects.filter(topic=topic).count() == 2


def test_nobody_writes_in_a_private_category_they_cannot_read():
    private = ForumCategoryFactory(access="private")
    with pytest.raises(PermissionDenied):
        topic_create(
            author=UserFactory(), category=private, title="A private question", source="Hi"
        )
    assert not Topic.objects.exists()


def test_an_empty_post_or_a_short_title_is_refused_with_a_reason():
    category = ForumCategoryFactory()
    with pytest.raises(ValidationError) as error:
        topic_create(author=UserFactory(), category=category, title="Hi", source="Text")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        topic_create(author=UserFactory(), category=category, title="A fine title", source=" ")
    assert "source" in error.value.message_dict


def test_a_new_members_first_post_waits_where_the_category_says_so():
    category = ForumCategoryFactory(approve_first_posts=True)
    written = topic_create(
        author=UserFactory(), category=category, title="My first question", source="Hello all"
    )
    assert written.post.state == Post.State.HELD
    assert written.post.topic.is_held


def test_members_get_a_handle_from_their_name_and_mentions_find_it():
    lucia = UserFactory(first_name="Lucía", last_name="Fernández")
    namesake = UserFactory(first_name="Lucia", last_name="Fernandez")
    assert lucia.handle == "lucia_fernandez"
    assert namesake.handle == "lucia_fernandez_2"
    from network.community.services.posting import _mention_targets

    targets = _mention_targets(["Lucia_Fernandez", "nobody_here"])
    assert list(targets) == ["Lucia_Fernandez"]
    assert targets["Lucia_Fernandez"].display_name == "Lucía Fernández"
