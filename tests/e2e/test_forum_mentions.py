"""@mention suggestions in Chromium (static/js/mentions.js): in a private space, a partner types
"@mar" in the reply box; the partners whose name starts so are listed under the caret (a member
outside the space never is), the keyboard picks one and "@handle " is in the text, which posts
as a link to the member. axe-core finds no violation with the list open or closed, and the list
fits a phone. (Without JavaScript nothing changes: test_forum_journey.py writes its reply with
no script of the site's own, and the topic page loads none.)"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from network.community.models import CategoryGrant, Post
from network.roles import Role
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory

from .accessibility import assert_accessible, format_violations
from .sessions import sign_in
from .test_every_page import PHONE, RUN_ALL_RULES

pytestmark = pytest.mark.browser

HINT = "Up and down arrows choose a member, Enter or Tab inserts it, Escape closes the list."


def _person(first_name: str, last_name: str, *groups: Group, **fields):
    user = UserFactory(first_name=first_name, last_name=last_name, **fields)
    user.groups.add(*groups)
    return user


def _no_violations(page) -> None:
    assert_accessible(page)
    violations = page.evaluate(RUN_ALL_RULES)
    assert not violations, format_violations(page.url, violations)


def test_a_partner_mentions_a_partner_with_the_keyboard(page, live_server, migrated_site):
    partners = Group.objects.get_or_create(name=Role.PARTNER)[0]
    members = Group.objects.get_or_create(name=Role.MEMBER)[0]
    space = ForumCategoryFactory(slug="partners-desk", access="private", name_en="Partners' desk")
    CategoryGrant.objects.create(category=space, group=partners)
    topic = ForumTopicFactory(
        category=space,
        author=_person("Carlos", "Ramírez", partners),
        title="Funding the night desk",
        opening="Who can share last year's figures?",
    )
    _person("Marcos", "Díaz", partners, listed_in_directory=True)
    _person("Mario", "Quiroga", partners)  # not in the directory, never wrote here: not offered
    _person("María", "López", partners, listed_in_directory=True)
    _person("Mariela", "Rocha", members, listed_in_directory=True)  # not in the space
    _person("Marta", "Vidal", partners, is_active=False)
    writer = _person("Ana", "Souza", partners)

    sign_in(page, writer, live_server)
    page.goto(reverse("community:reply", args=[topic.pk]))
    box = page.get_by_label("Your post")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    box.click()
    box.press_sequentially("Thanks @mar")

    listbox = page.get_by_role("listbox", name="Members to mention")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text("Marcos Díaz")
    expect(options.nth(0)).to_contain_text("@marcos_diaz")
    expect(options.nth(1)).to_contain_text("María López")
    expect(box).to_have_attribute("aria-controls", listbox.get_attribute("id"))
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    expect(page.locator(".mention-field [role=status]")).to_have_text(f"2 members found. {HINT}")
    _no_violations(page)

    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    box.press("Enter")
    expect(box).to_have_value("Thanks @maria_lopez ")
    expect(listbox).to_be_hidden()
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    _no_violations(page)

    # Nobody by that name: said, and Escape closes without touching the text.
    box.press_sequentially("and @zzz")
    nobody = page.locator(".mention-popup").get_by_text("No member found.")
    expect(nobody).to_be_visible()
    expect(page.locator(".mention-field [role=status]")).to_have_text("No member found.")
    box.press("Escape")
    expect(nobody).to_be_hidden()
    expect(box).to_have_value("Thanks @maria_lopez and @zzz")
    for _ in "and @zzz":
        box.press("Backspace")

    # On a phone the list stays on the screen, and a tap chooses too.
    page.set_viewport_size(PHONE)
    box.press_sequentially("and @marc")
    expect(options).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shown = listbox.bounding_box()
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= PHONE["width"]
    _no_violations(page)
    options.nth(0).click()
    expect(box).to_have_value("Thanks @maria_lopez and @marcos_diaz ")
    expect(box).to_be_focused()

    page.get_by_role("button", name="Post").click()
    post = page.locator(".post-body", has_text="Thanks")
    expect(post.locator("a.mention")).to_have_count(2)
    assert Post.objects.filter(topic=topic, author=writer).count() == 1
