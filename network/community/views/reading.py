"""Reading the forum: the home page, categories, private spaces, topics and their posts, the
latest, top and unanswered lists, and the public categories' feeds. Thin: the queries are in
``selectors/reading.py``, the rule of who reads what in ``visibility.py``."""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from network.inputs import integer_parse
from network.permissions import decide
from taxonomy.terms import THEMES
from taxonomy.terms import label as term_label

from .. import permissions
from ..ediscussions import selectors as ediscussion_selectors
from ..links import post_path_maker
from ..models import LANGUAGE_CHOICES, Category, Post, Space, Topic
from ..permissions import edit_window, suspension_active
from ..selectors import reading, watching
from ..visibility import categories_readable, is_moderator, moderates, topic_is_readable


class _SignIn(Exception):
    """The reader must sign in to read this (a members-only category's page or topic)."""


def _signing_in(view):
    """Turns ``_SignIn`` into a redirect to the sign-in page and back."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _SignIn:
            return redirect_to_login(request.get_full_path())

    return wrapped


def _category_row(category: Category, *, unread: dict[int, int]) -> dict:
    name, name_language = reading.translated_text(category, "name")
    description, description_language = reading.translated_text(category, "description")
    return {
        "category": category,
        "name": name,
        "name_language": name_language,
        "name_fallback": not category.is_translated("name"),
        "description": description,
        "description_language": description_language,
        "description_fallback": bool(description) and not category.is_translated("description"),
        "theme_label": term_label(THEMES, category.theme) if category.theme else "",
        "unread": unread.get(category.pk, 0),
    }


def _space_row(space: Space) -> dict:
    name, name_language = reading.translated_text(space, "name")
    description, description_language = reading.translated_text(space, "description")
    return {
        "space": space,
        "name": name,
        "name_language": name_language,
        "name_fallback": not space.is_translated("name"),
        "description": description,
        "description_language": description_language,
        "description_fallback": bool(description) and not space.is_translated("description"),
    }


def index(request: HttpRequest) -> HttpResponse:
    categories = reading.categories_for_index(user=request.user)
    unread = reading.unread_counts(user=request.user)
    spaces = reading.spaces_for_index(user=request.user)
    return render(
        request,
        "community/reading/index.html",
        {
            "rows": [_category_row(category, unread=unread) for category in categories],
            "spaces": [_space_row(space) for space in spaces],
            "signed_in": request.user.is_authenticated,
            "forum_moderator": is_moderator(request.user),
        },
    )


def _readable_category(request: HttpRequest, slug: str) -> Category:
    """The category at ``slug`` if the reader may read it. An anonymous visitor at a
    members-only category is sent to sign in (it is no secret that members talk there);
    anything else they may not read is a 404, private categories above all."""
    category = (
        categories_readable(user=request.user)
        .select_related("ediscussion")
        .filter(slug=slug)
        .first()
    )
    if category is not None:
        return category
    if not request.user.is_authenticated:
        exists = Category.objects.filter(slug=slug, access=Category.Access.MEMBERS).exists()
        if exists:
            raise _SignIn
    raise Http404


@_signing_in
def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = _readable_category(request, slug)
    ediscussion = ediscussion_selectors.ediscussion_of(category)
    if ediscussion is not None:
        # An e-discussion's category is read on the e-discussion's own pages.
        return redirect(ediscussion_selectors.ediscussion_url(ediscussion))
    page = reading.category_topics_page(
        user=request.user,
        category=category,
        per_page=settings.FORUM_TOPICS_PER_PAGE,
        page=request.GET.get("page"),
    )
    start = decide(request.user, permissions.TOPIC_START, category)
    row = _category_row(category, unread={})
    return render(
        request,
        "community/reading/category.html",
        {
            "row": row,
            "category": category,
            "page_obj": page,
            "topics": _topic_rows(page.object_list),
            "is_public": category.access == Category.Access.PUBLIC,
            "can_start": start.allowed,
            "start_refused": ""
            if start.allowed or not request.user.is_authenticated
            else start.reason,
            "signed_in": request.user.is_authenticated,
            "watch_level": watching.category_watch_level(user=request.user, category=category),
        },
    )


def _topic_rows(topics) -> list[dict]:
    """What each row of a topic list shows beyond the topic: for members, whether it is new to
    them (never opened) or how many posts came since they last read it."""
    topics = list(topics)
    tags = reading.topic_tag_names(topic_ids=[topic.pk for topic in topics])
    rows = []
    for topic in topics:
        read = getattr(topic, "read_number", None)
        rows.append(
            {
                "topic": topic,
                "tags": tags.get(topic.pk, []),
                "url": reading.topic_url(topic),
                "never_opened": hasattr(topic, "read_number") and read is None,
                "new_posts": max(topic.last_post_number - read, 0) if read is not None else 0,
            }
        )
    return rows


def space(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_object_or_404(Space, slug=slug)
    categories = reading.space_categories(user=request.user, space=space)
    if not categories:
        raise Http404
    unread = reading.unread_counts(
        user=request.user, category_ids=[category.pk for category in categories]
    )
    name, name_language = reading.translated_text(space, "name")
    return render(
        request,
        "community/reading/space.html",
        {
            "space": space,
            "name": name,
            "name_language": name_language,
            "name_fallback": not space.is_translated("name"),
            "rows": [_category_row(category, unread=unread) for category in categories],
            "signed_in": True,
        },
    )


# -- Lists --------------------------------------------------------------------------------------


def _topic_list(request: HttpRequest, *, kind: str) -> HttpResponse:
    filters = reading.list_filters(
        user=request.user,
        category_slug=request.GET.get("category", ""),
        language=request.GET.get("language", ""),
    )
    queryset = {
        "latest": reading.topics_latest,
        "top": reading.topics_top,
        "unanswered": reading.topics_unanswered,
    }[kind](user=request.user, filters=filters)
    page = reading.paginate(
        queryset, per_page=settings.FORUM_TOPICS_PER_PAGE, page=request.GET.get("page")
    )
    query = {}
    if filters.category is not None:
        query["category"] = filters.category.slug
    if filters.language:
        query["language"] = filters.language
    titles = {
        "latest": _("Latest topics"),
        "top": _("Top topics this month"),
        "unanswered": _("Unanswered topics"),
    }
    return render(
        request,
        "community/reading/list.html",
        {
            "kind": kind,
            "title": titles[kind],
            "forum_moderator": is_moderator(request.user),
            "page_obj": page,
            "topics": _topic_rows(page.object_list),
            "filters": filters,
            "filter_query": urlencode(query),
            "categories": [
                (category.slug, category.name)
                for category in categories_readable(user=request.user)
                .filter(ediscussion__isnull=True)
                .order_by("position", "slug")
            ],
            "forum_languages": LANGUAGE_CHOICES,
            "signed_in": request.user.is_authenticated,
            "show_score": kind == "top",
        },
    )


def latest(request: HttpRequest) -> HttpResponse:
    return _topic_list(request, kind="latest")


def top(request: HttpRequest) -> HttpResponse:
    return _topic_list(request, kind="top")


def unanswered(request: HttpRequest) -> HttpResponse:
    return _topic_list(request, kind="unanswered")


# -- A topic ------------------------------------------------------------------------------------


def _readable_topic(request: HttpRequest, topic_id: int) -> Topic:
    """The topic if the reader may open it. An anonymous visitor at a listed topic of a
    members-only category (a link in an email, say) is sent to sign in; anything else they may
    not read is a 404."""
    topic = reading.topic_for_reading(topic_id=topic_id)
    if topic is None:
        raise Http404
    if topic_is_readable(user=request.user, topic=topic):
        return topic
    if (
        not request.user.is_authenticated
        and topic.category.access == Category.Access.MEMBERS
        and not (topic.is_hidden or topic.is_held)
    ):
        raise _SignIn
    raise Http404


@dataclass(frozen=True)
class Reader:
    """Who reads the page, decided once for all its posts (the target views decide again)."""

    user_id: int | None
    moderator: bool
    suspended: bool
    can_reply: bool
    topic_author: bool

    def links(self, post: Post) -> dict[str, bool]:
        signed_in = self.user_id is not None
        active = signed_in and not self.suspended
        published = post.state == Post.State.PUBLISHED
        own = signed_in and post.author_id == self.user_id
        in_time = timezone.now() - post.created_at <= edit_window()
        return {
            "reply": self.can_reply and published,
            "flag": active and published and not own,
            "helpful": active and published and not own,
            "edit": self.moderator
            or (own and not self.suspended and post.state != Post.State.HIDDEN and in_time),
            "delete": (self.moderator or own) and post.state != Post.State.HIDDEN,
            "answer": active
            and published
            and post.number > 1
            and (self.topic_author or self.moderator),
        }


@_signing_in
def topic(request: HttpRequest, topic_id: int, slug: str) -> HttpResponse:
    topic = _readable_topic(request, topic_id)
    question = ediscussion_selectors.question_of(topic)
    if question is not None:
        # An e-discussion's question is read on its own page, numbered in the same pages.
        page = integer_parse(request.GET.get("page"), minimum=1, maximum=10**6)
        return redirect(ediscussion_selectors.question_url(question, page=page))
    canonical = reading.topic_url(topic)
    if slug != (topic.slug or "topic"):
        page = request.GET.get("page")
        return redirect(f"{canonical}?page={page}" if page and page.isdigit() else canonical)
    user = request.user
    signed_in = user.is_authenticated
    moderator = signed_in and moderates(user=user, category=topic.category)
    reply = decide(user, permissions.REPLY, topic)
    reader = Reader(
        user_id=user.pk if signed_in else None,
        moderator=moderator,
        suspended=signed_in and suspension_active(user=user) is not None,
        can_reply=reply.allowed,
        topic_author=signed_in and topic.author_id == user.pk,
    )
    page = reading.topic_posts_page(
        user=user,
        topic=topic,
        moderator=moderator,
        per_page=settings.FORUM_POSTS_PER_PAGE,
        page=request.GET.get("page"),
    )
    shown = list(page.object_list)
    last_read = reading.last_read_number(user=user, topic=topic) if signed_in else None
    first_new = None
    rows = []
    post_path = post_path_maker()
    for post in shown:
        is_new = signed_in and post.number > (last_read or 0)
        if is_new and first_new is None:
            first_new = post.number
        rows.append(
            {
                "post": post,
                "url": post_path(post.pk),
                "reply_to_url": post_path(post.reply_to_id) if post.reply_to_id else "",
                "links": reader.links(post),
                "is_new": is_new,
                "is_first_new": is_new and first_new == post.number,
                "organisations": _organisations(post) if signed_in else [],
            }
        )
    if signed_in and shown:
        # On the last page the reader has seen all they may see: what follows the last post
        # shown (posts held for others) never makes the topic look unread.
        number = shown[-1].number
        if not page.has_next():
            number = max(number, topic.last_post_number)
        reading.topic_read_advance(user=user, topic=topic, number=number)
    solution_url = ""
    if topic.solution_id:
        solution_url = reverse("community:post", kwargs={"post_id": topic.solution_id})
    category_name, category_language = reading.translated_text(topic.category, "name")
    return render(
        request,
        "community/reading/topic.html",
        {
            "topic": topic,
            "canonical": canonical,
            "category_name": category_name,
            "category_language": category_language,
            "page_obj": page,
            "rows": rows,
            "tags": list(topic.tags.all()),
            "reader": reader,
            "reply_refused": "" if reply.allowed else reply.reason,
            "signed_in": signed_in,
            "solution_url": solution_url,
            "first_new": first_new,
            "space": topic.category.space,
            "watch_level": watching.topic_watch_level(user=user, topic=topic),
        },
    )


def _organisations(post: Post) -> list[str]:
    if post.author is None:
        return []
    return [str(membership.organisation) for membership in post.author.memberships.all()]


@_signing_in
def topic_short(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = _readable_topic(request, topic_id)
    question = ediscussion_selectors.question_of(topic)
    if question is not None:
        return redirect(ediscussion_selectors.question_url(question))
    return redirect(reading.topic_url(topic))


@_signing_in
def post_permalink(request: HttpRequest, post_id: int) -> HttpResponse:
    post = Post.objects.filter(pk=post_id).only("pk", "topic_id", "number", "state").first()
    if post is None:
        raise Http404
    topic = _readable_topic(request, post.topic_id)
    moderator = request.user.is_authenticated and moderates(
        user=request.user, category=topic.category
    )
    posts = reading.topic_posts(user=request.user, topic=topic, moderator=moderator)
    if not posts.filter(pk=post.pk).exists():
        raise Http404
    number = reading.post_page_number(
        posts=posts, number=post.number, per_page=settings.FORUM_POSTS_PER_PAGE
    )
    question = ediscussion_selectors.question_of(topic)
    if question is not None:
        return redirect(
            ediscussion_selectors.question_url(question, page=number, post_number=post.number)
        )
    return redirect(f"{reading.topic_url(topic, page=number)}#post-{post.number}")


# -- Feeds --------------------------------------------------------------------------------------


class CategoryFeed(Feed):
    """The newest topics of a public category with their opening post (RSS 2.0). Feeds are
    shared between visitors, so they follow the anonymous rule: other categories are 404."""

    def get_object(self, request, slug):
        category = reading.public_category(slug=slug)
        if category is None:
            raise Http404
        return category

    def title(self, obj):
        return _("%(category)s · Convive community") % {"category": obj.name}

    def link(self, obj):
        return reverse("community:category", kwargs={"slug": obj.slug})

    def description(self, obj):
        return obj.description or obj.name

    def items(self, obj):
        return reading.feed_topics(category=obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.opening_html or ""

    def item_link(self, item):
        return reading.topic_url(item)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_post_at

    def item_author_name(self, item):
        return item.author.get_full_name() if item.author else None


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


_rss = CategoryFeed()
_atom = CategoryAtomFeed()


def category_rss(request: HttpRequest, slug: str) -> HttpResponse:
    return _rss(request, slug=slug)


def category_atom(request: HttpRequest, slug: str) -> HttpResponse:
    return _atom(request, slug=slug)
