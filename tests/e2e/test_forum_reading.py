"""The forum's reading pages (home, a category, the lists, a topic with every kind of post, a
private space) opened in Chromium on a 360 x 740 phone screen, for a visitor and for a
moderator who sees every mark and action: axe-core finds no violation, nothing scrolls sideways,
and the pages need no JavaScript (none is loaded)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from network.community.markdown import markdown_render
from network.community.models import CategoryGrant, Post, Space, TopicRead
from network.roles import Role
from tests.factories import ForumCategoryFactory, ForumPostFactory, ForumTopicFactory, UserFactory

from .accessibility import format_violations
from .sessions import sign_in
from .test_every_page import PHONE, RUN_ALL_RULES, WIDEST

pytestmark = pytest.mark.browser

LONG_WORD = "Interinstitucionalidad" * 4


def _forum() -> dict:
    space = Space.objects.create(slug="partners", name_en="Partners' intranet")
    public = ForumCategoryFactory(
        slug="reception",
        name_es="Acogida",
        name_en="",
        default_language="es",
        description_es="Cómo recibimos a quienes llegan.",
        access="public",
        theme="reception",
    )
    private = ForumCategoryFactory(slug="intranet", access="private", space=space)
    CategoryGrant.objects.create(
        category=private, group=Group.objects.get_or_create(name=Role.PARTNER)[0]
    )
    topic = ForumTopicFactory(
        category=public, title=f"Documentation desks {LONG_WORD}", is_pinned=True
    )
    topic.tags.add("shelters")
    answer = ForumPostFactory(topic=topic, language="es", source=f"Nosotros {LONG_WORD}.")
    ForumPostFactory(topic=topic, reply_to=answer, edited_at=timezone.now())
    ForumPostFactory(topic=topic, state=Post.State.HIDDEN, source="Removed words")
    ForumPostFactory(topic=topic, state=Post.State.HELD, source="Held words")
    code_and_table = "```\n" + "x" * 300 + "\n```\n\n" + "| a " * 30 + "|\n" + "|---" * 30 + "|\n"
    ForumPostFactory(topic=topic, html=markdown_render(source=code_and_table).html)
    type(topic).objects.filter(pk=topic.pk).update(solution=answer)
    ForumTopicFactory(category=public, title="Closed one", is_closed=True)
    return {"topic": topic, "space": space}


def _problems(tab, paths: list[str]) -> list[str]:
    problems = []
    for path in paths:
        response = tab.goto(path)
        tab.wait_for_load_state("load")
        if response.status != 200:
            problems.append(f"{path}: status {response.status}")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{path}: {width} px wide, because of {tab.evaluate(WIDEST)}")
        if tab.evaluate("document.querySelectorAll('script[src]').length"):
            problems.append(f"{path}: loads JavaScript")
        violations = tab.evaluate(RUN_ALL_RULES)
        if violations:
            problems.append(format_violations(path, violations))
    return problems


def test_forum_pages_are_accessible_and_fit_a_phone(page, live_server, migrated_site):
    forum = _forum()
    topic = forum["topic"]
    topic_url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    paths = [
        reverse("community:index"),
        reverse("community:category", args=["reception"]),
        reverse("community:latest"),
        reverse("community:top"),
        reverse("community:unanswered") + "?language=en",
        topic_url,
    ]
    page.set_viewport_size(PHONE)
    problems = _problems(page, paths)

    moderator = UserFactory()
    moderator.groups.add(Group.objects.get_or_create(name=Role.MODERATOR)[0])
    moderator.groups.add(Group.objects.get_or_create(name=Role.PARTNER)[0])
    TopicRead.objects.create(user=moderator, topic=topic, last_read_number=2)
    sign_in(page, moderator, live_server)
    problems += _problems(
        page, [*paths, reverse("community:space", args=["partners"]), reverse("network:dashboard")]
    )
    assert problems == [], "\n".join(problems)
