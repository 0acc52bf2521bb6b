"""Reads for watching: a member's levels, and what the watching page lists."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from network.models import User

from ..models import Category, CategoryWatch, Topic, TopicWatch
from ..services.watching import NORMAL
from ..visibility import categories_readable, topics_listed_q

WATCHED_TOPICS_PER_PAGE = 50


def category_watch_level(*, user: User, category: Category) -> str:
    """``user``'s level for ``category`` ("" for normal, and for anonymous visitors)."""
    if not user.is_authenticated:
        return NORMAL
    level = (
        CategoryWatch.objects.filter(user=user, category=category)
        .values_list("level", flat=True)
        .first()
    )
    return level or NORMAL


def topic_watch_level(*, user: User, topic: Topic) -> str:
    """``user``'s level for ``topic``: "watching", "muted" or "" (follows its category)."""
    if not user.is_authenticated:
        return NORMAL
    level = TopicWatch.objects.filter(user=user, topic=topic).values_list("level", flat=True)
    return level.first() or NORMAL


@dataclass(frozen=True)
class CategoryRow:
    category: Category
    level: str


def category_rows(*, user: User) -> list[CategoryRow]:
    """Every category ``user`` can read, in order, with their level (two queries)."""
    levels = dict(CategoryWatch.objects.filter(user=user).values_list("category_id", "level"))
    return [
        CategoryRow(category=category, level=levels.get(category.pk, NORMAL))
        for category in categories_readable(user=user).select_related("space")
    ]


def watched_topics_page(*, user: User, page: int | str | None) -> Page:
    """The topics ``user`` watches or muted, that they can still read, latest activity first."""
    watches = (
        TopicWatch.objects.filter(user=user)
        .filter(topics_listed_q(user=user, prefix="topic__"))
        .select_related("topic__category")
        .order_by("-topic__last_post_at", "-topic_id")
    )
    return Paginator(watches, WATCHED_TOPICS_PER_PAGE).get_page(page)
