"""@mention suggestions (network/community/selectors/mentions.py, views/mentions.py): a member
writing in a category is offered the members who may read it whose handle or name starts with
what they typed after "@", accents aside; the answer is for signed-in readers of the category
only, costs the same whatever the number of members, and the composer pages load the script
that asks for it (other pages stay without script)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.community.models import CategoryGrant
from network.community.selectors.mentions import (
    MENTION_SUGGESTIONS,
    mention_query_clean,
    mention_suggestions,
)
from network.roles import Role
from tests.factories import (
    ForumCategoryFactory,
    ForumPostFactory,
    ForumTopicFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
)
from tests.network.conftest import person

pytestmark = pytest.mark.django_db

SUGGESTIONS = reverse("community:mention_suggestions")
# The session and its person, the request's savepoint and its release, the topic, the person's
# roles (a coordinator reads every private e-discussion), its category's rule, the members and
# their memberships.
QUERIES_AT_MOST = 9


def _someone(first_name: str, last_name: str, **fields):
    fields.setdefault("listed_in_directory", True)
    return UserFactory(first_name=first_name, last_name=last_name, **fields)


@pytest.fixture
def writer(client):
    user = _someone("Zoé", "Quintero")
    client.force_login(user)
    return user


@pytest.fixture
def topic():
    """A members' topic, started by someone no test types."""
    return ForumTopicFactory(
        category=ForumCategoryFactory(access="members"), author=_someone("Yves", "Ulloa")
    )


