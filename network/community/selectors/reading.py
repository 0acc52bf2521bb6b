"""What the forum's reading pages show: the categories of the home page with their counts, a
category's topics, a topic's posts page by page, the latest, top and unanswered lists, feeds and
topic cards. Every query starts from the visibility rule (``visibility.py``).

Unread counts (the home page, per category) follow one rule: a topic counts as unread for a
member when it is listed for them, had activity in the last ``UNREAD_DAYS`` days, and they
either never opened it or its last post is numbered above their ``TopicRead.last_read_number``.
Older topics never count, so that a new member is not greeted by hundreds of "unread" topics.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from network.models import Membership

from ..cards import LinkCard
from ..models import Category, Post, PostAttachment, Reaction, Space, Topic, TopicRead
from ..visibility import (
    Visitor,
    categories_readable,
    posts_readable_q,
    spaces_readable,
    topics_listed,
    topics_listed_q,
)

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
UNREAD_DAYS = 30
TOP_DAYS = 30
FEED_ITEMS = 30


def _signed_in(user: Visitor) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def topic_url(topic: Topic, *, page: int | None = None) -> str:
    """The canonical address of ``topic`` (``/<language>/community/t/<id>/<slug>/``)."""
    url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug or "topic"})
    if page and page > 1:
        url = f"{url}?page={page}"
    return url


# -- Home page ----------------------------------------------------------------------------------


def _categories_counted(*, user: Visitor, space: Space | None) -> list[Category]:
    """The forum's categories of ``space`` (outside private spaces for None) that ``user`` may
    read (not the e-discussions'), in their order, each with ``topic_total`` (topics listed)
    and ``last_activity`` (its latest post): one query."""
    listed = Q(topics__is_hidden=False, topics__is_held=False)
    return list(
        categories_readable(user=user)
        # E-discussions' categories have their own list (ediscussions/selectors.py).
        .filter(space=space, ediscussion__isnull=True)
        .annotate(
            topic_total=Count("topics", filter=listed),
            last_activity=Max("topics__last_post_at", filter=listed),
        )
        .order_by("position", "slug")
    )


def categories_for_index(*, user: Visitor) -> list[Category]:
    """The categories outside private spaces that ``user`` may read, with their counts."""
    return _categories_counted(user=user, space=None)


def unread_counts(*, user: Visitor, category_ids: list[int] | None = None) -> dict[int, int]:
    """Unread topics per category id for ``user`` (the module's rule), one grouped query; an
    empty dict for anonymous visitors."""
    if not _signed_in(user):
        return {}
    read_up_to_last = TopicRead.objects.filter(
        user=user, topic=OuterRef("pk"), last_read_number__gte=OuterRef("last_post_number")
    )
    topics = Topic.objects.filter(
        topics_listed_q(user=user),
        last_post_at__gte=timezone.now() - timedelta(days=UNREAD_DAYS),
    ).filter(~Exists(read_up_to_last))
    if category_ids is not None:
        topics = topics.filter(category_id__in=category_ids)
    rows = topics.order_by().values("category_id").annotate(total=Count("pk"))
    return {row["category_id"]: row["total"] for row in rows}


def spaces_for_index(*, user: Visitor) -> list[Space]:
    return list(spaces_readable(user=user).order_by("position", "slug"))


def space_categories(*, user: Visitor, space: Space) -> list[Category]:
    """The categories of ``space`` that ``user`` may read, with their counts (one query)."""
    return _categories_counted(user=user, space=space)


# -- Topic lists --------------------------------------------------------------------------------


def _with_reading(topics: QuerySet[Topic], *, user: Visitor) -> QuerySet[Topic]:
    """Adds what a row of a topic list shows: author, category and, for members,
    ``read_number`` (their last post read, None when never opened). Tags come from
    ``topic_tag_names`` for the page's topics."""
    topics = topics.select_related("author", "category")
    if _signed_in(user):
        read = TopicRead.objects.filter(user=user, topic=OuterRef("pk")).values("last_read_number")[
            :1
        ]
        topics = topics.annotate(read_number=Subquery(read, output_field=IntegerField()))
    return topics


def topic_tag_names(*, topic_ids: list[int]) -> dict[int, list[str]]:
    """The tag names of each of ``topic_ids``, in one query (taggit's per-topic manager builds a
    queryset for every row even when prefetched, which cost a category page a fifth of its
    time)."""
    from ..models import TaggedTopic

    names: dict[int, list[str]] = {}
    rows = (
        TaggedTopic.objects.filter(object_id__in=topic_ids)
        .order_by("tag__name")
        .values_list("object_id", "tag__name")
    )
    for topic_id, name in rows:
        names.setdefault(topic_id, []).append(name)
    return names


def paginate(queryset, *, per_page: int, page: str | int | None) -> Page:
    """Django's page ``page`` of ``queryset`` (the last page for a number past it, the first
    for anything that is not a number)."""
    return Paginator(queryset, per_page).get_page(page)


class _PageByKeys(Paginator):
    """Counts and slices a lean queryset (its filter and order only) and draws the page's rows
    with ``rows(keys)``, ``keys`` being the page's primary keys as a subquery. A far page then
    skips its offset on the list's index alone, instead of joining every skipped row to its
    author and category (a crowded category's last page: 11 ms of SQL before, about 3 after),
    and the count joins nothing. Still one query for the page."""

    def __init__(self, object_list: QuerySet, per_page: int, *, rows) -> None:
        super().__init__(object_list, per_page)
        self.rows = rows

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return Page(list(self.rows(keys)), number, self)


def _page_by_keys(lean: QuerySet, *, rows, per_page: int, page: str | int | None) -> Page:
    return _PageByKeys(lean, per_page, rows=rows).get_page(page)


CATEGORY_ORDER = ("-is_pinned", "-last_post_at", "-id")


def category_topics_page(
    *, user: Visitor, category: Category, per_page: int, page: str | int | None
) -> Page:
    """The page ``page`` of the topics of ``category`` listed for ``user`` (pinned first, then
    by last activity), its rows ready to draw."""
    lean = Topic.objects.filter(topics_listed_q(user=user), category=category)
    return _page_by_keys(
        lean.order_by(*CATEGORY_ORDER),
        rows=lambda keys: _with_reading(Topic.objects.filter(pk__in=keys), user=user).order_by(
            *CATEGORY_ORDER
        ),
        per_page=per_page,
        page=page,
    )


@dataclass(frozen=True)
class ListFilters:
    category: Category | None = None
    language: str = ""


def list_filters(*, user: Visitor, category_slug: str, language: str) -> ListFilters:
    """The filters of a list from its query string: only a category ``user`` may read and one
    of the forum's languages count; anything else is ignored."""
    from ..models import LANGUAGE_CODES

    category = None
    # Only what could be a slug reaches the database (PostgreSQL refuses a NUL byte in text).
    if category_slug and SLUG.fullmatch(category_slug):
        category = categories_readable(user=user).filter(slug=category_slug).first()
    return ListFilters(category=category, language=language if language in LANGUAGE_CODES else "")


def _listed(*, user: Visitor, filters: ListFilters) -> QuerySet[Topic]:
    topics = Topic.objects.filter(topics_listed_q(user=user))
    if filters.category is not None:
        topics = topics.filter(category=filters.category)
    if filters.language:
        topics = topics.filter(language=filters.language)
    return topics


def topics_latest(*, user: Visitor, filters: ListFilters) -> QuerySet[Topic]:
    """Listed topics that are not archived, most recent activity first."""
    topics = _listed(user=user, filters=filters).filter(is_archived=False)
    return _with_reading(topics, user=user).order_by("-last_post_at", "-id")


def topics_top(*, user: Visitor, filters: ListFilters) -> QuerySet[Topic]:
    """ "Top this month": listed topics ranked by the replies published and the helpful
    reactions given in the last ``TOP_DAYS`` days (``recent_replies``, ``recent_helpful``,
    ``score``), counted in subqueries of the one query."""
    since = timezone.now() - timedelta(days=TOP_DAYS)
    replies = (
        Post.objects.filter(
            topic=OuterRef("pk"), number__gt=1, state=Post.State.PUBLISHED, created_at__gte=since
        )
        .order_by()
        .values("topic")
        .annotate(total=Count("pk"))
        .values("total")
    )
    helpful = (
        Reaction.objects.filter(
            post__topic=OuterRef("pk"), post__state=Post.State.PUBLISHED, created_at__gte=since
        )
        .order_by()
        .values("post__topic")
        .annotate(total=Count("pk"))
        .values("total")
    )
    topics = (
        _listed(user=user, filters=filters)
        .annotate(
            recent_replies=Coalesce(Subquery(replies, output_field=IntegerField()), Value(0)),
            recent_helpful=Coalesce(Subquery(helpful, output_field=IntegerField()), Value(0)),
        )
        .annotate(score=F("recent_replies") + F("recent_helpful"))
        .filter(score__gt=0)
    )
    return _with_reading(topics, user=user).order_by("-score", "-last_post_at", "-id")


def topics_unanswered(*, user: Visitor, filters: ListFilters) -> QuerySet[Topic]:
    """Listed topics without a reply that still take one (neither closed nor archived)."""
    topics = _listed(user=user, filters=filters).filter(
        reply_count=0, is_closed=False, is_archived=False
    )
    return _with_reading(topics, user=user).order_by("-last_post_at", "-id")


# -- A topic ------------------------------------------------------------------------------------


def topic_for_reading(*, topic_id: int) -> Topic | None:
    """The topic with its category (and the e-discussion owning it, if any) and author
    (readability is the caller's question)."""
    return (
        Topic.objects.select_related(
            "category", "category__space", "category__ediscussion", "author"
        )
        .filter(pk=topic_id)
        .first()
    )


def topic_posts(*, user: Visitor, topic: Topic, moderator: bool) -> QuerySet[Post]:
    """The posts of ``topic`` drawn on its page for ``user``, in order: those they may read
    (``visibility.posts_readable_q``) and, as a line saying so, the removed ones."""
    posts = Post.objects.filter(topic=topic)
    if not moderator:
        # (Moderators read every post: their rule is an empty Q, which an OR would drop.)
        posts = posts.filter(
            posts_readable_q(user=user, moderator=False) | Q(state=Post.State.HIDDEN)
        )
    return posts.order_by("number")


def topic_posts_page(
    *, user: Visitor, topic: Topic, moderator: bool, per_page: int, page: str | int | None
) -> Page:
    """The page ``page`` of ``topic_posts``, each post with ``reply_to_number``, its author
    (and, for members, the author's organisations), its attachments and, for members,
    ``found_helpful`` (whether they marked it)."""
    return _page_by_keys(
        topic_posts(user=user, topic=topic, moderator=moderator),
        rows=lambda keys: _posts_drawn(Post.objects.filter(pk__in=keys), user=user),
        per_page=per_page,
        page=page,
    )


def _posts_drawn(posts: QuerySet[Post], *, user: Visitor) -> QuerySet[Post]:
    posts = (
        posts.select_related("author")
        .defer("source")
        .annotate(
            reply_to_number=F("reply_to__number"),
            # An archived e-discussion's sender without an account: their name, never their
            # address.
            imported_author_name=F("contribution__imported_author_name"),
        )
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=PostAttachment.objects.only(
                    "id", "post_id", "name", "kind", "size", "content_type"
                ),
            )
        )
        .order_by("number")
    )
    if _signed_in(user):
        posts = posts.prefetch_related(
            Prefetch(
                "author__memberships",
                queryset=Membership.objects.select_related("local_authority", "partner"),
            )
        ).annotate(found_helpful=Exists(Reaction.objects.filter(post=OuterRef("pk"), user=user)))
    return posts


