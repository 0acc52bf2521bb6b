"""The demo e-discussions as `make run` seeds them: a finished four-week one whose published
summary quotes only what participants wrote, with links to it, and one running in week 2."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from library.models import ResourcePage
from network.community.models import Contribution, EDiscussion, Post, Summary
from tests.crawl import FINISHED_EDISCUSSION, RUNNING_EDISCUSSION, demo_seed
from tests.once import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, demo_seed)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", text).split())


def test_the_finished_e_discussion_ran_four_weeks_in_three_languages(demo):
    ediscussion = EDiscussion.objects.get(slug=FINISHED_EDISCUSSION)
    assert ediscussion.closed_at is not None and ediscussion.closed_at <= timezone.now()
    weeks = list(ediscussion.weeks.order_by("number"))
    assert len(weeks) == 4 and all(week.published_at for week in weeks)
    contributions = Contribution.objects.filter(
        ediscussion=ediscussion, post__state=Post.State.PUBLISHED
    )
    per_question = {
        number: contributions.filter(question__number=number).count() for number in range(1, 9)
    }
    assert min(per_question.values()) >= 2, per_question
    languages = set(contributions.values_list("post__language", flat=True))
    assert {"en", "es", "fr"} <= languages
    assert contributions.exclude(on_behalf_organisation="").exists()
    assert contributions.filter(organisation_type="local_authority").exists()
    # Each contribution was written during its question's week.
    for contribution in contributions.select_related("post", "question__week"):
        opened = contribution.question.week.opens_at
        assert opened <= contribution.post.created_at <= ediscussion.ends_at


def test_the_published_summary_quotes_only_real_contributions_and_links_them(demo):
    ediscussion = EDiscussion.objects.get(slug=FINISHED_EDISCUSSION)
    summary = Summary.objects.get(ediscussion=ediscussion)
    assert summary.state == Summary.State.PUBLISHED
    assert summary.endorsements.filter(endorsed=True).count() >= 3
    resource = ResourcePage.objects.get(pk=summary.resource_id)
    assert resource.resource_type == "consolidated-summary" and resource.live
    sources = {
        post.pk: _words(post.source)
        for post in Post.objects.filter(contribution__ediscussion=ediscussion)
    }
    for body in (summary.body, *(summary.translations or {}).values()):
        body = body if isinstance(body, str) else body.get("body", "")
        linked = [int(pk) for pk in re.findall(r"/community/p/(\d+)/", body)]
        assert linked and set(linked) <= set(sources), "links lead to the contributions"
        quotes = [
            _words(line[1:].strip().strip('“”"«» '))
            for line in body.splitlines()
            if line.startswith(">") and line[1:].strip() and not line[1:].strip().startswith("—")
        ]
        assert quotes
        for quote in quotes:
            quote = quote.rstrip("….").strip('“”"«» ')
            assert any(quote in text for text in sources.values()), quote


def test_the_running_e_discussion_is_in_its_second_week(demo):
    ediscussion = EDiscussion.objects.get(slug=RUNNING_EDISCUSSION)
    assert ediscussion.is_open
    published = list(
        ediscussion.weeks.filter(published_at__isnull=False).values_list("number", flat=True)
    )
    assert published == [1, 2]
    waiting = Contribution.objects.filter(ediscussion=ediscussion, question__isnull=True)
    assert waiting.count() == 1, "one email answering two questions waits in the tray"
    assert Contribution.objects.filter(
        ediscussion=ediscussion, post__state=Post.State.HELD, question__isnull=False
    ).exists()
    # Every contribution was written in its week, none after now.
    for contribution in Contribution.objects.filter(
        ediscussion=ediscussion, question__isnull=False
    ).select_related("post", "question__week"):
        assert contribution.question.week.opens_at <= contribution.post.created_at
        assert contribution.post.created_at <= timezone.now()


def test_visitors_read_the_finished_one_and_members_the_running_one(demo):
    visitor = Client()
    page = visitor.get(reverse("community:ediscussion", args=[FINISHED_EDISCUSSION]))
    assert page.status_code == 200
    assert reverse("community:ediscussion_summary", args=[FINISHED_EDISCUSSION]) in (
        page.content.decode()
    )
    summary = visitor.get(reverse("community:ediscussion_summary", args=[FINISHED_EDISCUSSION]))
    assert summary.status_code == 200
    running = visitor.get(reverse("community:ediscussion", args=[RUNNING_EDISCUSSION]))
    assert running.status_code == 302 and "login" in running["Location"]
