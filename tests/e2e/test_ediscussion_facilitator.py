"""A facilitator's pages of the demo e-discussions (the running one's dashboard, tray, split
form, editor and document; the finished one's summary pages), opened in Chromium on a 360 x 740
phone screen by a coordinator signed in with both factors: axe-core finds no violation and
nothing scrolls sideways; the tray's contribution is split into its two questions with the
browser's JavaScript off, from the form's own suggestion."""

import pytest
from django.urls import reverse

from network.community.models import Contribution, EDiscussion
from network.roles import Role
from tests import crawl
from tests.network.conftest import person

from .test_ediscussion_import import _problems, _signed_in_with_both_factors
from .test_every_page import PHONE

pytestmark = pytest.mark.browser


def test_facilitator_pages_are_accessible_fit_a_phone_and_split_without_javascript(
    page, browser, live_server, migrated_site
):
    crawl.demo_seed()
    running = EDiscussion.objects.get(slug=crawl.RUNNING_EDISCUSSION)
    waiting = Contribution.objects.get(ediscussion=running, question__isnull=True)
    coordinator = person(Role.COORDINATOR, first_name="Lucía", last_name="Fernández")
    page.set_viewport_size(PHONE)
    _signed_in_with_both_factors(page, live_server, coordinator)
    slug, finished = running.slug, crawl.FINISHED_EDISCUSSION
    problems = _problems(
        page,
        [
            reverse("community:ediscussion", args=[slug]),
            reverse("community:ediscussion_dashboard", args=[slug]),
            reverse("community:ediscussion_tray", args=[slug]),
            reverse("community:ediscussion_split", args=[slug, waiting.post_id]),
            reverse("community:ediscussion_editor", args=[slug]),
            reverse("community:ediscussion_document", args=[slug]),
            reverse("community:ediscussion_summary_manage", args=[slug]),
            reverse("community:ediscussion_summary_manage", args=[finished]),
            reverse("community:ediscussion_summary", args=[finished]),
            reverse("community:ediscussion_summary_endorse", args=[finished]),
        ],
    )
    assert problems == [], "\n".join(problems)

    # The split form proposes the two parts at "Pregunta 1:" and "Pregunta 3:"; the
    # facilitator gives each its question and saves, without JavaScript (same session).
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    context.add_cookies(page.context.cookies())
    tab = context.new_page()
    tab.goto(reverse("community:ediscussion_split", args=[slug, waiting.post_id]))
    first, third = (
        running.weeks.get(number=week).questions.get(number=number)
        for week, number in ((1, 1), (2, 3))
    )
    assert "Pregunta 1:" in tab.locator("textarea[name=text_1]").input_value()
    assert "Pregunta 3:" in tab.locator("textarea[name=text_2]").input_value()
    tab.locator("select[name=question_1]").select_option(value=str(first.pk))
    tab.locator("select[name=question_2]").select_option(value=str(third.pk))
    tab.locator(".ed-split__buttons button:not([name])").click()
    tab.wait_for_load_state("load")
    parts = Contribution.objects.filter(split_from=waiting).order_by("question__number")
    assert [part.question.number for part in parts] == [1, 3]
    context.close()
