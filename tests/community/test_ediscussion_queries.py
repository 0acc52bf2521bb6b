"""The e-discussions' pages cost the same number of queries whatever their size: the list with
3 or 12 e-discussions, a home with 1 or 4 published weeks, a question with 5 or 45
contributions (its first and last pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.community.ediscussions import services
from network.community.models import Question
from network.community.services.posting import reply_create
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _ediscussions_add(facilitator, count: int) -> None:
    for number in range(count):
        ediscussion = running_ediscussion(
            facilitator=facilitator,
            weeks=1,
            questions_per_week=1,
            access="public" if number % 2 else "members",
        )
        reply_create(
            author=UserFactory(),
            topic=Question.objects.get(week__ediscussion=ediscussion).topic,
            source="Our experience.",
        )


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_list_costs_the_same_with_3_and_12_e_discussions(
    client,
    coordinator,  # noqa: F811
    django_assert_num_queries,
    who,
):
    if who == "member":
        client.force_login(UserFactory())
    url = reverse("community:ediscussion_list")
    _ediscussions_add(coordinator, 3)
    small = _queries(client, url)
    _ediscussions_add(coordinator, 9)
    client.get(url)  # the site's menus, cached again after the writes
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200


def _contributions_add(question: Question, count: int) -> None:
    for number in range(count):
        author = UserFactory()
        MembershipFactory(
            user=author,
            local_authority=LocalAuthorityFactory(country=("CO", "BR", "MX")[number % 3]),
        )
        post = reply_create(
            author=author, topic=question.topic, source=f"Contribution {number}.", language="es"
        ).post
        if number % 4 == 0:
            services.contribution_on_behalf_record(
                by=author, contribution=post.contribution, organisation="A network", country="MX"
            )


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_a_question_page_costs_the_same_with_5_and_45_contributions(
    client,
    coordinator,  # noqa: F811
    django_assert_num_queries,
    who,
):
    ediscussion = running_ediscussion(facilitator=coordinator, access="public")
    question = Question.objects.get(week__ediscussion=ediscussion, number=1)
    if who == "member":
        client.force_login(UserFactory())
    url = reverse("community:ediscussion_question", args=[ediscussion.slug, 1])
    _contributions_add(question, 5)
    small = _queries(client, url)
    _contributions_add(question, 40)
    client.get(url)  # the site's menus, cached again after the writes
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(small):
        assert client.get(url, {"page": 3}).status_code == 200


def test_a_home_costs_the_same_with_1_and_4_published_weeks(
    client,
    coordinator,  # noqa: F811
    django_assert_num_queries,
):
    from datetime import timedelta

    from django.utils import timezone

    small_one = running_ediscussion(facilitator=coordinator, weeks=1, access="public")
    large_one = running_ediscussion(facilitator=coordinator, weeks=4, access="public")
    # Every week of the large one published (time moved on by three weeks).
    services.weeks_publish_due(now=timezone.now() + timedelta(days=22))
    client.force_login(UserFactory())
    small = _queries(client, reverse("community:ediscussion", args=[small_one.slug]))
    client.get(reverse("community:ediscussion", args=[large_one.slug]))
    with django_assert_num_queries(small):
        response = client.get(reverse("community:ediscussion", args=[large_one.slug]))
    assert response.content.decode().count("ediscussion-week__title") == 4
    assert "Question 8: how does your city coordinate?" in response.content.decode()
