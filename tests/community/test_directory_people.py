"""The member directory: people for signed-in members only, each showing only the fields they
chose; filters never match a hidden field; a member's page lists the posts the reader may read."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.community.models import Post
from network.forms import ProfileForm
from network.personal_data import personal_data_export
from network.roles import Role
from tests.factories import (
    ForumCategoryFactory,
    ForumPostFactory,
    ForumTopicFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _listed(**fields):
    fields.setdefault("listed_in_directory", True)
    return UserFactory(**fields)


@pytest.fixture
def viewer(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def lucia():
    user = _listed(
        first_name="Lucía",
        last_name="Fernández",
        position="Head of the migrant desk",
        languages_spoken=["es", "pt"],
        themes=["health"],
        email="lucia@quito.example.org",
    )
    MembershipFactory(user=user, local_authority=LocalAuthorityFactory(name="Quito", country="EC"))
    return user


def _people(client, **filters) -> str:
    response = client.get(reverse("community:people"), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, lucia):
    for url in (
        reverse("community:people"),
        reverse("community:member", kwargs={"handle": lucia.handle}),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_a_listed_person_shows_what_they_chose_and_not_their_email(client, viewer, lucia):
    html = _people(client)
    assert "Lucía Fernández" in html
    assert "Head of the migrant desk" in html
    assert "Quito" in html
    assert "Ecuador" in html
    assert "Español" in html or "Spanish" in html
    assert "Health" in html
    assert "lucia@quito.example.org" not in html  # off by default


@pytest.mark.parametrize(
    ("hidden", "value"),
    [
        ("position", "Head of the migrant desk"),
        ("organisation", "Quito"),
        ("country", "Ecuador"),
        ("themes", "Health"),
    ],
)
def test_a_hidden_field_is_never_rendered(client, viewer, lucia, hidden, value):
    setattr(lucia, f"directory_show_{hidden}", False)
    lucia.save()
    listing = _people(client)
    cards = listing[listing.index('<ul class="cards directory-people">') :]
    cards = cards[: cards.index("</ul>")]  # the filters list every country and theme
    for html in (
        cards,
        client.get(reverse("community:member", kwargs={"handle": lucia.handle})).content.decode(),
    ):
        assert "Lucía Fernández" in html
        assert value not in html


def test_the_email_is_shown_only_when_chosen(client, viewer, lucia):
    lucia.directory_show_email = True
    lucia.save()
    assert "lucia@quito.example.org" in _people(client)


def test_people_who_did_not_choose_to_be_listed_are_absent(client, viewer, lucia):
    _listed(first_name="Hidden", last_name="Person", listed_in_directory=False)
    html = _people(client)
    assert "Lucía Fernández" in html
    assert "Hidden Person" not in html


def test_filters_by_name_country_language_and_theme(client, viewer, lucia):
    other = _listed(first_name="Pierre", last_name="Dubois", languages_spoken=["fr"], themes=[])
    MembershipFactory(
        user=other, local_authority=LocalAuthorityFactory(name="Montréal", country="CA")
    )
    assert "Pierre Dubois" not in _people(client, name="fernan")
    assert "Lucía Fernández" in _people(client, name="fernan")
    html = _people(client, country="CA")
    assert "Pierre Dubois" in html and "Lucía Fernández" not in html
    html = _people(client, language="es")
    assert "Lucía Fernández" in html and "Pierre Dubois" not in html
    html = _people(client, theme="health")
    assert "Lucía Fernández" in html and "Pierre Dubois" not in html
    assert "Nobody listed matches" in _people(client, language="fr", theme="health")


def test_a_filter_never_matches_a_hidden_field(client, viewer, lucia):
    lucia.directory_show_country = False
    lucia.directory_show_languages = False
    lucia.directory_show_themes = False
    lucia.save()
    assert "Lucía Fernández" not in _people(client, country="EC")
    assert "Lucía Fernández" not in _people(client, language="es")
    assert "Lucía Fernández" not in _people(client, theme="health")


def test_unknown_filter_values_are_ignored(client, viewer, lucia):
    assert "Lucía Fernández" in _people(client, country="ZZ", language="xx", theme="x", page="a")


def test_the_directory_costs_the_same_queries_for_few_and_many(client, viewer):
    def queries(count: int) -> int:
        for number in range(count):
            person = _listed(first_name=f"Person{number}", languages_spoken=["es"])
            MembershipFactory(user=person, local_authority=LocalAuthorityFactory())
        _people(client)
        with CaptureQueriesContext(connection) as captured:
            _people(client)
        return len(captured.captured_queries)

    assert queries(2) == queries(20)


def test_an_unlisted_person_is_404_except_for_themselves_and_moderators(client, viewer):
    hidden = UserFactory(listed_in_directory=False, first_name="Hidden")
    url = reverse("community:member", kwargs={"handle": hidden.handle})
    assert client.get(url).status_code == 404
    client.force_login(hidden)
    assert client.get(url).status_code == 200
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get_or_create(name=Role.MODERATOR)[0])
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    assert client.get(reverse("community:member", kwargs={"handle": "nobody"})).status_code == 404


def test_a_member_page_lists_only_the_posts_the_reader_may_read(client, viewer, lucia):
    public = ForumCategoryFactory(access="public")
    intranet = ForumCategoryFactory(access="private")
    ForumTopicFactory(category=public, author=lucia, title="Health desks in Quito")
    ForumTopicFactory(category=intranet, author=lucia, title="Partners budget secrets")
    hidden = ForumTopicFactory(category=public, author=lucia, title="A removed question")
    Post.objects.filter(topic=hidden).update(state=Post.State.HIDDEN)
    html = client.get(reverse("community:member", kwargs={"handle": lucia.handle})).content.decode()
    assert "Health desks in Quito" in html
    assert "Partners budget secrets" not in html
    assert "A removed question" not in html


def test_the_profile_form_offers_one_checkbox_per_field(lucia):
    form = ProfileForm(instance=lucia)
    for name in ("position", "organisation", "country", "languages", "themes", "photo", "email"):
        assert f"directory_show_{name}" in form.fields


def test_the_personal_data_export_holds_the_directory_choices(lucia):
    account = personal_data_export(user=lucia)["account"]
    assert account["themes"] == ["health"]
    assert account["member_directory_shows"]["email"] is False
    assert account["member_directory_shows"]["position"] is True


def test_forum_activity_counts_only_public_categories_in_the_last_90_days(client):
    authority = LocalAuthorityFactory(name="Quito", country="EC")
    author = UserFactory()
    MembershipFactory(user=author, local_authority=authority)
    public = ForumCategoryFactory(access="public")
    members = ForumCategoryFactory(access="members")
    topic = ForumTopicFactory(category=public, author=author)
    ForumPostFactory(topic=topic, author=author)
    ForumTopicFactory(category=members, author=author)
    old = ForumTopicFactory(category=public, author=author)
    Post.objects.filter(topic=old).update(created_at=timezone.now() - timedelta(days=120))
    html = client.get(authority.get_absolute_url()).content.decode()
    assert "1 topic started in the public forum in the last 90 days" in html
    assert "2 posts" in html
    listing = client.get(reverse("network:authority_list")).content.decode()
    assert "1 forum topic" in listing
    assert "2 posts in 90 days" in listing


def test_the_authority_page_also_hides_a_photo_the_person_chose_to_hide(client, lucia):
    lucia.photo = "people/photos/lucia.png"
    lucia.directory_show_photo = False
    lucia.save()
    authority = lucia.memberships.get().local_authority
    html = client.get(authority.get_absolute_url()).content.decode()
    assert "Lucía Fernández" in html
    assert "lucia.png" not in html


def test_a_member_page_and_the_authority_list_cost_the_same_queries_for_few_and_many(
    client, viewer, lucia
):
    public = ForumCategoryFactory(access="public")
    member_url = reverse("community:member", kwargs={"handle": lucia.handle})
    authorities_url = reverse("network:authority_list")

    def queries(count: int) -> tuple[int, int]:
        for _number in range(count):
            topic = ForumTopicFactory(category=public, author=lucia)
            ForumPostFactory(topic=topic, author=lucia)
            author = UserFactory()
            MembershipFactory(user=author)
            ForumTopicFactory(category=public, author=author)
        counted = []
        for url in (member_url, authorities_url):
            client.get(url)  # the site's menus are cached after the first page
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counted.append(len(captured.captured_queries))
        return tuple(counted)

    assert queries(2) == queries(12)
