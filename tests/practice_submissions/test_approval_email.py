"""The email that tells an author their practice is published links the public practice page
first (in the author's language), then their proposal in the member area."""

import re

import pytest
from django.conf import settings
from django.test import Client

from practice_submissions.services import submission_approve, submission_submit
from tests.factories import PracticeSubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture
def approved(directory, coordinator, mailoutbox, django_capture_on_commit_callbacks):
    """An English practice proposed by a Spanish-speaking author, approved by a coordinator
    whose visit is in English."""
    author = UserFactory(email="autora@example.org", preferred_language="es")
    submission = PracticeSubmissionFactory(submitter=author)
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission=submission, user=author)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission_approve(submission=submission, user=coordinator)
    submission.refresh_from_db()
    return submission


def test_the_published_email_links_the_public_page_first(approved, mailoutbox):
    (message,) = mailoutbox
    html = message.alternatives[0][0]
    page_link = f"{settings.SITE_URL}/es/{approved.page.url.split('/', 2)[2]}"
    proposal_link = f"{settings.SITE_URL}/es/practices/contribute/{approved.pk}/"
    links = [link for link in HREF.findall(html) if "/notifications/" not in link]
    assert links == [page_link, proposal_link]
    assert message.body.index(page_link) < message.body.index(proposal_link)
    # Anyone can open the public link: it is the live page, not the member area.
    response = Client().get(page_link[len(settings.SITE_URL) :])
    assert response.status_code == 200
    assert approved.title in response.content.decode()
