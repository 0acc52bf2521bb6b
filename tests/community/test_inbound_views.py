"""The members' page on taking part by email, and the original of a held email for moderators."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.community import permissions
from network.community.models import Category, CategoryGrant, ModeratorScope, Suspension
from network.permissions import decide
from tests.community.inbound_helpers import held_mail, member
from tests.factories import ForumCategoryFactory
from tests.network.conftest import person

pytestmark = pytest.mark.django_db

HELP = "/en/community/email/"


def test_the_page_lists_the_addresses_of_the_categories_a_member_may_start_topics_in(client):
    reader = member()
    open_by_email = ForumCategoryFactory(
        slug="reception", name_en="Reception", accepts_email_topics=True
    )
    ForumCategoryFactory(slug="web-only", name_en="Web only", accepts_email_topics=False)
    ForumCategoryFactory(
        slug="partners", name_en="Partners", access="private", accepts_email_topics=True
    )
    granted = ForumCategoryFactory(
        slug="announcements",
        name_en="Announcements",
        accepts_email_topics=True,
        who_can_start=Category.Who.GRANTED,
    )
    client.force_login(reader)
    page = client.get(HELP).content.decode()
    assert "forum+reception@forum.convive.example.org" in page
    assert 'href="mailto:forum+reception@forum.convive.example.org"' in page
    for absent in ("web-only", "partners", "announcements"):
        assert f"forum+{absent}@" not in page
    assert "<h1>" in page and "Reply by email" in page
    assert f"<strong>{reader.email}</strong>" in page
    assert "90 days" in page

    group = Group.objects.create(name="editors")
    reader.groups.add(group)
    CategoryGrant.objects.create(category=granted, group=group, can_start=True)
    assert "forum+announcements@" in client.get(HELP).content.decode()
    # What the page lists is what the rule allows.
    for category in (open_by_email, granted):
        assert decide(reader, permissions.TOPIC_START, category)


def test_a_member_with_nowhere_to_start_by_email_is_told_so(client):
    client.force_login(member())
    ForumCategoryFactory(accepts_email_topics=False)
    page = client.get(HELP).content.decode()
    assert "None of the categories you can write in takes new topics by email." in page
    assert "forum+" not in page


def test_a_suspended_member_sees_no_address(client):
    suspended = member()
    ForumCategoryFactory(slug="reception", accepts_email_topics=True)
    Suspension.objects.create(
        member=suspended, ends_at=timezone.now() + timedelta(days=3), reason="Spam"
    )
    client.force_login(suspended)
    page = client.get(HELP).content.decode()
    assert "forum+reception@" not in page
    assert "suspended" in page


def test_the_page_costs_the_same_queries_for_few_and_many_categories(client):
    client.force_login(member())
    url = reverse("community:email_help")

    def grow(count: int) -> int:
        for _index in range(count):
            ForumCategoryFactory(accepts_email_topics=True)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow(0)  # the first request of a session costs its own queries
    assert grow(2) == grow(20)


def test_a_moderator_reads_the_original_of_a_held_email_as_plain_text(client):
    held = held_mail()
    client.force_login(person("moderator"))
    response = client.get(reverse("community:inbound_original", args=[held.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Yes, we do the same." in text and "escribió" in text
    assert "Subject: Re: Documentation desks" in text


def test_the_author_and_moderators_of_other_categories_do_not_see_the_original(client):
    held = held_mail()
    url = reverse("community:inbound_original", args=[held.pk])
    client.force_login(held.user)
    assert client.get(url).status_code == 404
    scoped = person("moderator")
    ModeratorScope.objects.create(user=scoped, category=ForumCategoryFactory())
    client.force_login(scoped)
    assert client.get(url).status_code == 404


def test_a_posted_email_has_no_original_to_show(client):
    from network.community.models import InboundMail

    held = held_mail()
    InboundMail.objects.filter(pk=held.pk).update(outcome=InboundMail.Outcome.POSTED)
    client.force_login(person("moderator"))
    assert client.get(reverse("community:inbound_original", args=[held.pk])).status_code == 404


def test_the_moderation_queue_links_a_held_email_to_its_original(client):
    held = held_mail()
    client.force_login(person("moderator"))
    page = client.get(reverse("community:moderation_queue")).content.decode()
    original = reverse("community:inbound_original", args=[held.pk])
    assert f'href="{original}"' in page
    assert "Yes, we do the same." in page
    assert client.get(original).status_code == 200
