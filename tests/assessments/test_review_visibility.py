"""Who sees which answers (assessments/visibility.py), for every role, through the selectors
and through the pages: coordinators and the assessment's researchers (all, or their
countries), an authority its own, nobody else; sensitive questions hidden from everyone but
the team and the authority that gave them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from assessments import services_review, visibility
from assessments.models import Response
from tests.network.conftest import sign_in

from .review_helpers import world_make

pytestmark = pytest.mark.django_db
State = Response.ReviewState


@pytest.fixture
def world():
    return world_make()


def _seen(world, who) -> set[str]:
    user = AnonymousUser() if who == "anonymous" else getattr(world, who)
    return {
        response.local_authority.country
        for response in visibility.responses_visible(user=user, assessment=world.assessment)
    }


@pytest.mark.parametrize(
    ("who", "countries", "team", "hidden"),
    [
        ("coordinator", {"CO", "BR"}, True, set()),
        ("researcher", {"CO", "BR"}, True, set()),
        ("researcher_limited", {"BR"}, True, set()),
        ("researcher_elsewhere", set(), False, {"income"}),
        ("colombian_official", {"CO"}, False, set()),
        ("brazilian_official", {"BR"}, False, set()),
        ("partner", set(), False, {"income"}),
        ("anonymous", set(), False, {"income"}),
    ],
)
def test_the_selectors_for_every_role(world, who, countries, team, hidden):
    user = AnonymousUser() if who == "anonymous" else getattr(world, who)
    assert _seen(world, who) == countries
    assert visibility.in_team(user=user, assessment=world.assessment) is team
    assert visibility.hidden_keys(user=user, assessment=world.assessment) == hidden
    # Figures over every authority: only the team sees sensitive questions.
    figures = visibility.hidden_keys(user=user, assessment=world.assessment, figures=True)
    assert figures == (set() if team else {"income"})


def test_a_coordinator_without_the_second_factor_sees_no_answers(world):
    world.coordinator.second_factor_passed = False
    assert _seen(world, "coordinator") == set()
    assert not visibility.in_team(user=world.coordinator, assessment=world.assessment)


def test_sensitive_answers_are_the_teams_and_their_own_authoritys(world):
    colombian, brazilian = world.colombian, world.brazilian
    assert visibility.sensitive_visible(user=world.colombian_official, response=colombian)
    assert not visibility.sensitive_visible(user=world.colombian_official, response=brazilian)
    assert visibility.response_hidden_keys(user=world.colombian_official, response=brazilian) == {
        "income"
    }
    assert visibility.response_hidden_keys(user=world.researcher, response=brazilian) == set()
    assert not visibility.sensitive_visible(user=world.partner, response=colombian)
    assert not visibility.sensitive_visible(user=AnonymousUser(), response=colombian)


def test_drafts_are_nobodys_to_see(world):
    Response.objects.filter(pk=world.colombian.pk).update(
        status=Response.Status.DRAFT, submitted_at=None, review_state=""
    )
    assert _seen(world, "coordinator") == {"BR"}
    assert _seen(world, "colombian_official") == set()


def test_analysis_counts_approved_answers_unless_told_otherwise(world):
    services_review.review_set(
        response=world.colombian, by=world.coordinator, state=State.APPROVED, comment=""
    )
    approved = visibility.responses_for_analysis(assessment=world.assessment)
    assert list(approved) == [world.colombian]
    every = visibility.responses_for_analysis(
        assessment=world.assessment, include_all_submitted=True
    )
    assert set(every) == {world.colombian, world.brazilian}
    services_review.review_set(
        response=world.brazilian, by=world.coordinator, state=State.HAS_ISSUES, comment="Fix."
    )
    # Given back for corrections: out of every figure until submitted again.
    every = visibility.responses_for_analysis(
        assessment=world.assessment, include_all_submitted=True
    )
    assert list(every) == [world.colombian]
    assert visibility.analysis_basis() != visibility.analysis_basis(include_all_submitted=True)


# -- The pages ---------------------------------------------------------------------------------


def _client_as(client, world, who):
    if who == "anonymous":
        return client
    user = getattr(world, who)
    if who == "coordinator":
        sign_in(client, user)
    else:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "list_status", "shown", "colombian", "brazilian"),
    [
        ("coordinator", 200, {"Bogotá", "Recife"}, 200, 200),
        ("researcher", 200, {"Bogotá", "Recife"}, 200, 200),
        ("researcher_limited", 200, {"Recife"}, 403, 200),
        ("researcher_elsewhere", 403, set(), 403, 403),
        ("colombian_official", 403, set(), 403, 403),
        ("partner", 403, set(), 403, 403),
        ("anonymous", 302, set(), 302, 302),
    ],
)
def test_the_review_pages_for_every_role(
    client, world, who, list_status, shown, colombian, brazilian
):
    client = _client_as(client, world, who)
    listing = client.get(reverse("assessments:review_list", args=[world.assessment.slug]))
    assert listing.status_code == list_status
    if list_status == 200:
        page = listing.content.decode()
        assert {name for name in ("Bogotá", "Recife") if name in page} == shown
    for response, expected in ((world.colombian, colombian), (world.brazilian, brazilian)):
        page = client.get(reverse("assessments:response_review", args=[response.pk]))
        assert page.status_code == expected
        correct = client.get(reverse("assessments:answer_correct", args=[response.pk, "staff"]))
        assert correct.status_code == expected
        if expected == 200:
            assert "3000" in page.content.decode()  # the team sees the sensitive answer
        elif expected == 302:
            assert "/accounts/login/" in page["Location"]


def test_the_authority_sees_its_own_answers_with_its_link_and_nobody_elses(client, world):
    own = client.get(reverse("assessments:answer_review", args=[world.colombian.token]))
    assert own.status_code == 200 and "3000" in own.content.decode()
    client.force_login(world.colombian_official)
    other = client.get(reverse("assessments:response_review", args=[world.brazilian.pk]))
    assert other.status_code == 403 and "3000" not in other.content.decode()


@pytest.mark.parametrize(
    ("who", "colombian", "brazilian"),
    [
        ("coordinator", True, True),
        ("researcher_limited", False, True),
        ("colombian_official", True, False),
        ("partner", False, False),
        ("anonymous", False, False),
    ],
)
def test_one_responses_answers_are_decided_by_the_same_rule(world, who, colombian, brazilian):
    from assessments.permissions import RESPONSE_VIEW
    from network.permissions import can

    user = AnonymousUser() if who == "anonymous" else getattr(world, who)
    assert can(user, RESPONSE_VIEW, world.colombian) is colombian
    assert can(user, RESPONSE_VIEW, world.brazilian) is brazilian
