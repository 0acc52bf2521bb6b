"""The site search lists forum topics of public categories, never those of members-only or
private categories, whoever searches."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from network.community import signals
from network.community.models import CategoryGrant, Post
from network.roles import Role
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def _topic(category, title: str):
    topic = ForumTopicFactory(category=category, title=title, opening="Shared notes.")
    signals.post_published.send(sender=Post, post=topic.posts.get(), mentioned=())
    return topic


@pytest.fixture
def topics():
    public = ForumCategoryFactory(slug="reception", name_en="Reception", access="public")
    members = ForumCategoryFactory(slug="members", access="members")
    intranet = ForumCategoryFactory(slug="intranet", access="private")
    partners, _created = Group.objects.get_or_create(name=Role.PARTNER)
    CategoryGrant.objects.create(category=intranet, group=partners, can_see=True)
    return {
        "public": _topic(public, "Interpreters at the reception desk"),
        "members": _topic(members, "Interpreters budget for members"),
        "private": _topic(intranet, "Interpreters contract for partners"),
    }


def _site_search(client, query: str) -> str:
    response = client.get(reverse("outreach:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_site_search_shows_public_topics_in_their_own_section(client, topics):
    html = _site_search(client, "interpreters")
    assert "Forum topics" in html
    assert "Interpreters at the reception desk" in html
    url = reverse(
        "community:topic", kwargs={"topic_id": topics["public"].pk, "slug": topics["public"].slug}
    )
    assert f'href="{url}"' in html
    assert "Search the forum for more" in html


@pytest.mark.parametrize("role", [None, "member", Role.PARTNER])
def test_members_only_and_private_topics_never_appear_in_the_site_search(client, topics, role):
    if role is not None:
        user = UserFactory()
        if role == Role.PARTNER:
            user.groups.add(Group.objects.get(name=Role.PARTNER))
        client.force_login(user)
    html = _site_search(client, "interpreters")
    assert "Interpreters budget for members" not in html
    assert "Interpreters contract for partners" not in html


def test_no_forum_section_when_no_public_topic_matches(client, topics):
    html = _site_search(client, "contract")
    assert "Forum topics" not in html
    assert "Nothing found" in html