def post_page_number(*, posts: QuerySet[Post], number: int, per_page: int) -> int:
    """The page of ``posts`` (a topic's posts as ``topic_posts`` lists them) showing the post
    numbered ``number``."""
    before = posts.filter(number__lt=number).order_by().count()
    return before // per_page + 1


def last_read_number(*, user: Visitor, topic: Topic) -> int | None:
    if not _signed_in(user):
        return None
    return (
        TopicRead.objects.filter(user=user, topic=topic)
        .values_list("last_read_number", flat=True)
        .first()
    )


def topic_read_advance(*, user: Visitor, topic: Topic, number: int) -> None:
    """Records that ``user`` read ``topic`` up to post ``number``: one upsert that never moves
    the mark back. Nothing for anonymous visitors."""
    if not _signed_in(user) or number <= 0:
        return
    # One statement on PostgreSQL and SQLite: INSERT ... ON CONFLICT DO UPDATE, then keep the
    # higher number (a reader going back to page 1 keeps what they read further on).
    from django.db import connection

    table = TopicRead._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, topic_id, last_read_number, updated_at) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) ON CONFLICT (user_id, topic_id) DO UPDATE SET "
            f"last_read_number = CASE WHEN {table}.last_read_number > excluded.last_read_number "
            f"THEN {table}.last_read_number ELSE excluded.last_read_number END, "
            "updated_at = excluded.updated_at",
            [user.pk, topic.pk, number, timezone.now()],
        )


