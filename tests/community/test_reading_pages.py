"""Reading the forum: who sees which category, space and topic, and what the pages show."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from network.community.models import CategoryGrant, ModeratorScope, Post, Space, Suspension
from network.roles import Role
from tests.factories import (
    ForumCategoryFactory,
    ForumPostFactory,
    ForumTopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _with_role(role: str):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def forum():
    space = Space.objects.create(slug="partners", name_en="Partners' intranet", position=1)
    public = ForumCategoryFactory(
        slug="reception",
        name_en="Reception",
        name_es="Acogida",
        description_en="Welcoming new arrivals.",
        access="public",
        theme="reception",
        position=2,
    )
    members = ForumCategoryFactory(slug="members-room", name_en="Members' room", position=1)
    intranet = ForumCategoryFactory(
        slug="intranet", name_en="Partners only", access="private", space=space
    )
    partners, _ = Group.objects.get_or_create(name=Role.PARTNER)
    CategoryGrant.objects.create(category=intranet, group=partners, can_see=True)
    return {
        "space": space,
        "public": public,
        "members": members,
        "intranet": intranet,
        "public_topic": ForumTopicFactory(category=public, title="Welcome desks that work"),
        "members_topic": ForumTopicFactory(category=members, title="Budget lines for shelters"),
        "private_topic": ForumTopicFactory(category=intranet, title="Secret partner agenda"),
    }


def _topic_url(topic) -> str:
    return reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})


def _client_for(client, who: str):
    if who != "anonymous":
        user = _with_role(Role.PARTNER) if who == "partner" else UserFactory()
        client.force_login(user)
    return client


# -- Visibility -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"public": 200, "members": 302, "intranet": 404}),
        ("member", {"public": 200, "members": 200, "intranet": 404}),
        ("partner", {"public": 200, "members": 200, "intranet": 200}),
    ],
)
def test_category_pages_open_for_their_readers_only(client, forum, who, expected):
    client = _client_for(client, who)
    for key, status in expected.items():
        response = client.get(reverse("community:category", args=[forum[key].slug]))
        assert response.status_code == status, (who, key)
        if status == 302:
            assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"public_topic": 200, "members_topic": 302, "private_topic": 404}),
        ("member", {"public_topic": 200, "members_topic": 200, "private_topic": 404}),
        ("partner", {"public_topic": 200, "members_topic": 200, "private_topic": 200}),
    ],
)
def test_topic_pages_open_for_their_readers_only(client, forum, who, expected):
    client = _client_for(client, who)
    for key, status in expected.items():
        response = client.get(_topic_url(forum[key]))
        assert response.status_code == status, (who, key)
        if status == 302:
            assert reverse("account_login") in response["Location"]
        permalink = client.get(reverse("community:post", args=[forum[key].posts.get().pk]))
        assert permalink.status_code == (404 if status == 404 else 302), (who, key)


def test_the_home_page_lists_readable_categories_and_spaces_only(client, forum):
    page = client.get(reverse("community:index")).content.decode()
    assert "Reception" in page
    assert "Members&#x27; room" not in page
    assert "Partners&#x27; intranet" not in page

    client.force_login(UserFactory())
    page = client.get(reverse("community:index")).content.decode()
    assert "Members&#x27; room" in page
    assert "Partners&#x27; intranet" not in page
    assert reverse("community:space", args=["partners"]) not in page

    client.force_login(_with_role(Role.PARTNER))
    page = client.get(reverse("community:index")).content.decode()
    assert reverse("community:space", args=["partners"]) in page
    # Private categories are reached through their space, not listed with the others.
    assert "Partners only" not in page


def test_categories_are_in_their_order_with_theme_count_and_activity(client, forum):
    client.force_login(UserFactory())
    page = client.get(reverse("community:index")).content.decode()
    assert page.index("Members&#x27; room") < page.index("Reception")
    assert "Reception and humanitarian assistance" in page
    assert "1 topic" in page
    assert "<time datetime=" in page


def test_a_space_page_lists_its_categories_for_its_members_and_404_for_others(client, forum):
    url = reverse("community:space", args=["partners"])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(_with_role(Role.PARTNER))
    response = client.get(url)
    assert response.status_code == 200
    assert reverse("community:category", args=["intranet"]) in response.content.decode()


def test_the_category_name_falls_back_visibly(client, forum):
    with translation.override("fr"):
        url = reverse("community:index")
    page = client.get(url).content.decode()
    assert '<a href="/fr/community/c/reception/" lang="en">Reception</a>' in page
    assert "Not translated yet" in page or "Pas encore traduit" in page

    with translation.override("es"):
        page = client.get(reverse("community:index")).content.decode()
    assert '<a href="/es/community/c/reception/">Acogida</a>' in page


# -- Category page ----------------------------------------------------------------------------


def test_pinned_topics_come_first_then_by_activity(client, forum):
    category = forum["public"]
    old = timezone.now() - timedelta(days=3)
    pinned = ForumTopicFactory(category=category, title="Read this first", is_pinned=True)
    Post.objects.filter(topic=pinned).update(created_at=old)
    type(pinned).objects.filter(pk=pinned.pk).update(last_post_at=old)
    recent = ForumTopicFactory(category=category, title="A brand new question")
    page = client.get(reverse("community:category", args=[category.slug])).content.decode()
    assert page.index("Read this first") < page.index("A brand new question")
    assert page.index("A brand new question") < page.index("Welcome desks that work")
    assert recent.title in page


def test_category_page_is_paginated_with_plain_links(client, forum, settings):
    settings.FORUM_TOPICS_PER_PAGE = 2
    category = forum["public"]
    for number in range(3):
        ForumTopicFactory(category=category, title=f"Extra topic number {number}")
    url = reverse("community:category", args=[category.slug])
    first = client.get(url).content.decode()
    assert 'href="?page=2"' in first
    assert "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert "Welcome desks that work" in second
    assert client.get(url, {"page": "nonsense"}).status_code == 200


def test_feeds_are_linked_from_public_categories_only(client, forum):
    client.force_login(_with_role(Role.PARTNER))
    public = client.get(reverse("community:category", args=["reception"])).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in public
    assert reverse("community:category_atom", args=["reception"]) in public
    members = client.get(reverse("community:category", args=["members-room"])).content.decode()
    assert "feed.rss" not in members
    assert "feed.atom" not in members


def test_start_a_topic_link_or_sign_in(client, forum):
    url = reverse("community:category", args=["reception"])
    new = reverse("community:topic_new", args=["reception"])
    page = client.get(url).content.decode()
    assert new not in page
    assert "Sign in to start a topic" in page
    client.force_login(UserFactory())
    assert new in client.get(url).content.decode()


def test_topic_rows_show_marks_and_counts(client, forum):
    topic = forum["public_topic"]
    ForumPostFactory(topic=topic)
    reply = ForumPostFactory(topic=topic)
    type(topic).objects.filter(pk=topic.pk).update(solution=reply, is_closed=True)
    topic.tags.add("shelters")
    page = client.get(reverse("community:category", args=["reception"])).content.decode()
    assert "2 replies" in page
    assert "Solved" in page
    assert "Closed" in page
    assert "#shelters" in page


# -- Topic page -------------------------------------------------------------------------------


def test_the_short_address_and_a_wrong_slug_redirect_to_the_canonical_one(client, forum):
    topic = forum["public_topic"]
    short = client.get(reverse("community:topic_short", args=[topic.pk]))
    assert short.status_code == 302
    assert short["Location"] == _topic_url(topic)
    wrong = client.get(
        reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": "old-title"}),
        {"page": "2"},
    )
    assert wrong["Location"] == f"{_topic_url(topic)}?page=2"
    private = forum["private_topic"]
    assert client.get(reverse("community:topic_short", args=[private.pk])).status_code == 404


def test_posts_have_anchors_permalinks_languages_and_marks(client, forum):
    topic = forum["public_topic"]
    opening = topic.posts.get(number=1)
    spanish = ForumPostFactory(topic=topic, source="Nosotros abrimos a las 8.", language="es")
    answer = ForumPostFactory(topic=topic, reply_to=spanish, edited_at=timezone.now())
    type(topic).objects.filter(pk=topic.pk).update(solution=answer)
    page = client.get(_topic_url(topic)).content.decode()
    for post in (opening, spanish, answer):
        assert f'id="post-{post.number}"' in page
        assert reverse("community:post", args=[post.pk]) in page
    assert '<div class="forum-post__body post-body" lang="es">' in page
    assert '<span class="forum-lang">Spanish</span>' in page
    assert "in reply to #2" in page
    assert "edited" in page
    assert "Go to the answer" in page
    assert "Nosotros abrimos a las 8." in page


def test_removed_posts_are_one_line_except_for_moderators(client, forum):
    topic = forum["members_topic"]
    ForumPostFactory(topic=topic, source="Rude words here", state=Post.State.HIDDEN)
    client.force_login(UserFactory())
    page = client.get(_topic_url(topic)).content.decode()
    assert "This post was removed." in page
    assert "Rude words here" not in page

    moderator = _with_role(Role.MODERATOR)
    client.force_login(moderator)
    page = client.get(_topic_url(topic)).content.decode()
    assert "Rude words here" in page
    assert "only moderators see this text" in page


def test_held_posts_show_to_their_author_and_moderators_only(client, forum):
    topic = forum["members_topic"]
    author = UserFactory()
    ForumPostFactory(topic=topic, author=author, source="Waiting words", state=Post.State.HELD)
    client.force_login(UserFactory())
    assert "Waiting words" not in client.get(_topic_url(topic)).content.decode()
    client.force_login(author)
    page = client.get(_topic_url(topic)).content.decode()
    assert "Waiting words" in page
    assert "Waiting for approval" in page
    client.force_login(_with_role(Role.MODERATOR))
    page = client.get(_topic_url(topic)).content.decode()
    assert "Waiting words" in page


def test_a_scoped_moderator_of_another_category_sees_no_hidden_text(client, forum):
    topic = forum["members_topic"]
    ForumPostFactory(topic=topic, source="Rude words here", state=Post.State.HIDDEN)
    moderator = _with_role(Role.MODERATOR)
    ModeratorScope.objects.create(user=moderator, category=forum["public"])
    client.force_login(moderator)
    assert "Rude words here" not in client.get(_topic_url(topic)).content.decode()


def test_action_links_follow_who_reads(client, forum):
    topic = forum["members_topic"]
    mine = UserFactory()
    reply = ForumPostFactory(topic=topic, author=mine)
    edit_reply = reverse("community:post_edit", args=[reply.pk])
    edit_opening = reverse("community:post_edit", args=[topic.posts.get(number=1).pk])
    answer = reverse("community:solution_mark", args=[reply.pk])
    flag_reply = reverse("community:post_flag", args=[reply.pk])

    client.force_login(mine)
    page = client.get(_topic_url(topic)).content.decode()
    assert edit_reply in page and edit_opening not in page
    assert flag_reply not in page  # not one's own post
    assert answer not in page  # only the topic's author or a moderator
    assert f"{reverse('community:reply', args=[topic.pk])}?to={reply.pk}" in page
    assert f"{reverse('community:reply', args=[topic.pk])}?quote={reply.pk}" in page

    client.force_login(topic.author)
    page = client.get(_topic_url(topic)).content.decode()
    assert answer in page and flag_reply in page and edit_reply not in page

    client.force_login(_with_role(Role.MODERATOR))
    page = client.get(_topic_url(topic)).content.decode()
    assert edit_reply in page and edit_opening in page and answer in page


def test_a_suspended_member_reads_without_action_links(client, forum):
    topic = forum["members_topic"]
    member = UserFactory()
    Suspension.objects.create(
        member=member, ends_at=timezone.now() + timedelta(days=3), reason="Spam"
    )
    client.force_login(member)
    page = client.get(_topic_url(topic)).content.decode()
    assert reverse("community:post_flag", args=[topic.posts.get(number=1).pk]) not in page
    assert 'name="source"' not in page
    assert "suspended" in page


def test_the_reply_form_or_the_reason(client, forum):
    topic = forum["public_topic"]
    page = client.get(_topic_url(topic)).content.decode()
    assert "Sign in to reply." in page
    assert 'name="source"' not in page
    client.force_login(UserFactory())
    page = client.get(_topic_url(topic)).content.decode()
    assert f'action="{reverse("community:reply", args=[topic.pk])}"' in page
    assert 'value="preview"' in page and 'value="post"' in page
    type(topic).objects.filter(pk=topic.pk).update(is_closed=True)
    page = client.get(_topic_url(topic)).content.decode()
    assert 'name="source"' not in page
    assert "This topic is closed" in page


def test_the_topic_page_is_paginated_and_the_permalink_finds_the_page(client, forum, settings):
    settings.FORUM_POSTS_PER_PAGE = 5
    topic = forum["public_topic"]
    replies = [ForumPostFactory(topic=topic, source=f"Reply text {n}") for n in range(11)]
    first = client.get(_topic_url(topic)).content.decode()
    assert "Reply text 3" in first and "Reply text 4" not in first
    assert "Page 1 of 3" in first
    third = client.get(_topic_url(topic), {"page": 3}).content.decode()
    assert "Reply text 9" in third and "Reply text 8" not in third

    target = replies[6]  # post number 8: the 8th shown, on page 2
    response = client.get(reverse("community:post", args=[target.pk]))
    assert response["Location"] == f"{_topic_url(topic)}?page=2#post-8"
    first_post = topic.posts.get(number=1)
    response = client.get(reverse("community:post", args=[first_post.pk]))
    assert response["Location"] == f"{_topic_url(topic)}#post-1"


def test_the_permalink_respects_visibility(client, forum):
    private = forum["private_topic"].posts.get(number=1)
    assert client.get(reverse("community:post", args=[private.pk])).status_code == 404
    held = ForumPostFactory(topic=forum["public_topic"], state=Post.State.HELD)
    assert client.get(reverse("community:post", args=[held.pk])).status_code == 404
    client.force_login(held.author)
    assert client.get(reverse("community:post", args=[held.pk])).status_code == 302
    assert client.get(reverse("community:post", args=[999999])).status_code == 404


def test_the_navigation_links_to_the_community(client, forum):
    page = client.get(reverse("community:latest")).content.decode()
    assert f'<a href="{reverse("community:index")}" aria-current="page">Community</a>' in page


def test_the_forum_stylesheet_loads_on_forum_pages_only(client, forum):
    assert "css/forum.css" in client.get(_topic_url(forum["public_topic"])).content.decode()
    assert "css/forum.css" not in client.get(reverse("network:join")).content.decode()
