"""One visibility rule (``network.visibility``), walked through every output of the site.

For every page type the world holds a public page, a login-restricted one, a password-restricted
one and an unpublished one (news also a group-restricted one and one under a login-restricted
index), each with its own title. Every output is read by an anonymous visitor and by a signed-in
member: the anonymous visitor never meets a restricted or unpublished title, nobody meets a
password-restricted, group-restricted (outside the group) or unpublished one, and every output
that lists a page type shows its public page.
"""

import io
import json
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import Page, PageViewRestriction

from network.visibility import is_visible, visible_id_q, visible_pages
from outreach.models import EventRegistration, NewsIndexPage, NewsPage, StandardPage
from practices.models import PracticePage
from tests.factories import UserFactory
from tests.library import builders as library_builders
from tests.outreach import builders
from tests.practices import builders as practice_builders

pytestmark = pytest.mark.django_db

STATES = ("public", "login", "password", "draft")
# What each visitor must never meet (news also has "group" and "inherited" pages).
HIDDEN = {
    "anonymous": {"login", "password", "draft", "group", "inherited"},
    "member": {"password", "draft", "group"},
}
# One country per state, so the map (which shows numbers per country) tells them apart.
PRACTICE_COUNTRIES = {"public": "CO", "sibling": "CO", "login": "MX", "password": "PE"}
PRACTICE_COUNTRIES["draft"] = "EC"


def title(kind: str, state: str) -> str:
    return f"Marker{kind.capitalize()}{state.capitalize()}"


def slug(kind: str, state: str) -> str:
    return f"marker-{kind}-{state}"


@dataclass
class World:
    home: Page
    indexes: dict[str, Page]
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)
    group: Group | None = None
    member_id: int = 0


def _restrict(page: Page, state: str, group: Group) -> None:
    if state in {"login", "inherited"}:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif state == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
        )
    elif state == "group":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)


def _ordered_states(kind: str) -> list[str]:
    """The public page is built last, so it is the newest: the home page's blocks (three of
    each) must show it whatever the others."""
    extra = {"news": ["group"], "practice": ["sibling"], "resource": ["sibling"]}.get(kind, [])
    return ["draft", "password", "login", *extra, "public"]


def _build() -> World:
    home = builders.homes()["en"]
    group = Group.objects.create(name="Visibility editors")
    indexes = {
        "news": builders.news_index(home),
        "event": builders.event_index(home),
        "campaign": builders.campaign_index(home),
        "practice": practice_builders.practice_index(home),
        "resource": library_builders.library(home),
    }
    world = World(home=home, indexes=indexes, group=group)
    today = timezone.localdate()
    for kind in ("news", "event", "campaign", "practice", "resource", "standard", "index"):
        world.pages[kind] = {}
        for position, state in enumerate(_ordered_states(kind)):
            common = {"title": title(kind, state), "slug": slug(kind, state)}
            if kind == "news":
                page = builders.add_page(
                    indexes["news"],
                    NewsPage(**common, summary="A story.", date=today),
                )
            elif kind == "event":
                page = builders.event_page(
                    indexes["event"],
                    starts_in=timedelta(days=30 - position),
                    capacity=10,
                    **common,
                )
            elif kind == "campaign":
                page = builders.campaign_page(
                    indexes["campaign"], starts_on=today - timedelta(days=10 - position), **common
                )
            elif kind == "practice":
                page = practice_builders.practice(
                    indexes["practice"], country=PRACTICE_COUNTRIES[state], **common
                )
            elif kind == "resource":
                page = library_builders.resource(
                    indexes["resource"], external_url="https://example.org/report", **common
                )
            elif kind == "standard":
                page = builders.add_page(home, StandardPage(**common, show_in_menus=True))
            else:
                page = builders.add_page(home, NewsIndexPage(**common, show_in_menus=True))
            if state == "draft":
                page.unpublish()
            _restrict(page, state, group)
            world.pages[kind][state] = page
    # A public news page under a login-restricted index: the restriction above it holds.
    members_index = world.pages["index"]["login"]
    world.pages["news"]["inherited"] = builders.add_page(
        members_index,
        NewsPage(
            title=title("news", "inherited"),
            slug=slug("news", "inherited"),
            summary="For members.",
            date=today,
        ),
    )
    world.member_id = UserFactory().pk
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


@pytest.fixture(params=["anonymous", "member"])
def visitor(request, client, world):
    if request.param == "member":
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(pk=world.member_id))
    return request.param


# -- The outputs --------------------------------------------------------------------------------
def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