# -- Feeds and cards ----------------------------------------------------------------------------


def public_category(*, slug: str) -> Category | None:
    """A category anyone may read (the anonymous rule: feeds are shared between visitors)."""
    return categories_readable(user=None).filter(slug=slug).first()


def feed_topics(*, category: Category) -> list[Topic]:
    """The ``FEED_ITEMS`` newest topics of a public ``category`` listed for anyone, each with
    ``opening_html`` (its published opening post), in one query."""
    opening = Post.objects.filter(
        topic=OuterRef("pk"), number=1, state=Post.State.PUBLISHED
    ).values("html")[:1]
    return list(
        topics_listed(user=None)
        .filter(category=category)
        .select_related("author")
        .annotate(opening_html=Subquery(opening))
        .order_by("-created_at", "-id")[:FEED_ITEMS]
    )


_TOPIC_PATH = re.compile(r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?community/(?P<kind>[tp])/(?P<id>\d+)/")


def _site_path(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in {"http", "https"}:
            return None
        site_host = (urlsplit(settings.SITE_URL).hostname or "").lower()
        if (parts.hostname or "").lower() != site_host:
            return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return parts.path


def topic_card_for_url(url: str) -> dict | None:
    """The card of a topic address (``/<language>/community/t/<id>/...``) or post permalink
    (``.../community/p/<id>/``) on this site: ``title``, ``category``, ``reply_count`` and
    ``url`` (the topic's canonical address), for topics anyone may read (the anonymous rule:
    a post can be quoted anywhere), else None."""
    path = _site_path(url)
    if path is None:
        return None
    match = _TOPIC_PATH.match(path)
    if match is None:
        return None
    pk = int(match["id"])
    topics = topics_listed(user=None).select_related("category")
    if match["kind"] == "t":
        topic = topics.filter(pk=pk).first()
    else:
        topic = topics.filter(posts__pk=pk, posts__state=Post.State.PUBLISHED).first()
    if topic is None:
        return None
    return {
        "title": topic.title,
        "category": topic.category.name,
        "reply_count": topic.reply_count,
        "url": topic_url(topic),
    }


def translated_text(obj, field: str) -> tuple[str, str]:
    """``obj``'s ``field`` in the active language with the language it is written in, so that
    a page marks a fallback (``lang`` attribute and a note): the order of
    ``TranslatedFields.translated``."""
    from django.utils import translation

    from ..models import LANGUAGE_CODES

    language = (translation.get_language() or "en").split("-")[0]
    for code in (language, obj.default_language, "en", *LANGUAGE_CODES):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value, code
    return "", language


def topic_link_card(url: str) -> LinkCard | None:
    """``topic_card_for_url`` as the card registry's ``LinkCard`` (kind ``topic``, the category
    and reply count as its meta line), for ``cards.card_resolver_register(name="topics",
    resolve=topic_link_card)``."""
    from django.utils.translation import ngettext

    card = topic_card_for_url(url)
    if card is None:
        return None
    meta = ngettext(
        "%(category)s · %(count)s reply", "%(category)s · %(count)s replies", card["reply_count"]
    ) % {"category": card["category"], "count": card["reply_count"]}
    return LinkCard(kind="topic", title=card["title"], summary="", url=card["url"], meta=meta)
