"""The watching page and the watch controls of category and topic pages."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.community.models import CategoryGrant, CategoryWatch, TopicWatch
from network.community.selectors.watching import category_watch_level, topic_watch_level
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client):
    user = UserFactory(preferred_language="es")
    client.force_login(user)
    client.user = user
    return client


def test_the_category_control_saves_the_level_and_returns_to_the_page(member_client):
    category = ForumCategoryFactory()
    back = reverse("community:category", kwargs={"slug": category.slug}) + "?page=2"

    response = member_client.post(
        reverse("community:category_watch", kwargs={"slug": category.slug}),
        {"level": "weekly", "next": back},
    )

    assert response.status_code == 302 and response["Location"] == back
    assert category_watch_level(user=member_client.user, category=category) == "weekly"
    member_client.post(
        reverse("community:category_watch", kwargs={"slug": category.slug}), {"level": ""}
    )
    assert not CategoryWatch.objects.exists()


def test_a_level_nobody_offers_is_refused_with_a_message(member_client):
    category = ForumCategoryFactory()
    response = member_client.post(
        reverse("community:category_watch", kwargs={"slug": category.slug}),
        {"level": "hourly", "next": "https://evil.example/"},
        follow=False,
    )
    assert response["Location"] == reverse("community:category", kwargs={"slug": category.slug})
    assert not CategoryWatch.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Choose one of the levels offered."]


def test_watching_a_private_category_without_its_grant_is_a_404(member_client):
    private = ForumCategoryFactory(access="private")
    response = member_client.post(
        reverse("community:category_watch", kwargs={"slug": private.slug}), {"level": "daily"}
    )
    assert response.status_code == 404
    assert not CategoryWatch.objects.exists()


def test_the_topic_control_watches_mutes_and_resets(member_client):
    topic = ForumTopicFactory()
    url = reverse("community:topic_watch", kwargs={"topic_id": topic.pk})
    member_client.post(url, {"level": "muted"})
    assert topic_watch_level(user=member_client.user, topic=topic) == "muted"
    member_client.post(url, {"level": "watching"})
    assert TopicWatch.objects.get().reason == TopicWatch.Reason.CHOSEN
    member_client.post(url, {"level": ""})
    assert not TopicWatch.objects.exists()


def _page_queries(client, categories: int, topics: int) -> int:
    for n in range(categories):
        ForumCategoryFactory(slug=f"size-{categories}-{n}")
    for _n in range(topics):
        TopicWatch.objects.create(user=client.user, topic=ForumTopicFactory())
    client.get(reverse("community:watching"))  # warm: the site's own first-request lookups
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("community:watching"))
    assert response.status_code == 200
    return len(queries)


def test_the_watching_page_costs_the_same_for_few_and_many(member_client):
    few = _page_queries(member_client, 2, 2)
    many = _page_queries(member_client, 20, 20)
    assert few == many


def test_the_watching_page_lists_readable_categories_and_saves_them_at_once(member_client):
    partners = Group.objects.create(name="partners-watching")
    hidden = ForumCategoryFactory(access="private", name_en="Partners only", name_es="Socios")
    CategoryGrant.objects.create(category=hidden, group=partners)
    first = ForumCategoryFactory(name_en="Reception")
    second = ForumCategoryFactory(name_en="Employment")
    watch = TopicWatch.objects.create(
        user=member_client.user, topic=ForumTopicFactory(title="Night shelters")
    )

    page = member_client.get(reverse("community:watching")).content.decode()
    assert "Reception" in page and "Employment" in page and "Night shelters" in page
    assert "Partners only" not in page and f"category-{hidden.pk}" not in page

    response = member_client.post(
        reverse("community:watching"),
        {
            f"category-{first.pk}": "every_post",
            f"category-{second.pk}": "mute",
            f"category-{hidden.pk}": "every_post",
        },
    )
    assert response.status_code == 302
    assert dict(
        CategoryWatch.objects.filter(user=member_client.user).values_list("category", "level")
    ) == {first.pk: "every_post", second.pk: "mute"}

    member_client.post(
        reverse("community:topic_watch", kwargs={"topic_id": watch.topic_id}), {"level": ""}
    )
    assert not TopicWatch.objects.filter(pk=watch.pk).exists()


def test_the_controls_include_shows_the_current_level(member_client):
    topic = ForumTopicFactory()
    request = RequestFactory().get("/en/community/")
    request.user = member_client.user
    html = render_to_string(
        "community/includes/watching_controls.html",
        {"topic": topic, "level": "muted", "user": member_client.user},
        request=request,
    )
    assert '<option value="muted" selected>' in html
    assert reverse("community:topic_watch", kwargs={"topic_id": topic.pk}) in html
    html = render_to_string(
        "community/includes/watching_controls.html",
        {"category": topic.category, "level": "daily", "user": member_client.user},
        request=request,
    )
    assert '<option value="daily" selected>' in html
    assert 'name="next" value="/en/community/"' in html
