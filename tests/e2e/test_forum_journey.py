"""A member and a moderator use the forum in Chromium, without JavaScript of the site's own: the
member reads a topic, previews and posts a reply, and flags someone else's post; the moderator
finds the flag in the queue and hides the post. axe-core finds no violation on any page
visited, and nothing scrolls sideways on a phone."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from network.community.models import Flag, ModerationAction, Post
from network.roles import Role
from tests.factories import ForumCategoryFactory, ForumPostFactory, ForumTopicFactory, UserFactory

from .accessibility import assert_accessible
from .sessions import sign_in
from .test_every_page import PHONE

pytestmark = pytest.mark.browser


def _member(role: str, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def _fits(page) -> None:
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_member_replies_and_flags_and_a_moderator_hides_the_post(
    page, live_server, migrated_site
):
    category = ForumCategoryFactory(slug="reception", access="public", name_en="Reception")
    author = _member(Role.OFFICIAL, first_name="Carlos", last_name="Ramírez")
    topic = ForumTopicFactory(
        category=category,
        author=author,
        title="Night arrivals at the bus terminal",
        opening="Families arrive after the offices close. What do you do?",
    )
    spam = ForumPostFactory(
        topic=topic,
        author=_member(Role.MEMBER, first_name="Kevin", last_name="Brooks"),
        source="Best recruitment software for your city! Visit our website.",
    )
    reader = _member(Role.MEMBER, first_name="Ana", last_name="Souza")
    moderator = _member(Role.MODERATOR, first_name="Jorge", last_name="Castillo")
    topic_url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})

    # The member reads the topic and previews a reply: rendered on the server, text kept.
    sign_in(page, reader, live_server)
    page.goto(topic_url)
    expect(page.get_by_role("heading", name="Night arrivals at the bus terminal")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.locator("#id_source").fill("We open a **night desk** until 23:00.")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".forum-preview")
    expect(preview.locator("strong")).to_have_text("night desk")
    expect(page.locator("#id_source")).to_have_value("We open a **night desk** until 23:00.")
    assert_accessible(page)
    page.get_by_role("button", name="Post").click()
    expect(page.locator(".post-body strong", has_text="night desk")).to_be_visible()
    assert Post.objects.filter(topic=topic, author=reader, state="published").count() == 1

    # The member flags the advertisement.
    page.goto(reverse("community:post_flag", kwargs={"post_id": spam.pk}))
    assert_accessible(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_label("Anything the moderators should know (optional)").fill("An advert.")
    page.get_by_role("button", name="Send to the moderators").click()
    assert Flag.objects.filter(post=spam, reporter=reader, resolved_at__isnull=True).exists()

    # The moderator works the queue: the flagged post is there; hiding it takes a reason.
    sign_in(page, moderator, live_server)
    page.goto(reverse("community:moderation_queue"))
    expect(page.get_by_text("Best recruitment software")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.locator(f"#hide-{spam.pk}").fill("Advertising is not allowed here.")
    page.locator(f"#hide-{spam.pk}").locator("xpath=ancestor::form").get_by_role(
        "button", name="Hide"
    ).click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    spam.refresh_from_db()
    assert spam.state == Post.State.HIDDEN
    assert ModerationAction.objects.filter(post=spam, actor=moderator, action="hide").exists()
    page.goto(reverse("community:moderation_log"))
    expect(page.get_by_text("Advertising is not allowed here.")).to_be_visible()
    assert_accessible(page)
