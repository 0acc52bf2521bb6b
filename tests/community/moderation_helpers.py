"""Shared pieces of the moderation tests: a moderator, a member, a category with a post.
Each test module wraps them in its own fixtures (``FIXTURES`` below)."""

from django.contrib.auth.models import Group

from network.community.models import CategoryGrant, ModeratorScope
from network.roles import Role
from tests.factories import ForumCategoryFactory, ForumPostFactory, ForumTopicFactory, UserFactory
from tests.network.conftest import person


def moderator_make():
    return person(Role.MODERATOR, first_name="Mona", last_name="Moderadora")


def category_make():
    return ForumCategoryFactory(slug="reception", name_en="Reception", name_es="Acogida")


def author_make():
    """A Spanish-speaking member."""
    return UserFactory(first_name="Ana", last_name="Autora", preferred_language="es")


def post_make(category, author):
    topic = ForumTopicFactory(category=category, title="Welcome desks in small towns")
    return ForumPostFactory(topic=topic, author=author, source="Buy cheap watches here!")


def scoped_moderator(*categories):
    """A moderator limited to ``categories``."""
    user = person(Role.MODERATOR)
    for category in categories:
        ModeratorScope.objects.create(user=user, category=category)
    return user


def private_category(slug: str = "intranet", group: str = Role.PARTNER):
    category = ForumCategoryFactory(slug=slug, access="private")
    granted, _created = Group.objects.get_or_create(name=group)
    CategoryGrant.objects.create(category=category, group=granted, can_see=True)
    return category
