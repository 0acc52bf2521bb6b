"""Answering a needs assessment in a real browser, with JavaScript on and off: skip logic within
a section ("Update the questions"), a repeat group's rows added without script, an error that
keeps what was typed, then on to the next section. Checked with axe-core (JavaScript on: axe is
a script)."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Element, Response
from tests.assessments.factories_answer import (
    assessment_make,
    element_add,
    invitation_make,
    version_make,
)
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import csp_violations

pytestmark = pytest.mark.browser
Kind = Element.Kind


def _invitation_token() -> str:
    version = version_make(languages=("en",))
    element_add(version, "has_programmes", Kind.YES_NO, label="Do you run programmes?")
    element_add(
        version,
        "programme_count",
        Kind.INTEGER,
        label="How many programmes?",
        required=True,
        relevant="${has_programmes} = 'yes'",
    )
    programmes = element_add(
        version, "programmes", Kind.REPEAT, label="Programmes", relevant="${has_programmes} = 'yes'"
    )
    element_add(version, "programme_name", Kind.TEXT, parent=programmes, label="Programme name")
    women = element_add(version, "women", Kind.GROUP, label="Women and girls")
    element_add(version, "shelters", Kind.INTEGER, parent=women, label="Shelters")
    _invitation, token = invitation_make(assessment_make(version))
    return token


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_respondent_answers_a_section_with_skip_logic_and_rows(
    browser, live_server, migrated_site, axe_core, javascript
):
    token = _invitation_token()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    if javascript:
        context.add_init_script(path=str(axe_core))
    context.set_default_timeout(15_000)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"/en/assessments/a/{token}/s/0/")
    if javascript:
        assert_accessible(page)

    count = page.get_by_label("How many programmes?")
    expect(count).to_be_hidden()
    page.get_by_label("Yes").check()
    if javascript:  # shown at once
        expect(page.get_by_role("button", name="Update the questions")).to_be_hidden()
    else:  # shown once the page is updated
        expect(count).to_be_hidden()
        page.get_by_role("button", name="Update the questions").click()
    expect(count).to_be_visible()
    if javascript:  # and hidden again at once
        page.get_by_label("No", exact=True).check()
        expect(count).to_be_hidden()
        page.get_by_label("Yes").check()

    page.get_by_label("How many programmes?").fill("two")
    page.get_by_role("button", name="Add a row").click()
    page.get_by_label("Programme name").fill("Welcome desk")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".errorlist").first).to_contain_text("Enter a whole number")
    expect(page.get_by_label("How many programmes?")).to_have_value("two")
    expect(page.get_by_label("Programme name")).to_have_value("Welcome desk")
    if javascript:
        assert_accessible(page)

    page.get_by_label("How many programmes?").fill("1")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(r"/s/women/$"))
    expect(page.get_by_text("Section 2 of 2")).to_be_visible()
    if javascript:
        assert_accessible(page)
    context.close()
    assert csp_violations(messages) == [], "the page broke its Content-Security-Policy"

    saved = Response.objects.get()
    assert saved.data["programme_count"] == "1"
    assert saved.data["programmes"] == [{"programme_name": "Welcome desk"}]
