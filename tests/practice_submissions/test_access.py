"""Who sees and changes proposals, and list views with bounded queries."""

import pytest
from django.urls import reverse

from network.roles import Role
from tests.factories import PracticeSubmissionFactory, UserFactory
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["practice_submissions:list", "practice_submissions:new", "practice_submissions:queue"]
)
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_anonymous_cannot_open_a_draft(client):
    submission = PracticeSubmissionFactory()
    response = client.get(reverse("practice_submissions:detail", args=[submission.pk]))
    assert "login" in response["Location"]


def test_person_without_role_or_organisation_cannot_propose(client):
    client.force_login(UserFactory())
    response = client.get(reverse("practice_submissions:new"))
    assert response.status_code == 403
    assert "Only members of the network" in response.content.decode()


@pytest.mark.parametrize("step", ["basics", "attachments"])
def test_someone_elses_draft_is_not_found(client, member, step):
    submission = PracticeSubmissionFactory()
    client.force_login(member)
    assert (
        client.get(reverse("practice_submissions:detail", args=[submission.pk])).status_code == 404
    )
    url = reverse("practice_submissions:step", args=[submission.pk, step])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Hijacked"}).status_code == 404
    submit = reverse("practice_submissions:submit", args=[submission.pk])
    assert client.post(submit).status_code == 404
    submission.refresh_from_db()
    assert submission.state == "draft"
    assert submission.title == "Welcome desk for newcomers"


def test_coordinator_sees_any_submission(client, coordinator):
    submission = PracticeSubmissionFactory(state="submitted")
    sign_in(client, coordinator)
    response = client.get(reverse("practice_submissions:detail", args=[submission.pk]))
    assert response.status_code == 200
    assert "Your decision" in response.content.decode()


def test_coordinator_without_two_factor_is_sent_to_set_it_up(client):
    submission = PracticeSubmissionFactory(state="submitted")
    client.force_login(person(Role.COORDINATOR, mfa=False))
    response = client.get(reverse("practice_submissions:detail", args=[submission.pk]))
    assert "/2fa/" in response["Location"]


def test_member_cannot_review(client, member, directory):
    submission = PracticeSubmissionFactory(state="submitted")
    client.force_login(member)
    assert client.get(reverse("practice_submissions:queue")).status_code == 403
    url = reverse("practice_submissions:review", args=[submission.pk])
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.state == "submitted"


def test_author_cannot_review_own_submission(client, member):
    submission = PracticeSubmissionFactory(submitter=member, state="submitted")
    client.force_login(member)
    url = reverse("practice_submissions:review", args=[submission.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403


def test_my_list_shows_only_my_submissions_with_states(client, member):
    PracticeSubmissionFactory(submitter=member, state="changes_requested")
    PracticeSubmissionFactory(data={"basics": {"title": "Someone else's"}})
    client.force_login(member)
    content = client.get(reverse("practice_submissions:list")).content.decode()
    assert "Welcome desk for newcomers" in content
    assert "Changes requested" in content
    assert "Someone else" not in content


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_my_list_queries_do_not_grow(client, member, django_assert_num_queries):
    client.force_login(member)
    url = reverse("practice_submissions:list")
    PracticeSubmissionFactory.create_batch(2, submitter=member)
    client.get(url)  # warm the per-request caches so both counts compare like for like
    small = _queries(client, url)
    PracticeSubmissionFactory.create_batch(8, submitter=member)
    with django_assert_num_queries(small):
        content = client.get(url).content.decode()
    assert content.count("Welcome desk for newcomers") == 10


def test_queue_queries_do_not_grow(client, coordinator, django_assert_num_queries):
    sign_in(client, coordinator)
    url = reverse("practice_submissions:queue")
    PracticeSubmissionFactory.create_batch(2, state="submitted")
    client.get(url)
    small = _queries(client, url)
    PracticeSubmissionFactory.create_batch(8, state="submitted")
    with django_assert_num_queries(small):
        content = client.get(url).content.decode()
    assert content.count("Welcome desk for newcomers") == 10