@dataclass(frozen=True)
class Output:
    """An address and the page types it lists (``by`` says how a page shows there)."""

    address: object  # World -> str
    kinds: tuple[str, ...]
    by: str = "title"  # "title", "slug" (addresses only) or "country" (the map)
    xlsx: bool = False


OUTPUTS = {
    "home page": Output(
        lambda world: world.home.url,
        ("news", "event", "campaign", "practice", "standard", "index"),
    ),
    "news listing": Output(lambda world: world.indexes["news"].url, ("news",)),
    "event listing": Output(lambda world: world.indexes["event"].url, ("event",)),
    "campaign listing": Output(lambda world: world.indexes["campaign"].url, ("campaign",)),
    "library listing": Output(lambda world: world.indexes["resource"].url, ("resource",)),
    "practice directory": Output(lambda world: world.indexes["practice"].url, ("practice",)),
    "news rss": Output(lambda world: reverse("outreach:news_rss"), ("news",)),
    "news atom": Output(lambda world: reverse("outreach:news_atom"), ("news",)),
    "practice rss": Output(lambda world: reverse("practices:feed_rss"), ("practice",)),
    "practice atom": Output(lambda world: reverse("practices:feed_atom"), ("practice",)),
    "csv export": Output(lambda world: reverse("practices:export_csv"), ("practice",)),
    "xlsx export": Output(lambda world: reverse("practices:export_xlsx"), ("practice",), xlsx=True),
    "json api": Output(lambda world: reverse("practices:api_list"), ("practice",)),
    "map": Output(lambda world: reverse("practices:map"), ("practice",), by="country"),
    "sitemap": Output(
        lambda world: reverse("sitemap"),
        ("news", "event", "campaign", "practice", "resource", "standard", "index"),
        by="slug",
    ),
}


def _marker(output: Output, kind: str, state: str) -> str:
    if output.by == "slug":
        return f"/{slug(kind, state)}/"
    if output.by == "country":
        return f"?country={PRACTICE_COUNTRIES[state]}"
    return title(kind, state)


def _read(client, address: str, *, xlsx: bool = False) -> str:
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return _xlsx_text(content) if xlsx else content.decode()


@pytest.mark.parametrize("name", OUTPUTS)
def test_every_output_shows_what_the_visitor_may_see_and_nothing_else(client, world, visitor, name):
    output = OUTPUTS[name]
    text = _read(client, output.address(world), xlsx=output.xlsx)
    for kind in output.kinds:
        assert _marker(output, kind, "public") in text, (name, visitor, kind)
        for state in HIDDEN[visitor] & set(world.pages[kind]):
            if output.by == "country" and state == "sibling":
                continue
            assert _marker(output, kind, state) not in text, (name, visitor, kind, state)


KINDS_SEARCHED = ("news", "event", "campaign", "practice", "resource", "standard", "index")


@pytest.mark.parametrize("kind", KINDS_SEARCHED)
def test_site_search_finds_only_what_the_visitor_may_see(client, world, visitor, kind):
    search = reverse("outreach:search")
    for state, page in world.pages[kind].items():
        # The query is echoed in the search box: look for the result's address.
        text = _read(client, f"{search}?q={page.title}")
        found = f"/{page.slug}/" in text
        if state in HIDDEN[visitor]:
            assert not found, (visitor, kind, state)
        elif state == "public" or (state == "login" and visitor == "member"):
            assert found, (visitor, kind, state)


def test_practice_search_finds_only_public_practices(client, world, visitor):
    directory = world.indexes["practice"].url
    for state, page in world.pages["practice"].items():
        text = _read(client, f"{directory}?q={page.title}")
        found = f"/{page.slug}/" in text
        # The directory and its outputs are shared by every visitor: the anonymous rule.
        assert found == (state in {"public", "sibling"}), (visitor, state)


@pytest.mark.parametrize("kind", ["practice", "resource"])
def test_related_lists_show_only_public_pages(client, world, visitor, kind):
    text = _read(client, world.pages[kind]["public"].url)
    assert title(kind, "sibling") in text
    for state in HIDDEN[visitor] & set(world.pages[kind]):
        assert title(kind, state) not in text, (visitor, kind, state)


def test_members_see_login_restricted_pages_in_listings_and_blocks(client, world, visitor):
    """Login restrictions pass for any signed-in person, wherever the output is theirs alone."""
    home = _read(client, world.home.url)
    news = _read(client, world.indexes["news"].url)
    library = _read(client, world.indexes["resource"].url)
    member = visitor == "member"
    assert (title("news", "inherited") in home) is member
    assert (title("news", "login") in news) is member
    assert (title("resource", "login") in library) is member
    # Shared outputs (feeds, the menu) keep the anonymous rule for everyone.
    feed = _read(client, reverse("outreach:news_rss"))
    assert title("news", "login") not in feed
    assert title("index", "login") not in home


