"""A members-only e-discussion in every output: an anonymous visitor meets none of its titles,
questions or contributions anywhere (lists, its pages, the forum's lists, searches and feeds,
the site search, the sitemap); a member reads it; nobody outside is emailed about it."""

import pytest
from django.core import mail
from django.urls import reverse

from network.community.models import EDiscussion, Question
from network.community.services.posting import reply_create
from network.community.services.search_index import forum_search_rebuild
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db

MARKER = "Quetzalmarker"


@pytest.fixture
def members_only(coordinator, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        ediscussion = running_ediscussion(facilitator=coordinator, access="members")
        EDiscussion.objects.filter(pk=ediscussion.pk).update(title_en=f"{MARKER} consultation")
        question = Question.objects.filter(topic__isnull=False).order_by("number").first()
        reply_create(
            author=UserFactory(), topic=question.topic, source=f"Our {MARKER} programme works."
        )
    forum_search_rebuild()
    return ediscussion, question


def _outputs(ediscussion, question) -> list[str]:
    category = ediscussion.category
    return [
        reverse("community:ediscussion_list"),
        reverse("community:index"),
        reverse("community:latest"),
        reverse("community:top"),
        reverse("community:unanswered"),
        # Searched by another word of the contribution (a search page repeats its words).
        f"{reverse('community:search')}?q=programme",
        f"{reverse('outreach:search')}?q=programme",
        reverse("community:category_rss", args=[category.slug]),
        reverse("community:category_atom", args=[category.slug]),
        reverse("community:topic", args=[question.topic_id, question.topic.slug]),
        reverse("community:ediscussion", args=[ediscussion.slug]),
        reverse("community:ediscussion_question", args=[ediscussion.slug, question.number]),
        reverse("community:ediscussion_participants", args=[ediscussion.slug]),
        "/sitemap.xml",
    ]


def test_an_anonymous_visitor_meets_it_nowhere(client, members_only):
    ediscussion, question = members_only
    for path in _outputs(ediscussion, question):
        response = client.get(path, follow=True)
        assert MARKER not in response.content.decode(), path


def test_a_member_reads_it_and_finds_it(client, members_only):
    ediscussion, question = members_only
    client.force_login(UserFactory())
    for path in (
        reverse("community:ediscussion_list"),
        reverse("community:ediscussion", args=[ediscussion.slug]),
        reverse("community:ediscussion_question", args=[ediscussion.slug, question.number]),
        f"{reverse('community:search')}?q=programme",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert MARKER in response.content.decode(), path


def test_nobody_outside_is_emailed_about_it(members_only):
    ediscussion, _question = members_only
    taking_part = set(ediscussion.participants.values_list("user__email", flat=True))
    told = {address for message in mail.outbox for address in message.to}
    assert told and told <= taking_part
