"""The member directory: people (for signed-in members) and the forum activity of member
authorities (for everyone).

A person is listed when they chose to be (``User.listed_in_directory``), and their card holds
only the fields they chose to show (``User.directory_show_*``); the filters match a field only
for the people who show it, so a filter never reveals what someone hid.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from network.authority_page import AuthoritySection
from network.countries import COUNTRY_CHOICES, country_name
from network.inputs import integer_parse, text_clean
from network.models import Membership, User
from taxonomy.terms import THEMES, choices, label

from ..models import Post
from ..visibility import Visitor, is_forum_moderator, posts_listed_q

PEOPLE_PAGE_SIZE = 24
MEMBER_RECENT_POSTS = 10
ACTIVITY_DAYS = 90
COUNTRY_CODES = {code for code, _name in COUNTRY_CHOICES}
LANGUAGE_NAMES = dict(settings.LANGUAGES)
THEME_CODES = {term.code for term in THEMES}


@dataclass(frozen=True)
class PeopleParams:
    name: str = ""
    country: str = ""
    language: str = ""
    theme: str = ""
    page: int = 1

    def encoded(self) -> str:
        params = QueryDict(mutable=True)
        for key, value in (
            ("name", self.name),
            ("country", self.country),
            ("language", self.language),
            ("theme", self.theme),
        ):
            if value:
                params[key] = value
        return params.urlencode()


@dataclass
class DirectoryCard:
    """What the directory shows of one person: their name and handle always, the rest only
    when they chose to show it (empty otherwise, never read by the template)."""

    user: User
    name: str
    handle: str
    position: str = ""
    organisations: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    photo_url: str = ""
    email: str = ""


def people_params(*, params: QueryDict) -> PeopleParams:
    """The filters as asked (``name``, ``country``, ``language``, ``theme``, ``page``); unknown
    codes are ignored."""
    country = params.get("country", "")
    language = params.get("language", "")
    theme = params.get("theme", "")
    return PeopleParams(
        name=text_clean(params.get("name", ""), max_length=100),
        country=country if country in COUNTRY_CODES else "",
        language=language if language in LANGUAGE_NAMES else "",
        theme=theme if theme in THEME_CODES else "",
        page=integer_parse(params.get("page", "1"), minimum=1, maximum=10_000) or 1,
    )


def card_memberships() -> Prefetch:
    """The memberships ``directory_card`` reads, to prefetch with the people."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("local_authority", "partner").order_by(
            "created_at", "pk"
        ),
    )


def people_listed() -> QuerySet[User]:
    """The active people who chose to be listed, by name."""
    return (
        User.objects.filter(is_active=True, listed_in_directory=True)
        .prefetch_related(card_memberships())
        .order_by("last_name", "first_name", "pk")
    )


def _json_holds(field_name: str, code: str) -> Q:
    # A list of codes stored as JSON text: '"es"' is one whole code (works on every database).
    return Q(**{f"{field_name}__icontains": f'"{code}"'})


def people_search(*, params: PeopleParams) -> PaginatorPage:
    """One page of the directory's cards matching ``params``."""
    people = people_listed()
    if params.name:
        for word in params.name.split()[:5]:
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(handle__icontains=word)
            )
    if params.country:
        in_country = Membership.objects.filter(
            user=OuterRef("pk"), local_authority__country=params.country
        )
        people = people.filter(Exists(in_country), directory_show_country=True)
    if params.language:
        people = people.filter(
            _json_holds("languages_spoken", params.language), directory_show_languages=True
        )
    if params.theme:
        people = people.filter(_json_holds("themes", params.theme), directory_show_themes=True)
    page = Paginator(people, PEOPLE_PAGE_SIZE).get_page(params.page)
    page.object_list = [directory_card(user=user) for user in page.object_list]
    return page


def directory_card(*, user: User) -> DirectoryCard:
    """The card of ``user`` with only the fields they show (memberships prefetched)."""
    card = DirectoryCard(user=user, name=user.get_full_name() or user.handle, handle=user.handle)
    memberships = list(user.memberships.all())
    if user.directory_show_position:
        card.position = user.position
    if user.directory_show_organisation:
        card.organisations = list(dict.fromkeys(str(m.organisation) for m in memberships))
    if user.directory_show_country:
        card.countries = list(
            dict.fromkeys(
                country_name(m.local_authority.country)
                for m in memberships
                if m.local_authority is not None and m.local_authority.country
            )
        )
    if user.directory_show_languages:
        card.languages = [
            str(LANGUAGE_NAMES[code]) for code in user.languages_spoken if code in LANGUAGE_NAMES
        ]
    if user.directory_show_themes:
        card.themes = [label(THEMES, code) for code in user.themes if code in THEME_CODES]
    if user.directory_show_photo and user.photo:
        card.photo_url = user.photo.url
    if user.directory_show_email:
        card.email = user.email
    return card


def member_get(*, handle: str, viewer: Visitor) -> User | None:
    """The person with ``handle`` if ``viewer`` may open their directory page: listed people
    for every signed-in member, anyone for themselves and for forum moderators."""
    user = (
        User.objects.filter(handle__iexact=handle, is_active=True)
        .prefetch_related(card_memberships())
        .first()
    )
    if user is None:
        return None
    if user.listed_in_directory or user.pk == viewer.pk or is_forum_moderator(viewer):
        return user
    return None


def member_recent_posts(*, member: User, viewer: Visitor) -> list[Post]:
    """The latest posts of ``member`` that ``viewer`` may read, newest first."""
    return list(
        Post.objects.filter(posts_listed_q(user=viewer), author=member)
        .select_related("topic__category")
        .defer("source", "html")
        .order_by("-created_at", "-pk")[:MEMBER_RECENT_POSTS]
    )


def theme_choices() -> list[tuple[str, str]]:
    return choices(THEMES)


# -- Member authorities ------------------------------------------------------------------------
@dataclass(frozen=True)
class ForumActivity:
    topics: int = 0
    posts: int = 0


def authorities_forum_activity(*, authority_ids: list[int]) -> dict[int, ForumActivity]:
    """For each authority of ``authority_ids``: the topics started and posts written (an opening
    post counts as a post too) by its people in the last ``ACTIVITY_DAYS`` days, in the
    categories anyone may read (the anonymous rule). One grouped query."""
    if not authority_ids:
        return {}
    since = timezone.now() - timedelta(days=ACTIVITY_DAYS)
    authority = "author__memberships__local_authority_id"
    rows = (
        Post.objects.filter(
            posts_listed_q(user=None),
            created_at__gte=since,
            **{f"{authority}__in": authority_ids},
        )
        .order_by()
        .values(authority)
        .annotate(
            posts=Count("pk", distinct=True),
            topics=Count("pk", filter=Q(number=1), distinct=True),
        )
    )
    return {row[authority]: ForumActivity(topics=row["topics"], posts=row["posts"]) for row in rows}


def authority_forum_section(*, authority, language: str) -> AuthoritySection:
    """The section of a member authority's public page with its forum activity."""
    activity = authorities_forum_activity(authority_ids=[authority.pk]).get(
        authority.pk, ForumActivity()
    )
    return AuthoritySection(
        template="community/directory/authority_activity.html",
        context={"activity": activity, "days": ACTIVITY_DAYS},
    )
