"""@mention suggestions for the forum's composer: the members whose handle, first name or
last name starts with what was typed after "@" (case and accents aside: "jose" finds "José"),
among those who may read the category being written in and whom others can already find: listed
in the member directory, or seen writing in that category.

Who may be suggested is the rule by which a mention resolves and notifies
(``visibility.category_readers_q``): a private space's composer never suggests outsiders, and
inactive accounts never appear. Suggestions are given only to whoever may read the category
(the view answers 404 to others, as the category itself does). Each suggestion shows a
member's handle and name, which any post mentioning them shows too; the organisation and
country only when the member is listed in the member directory and shows them there
(``directory.directory_card``), so nothing a member chose to hide appears here.

Cheap by design: one query for the category, one for at most ``MENTION_SUGGESTIONS`` members
and one for their memberships, however many members the network has.
"""

import re
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Concat

from network.handles import HANDLE_MAX_LENGTH
from network.inputs import text_fold
from network.models import User
from network.search_text import Folded

from ..models import Category, Post, Topic
from ..visibility import Visitor, categories_readable, category_readers_q, topic_is_readable
from .directory import card_memberships, directory_card

MENTION_SUGGESTIONS = 8
# A mention's name is letters, digits and underscores (network/community/markdown.py).
_QUERY = re.compile(r"\w*")


@dataclass(frozen=True)
class MentionSuggestion:
    """A member to mention: ``@handle`` is what gets inserted."""

    handle: str
    name: str
    detail: str = ""


def mention_query_clean(raw: str) -> str:
    """What was typed after "@" as the suggestions compare it: in lower case without accents,
    up to the first character that is no letter, digit or underscore (a leading "@" dropped),
    at most as long as a handle; empty when nothing is left."""
    folded = text_fold(str(raw)).removeprefix("@")
    return _QUERY.match(folded).group()[:HANDLE_MAX_LENGTH]


def mention_category(
    *, viewer: Visitor, category_id: int | None = None, topic_id: int | None = None
) -> Category | None:
    """The category a composer writes in, found from its topic (a reply, an edit) or given
    itself (a new topic), when ``viewer`` may read it (and the topic); None otherwise."""
    if topic_id is not None:
        topic = Topic.objects.select_related("category").filter(pk=topic_id).first()
        if topic is None or not topic_is_readable(user=viewer, topic=topic):
            return None
        return topic.category
    if category_id is not None:
        return categories_readable(user=viewer).filter(pk=category_id).first()
    return None


def mention_suggestions(*, viewer: User, category: Category, query: str) -> list[MentionSuggestion]:
    """At most ``MENTION_SUGGESTIONS`` members who may read ``category`` (``viewer`` aside)
    whose handle, first name or last name starts with ``query`` (as ``mention_query_clean``
    gives it): an exact handle first, then handles starting with it, then names, each group
    by name."""
    if not query:
        return []
    folded_name = Folded(Concat("first_name", Value(" "), "last_name"))
    # Only people others can already find: listed in the member directory, or seen writing
    # in this category. Whoever chose not to be listed is not offered by name to everyone.
    wrote_here = Post.objects.filter(
        author=OuterRef("pk"), topic__category=category, state=Post.State.PUBLISHED
    )
    members = (
        User.objects.filter(category_readers_q(category=category), handle__isnull=False)
        .filter(Q(listed_in_directory=True) | Q(Exists(wrote_here)))
        .exclude(pk=viewer.pk)
        .alias(folded_name=folded_name)
        .filter(
            Q(handle__startswith=query)
            | Q(folded_name__startswith=query)
            | Q(folded_name__contains=f" {query}")
        )
        .alias(
            closeness=Case(
                When(handle=query, then=Value(0)),
                When(handle__startswith=query, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .prefetch_related(card_memberships())
        .order_by("closeness", "folded_name", "handle")[:MENTION_SUGGESTIONS]
    )
    return [_suggestion(member) for member in members]


def _suggestion(member: User) -> MentionSuggestion:
    detail = ""
    if member.listed_in_directory:
        card = directory_card(user=member)
        detail = ", ".join(dict.fromkeys([*card.organisations[:1], *card.countries[:1]]))
    return MentionSuggestion(
        handle=member.handle, name=member.get_full_name() or member.handle, detail=detail
    )
