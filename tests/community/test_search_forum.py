"""Searching the forum: the practices' words and engine (accents folded, per-language stemming
on PostgreSQL, ranked), filters, and the visibility rule applied to every result and count."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.community import signals
from network.community.models import CategoryGrant, Post, PostSearchEntry
from network.community.services.posting import reply_create, topic_create
from network.community.services.search_index import forum_search_rebuild
from network.roles import Role
from tests.factories import (
    ForumCategoryFactory,
    ForumPostFactory,
    ForumTopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _published(post: Post) -> Post:
    """What the posting services do once a post is saved: tell the forum it is visible."""
    signals.post_published.send(sender=Post, post=post, mentioned=())
    return post


def _topic(category, title: str, text: str, *, language: str = "en"):
    topic = ForumTopicFactory(category=category, title=title, opening=text, language=language)
    opening = topic.posts.get(number=1)
    Post.objects.filter(pk=opening.pk).update(language=language)
    opening.refresh_from_db()
    _published(opening)
    return topic


def _reply(topic, text: str, *, language: str = "en", **fields) -> Post:
    return _published(ForumPostFactory(topic=topic, source=text, language=language, **fields))


def _search(client, query: str, **filters):
    response = client.get(reverse("community:search"), {"q": query, **filters})
    assert response.status_code == 200
    return response


def _titles(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<h2 class="search-results__title"><a href="[^"]+">(.*?)</a></h2>', html)
    return [unescape(re.sub(r"</?mark>", "", title)) for title in found]


def _post_links(response) -> list[str]:
    return re.findall(
        r'<h2 class="search-results__title"><a href="([^"]+)">', response.content.decode()
    )


@pytest.fixture
def public():
    return ForumCategoryFactory(slug="reception", name_en="Reception", access="public")


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("query", "title", "text", "language"),
    [
        ("acogída", "Centro municipal de acogida", "Abrimos por la mañana.", "es"),
        ("acogida", "Centro municipal de acogída", "Abrimos por la mañana.", "es"),
        ("integracao", "Integração no mercado de trabalho", "Feira de emprego.", "pt"),
        ("INTEGRAÇÃO", "Feira de emprego", "Programa de integracao local.", "pt"),
    ],
)
def test_accents_and_case_do_not_matter(client, public, query, title, text, language):
    _topic(public, title, text, language=language)
    _topic(public, "Something else entirely", "Nothing to see.", language="en")
    assert _titles(_search(client, query)) == [title]


@pytest.mark.postgres
def test_each_post_is_stemmed_in_its_own_language(client, public):
    _topic(public, "Migraciones y ciudades", "Cómo acompañar.", language="es")
    _topic(public, "Welcoming families", "We welcomed forty families.", language="en")
    _topic(public, "Intégrations locales", "Les intégrations réussies.", language="fr")
    assert _titles(_search(client, "migración")) == ["Migraciones y ciudades"]
    assert _titles(_search(client, "welcomes")) == ["Welcoming families"]
    assert _titles(_search(client, "integration")) == ["Intégrations locales"]


def test_a_topic_whose_title_matches_comes_before_a_reply_that_mentions_the_word(client, public):
    other = _topic(public, "Weekly meeting notes", "Agenda for Monday.")
    _reply(other, "We also talked about housing for a while.")
    _topic(public, "Housing for new arrivals", "What do your cities offer?")
    assert _titles(_search(client, "housing")) == [
        "Housing for new arrivals",
        "Weekly meeting notes",
    ]


def test_posts_holding_every_word_come_first(client, public):
    _topic(public, "Language courses", "Evening courses for adults.")
    _topic(public, "Language courses for children", "Courses in schools for children.")
    assert _titles(_search(client, "courses children"))[0] == "Language courses for children"


def test_matched_words_are_marked_and_the_text_is_escaped(client, public):
    _topic(public, "<b>Desk</b> & <script>alert(1)</script> hours", "The desk opens at 8.")
    html = _search(client, "desk").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>desk</mark>" in html
    assert "<mark>Desk</mark>" in html


def test_each_result_links_to_the_post_permalink(client, public):
    topic = _topic(public, "Weekly meeting notes", "Agenda.")
    reply = _reply(topic, "Minutes about documentation.")
    assert _post_links(_search(client, "documentation")) == [
        reverse("community:post", kwargs={"post_id": reply.pk})
    ]


def test_results_filter_by_category_and_language(client, member, public):
    employment = ForumCategoryFactory(slug="employment", name_en="Employment", access="members")
    _topic(public, "Desk for documentation", "Documents.", language="en")
    _topic(employment, "Documentation for work permits", "Permits.", language="en")
    _topic(employment, "Documentación para permisos", "Permisos.", language="es")
    assert set(_titles(_search(client, "document", category="employment"))) == {
        "Documentation for work permits",
        "Documentación para permisos",
    }
    assert _titles(_search(client, "document", category="employment", language="es")) == [
        "Documentación para permisos"
    ]
    assert _titles(_search(client, "documentation", language="fr")) == []


def test_a_category_the_reader_cannot_read_is_not_offered_nor_applied(client, public):
    intranet = ForumCategoryFactory(slug="intranet", name_en="Intranet", access="private")
    _topic(intranet, "Partners budget", "Budget lines.")
    response = _search(client, "budget", category="intranet")
    html = response.content.decode()
    assert 'value="intranet"' not in html
    assert _titles(response) == []


@pytest.fixture
def intranet():
    category = ForumCategoryFactory(slug="intranet", name_en="Partners", access="private")
    partners, _created = Group.objects.get_or_create(name=Role.PARTNER)
    CategoryGrant.objects.create(category=category, group=partners, can_see=True)
    topic = _topic(category, "Confidential budget review", "Budget lines for 2027.")
    _reply(topic, "The budget is confidential until June.")
    return category


def test_a_private_space_is_never_found_nor_counted_by_outsiders(client, public, intranet):
    _topic(public, "Public budget questions", "How do cities plan?")
    for user in (None, UserFactory()):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = _search(client, "confidential budget")
        assert _titles(response) == ["Public budget questions"]
        html = response.content.decode()
        assert "Confidential" not in html and "until June" not in html
        assert "1 post found" in html


def test_a_partner_finds_the_private_space(client, public, intranet):
    partner = UserFactory()
    partner.groups.add(Group.objects.get(name=Role.PARTNER))
    client.force_login(partner)
    assert set(_titles(_search(client, "confidential"))) == {"Confidential budget review"}
    assert "2 posts found" in _search(client, "budget").content.decode()


def test_members_only_topics_are_found_by_members_not_by_anonymous(client):
    members = ForumCategoryFactory(slug="members", access="members")
    _topic(members, "Reception desks compared", "Opening hours.")
    assert _titles(_search(client, "reception")) == []
    client.force_login(UserFactory())
    assert _titles(_search(client, "reception")) == ["Reception desks compared"]


def test_held_and_hidden_posts_are_not_found(client, public):
    topic = _topic(public, "Weekly meeting notes", "Agenda.")
    _reply(topic, "A held message about interpreters.", state=Post.State.HELD)
    _reply(topic, "A hidden message about interpreters.", state=Post.State.HIDDEN)
    held_topic = ForumTopicFactory(category=public, title="Interpreters wanted", is_held=True)
    _published(held_topic.posts.get())
    assert _titles(_search(client, "interpreters")) == []
    assert not PostSearchEntry.objects.filter(post__state__in=["held", "hidden"]).exists()


def test_the_index_follows_edits_hiding_restoring_and_moves(client, public):
    topic = _topic(public, "Weekly meeting notes", "Agenda.")
    reply = _reply(topic, "Minutes about interpreters.")
    assert _titles(_search(client, "interpreters")) == ["Weekly meeting notes"]

    Post.objects.filter(pk=reply.pk).update(
        source="About volunteers.", html="<p>About volunteers.</p>"
    )
    reply.refresh_from_db()
    signals.post_edited.send(sender=Post, post=reply)
    assert _titles(_search(client, "interpreters")) == []
    assert _titles(_search(client, "volunteers")) == ["Weekly meeting notes"]

    Post.objects.filter(pk=reply.pk).update(state=Post.State.HIDDEN)
    reply.refresh_from_db()
    signals.post_hidden.send(sender=Post, post=reply)
    assert _titles(_search(client, "volunteers")) == []

    Post.objects.filter(pk=reply.pk).update(state=Post.State.PUBLISHED)
    reply.refresh_from_db()
    signals.post_restored.send(sender=Post, post=reply)
    assert _titles(_search(client, "volunteers")) == ["Weekly meeting notes"]

    opening = topic.posts.get(number=1)
    topic.title = "Mediation network"
    topic.category = ForumCategoryFactory(slug="members", access="members")
    topic.save()
    signals.topic_changed.send(sender=Post, post=opening)
    assert _titles(_search(client, "mediation")) == []  # now for members only
    client.force_login(UserFactory())
    assert _titles(_search(client, "mediation", category="members")) == ["Mediation network"]
    assert _titles(_search(client, "weekly")) == []

    topic.is_hidden = True
    topic.save()
    signals.topic_changed.send(sender=Post, post=opening)
    assert _titles(_search(client, "volunteers")) == []


def test_posts_written_through_the_services_are_found(client, public):
    author = UserFactory()
    written = topic_create(
        author=author, category=public, title="Orientation sessions", source="Who runs them?"
    )
    reply_create(author=UserFactory(), topic=written.post.topic, source="Our NGO partners do.")
    assert _titles(_search(client, "partners")) == ["Orientation sessions"]


def test_a_query_of_stop_words_only_asks_for_words(client, public):
    _topic(public, "The desk", "Of the city.")
    html = _search(client, "the of").content.decode()
    assert "Type a word or two" in html
    assert _titles(_search(client, "the of")) == []


def test_bad_input_is_ignored_not_an_error(client, public):
    _topic(public, "Desk hours", "Open at 8.")
    response = _search(client, 'desk" OR *:', language="xx", page="abc")
    assert _titles(response) == ["Desk hours"]


def test_the_rebuild_indexes_every_published_post(client, public):
    topic = ForumTopicFactory(category=public, title="Interpreters", opening="Who pays?")
    ForumPostFactory(topic=topic, source="Hidden one.", state=Post.State.HIDDEN)
    assert _titles(_search(client, "interpreters")) == []
    assert forum_search_rebuild() == 1
    assert _titles(_search(client, "interpreters")) == ["Interpreters"]


def test_a_page_of_results_costs_the_same_queries_for_few_and_many(client, member, public):
    def queries(count: int) -> int:
        for number in range(count):
            topic = _topic(public, f"Housing question {number}", "Where?")
            _reply(topic, "Housing is scarce.", author=UserFactory())
        _search(client, "housing")  # the site's menus are cached after the first page
        with CaptureQueriesContext(connection) as captured:
            _search(client, "housing")
        return len(captured.captured_queries)

    few = queries(2)
    many = queries(15)  # 34 matching posts: a full page of 20
    assert few == many


def test_the_rebuild_command_reports_what_it_indexed(client, public):
    from io import StringIO

    from django.core.management import call_command

    ForumTopicFactory(category=public, title="Interpreters", opening="Who pays?")
    out = StringIO()
    call_command("rebuild_forum_search", stdout=out)
    assert "Indexed 1 published posts." in out.getvalue()
    assert _titles(_search(client, "interpreters")) == ["Interpreters"]


def test_moderators_actions_through_their_services_update_what_search_finds(client, public):
    from network.community.services.moderation import post_hide, post_restore, topic_move
    from tests.community import moderation_helpers

    moderator = moderation_helpers.moderator_make()
    written = topic_create(
        author=UserFactory(), category=public, title="Orientation sessions", source="Who?"
    )
    reply = reply_create(
        author=UserFactory(), topic=written.post.topic, source="Our interpreters do."
    ).post
    assert _titles(_search(client, "interpreters")) == ["Orientation sessions"]
    post_hide(moderator=moderator, post=reply, reason="Off topic")
    assert _titles(_search(client, "interpreters")) == []
    post_restore(moderator=moderator, post=reply)
    assert _titles(_search(client, "interpreters")) == ["Orientation sessions"]
    members = ForumCategoryFactory(slug="members-only", access="members")
    topic_move(moderator=moderator, topic=written.post.topic, category=members)
    assert _titles(_search(client, "orientation")) == []
