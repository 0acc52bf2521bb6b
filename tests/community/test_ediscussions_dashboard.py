"""The facilitator's dashboard: its figures against counts made by hand, a query count that
does not grow with the contributions, who may open it, and tables a screen reader can read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.community.ediscussions import services
from network.community.ediscussions.selectors_dashboard import dashboard_figures
from network.community.models import Participant, Question
from network.community.services.moderation import post_hide
from network.roles import Role
from tests.community.ediscussion_dashboard_helpers import contribute, tray_contribution
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import (
    LocalAuthorityFactory,
    MembershipFactory,
    PartnerOrganisationFactory,
    UserFactory,
)
from tests.network.conftest import coordinator, person  # noqa: F401

pytestmark = pytest.mark.django_db


def _official(country: str):
    user = UserFactory()
    MembershipFactory(user=user, local_authority=LocalAuthorityFactory(country=country))
    return user


def _partner():
    user = UserFactory()
    MembershipFactory(user=user, local_authority=None, partner=PartnerOrganisationFactory())
    return user


@pytest.fixture
def consultation(coordinator):  # noqa: F811
    """Two weeks of two questions, both published; contributions counted by hand below."""
    ediscussion = running_ediscussion(facilitator=coordinator)
    services.weeks_publish_due(now=timezone.now() + timedelta(days=6))
    q1, q2, q3, q4 = Question.objects.order_by("number")
    bogota, lima = _official("CO"), _official("PE")
    partner, independent, newcomer = _partner(), UserFactory(), UserFactory()
    spammer, emailer = UserFactory(), UserFactory()
    contribute(author=bogota, question=q1, source="En Bogotá coordinamos...", language="es")
    contribute(author=bogota, question=q3, source="La diáspora participa...", language="es")
    contribute(author=lima, question=q1, source="En Lima...", language="es")
    contribute(author=partner, question=q1, source="Our programme...", language="en")
    contribute(author=independent, question=q2, source="Nous avons...", language="fr")
    contribute(author=newcomer, question=q2, source="Held for review.", held=True)
    spam = contribute(author=spammer, question=q2, source="Buy now", language="en")
    post_hide(moderator=coordinator, post=spam.post, reason="Spam")
    tray_contribution(ediscussion=ediscussion, author=emailer, source="Sobre la semana 1...")
    services.participants_invite(by=coordinator, ediscussion=ediscussion, users=[UserFactory()])
    return {
        "ediscussion": ediscussion,
        "questions": (q1, q2, q3, q4),
        "people": {"bogota": bogota, "lima": lima, "newcomer": newcomer},
    }


def _rows(tallies) -> dict:
    return {row.label: (row.published, row.held) for row in tallies}


def test_the_figures_match_the_contributions_counted_by_hand(consultation):
    figures = dashboard_figures(ediscussion=consultation["ediscussion"])
    # Published: 3 on Q1, 1 on Q2, 1 on Q3, 1 in the tray; held: 1 on Q2; the spam is hidden.
    assert (figures.published, figures.held, figures.unassigned) == (6, 1, 1)
    assert _rows(figures.per_week) == {
        "Week 1": (4, 1),
        "Week 2": (1, 0),
        "No question yet": (1, 0),
    }
    assert [(row.published, row.held) for row in figures.per_question] == [
        (3, 0),
        (1, 1),
        (1, 0),
        (0, 0),
        (1, 0),
    ]
    assert figures.per_question[-1].label == "Unassigned contributions"
    assert [row.question.number for row in figures.unanswered] == [4]
    assert _rows(figures.per_language) == {
        "Español": (3, 0),
        "English": (2, 1),
        "Français": (1, 0),
    }
    assert _rows(figures.per_country) == {
        "Colombia": (2, 0),
        "Peru": (1, 0),
        "Country not given": (3, 1),
    }
    assert _rows(figures.per_organisation_type) == {
        "Local authority": (3, 0),
        "Partner organisation": (1, 0),
        "Other or none": (2, 1),
    }
    counts = sorted((row.published, row.held) for row in figures.contributors)
    # Bogotá 2; Lima, the partner, the independent and the emailer 1; the newcomer 1 held.
    # The spammer, whose only contribution was hidden, is not a contributor.
    assert counts == [(0, 1), (1, 0), (1, 0), (1, 0), (1, 0), (2, 0)]
    assert figures.contributors[0].country == "Colombia"
    assert figures.contributors[0].organisation_type == "Local authority"
    # Every author joined when they wrote (week 1); one more was invited; one facilitator.
    assert (figures.participants, figures.invited, figures.facilitators) == (7, 1, 1)


def test_new_participants_are_counted_in_the_week_they_joined(consultation):
    ediscussion = consultation["ediscussion"]
    week1, week2 = ediscussion.weeks.order_by("number")
    people = consultation["people"]
    Participant.objects.filter(user=people["lima"]).update(
        joined_at=week2.opens_at + timedelta(hours=3)
    )
    Participant.objects.filter(user=people["newcomer"]).update(
        joined_at=week1.opens_at - timedelta(days=1)
    )
    figures = dashboard_figures(ediscussion=ediscussion)
    assert [(row.label, row.published) for row in figures.new_participants] == [
        ("Before week 1", 1),
        ("Week 1", 5),
        ("Week 2", 1),
    ]


def test_filters_count_one_week_or_one_language(consultation):
    ediscussion = consultation["ediscussion"]
    week2 = dashboard_figures(ediscussion=ediscussion, week=2)
    assert (week2.published, week2.held) == (1, 0)
    assert [row.question.number for row in week2.per_question] == [3, 4]
    french = dashboard_figures(ediscussion=ediscussion, language="fr")
    assert (french.published, _rows(french.per_language)) == (1, {"Français": (1, 0)})


def _facilitator_client(client, ediscussion, coordinator):  # noqa: F811
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=ediscussion, user=facilitator)
    client.force_login(facilitator)
    return reverse("community:ediscussion_dashboard", kwargs={"slug": ediscussion.slug})


def test_the_page_shows_the_figures_in_accessible_tables(client, consultation, coordinator):  # noqa: F811
    url = _facilitator_client(client, consultation["ediscussion"], coordinator)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<caption id="ed-per-week-caption">Contributions per week</caption>' in html
    assert '<th scope="col">Waiting for approval</th>' in html
    assert '<th scope="row">Colombia</th>' in html
    # The figure is written beside its bar, which screen readers skip.
    assert 'aria-hidden="true" focusable="false"><rect width="100" height="10"/></svg>' in html
    assert '<span class="ed-figure__value">4</span>' in html
    filtered = client.get(url, {"language": "fr"}).content.decode()
    assert '<th scope="row">Français</th>' in filtered
    assert '<th scope="row">Español</th>' not in filtered


def test_the_query_count_does_not_grow_with_the_contributions(
    client,
    coordinator,  # noqa: F811
    django_assert_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ediscussion = running_ediscussion(facilitator=coordinator)
    q1, q2 = Question.objects.filter(topic__isnull=False).order_by("number")
    url = _facilitator_client(client, ediscussion, coordinator)

    def grow(count: int, start: int) -> None:
        for number in range(start, start + count):
            author = _official(("CO", "PE", "MX", "BR")[number % 4])
            contribute(
                author=author,
                question=(q1, q2)[number % 2],
                source=f"Contribution {number}",
                language=("en", "es", "pt", "fr")[number % 4],
            )
        tray_contribution(ediscussion=ediscussion, author=UserFactory(), source="Tray")

    grow(3, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    expected = len(small.captured_queries)  # read now: each request resets the query log
    grow(25, 3)
    client.get(url)  # per-process caches read again after the writes (the shared menu)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    # 28 on the questions and 2 in the tray.
    assert "<dd>30</dd>" in response.content.decode()


def test_only_facilitators_open_it(client, consultation, coordinator):  # noqa: F811
    ediscussion = consultation["ediscussion"]
    url = reverse("community:ediscussion_dashboard", kwargs={"slug": ediscussion.slug})
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(person(Role.COORDINATOR, mfa=False))
    assert "/2fa/" in client.get(url)["Location"]
    draft = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "Not scheduled yet"},
        default_language="en",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(days=20),
    )
    client.force_login(UserFactory())
    draft_url = reverse("community:ediscussion_dashboard", kwargs={"slug": draft.slug})
    assert client.get(draft_url).status_code == 404
