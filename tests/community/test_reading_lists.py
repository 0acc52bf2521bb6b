"""The latest, top and unanswered lists, their filters, the public categories' feeds and the
topic cards."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from network.community.models import CategoryGrant, Post, Reaction, Topic
from network.community.selectors.reading import topic_card_for_url
from network.roles import Role
from tests.factories import ForumCategoryFactory, ForumPostFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    public = ForumCategoryFactory(slug="public", access="public")
    members = ForumCategoryFactory(slug="members", access="members")
    private = ForumCategoryFactory(slug="private", access="private")
    CategoryGrant.objects.create(
        category=private, group=Group.objects.get_or_create(name=Role.PARTNER)[0]
    )
    made = {
        "open_en": ForumTopicFactory(category=public, title="Open question in English"),
        "open_es": ForumTopicFactory(category=members, title="Pregunta abierta", language="es"),
        "answered": ForumTopicFactory(category=public, title="Answered question here"),
        "closed": ForumTopicFactory(category=public, title="Closed question here", is_closed=True),
        "archived": ForumTopicFactory(
            category=public, title="Archived question here", is_archived=True
        ),
        "private": ForumTopicFactory(category=private, title="Private partner question"),
        "hidden": ForumTopicFactory(category=public, title="Hidden question here", is_hidden=True),
    }
    ForumPostFactory(topic=made["answered"])
    return made


def _titles(client, name: str, **query) -> list[str]:
    response = client.get(reverse(f"community:{name}"), query)
    assert response.status_code == 200
    page = response.content.decode()
    return [
        title
        for title in (
            "Open question in English",
            "Pregunta abierta",
            "Answered question here",
            "Closed question here",
            "Archived question here",
            "Private partner question",
            "Hidden question here",
        )
        if title in page
    ]


def test_latest_lists_readable_topics_except_archived_by_activity(client, topics):
    assert _titles(client, "latest") == [
        "Open question in English",
        "Answered question here",
        "Closed question here",
    ]
    client.force_login(UserFactory())
    titles = _titles(client, "latest")
    assert "Pregunta abierta" in titles and "Private partner question" not in titles
    page = client.get(reverse("community:latest")).content.decode()
    assert page.index("Answered question here") < page.index("Closed question here")


def test_unanswered_lists_topics_without_replies_that_take_one(client, topics):
    client.force_login(UserFactory())
    assert _titles(client, "unanswered") == ["Open question in English", "Pregunta abierta"]


def test_lists_filter_by_category_and_language(client, topics):
    client.force_login(UserFactory())
    assert _titles(client, "latest", category="members") == ["Pregunta abierta"]
    assert _titles(client, "latest", language="es") == ["Pregunta abierta"]
    assert _titles(client, "unanswered", category="public", language="en") == [
        "Open question in English"
    ]
    # A category the reader may not read filters nothing and reveals nothing.
    assert "Private partner question" not in _titles(client, "latest", category="private")
    assert "Pregunta abierta" in _titles(client, "latest", language="xx")


def test_filters_are_kept_in_the_page_links(client, topics, settings):
    settings.FORUM_TOPICS_PER_PAGE = 1
    ForumTopicFactory(category=topics["open_en"].category, title="Another public one")
    page = client.get(reverse("community:latest"), {"category": "public"}).content.decode()
    assert 'href="?category=public&amp;page=2"' in page
    assert '<option value="public" selected>' in page


def test_top_ranks_replies_and_helpful_marks_of_the_last_30_days(client, topics):
    busy = topics["open_en"]
    helpful = topics["answered"]
    for _ in range(2):
        ForumPostFactory(topic=busy)
    liked = helpful.posts.get(number=2)
    for _ in range(3):
        Reaction.objects.create(post=liked, user=UserFactory())
    old = ForumTopicFactory(category=busy.category, title="Old busy question")
    for _ in range(5):
        ForumPostFactory(topic=old, created_at=timezone.now() - timedelta(days=40))
    Post.objects.filter(topic=old).update(created_at=timezone.now() - timedelta(days=40))
    page = client.get(reverse("community:top")).content.decode()
    # answered: 1 reply + 3 helpful = 4; open_en: 2 replies.
    assert page.index("Answered question here") < page.index("Open question in English")
    assert "Old busy question" not in page
    assert "Closed question here" not in page  # no activity at all


def test_feeds_are_valid_and_for_public_categories_only(client, topics):
    ForumTopicFactory(
        category=topics["open_en"].category,
        title="Rich <b>text</b> topic",
        opening="We use **bold** answers.",
    )
    rss = client.get(reverse("community:category_rss", args=["public"]))
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(rss.content).find("channel")  # noqa: S314
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert "Open question in English" in titles
    assert "Rich <b>text</b> topic" in titles
    assert "Hidden question here" not in titles
    descriptions = " ".join(item.findtext("description") for item in channel.findall("item"))
    # The opening post's stored HTML, escaped once in the XML and whole once parsed.
    assert "<p>We use **bold** answers.</p>" in descriptions

    atom = client.get(reverse("community:category_atom", args=["public"]))
    assert atom.status_code == 200
    root = ElementTree.fromstring(atom.content)  # noqa: S314
    namespace = "{http://www.w3.org/2005/Atom}"
    # Archived topics stay in the feed; hidden ones do not.
    assert len(root.findall(f"{namespace}entry")) == 5

    client.force_login(UserFactory(is_superuser=True))
    for slug in ("members", "private", "nowhere"):
        assert client.get(reverse("community:category_rss", args=[slug])).status_code == 404
        assert client.get(reverse("community:category_atom", args=[slug])).status_code == 404


def test_topic_cards_for_public_listed_topics_only(topics):
    topic = topics["answered"]
    url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    card = topic_card_for_url(f"http://127.0.0.1:8000{url}")
    assert card == {
        "title": "Answered question here",
        "category": topic.category.name,
        "reply_count": 1,
        "url": url,
    }
    reply = topic.posts.get(number=2)
    assert topic_card_for_url(reverse("community:post", args=[reply.pk]))["title"] == (
        "Answered question here"
    )
    assert topic_card_for_url(f"/es/community/t/{topic.pk}/") is not None
    for key in ("open_es", "private", "hidden"):
        other = topics[key]
        assert topic_card_for_url(f"/en/community/t/{other.pk}/x/") is None, key
    held = ForumPostFactory(topic=topic, state=Post.State.HELD)
    assert topic_card_for_url(f"/en/community/p/{held.pk}/") is None
    assert topic_card_for_url(f"https://elsewhere.example.com{url}") is None
    assert topic_card_for_url(f"javascript:{url}") is None
    assert topic_card_for_url("/en/practices/") is None
    assert Topic.objects.count() == 7


def test_the_topic_link_card_for_the_card_registry(topics):
    from network.community.selectors.reading import topic_link_card

    topic = topics["answered"]
    card = topic_link_card(f"/en/community/t/{topic.pk}/")
    assert (card.kind, card.title) == ("topic", "Answered question here")
    assert card.meta == f"{topic.category.name} · 1 reply"
    assert topic_link_card(f"/en/community/t/{topics['private'].pk}/") is None
