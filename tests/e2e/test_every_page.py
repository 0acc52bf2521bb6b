"""Every kind of page of the seeded demo (tests/crawl.py: the public pages in four languages,
a member's own pages and the demo researcher's needs-assessment pages), opened in Chromium on a
360 x 740 phone screen: axe-core finds no violation of any rule or impact, and nothing makes the
page scroll sideways."""

import pytest

from network.demo import DEMO_DOMAIN
from network.models import User
from tests import crawl

from .accessibility import format_violations
from .sessions import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

# Every rule axe-core runs by default (WCAG 2.0-2.2 A/AA and its best practices), any impact.
RUN_ALL_RULES = """
async () => (await axe.run(document)).violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
        target: node.target.join(" "), html: node.html, summary: node.failureSummary,
    })),
}))
"""
# What overflows: the elements wider than the screen, outermost first.
WIDEST = """
() => [...document.querySelectorAll("body *")]
    .filter((e) => e.scrollWidth > document.documentElement.clientWidth)
    .slice(0, 4)
    .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.scrollWidth} px`)
"""


def _problems(tab, pages: list[crawl.CrawledPage]) -> list[str]:
    problems = []
    for crawled in pages:
        response = tab.goto(crawled.path)
        tab.wait_for_load_state("load")
        if response.status != crawled.status:
            problems.append(f"{crawled.path}: status {response.status}")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{crawled.path}: {width} px wide, because of {tab.evaluate(WIDEST)}")
        violations = tab.evaluate(RUN_ALL_RULES)
        if violations:
            problems.append(format_violations(crawled.path, violations))
    return problems


def test_every_page_is_accessible_and_fits_a_phone(page, live_server, migrated_site):
    crawl.demo_seed()
    member, draft = crawl.member_setup()
    page.set_viewport_size(PHONE)

    problems = _problems(page, crawl.public_pages())
    sign_in(page, member, live_server)
    # The two-factor setup asks for the password first.
    page.goto("/en/accounts/reauthenticate/")
    page.locator("main input[name='password']").fill(crawl.MEMBER_PASSWORD)
    page.locator("main form [type='submit']").click()
    page.wait_for_load_state("load")
    problems += _problems(page, crawl.member_pages(draft))
    # The demo researcher: the needs assessment she follows and her interview.
    sign_in(page, User.objects.get(email=f"researcher@{DEMO_DOMAIN}"), live_server)
    problems += _problems(page, crawl.researcher_pages())

    assert problems == [], "\n".join(problems)
