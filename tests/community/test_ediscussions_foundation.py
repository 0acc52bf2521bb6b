"""E-discussions on the forum: scheduling, publication and closing with time moved, the
contribution record, who may take part, approval and who reads a draft."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from network.community.ediscussions import services
from network.community.models import Contribution, EDiscussion, Participant, Post, Question
from network.community.services.posting import reply_create, topic_create
from network.community.visibility import ediscussions_readable, moderates, topics_listed
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db


def test_only_a_coordinator_creates_an_e_discussion(coordinator):  # noqa: F811
    now = timezone.now()
    with pytest.raises(PermissionDenied):
        services.ediscussion_create(
            creator=UserFactory(),
            titles={"en": "Diaspora engagement"},
            default_language="en",
            starts_at=now,
            ends_at=now + timedelta(days=28),
        )
    ediscussion = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "Diaspora engagement"},
        default_language="en",
        starts_at=now,
        ends_at=now + timedelta(days=28),
    )
    assert ediscussion.category.access == "members"
    assert ediscussion.tray.is_hidden
    assert Participant.objects.get(ediscussion=ediscussion).role == "facilitator"


def test_a_bad_period_or_a_missing_title_is_refused_with_a_reason(coordinator):  # noqa: F811
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.ediscussion_create(
            creator=coordinator,
            titles={"en": "Diaspora"},
            default_language="en",
            starts_at=now,
            ends_at=now - timedelta(days=1),
        )
    assert "ends_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.ediscussion_create(
            creator=coordinator,
            titles={"es": "Diáspora"},
            default_language="en",
            starts_at=now,
            ends_at=now + timedelta(days=1),
        )
    assert "titles" in error.value.message_dict


def test_scheduling_needs_weeks_with_questions_in_the_facilitators_language(
    coordinator,  # noqa: F811
):
    now = timezone.now()
    ediscussion = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "Diaspora engagement"},
        default_language="en",
        starts_at=now,
        ends_at=now + timedelta(days=28),
    )
    with pytest.raises(ValidationError):
        services.ediscussion_schedule(by=coordinator, ediscussion=ediscussion)
    week = services.week_save(by=coordinator, ediscussion=ediscussion, number=1, opens_at=now)
    services.question_save(by=coordinator, week=week, number=1, texts={"es": "¿Cómo?"})
    problems = services.schedule_problems(ediscussion=ediscussion)
    assert problems == ["Question 1 has no text in the facilitator's language."]


def test_a_week_is_published_at_its_time_once_and_the_e_discussion_closes_at_its_end(
    coordinator,  # noqa: F811
):
    now = timezone.now()
    ediscussion = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "Diaspora engagement"},
        default_language="en",
        starts_at=now,
        ends_at=now + timedelta(days=14),
    )
    week = services.week_save(
        by=coordinator, ediscussion=ediscussion, number=1, opens_at=now + timedelta(hours=1)
    )
    services.question_save(by=coordinator, week=week, number=1, texts={"en": "How?"})
    services.ediscussion_schedule(by=coordinator, ediscussion=ediscussion)
    assert services.weeks_publish_due(now=now) == 0
    assert services.weeks_publish_due(now=now + timedelta(hours=1, seconds=30)) == 1
    assert services.weeks_publish_due(now=now + timedelta(hours=1, seconds=90)) == 0
    question = Question.objects.get()
    assert question.topic.title == "Question 1: How?"
    assert question.topic in topics_listed(user=coordinator)
    member = UserFactory()
    reply_create(author=member, topic=question.topic, source="We work with the diaspora.")
    assert services.ediscussions_close_due(now=now + timedelta(days=13)) == 0
    assert services.ediscussions_close_due(now=now + timedelta(days=14)) == 1
    question.topic.refresh_from_db()
    assert question.topic.is_closed
    with pytest.raises(PermissionDenied):
        reply_create(author=member, topic=question.topic, source="Too late.")


def test_every_reply_to_a_question_is_a_contribution_with_its_country(coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator)
    question = Question.objects.filter(topic__isnull=False).order_by("number").first()
    official = UserFactory()
    MembershipFactory(user=official, local_authority=LocalAuthorityFactory(country="CO"))
    post = reply_create(author=official, topic=question.topic, source="En Bogotá...").post
    contribution = Contribution.objects.get(post=post)
    assert (contribution.question, contribution.week_number) == (question, 1)
    assert contribution.country == "CO"
    assert contribution.organisation_type == "local_authority"
    participant = Participant.objects.get(ediscussion=ediscussion, user=official)
    assert participant.joined_at is not None
    # Only the first week's questions are published so far.
    assert Question.objects.filter(topic__isnull=True).count() == 2


def test_an_invited_only_e_discussion_takes_contributions_from_its_participants(
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(facilitator=coordinator, participation="invited")
    topic = Question.objects.filter(topic__isnull=False).first().topic
    outsider, invited = UserFactory(), UserFactory()
    services.participants_invite(by=coordinator, ediscussion=ediscussion, users=[invited])
    with pytest.raises(PermissionDenied):
        reply_create(author=outsider, topic=topic, source="May I?")
    reply_create(author=invited, topic=topic, source="Here is our experience.")
    assert Contribution.objects.filter(ediscussion=ediscussion).count() == 1


def test_contributions_wait_for_the_facilitator_when_moderated(coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, moderation="approval")
    topic = Question.objects.filter(topic__isnull=False).first().topic
    post = reply_create(author=UserFactory(), topic=topic, source="Our experience.").post
    assert post.state == Post.State.HELD
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=ediscussion, user=facilitator)
    assert moderates(user=facilitator, category=ediscussion.category)
    assert not moderates(user=UserFactory(), category=ediscussion.category)
    own = reply_create(author=facilitator, topic=topic, source="Thank you all.").post
    assert own.state == Post.State.PUBLISHED


def test_nobody_starts_a_topic_in_an_e_discussion(coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator)
    with pytest.raises(PermissionDenied):
        topic_create(
            author=UserFactory(),
            category=ediscussion.category,
            title="A topic of my own",
            source="Hello",
        )


def test_a_draft_is_read_by_its_facilitators_only(coordinator):  # noqa: F811
    now = timezone.now()
    draft = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "Communication with migrant communities"},
        default_language="en",
        starts_at=now,
        ends_at=now + timedelta(days=28),
        access="public",
    )
    assert draft not in ediscussions_readable(user=None)
    assert draft not in ediscussions_readable(user=UserFactory())
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=draft, user=facilitator)
    assert draft in ediscussions_readable(user=facilitator)
    running = running_ediscussion(facilitator=coordinator, access="public")
    assert running in ediscussions_readable(user=None)
    assert EDiscussion.objects.count() == 2
