"""A private space stays private everywhere: with a partners' topic present, every output that
could show forum content is checked for people outside the space (anonymous, a member, an
official, a moderator and a coordinator without the grant), while a partner sees it.

The outputs: the forum's home, latest, top and unanswered lists, the category, space and topic
pages, permalinks, feeds, attachments, revisions, the reply, flag and watch forms, forum search,
the site search, the sitemap, a member's page, the moderation queue, notifications and digests,
link cards, and the personal-data export of an outsider."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from network.community.cards import card_for_url
from network.community.models import Category, CategoryGrant, CategoryWatch, Flag, TopicWatch
from network.community.services.posting import reply_create, topic_create
from network.roles import Role
from notifications.models import Notification
from tests.factories import ForumCategoryFactory, UserFactory
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarquorum"  # a word only the private topic holds


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    # The fan-out of notifications runs after the commit, as in production.
    with django_capture_on_commit_callbacks(execute=True):
        return _world()


def _world():
    public = ForumCategoryFactory(slug="open-talk", access=Category.Access.PUBLIC)
    private = ForumCategoryFactory(slug="partners-only", access=Category.Access.PRIVATE)
    CategoryGrant.objects.create(category=private, group=Group.objects.get(name=Role.PARTNER))
    partner = person(
        Role.PARTNER, first_name="Sarah", last_name="Mitchell", listed_in_directory=True
    )
    outsiders = {
        "member": person(Role.MEMBER),
        "official": person(Role.OFFICIAL),
        "moderator": person(Role.MODERATOR),
        "coordinator": person(Role.COORDINATOR),
    }
    # Everyone watches every category, so a leak through notifications would show.
    for user in [partner, *outsiders.values()]:
        for category in (public, private):
            CategoryWatch.objects.create(
                user=user, category=category, level=CategoryWatch.Level.EVERY_POST
            )
    topic_create(
        author=UserFactory(),
        category=public,
        title="Reception desks in border towns",
        source="A public question.",
    )
    secret = topic_create(
        author=partner,
        category=private,
        title=f"{SECRET} funding plan for 2027",
        source=f"The {SECRET} figures are confidential.",
    ).post
    other_partner = person(Role.PARTNER)
    reply = reply_create(author=other_partner, topic=secret.topic, source=f"{SECRET} agreed.").post
    Flag.objects.create(post=reply, reporter=partner, reason=Flag.Reason.OTHER, note=SECRET)
    # A watch row of an outsider on the private topic must not open anything either.
    TopicWatch.objects.get_or_create(user=outsiders["member"], topic=secret.topic)
    return {
        "partner": partner,
        "outsiders": outsiders,
        "topic": secret.topic,
        "post": secret,
        "reply": reply,
        "private": private,
    }


def _lists(world) -> list[str]:
    return [
        reverse("community:index"),
        reverse("community:latest"),
        reverse("community:top"),
        reverse("community:unanswered"),
        # Searches for another word of the private posts (a search page repeats its words).
        reverse("community:search") + "?q=confidential",
        reverse("outreach:search") + "?q=confidential",
        "/sitemap.xml",
        reverse("community:member", kwargs={"handle": world["partner"].handle}),
        reverse("community:people") + "?q=Mitchell",
    ]


def _direct(world) -> list[str]:
    topic, post, private = world["topic"], world["post"], world["private"]
    return [
        reverse("community:category", kwargs={"slug": private.slug}),
        reverse("community:category_rss", kwargs={"slug": private.slug}),
        reverse("community:category_atom", kwargs={"slug": private.slug}),
        reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug}),
        reverse("community:topic_short", kwargs={"topic_id": topic.pk}),
        reverse("community:post", kwargs={"post_id": post.pk}),
        reverse("community:reply", kwargs={"topic_id": topic.pk}),
        reverse("community:topic_new", kwargs={"slug": private.slug}),
        reverse("community:post_revisions", kwargs={"post_id": post.pk}),
        reverse("community:post_flag", kwargs={"post_id": post.pk}),
        # The composer's @mention suggestions, which would name the partners.
        f"{reverse('community:mention_suggestions')}?topic={topic.pk}&q=sa",
        f"{reverse('community:mention_suggestions')}?category={private.pk}&q=sa",
    ]


def _posted(world) -> list[str]:
    topic, post, private = world["topic"], world["post"], world["private"]
    return [
        reverse("community:category_watch", kwargs={"slug": private.slug}),
        reverse("community:topic_watch", kwargs={"topic_id": topic.pk}),
        reverse("community:post_helpful", kwargs={"post_id": post.pk}),
        reverse("community:solution_mark", kwargs={"post_id": world["reply"].pk}),
    ]


def test_outsiders_find_the_private_topic_nowhere(client, world):
    viewers = {"anonymous": None, **world["outsiders"]}
    for name, user in viewers.items():
        if user is not None:
            sign_in(client, user)
        for url in _lists(world):
            response = client.get(url)
            assert response.status_code in (200, 302), (name, url, response.status_code)
            assert SECRET not in response.content.decode(), (name, url)
        for url in _direct(world):
            response = client.get(url)
            if user is None and response.status_code == 302:
                # Sign-in pages for forms; never a page naming the topic.
                assert SECRET not in response.url
                continue
            assert response.status_code == 404, (name, url, response.status_code)
        for url in _posted(world):
            response = client.post(url, {"level": "every_post"})
            if user is None and response.status_code == 302:
                assert SECRET not in response.url
                continue
            assert response.status_code == 404, (name, url, response.status_code)
        client.logout()


def test_the_moderation_queue_of_a_moderator_without_the_grant_omits_it(client, world):
    sign_in(client, world["outsiders"]["moderator"])
    response = client.get(reverse("community:moderation_queue"))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_a_partner_reads_it(client, world):
    sign_in(client, world["partner"])
    topic = world["topic"]
    response = client.get(
        reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    )
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    assert SECRET in client.get(reverse("community:latest")).content.decode()


def test_notifications_of_private_posts_reach_only_partners(world):
    told = Notification.objects.filter(context__icontains=SECRET).values_list(
        "recipient", flat=True
    )
    outsiders = {user.pk for user in world["outsiders"].values()}
    assert not outsiders & set(told)
    assert world["partner"].pk in set(
        Notification.objects.filter(kind__startswith="forum_").values_list("recipient", flat=True)
    )


def test_a_link_to_the_private_topic_never_becomes_a_card(world):
    topic = world["topic"]
    url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    assert card_for_url(url) is None


def test_an_outsiders_data_export_holds_nothing_of_it(client, world):
    member = world["outsiders"]["member"]
    sign_in(client, member)
    response = client.get(reverse("network:personal_data"))
    assert response.status_code == 200
    exported = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET not in json.dumps(json.loads(exported), ensure_ascii=False)
