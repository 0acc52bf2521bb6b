""" "New since your last visit": markers on a topic's posts, the reader's place advancing, and
the unread counts of the home page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.community.models import Post, Topic, TopicRead
from network.community.selectors.reading import UNREAD_DAYS, topic_read_advance, unread_counts
from tests.factories import ForumCategoryFactory, ForumPostFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(topic) -> str:
    return reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})


def _read(user, topic) -> int | None:
    return (
        TopicRead.objects.filter(user=user, topic=topic)
        .values_list("last_read_number", flat=True)
        .first()
    )


def test_posts_since_the_last_visit_are_marked_new_with_an_anchor(client):
    topic = ForumTopicFactory(category=ForumCategoryFactory())
    for _ in range(3):
        ForumPostFactory(topic=topic)
    reader = UserFactory()
    TopicRead.objects.create(user=reader, topic=topic, last_read_number=2)
    client.force_login(reader)
    page = client.get(_url(topic)).content.decode()
    assert page.count('<article class="forum-post forum-post--new"') == 2
    assert '<span id="new"></span>' in page
    assert page.index('id="post-2"') < page.index('id="new"') < page.index('id="post-3"')
    assert 'href="#new"' in page
    # Having read them, nothing is new on the next visit.
    page = client.get(_url(topic)).content.decode()
    assert "forum-post--new" not in page
    assert 'id="new"' not in page and 'href="#new"' not in page


def test_reading_a_page_advances_to_its_last_post_and_never_back(client, settings):
    settings.FORUM_POSTS_PER_PAGE = 5
    topic = ForumTopicFactory(category=ForumCategoryFactory())
    for _ in range(11):
        ForumPostFactory(topic=topic)
    reader = UserFactory()
    client.force_login(reader)
    client.get(_url(topic))
    assert _read(reader, topic) == 5
    client.get(_url(topic), {"page": 2})
    assert _read(reader, topic) == 10
    client.get(_url(topic))
    assert _read(reader, topic) == 10


def test_the_last_page_reads_past_posts_the_reader_cannot_see(client):
    topic = ForumTopicFactory(category=ForumCategoryFactory())
    ForumPostFactory(topic=topic)
    ForumPostFactory(topic=topic, state=Post.State.HELD)
    reader = UserFactory()
    client.force_login(reader)
    client.get(_url(topic))
    assert _read(reader, topic) == 3
    assert unread_counts(user=reader) == {}


def test_anonymous_visitors_leave_no_trace(client):
    topic = ForumTopicFactory(category=ForumCategoryFactory(access="public"))
    page = client.get(_url(topic)).content.decode()
    assert "forum-post--new" not in page
    assert not TopicRead.objects.exists()


def test_the_advance_is_one_statement(django_assert_num_queries):
    topic = ForumTopicFactory(category=ForumCategoryFactory())
    reader = UserFactory()
    with django_assert_num_queries(1):
        topic_read_advance(user=reader, topic=topic, number=4)
    with django_assert_num_queries(1):
        topic_read_advance(user=reader, topic=topic, number=2)
    assert _read(reader, topic) == 4


def test_unread_counts_per_category(client):
    reception, health = ForumCategoryFactory(), ForumCategoryFactory()
    private = ForumCategoryFactory(access="private")
    reader = UserFactory()
    never_opened = ForumTopicFactory(category=reception)
    read_then_replied = ForumTopicFactory(category=reception)
    fully_read = ForumTopicFactory(category=health)
    too_old = ForumTopicFactory(category=health)
    ForumTopicFactory(category=private)
    ForumTopicFactory(category=health, is_hidden=True)
    TopicRead.objects.create(user=reader, topic=read_then_replied, last_read_number=1)
    ForumPostFactory(topic=read_then_replied)
    TopicRead.objects.create(user=reader, topic=fully_read, last_read_number=1)
    Topic.objects.filter(pk=too_old.pk).update(
        last_post_at=timezone.now() - timedelta(days=UNREAD_DAYS + 1)
    )
    assert never_opened.pk
    assert unread_counts(user=reader) == {reception.pk: 2}
    assert unread_counts(user=None) == {}

    client.force_login(reader)
    page = client.get(reverse("community:index")).content.decode()
    assert '<span class="badge">2 unread</span>' in page
    assert page.count("unread</span>") == 1


def test_topic_rows_say_what_is_new_to_a_member(client):
    category = ForumCategoryFactory()
    opened = ForumTopicFactory(category=category, title="A topic I opened before")
    ForumTopicFactory(category=category, title="A topic I never opened")
    reader = UserFactory()
    TopicRead.objects.create(user=reader, topic=opened, last_read_number=1)
    ForumPostFactory(topic=opened)
    ForumPostFactory(topic=opened)
    client.force_login(reader)
    page = client.get(reverse("community:category", args=[category.slug])).content.decode()
    assert '<span class="badge">2 new</span>' in page
    assert '<span class="badge">new</span>' in page