def test_calendar_files_only_for_visible_events(client, world, visitor):
    for state, event in world.pages["event"].items():
        response = client.get(reverse("outreach:event_calendar", kwargs={"page_id": event.pk}))
        visible = state == "public" or (state == "login" and visitor == "member")
        assert response.status_code == (200 if visible else 404), (visitor, state)
        if visible:
            assert title("event", state) in response.content.decode()


def test_registration_refused_for_events_the_visitor_cannot_see(client, world, visitor):
    for state, event in world.pages["event"].items():
        address = reverse("outreach:event_register", kwargs={"page_id": event.pk})
        response = client.post(address)
        visible = state == "public" or (state == "login" and visitor == "member")
        if not visible:
            assert response.status_code == 404, (visitor, state)
        else:
            assert response.status_code == 302, (visitor, state)
        registered = EventRegistration.objects.filter(
            event_id=event.pk, user_id=world.member_id
        ).exists()
        assert registered is (visible and visitor == "member"), (visitor, state)


def test_api_detail_only_for_public_practices(client, world, visitor):
    for state, practice in world.pages["practice"].items():
        response = client.get(reverse("practices:api_detail", kwargs={"pk": practice.pk}))
        public = state in {"public", "sibling"}
        assert response.status_code == (200 if public else 404), (visitor, state)
        if public:
            assert json.loads(response.content)["title"] == title("practice", state)


def test_password_restricted_event_opens_its_calendar_after_the_password(client, world):
    """On the page itself, the shared password counts (Wagtail keeps it in the session)."""
    event = world.pages["event"]["password"]
    address = reverse("outreach:event_calendar", kwargs={"page_id": event.pk})
    assert client.get(address).status_code == 404
    restriction = PageViewRestriction.objects.get(page=event)
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, event.pk]),
        {"password": "open sesame", "return_url": event.url},
    )
    assert response.status_code == 302
    assert client.get(address).status_code == 200


# -- The rule itself ----------------------------------------------------------------------------
def test_group_restrictions_pass_for_group_members_and_superusers(world):
    news = NewsPage.objects.filter(title__startswith="MarkerNews")
    in_group = UserFactory()
    in_group.groups.add(world.group)
    superuser = UserFactory(is_superuser=True)
    anyone = UserFactory()
    grouped = world.pages["news"]["group"]
    assert grouped in visible_pages(news, user=in_group)
    assert grouped in visible_pages(news, user=superuser)
    assert grouped not in visible_pages(news, user=anyone)
    assert not is_visible(grouped, user=None)
    assert set(visible_pages(news, user=None).values_list("title", flat=True)) == {
        title("news", "public")
    }


def test_rows_keyed_by_page_id_follow_the_same_rule(world):
    # visible_id_q (tables keyed by page id, e.g. the practice search entries) hides exactly
    # what visible_pages hides, for every state and visitor, inherited restrictions included.
    news = Page.objects.filter(title__startswith="MarkerNews")
    in_group = UserFactory()
    in_group.groups.add(world.group)
    for user in (None, UserFactory(), in_group, UserFactory(is_superuser=True)):
        by_id = set(news.filter(visible_id_q(field="id", user=user)).values_list("pk", flat=True))
        by_rule = set(visible_pages(news, user=user).values_list("pk", flat=True))
        assert by_id == by_rule
    assert set(news.filter(visible_id_q(field="id")).values_list("title", flat=True)) == {
        title("news", "public")
    }


def test_a_listing_costs_one_query_whatever_the_number_of_restrictions(
    world, django_assert_num_queries
):
    queryset = visible_pages(Page.objects.all(), user=None)
    with django_assert_num_queries(1):
        before = len(list(queryset))
    for number in range(3):
        page = builders.add_page(
            world.home, StandardPage(title=f"Closed {number}", slug=f"closed-{number}")
        )
        _restrict(page, "login", world.group)
    with django_assert_num_queries(1):
        assert len(list(visible_pages(Page.objects.all(), user=None))) == before


def test_practice_files_follow_the_rule(world):
    from practice_submissions.selectors import public_practice_ids

    ids = [page.pk for page in world.pages["practice"].values()]
    expected = {world.pages["practice"][state].pk for state in ("public", "sibling")}
    assert public_practice_ids(practice_ids=ids) == expected
    assert (
        set(
            visible_pages(PracticePage.objects.filter(pk__in=ids), user=None).values_list(
                "pk", flat=True
            )
        )
        == expected
    )
