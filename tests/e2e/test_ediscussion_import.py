"""The archive import's pages (the upload form, a check's report, an import's report) opened
in Chromium on a 360 x 740 phone screen by a coordinator signed in with both factors: axe-core
finds no violation, nothing scrolls sideways, no JavaScript is loaded, and the form works
without any."""

import pytest
from django.urls import reverse

from network.community.models import ArchiveImport
from network.roles import Role
from tests.community.ediscussion_archive.helpers import ARCHIVE, QUESTIONS
from tests.network.conftest import person, totp_code

from .accessibility import format_violations
from .test_every_page import PHONE, RUN_ALL_RULES, WIDEST

pytestmark = pytest.mark.browser


def _problems_here(tab, label: str) -> list[str]:
    """What is wrong with the page the tab shows."""
    problems = []
    width = tab.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"{label}: {width} px wide, because of {tab.evaluate(WIDEST)}")
    if tab.evaluate("document.querySelectorAll('script[src]').length"):
        problems.append(f"{label}: loads JavaScript")
    violations = tab.evaluate(RUN_ALL_RULES)
    if violations:
        problems.append(format_violations(label, violations))
    return problems


def _problems(tab, paths: list[str]) -> list[str]:
    problems = []
    for path in paths:
        response = tab.goto(path)
        tab.wait_for_load_state("load")
        if response.status != 200:
            problems.append(f"{path}: status {response.status}")
        problems += _problems_here(tab, path)
    return problems


def _signed_in_with_both_factors(tab, live_server, user) -> None:
    tab.goto(live_server.url + reverse("account_login"))
    tab.fill("input[name=login]", user.email)
    tab.fill("input[name=password]", "correct horse battery")
    tab.press("input[name=password]", "Enter")
    tab.wait_for_url("**/2fa/**")
    tab.fill("input[name=code]", totp_code())
    tab.press("input[name=code]", "Enter")
    tab.wait_for_load_state("load")


def test_import_pages_are_accessible_and_fit_a_phone(page, live_server, migrated_site):
    coordinator = person(Role.COORDINATOR, first_name="Lucía", last_name="Fernández")
    page.set_viewport_size(PHONE)
    _signed_in_with_both_factors(page, live_server, coordinator)
    import_url = reverse("community:ediscussion_import")
    problems = _problems(page, [import_url])

    # A check, then the import, through the form itself.
    page.set_input_files("input[name=archive]", str(ARCHIVE))
    page.set_input_files("input[name=questions]", str(QUESTIONS))
    page.fill("input[name=title]", "Territorial approaches (2023)")
    page.check("input[name=dry_run]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="What the import would do").is_visible()
    assert not ArchiveImport.objects.exists()
    problems += _problems_here(page, "the check's report")
    page.set_input_files("input[name=archive]", str(ARCHIVE))
    page.set_input_files("input[name=questions]", str(QUESTIONS))
    page.uncheck("input[name=dry_run]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    report = ArchiveImport.objects.get()
    assert page.url.endswith(reverse("community:ediscussion_import_report", args=[report.pk]))
    problems += _problems(
        page,
        [
            reverse("community:ediscussion_import_report", args=[report.pk]),
            reverse("community:ediscussion_import_report", args=[report.pk]) + "?outcome=tray",
            import_url,
        ],
    )
    assert problems == [], "\n".join(problems)
