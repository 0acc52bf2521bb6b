"""A coordinator's request for changes is the first thing the author sees on the proposal."""

import re

import pytest
from django.urls import reverse

from practice_submissions import services
from tests.factories import PracticeSubmissionFactory

pytestmark = pytest.mark.django_db


def _notice(html: str) -> str:
    match = re.search(r'<section class="notice notice--warning"[^>]*>(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


@pytest.fixture
def asked(directory, member, coordinator):
    submission = PracticeSubmissionFactory(submitter=member)
    submission = services.submission_submit(submission=submission, user=member)
    services.submission_request_changes(
        submission=submission, user=coordinator, message="Please add the results of 2023."
    )
    submission.refresh_from_db()
    return submission


def test_the_request_is_at_the_top_of_the_proposal_page(client, asked, member):
    client.force_login(member)
    html = client.get(reverse("practice_submissions:detail", args=[asked.pk])).content.decode()
    notice = _notice(html)
    assert "Changes requested by the coordinators" in notice
    assert "Lucía Fernández wrote on" in notice
    assert "Please add the results of 2023." in notice
    # Above the answers and the steps, not only in the history at the bottom.
    assert html.index("Please add the results of 2023.") < html.index('id="answers-heading"')
    assert html.index('id="change-request-heading"') < html.index('id="history-heading"')


def test_the_request_is_shown_while_editing_a_step(client, asked, member):
    client.force_login(member)
    url = reverse("practice_submissions:step", args=[asked.pk, "practice"])
    assert "Please add the results of 2023." in _notice(client.get(url).content.decode())


def test_the_notice_is_gone_once_the_proposal_is_sent_again(client, asked, member):
    services.submission_submit(submission=asked, user=member)
    client.force_login(member)
    html = client.get(reverse("practice_submissions:detail", args=[asked.pk])).content.decode()
    assert 'id="change-request-heading"' not in html
    # Still in the history.
    assert "Please add the results of 2023." in html


def test_the_latest_request_is_the_one_shown(client, asked, member, coordinator):
    asked = services.submission_submit(submission=asked, user=member)
    services.submission_request_changes(
        submission=asked, user=coordinator, message="Now shorten the summary."
    )
    client.force_login(member)
    html = client.get(reverse("practice_submissions:detail", args=[asked.pk])).content.decode()
    notice = _notice(html)
    assert "Now shorten the summary." in notice
    assert "results of 2023" not in notice