def _suggested(client, query: str, **scope) -> list[dict]:
    response = client.get(SUGGESTIONS, {**scope, "q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["members"]


def _handles(client, query: str, **scope) -> list[str]:
    return [member["handle"] for member in _suggested(client, query, **scope)]


def test_a_name_typed_without_its_accents_finds_the_member(client, writer, topic):
    jose = _someone("José", "Pérez")
    _someone("Josefina", "Ortiz")
    _someone("Ana", "Josué")

    assert set(_handles(client, "jose", topic=topic.pk)) == {"jose_perez", "josefina_ortiz"}
    assert set(_handles(client, "JOSÉ", topic=topic.pk)) == {"jose_perez", "josefina_ortiz"}
    # A last name (and any later word of a name) starts a match too.
    assert _handles(client, "perez", topic=topic.pk) == [jose.handle]
    assert _handles(client, "josu", topic=topic.pk) == ["ana_josue"]
    assert _suggested(client, "jose_p", topic=topic.pk) == [
        {"handle": "jose_perez", "name": "José Pérez", "detail": ""}
    ]


def test_a_whole_handle_comes_first_then_handles_then_names(client, writer, topic):
    _someone("Mar", "Alves", handle="mar")
    _someone("Aurora", "Martins", handle="aurora")
    _someone("Ximena", "Zuluaga", handle="marimar")

    assert _handles(client, "mar", topic=topic.pk) == ["mar", "marimar", "aurora"]


def test_inactive_members_and_the_writer_are_not_suggested(client, writer, topic):
    _someone("Marta", "Lima", is_active=False)
    _someone("Marcos", "Díaz")
    _someone("Zoila", "Quesada")

    assert _handles(client, "mar", topic=topic.pk) == ["marcos_diaz"]
    assert writer.handle not in _handles(client, "zo", topic=topic.pk)


def test_a_private_space_suggests_only_its_members(client):
    partners = Group.objects.get_or_create(name=Role.PARTNER)[0]
    private = ForumCategoryFactory(access="private")
    CategoryGrant.objects.create(category=private, group=partners)
    topic = ForumTopicFactory(category=private, author=person(Role.PARTNER, first_name="Yves"))
    insider = person(
        Role.PARTNER, first_name="Mariana", last_name="Costa", listed_in_directory=True
    )
    outsider = person(
        Role.MEMBER, first_name="Mariela", last_name="Rocha", listed_in_directory=True
    )
    writer = person(Role.PARTNER, first_name="Zoé", last_name="Quintero")
    client.force_login(writer)

    for scope in ({"topic": topic.pk}, {"category": private.pk}):
        handles = _handles(client, "mari", **scope)
        assert insider.handle in handles
        assert outsider.handle not in handles


def test_who_may_not_read_the_category_learns_nothing(client):
    private = ForumCategoryFactory(access="private")
    CategoryGrant.objects.create(
        category=private, group=Group.objects.get_or_create(name=Role.PARTNER)[0]
    )
    topic = ForumTopicFactory(category=private)
    person(Role.PARTNER, first_name="Mariana", last_name="Costa")
    client.force_login(person(Role.MEMBER))

    for scope in ({"topic": topic.pk}, {"category": private.pk}):
        response = client.get(SUGGESTIONS, {**scope, "q": "mari"})
        assert response.status_code == 404
        assert b"mariana" not in response.content


def test_a_hidden_topic_is_no_way_in_and_nothing_is_no_scope(client, writer):
    hidden = ForumTopicFactory(is_hidden=True)
    assert client.get(SUGGESTIONS, {"topic": hidden.pk, "q": "a"}).status_code == 404
    assert client.get(SUGGESTIONS, {"q": "a"}).status_code == 404
    assert client.get(SUGGESTIONS, {"topic": "x\x00", "q": "a"}).status_code == 404
    assert client.get(SUGGESTIONS, {"category": 2**70, "q": "a"}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, topic):
    _someone("Marcos", "Díaz")
    response = client.get(SUGGESTIONS, {"topic": topic.pk, "q": "mar"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_listed_member_shows_what_their_card_shows(client, writer, topic):
    listed = _someone("Lucía", "Fernández", listed_in_directory=True)
    MembershipFactory(
        user=listed, local_authority=LocalAuthorityFactory(name="Quito", country="EC")
    )
    private_about_place = _someone(
        "Lucas", "Ferreira", listed_in_directory=True, directory_show_organisation=False
    )
    MembershipFactory(user=private_about_place, local_authority=LocalAuthorityFactory())
    unlisted = _someone("Luciano", "Fuentes", listed_in_directory=False)
    MembershipFactory(user=unlisted, local_authority=LocalAuthorityFactory(name="Cali"))

    details = {
        member["handle"]: member["detail"] for member in _suggested(client, "luc", topic=topic.pk)
    }
    assert details == {
        listed.handle: "Quito, Ecuador",
        private_about_place.handle: "Colombia",
    }
    # Not listed and never seen writing here: not offered.
    assert unlisted.handle not in details


def test_at_most_eight_members_and_nothing_for_nothing_typed(client, writer, topic):
    for number in range(MENTION_SUGGESTIONS + 3):
        _someone("Mario", f"Número {number}")
    assert len(_handles(client, "mario", topic=topic.pk)) == MENTION_SUGGESTIONS
    assert _handles(client, "", topic=topic.pk) == []
    assert _handles(client, "@", topic=topic.pk) == []
    assert _handles(client, "%", topic=topic.pk) == []


def test_what_was_typed_is_read_up_to_the_end_of_a_mention():
    assert mention_query_clean("@José") == "jose"
    assert mention_query_clean("ana.b") == "ana"
    assert mention_query_clean("a\x00b") == "a"
    assert mention_query_clean("_%") == "_"
    assert len(mention_query_clean("m" * 500)) == 30


def test_the_answer_costs_the_same_with_few_and_many_members(
    client, writer, topic, django_assert_num_queries
):
    def members_add(count: int, start: int) -> None:
        for number in range(start, start + count):
            member = _someone("Marina", f"Silva {number}", listed_in_directory=True)
            MembershipFactory(user=member)

    members_add(3, 0)
    _suggested(client, "marina", topic=topic.pk)  # warms the per-process caches
    with CaptureQueriesContext(connection) as few:
        assert len(_suggested(client, "marina", topic=topic.pk)) == 3
    assert len(few) <= QUERIES_AT_MOST, [query["sql"][:120] for query in few]
    members_add(30, 3)
    with django_assert_num_queries(len(few)):
        assert len(_suggested(client, "marina", topic=topic.pk)) == MENTION_SUGGESTIONS


# -- The composer pages load the script; its words come from the page -------------------------
def _composer(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_composers_give_the_script_its_address_and_words(client, writer, topic):
    own_post = topic.posts.get()
    own_post.author = writer
    own_post.save(update_fields=["author"])
    pages = {
        reverse("community:reply", args=[topic.pk]): f"?topic={topic.pk}",
        reverse("community:post_edit", args=[own_post.pk]): f"?topic={topic.pk}",
        reverse("community:topic_new", args=[topic.category.slug]): (
            f"?category={topic.category_id}"
        ),
    }
    for url, scope in pages.items():
        html = _composer(client, url)
        assert f'data-mention-url="{SUGGESTIONS}{scope}"' in html, url
        assert 'data-mention-none="No member found."' in html
        assert 'data-mention-found-1="1 member found."' in html
        assert 'data-mention-found-8="8 members found."' in html
        assert 'src="/static/js/mentions.js" defer' in html


def test_the_topic_page_loads_no_script(client, writer, topic):
    html = _composer(client, reverse("community:topic", args=[topic.pk, topic.slug]))
    assert "mentions.js" not in html


def test_a_member_not_listed_in_the_directory_is_suggested_only_where_they_wrote():
    category = ForumCategoryFactory(access="members")
    elsewhere = ForumCategoryFactory(access="members")
    quiet = _someone("Ximena", "Ocampo", listed_in_directory=False)
    viewer = _someone("Ana", "Reyes")
    assert mention_suggestions(viewer=viewer, category=category, query="ximena") == []
    ForumPostFactory(topic=ForumTopicFactory(category=elsewhere), author=quiet)
    assert mention_suggestions(viewer=viewer, category=category, query="ximena") == []
    ForumPostFactory(topic=ForumTopicFactory(category=category), author=quiet)
    [suggestion] = mention_suggestions(viewer=viewer, category=category, query="ximena")
    assert suggestion.handle == quiet.handle
