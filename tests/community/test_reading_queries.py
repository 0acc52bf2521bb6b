"""The forum's reading pages cost the same number of queries whatever their size, and a topic
page of 20 posts stays light."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.community.models import Category, Post, Reaction, Topic
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db

REPLY_HTML = (
    "<p>We opened a one-stop desk with the registry office and a legal clinic; "
    "people wait less than an hour now.</p>"
)


def _queries(client, url: str) -> int:
    """The queries of a request for ``url`` once a first request warmed per-process caches
    and created what a first visit creates (the reader's TopicRead row)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _replies_add(topic: Topic, count: int, *, authors: list) -> None:
    start = topic.last_post_number + 1
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(
            topic=topic,
            number=number,
            author=authors[number % len(authors)],
            source="We opened a one-stop desk.",
            html=REPLY_HTML,
            language="es" if number % 3 else "en",
            created_at=now,
            edited_at=now if number % 5 == 0 else None,
        )
        for number in range(start, start + count)
    )
    Reaction.objects.bulk_create(
        Reaction(post=post, user=authors[0]) for post in posts if post.number % 4 == 0
    )
    Topic.objects.filter(pk=topic.pk).update(
        last_post_number=start + count - 1,
        reply_count=F("reply_count") + count,
        last_post_at=now,
    )
    topic.refresh_from_db()


def _topics_add(category: Category, count: int, *, author) -> None:
    now = timezone.now()
    Topic.objects.bulk_create(
        Topic(
            category=category,
            title=f"Shelter capacity question {number}",
            slug=f"shelter-{number}",
            author=author,
            last_post_number=1,
            last_post_at=now,
            is_pinned=number == 0,
            is_closed=number % 7 == 0,
        )
        for number in range(count)
    )


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_topic_page_costs_the_same_with_20_and_200_replies(client, who):
    category = ForumCategoryFactory(access="public")
    topic = ForumTopicFactory(category=category)
    authors = [UserFactory() for _ in range(4)]
    if who == "member":
        client.force_login(UserFactory())
    url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    _replies_add(topic, 20, authors=authors)
    small = _queries(client, url)
    _replies_add(topic, 180, authors=authors)
    assert _queries(client, url) == small
    # ... and the same on the last page as on the first.
    assert _queries(client, f"{url}?page=11") == small


def test_the_topic_page_asserts_its_query_count(client, django_assert_num_queries):
    category = ForumCategoryFactory(access="members")
    topic = ForumTopicFactory(category=category)
    client.force_login(UserFactory())
    url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    _replies_add(topic, 20, authors=[UserFactory()])
    small = _queries(client, url)
    _replies_add(topic, 180, authors=[UserFactory()])
    with django_assert_num_queries(small):
        client.get(url)
    with django_assert_num_queries(small):
        client.get(url, {"page": 11})


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_category_page_costs_the_same_with_50_and_500_topics(client, who):
    category = ForumCategoryFactory(access="public")
    author = UserFactory()
    if who == "member":
        client.force_login(UserFactory())
    url = reverse("community:category", args=[category.slug])
    _topics_add(category, 50, author=author)
    for topic in Topic.objects.filter(category=category)[:5]:
        topic.tags.add("shelters", "health")
    small = _queries(client, url)
    _topics_add(category, 450, author=author)
    assert _queries(client, url) == small
    assert _queries(client, f"{url}?page=17") == small


def test_the_lists_cost_the_same_with_50_and_500_topics(client, django_assert_num_queries):
    category = ForumCategoryFactory(access="members")
    author = UserFactory()
    client.force_login(UserFactory())
    _topics_add(category, 50, author=author)
    urls = [reverse(f"community:{name}") for name in ("latest", "top", "unanswered")]
    small = {url: _queries(client, url) for url in urls}
    _topics_add(category, 450, author=author)
    for url in urls:
        with django_assert_num_queries(small[url]):
            client.get(url)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_home_page_costs_the_same_with_3_and_15_categories(client, who):
    def categories_add(first: int, count: int) -> None:
        Category.objects.bulk_create(
            Category(
                slug=f"cat-{number}",
                name_en=f"Category {number}",
                access="public" if number % 2 else "members",
                theme="health",
                position=number,
            )
            for number in range(first, first + count)
        )
        for category in Category.objects.filter(slug__in=[f"cat-{first}", f"cat-{first + 1}"]):
            _topics_add(category, 3, author=author)

    author = UserFactory()
    if who == "member":
        client.force_login(UserFactory())
    url = reverse("community:index")
    categories_add(0, 3)
    small = _queries(client, url)
    categories_add(3, 12)
    assert _queries(client, url) == small


def test_a_topic_page_of_20_posts_is_under_60_kb(client):
    category = ForumCategoryFactory(access="public")
    topic = ForumTopicFactory(category=category)
    member = UserFactory()
    _replies_add(topic, 19, authors=[UserFactory(), UserFactory()])
    client.force_login(member)
    response = client.get(
        reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    )
    assert response.content.count(b'<article class="forum-post') == 20
    assert len(response.content) < 60 * 1024, len(response.content)
