"""The forum's one visibility rule: who reads which category, topic and post."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from network.community import visibility
from network.community.models import CategoryGrant
from network.roles import Role
from tests.factories import (
    ForumCategoryFactory,
    ForumPostFactory,
    ForumTopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _with_role(role: str):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def categories():
    public = ForumCategoryFactory(slug="public", access="public")
    members = ForumCategoryFactory(slug="members", access="members")
    intranet = ForumCategoryFactory(slug="intranet", access="private")
    partners, _ = Group.objects.get_or_create(name=Role.PARTNER)
    CategoryGrant.objects.create(category=intranet, group=partners, can_see=True)
    return {"public": public, "members": members, "intranet": intranet}


def _readable_slugs(user) -> set[str]:
    return set(visibility.categories_readable(user=user).values_list("slug", flat=True))


def test_anonymous_reads_public_categories_only(categories):
    assert _readable_slugs(None) == {"public"}
    assert _readable_slugs(AnonymousUser()) == {"public"}


def test_members_read_members_categories_but_not_private_ones(categories):
    assert _readable_slugs(UserFactory()) == {"public", "members"}
    assert _readable_slugs(_with_role(Role.MODERATOR)) == {"public", "members"}


def test_a_granted_group_reads_the_private_category(categories):
    assert _readable_slugs(_with_role(Role.PARTNER)) == {"public", "members", "intranet"}


def test_an_inactive_person_reads_like_an_anonymous_visitor(categories):
    partner = _with_role(Role.PARTNER)
    partner.is_active = False
    assert _readable_slugs(partner) == {"public"}


def test_hidden_and_held_topics_are_not_listed_but_open_for_their_author(categories):
    author = UserFactory()
    shown = ForumTopicFactory(category=categories["members"], author=author)
    hidden = ForumTopicFactory(category=categories["members"], author=author, is_hidden=True)
    held = ForumTopicFactory(category=categories["members"], author=author, is_held=True)
    reader = UserFactory()
    assert list(visibility.topics_listed(user=reader)) == [shown]
    assert not visibility.topic_is_readable(user=reader, topic=hidden)
    assert visibility.topic_is_readable(user=author, topic=held)


def test_posts_of_a_private_topic_are_listed_only_for_its_readers(categories):
    topic = ForumTopicFactory(category=categories["intranet"])
    ForumPostFactory(topic=topic)
    assert not visibility.posts_listed(user=UserFactory()).exists()
    assert not visibility.posts_listed(user=None).exists()
    assert visibility.posts_listed(user=_with_role(Role.PARTNER)).count() == 2


def test_a_scoped_moderator_moderates_only_their_categories(categories):
    from network.community.models import ModeratorScope

    moderator = _with_role(Role.MODERATOR)
    assert set(visibility.categories_moderated(user=moderator).values_list("slug", flat=True)) == {
        "public",
        "members",
    }
    ModeratorScope.objects.create(user=moderator, category=categories["public"])
    assert set(visibility.categories_moderated(user=moderator).values_list("slug", flat=True)) == {
        "public"
    }
    assert not visibility.categories_moderated(user=UserFactory()).exists()
