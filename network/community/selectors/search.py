"""Searching the forum: topics and posts found with the same words, engine and rules as the
practices (``network.search_text``: stop words dropped, accents folded, each post read in its
language's configuration, those holding every word first), among the posts the reader may see
(``visibility.posts_listed_q``, in SQL: a private space's posts are never found, nor counted,
by outsiders).

A result is a post; an opening post carries its topic's title, which weighs more than any text,
so a topic whose title matches comes before replies that merely mention the words.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, Max, QuerySet
from django.http import QueryDict

from network.inputs import integer_parse, text_clean
from network.search_text import TextMatch, TextPart, search_terms, text_parts

from ..models import LANGUAGE_CHOICES, LANGUAGE_CODES, Category, Post, Topic
from ..services.search_index import SEARCH_TEXT_TABLE, post_plain_text
from ..visibility import Visitor, categories_readable, posts_listed_q

PAGE_SIZE = 20
QUERY_MAX_LENGTH = 200
EXCERPT_LENGTH = 280
# How much more a word of the topic's title counts than one of a post, in SQLite's bm25
# (PostgreSQL weighs its A and B labels 1.0 and 0.4).
TITLE_WEIGHT = 4.0


@dataclass(frozen=True)
class ForumSearchParams:
    query: str = ""
    category: str = ""
    language: str = ""
    page: int = 1

    def encoded(self, **changes) -> str:
        """The query string of these parameters (``changes`` applied), for links."""
        values = {"q": self.query, "category": self.category, "language": self.language}
        values.update(changes)
        params = QueryDict(mutable=True)
        for name, value in values.items():
            if value:
                params[name] = value
        return params.urlencode()


@dataclass
class ForumSearchHit:
    post: Post
    title: list[TextPart]
    excerpt: list[TextPart]


@dataclass
class ForumSearchResult:
    params: ForumSearchParams
    terms: list[str]
    categories: list[Category]
    languages: list[tuple[str, str]]
    page: PaginatorPage | None = None
    hits: list[ForumSearchHit] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page is not None else 0


def forum_search_params(*, params: QueryDict) -> ForumSearchParams:
    """The search as asked in a query string (``q``, ``category``, ``language``, ``page``),
    cleaned: unknown languages and malformed pages are ignored; categories are checked against
    what the reader may read by ``forum_search``."""
    query = text_clean(
        "".join(char if char.isprintable() else " " for char in params.get("q", "")),
        max_length=QUERY_MAX_LENGTH,
    )
    language = params.get("language", "")
    return ForumSearchParams(
        query=query,
        category=text_clean(params.get("category", ""), max_length=80),
        language=language if language in LANGUAGE_CODES else "",
        page=integer_parse(params.get("page", "1"), minimum=1, maximum=10_000) or 1,
    )


def _text_match(terms: list[str], *, rank: bool) -> TextMatch:
    return TextMatch(
        terms,
        rank=rank,
        config=F("search_entry__config"),
        vector=F("search_entry__search_vector"),
        rowid=F("pk"),
        fts_table=SEARCH_TEXT_TABLE,
        heading_weight=TITLE_WEIGHT,
    )


def posts_matching(*, user: Visitor, terms: list[str]) -> QuerySet[Post]:
    """The posts ``user`` may see that hold any of ``terms``, best first (those holding all of
    them, then by relevance, then newest)."""
    return (
        Post.objects.filter(posts_listed_q(user=user), search_entry__isnull=False)
        .filter(_text_match(terms, rank=False))
        .annotate(rank=_text_match(terms, rank=True))
        .order_by("-rank", "-created_at", "-pk")
    )


def forum_search(*, user: Visitor, params: ForumSearchParams) -> ForumSearchResult:
    """One page of the posts matching ``params`` that ``user`` may see, with the options of the
    filters (the categories they may read)."""
    categories = list(categories_readable(user=user).order_by("position", "slug"))
    result = ForumSearchResult(
        params=params,
        terms=search_terms(params.query),
        categories=categories,
        languages=LANGUAGE_CHOICES,
    )
    if not params.query:
        return result
    posts = posts_matching(user=user, terms=result.terms) if result.terms else Post.objects.none()
    if params.category:
        chosen = next((c for c in categories if c.slug == params.category), None)
        posts = posts.filter(topic__category=chosen) if chosen else Post.objects.none()
    if params.language:
        posts = posts.filter(language=params.language)
    posts = posts.select_related("topic__category", "author").defer("source")
    result.page = Paginator(posts, PAGE_SIZE).get_page(params.page)
    result.hits = [
        ForumSearchHit(
            post=post,
            title=text_parts(post.topic.title, result.terms),
            excerpt=text_parts(post_plain_text(post=post), result.terms, length=EXCERPT_LENGTH),
        )
        for post in result.page.object_list
    ]
    return result


def public_topics_matching(*, query: str, limit: int = 5) -> list[Topic]:
    """The topics of public categories (the anonymous rule) holding the words of ``query`` in
    their title or posts, best first: the forum's part of the site search."""
    terms = search_terms(query)
    if not terms:
        return []
    best = list(
        posts_matching(user=None, terms=terms)
        .order_by()
        .values("topic_id")
        .annotate(best=Max("rank"))
        .order_by("-best", "-topic_id")
        .values_list("topic_id", flat=True)[:limit]
    )
    topics = Topic.objects.filter(pk__in=best).select_related("category")
    by_id = {topic.pk: topic for topic in topics}
    return [by_id[pk] for pk in best if pk in by_id]
