"""Reminders to participants who have not contributed to a week: by hand from the facilitator's
button or scheduled, in their language, at most once per participant and week
(ediscussions/services_mail.py, views/reminders.py)."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from network.community.ediscussions import services, services_mail
from network.community.models import Nudge, Participant
from network.community.services.posting import reply_create
from notifications.models import Notification
from tests.community.ediscussion_helpers import running_ediscussion
from tests.community.ediscussion_mail_helpers import first_week, participant, published_questions
from tests.factories import UserFactory
from tests.network.conftest import coordinator, sign_in  # noqa: F401

pytestmark = pytest.mark.django_db

DOMAIN = "forum.convive.example.org"


@pytest.fixture
def ediscussion(coordinator):  # noqa: F811
    return running_ediscussion(facilitator=coordinator)


def _remind_url(ediscussion, number: int = 1) -> str:
    return reverse(
        "community:ediscussion_week_remind", kwargs={"slug": ediscussion.slug, "number": number}
    )


def _reminded() -> set[str]:
    return {message.to[0] for message in mail.outbox}


def test_a_facilitator_reminds_only_those_who_have_not_contributed_and_only_once(
    client,
    ediscussion,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    contributed = participant(ediscussion, "es")
    silent_fr, silent_pt = participant(ediscussion, "fr"), participant(ediscussion, "pt")
    invited = UserFactory(preferred_language="es")
    services.participants_invite(by=coordinator, ediscussion=ediscussion, users=[invited])
    first, _second = published_questions(ediscussion)
    reply_create(author=contributed, topic=first.topic, source="En Cuenca lo hacemos así.")
    sign_in(client, coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remind_url(ediscussion), {"next": "/en/community/"})

    assert response.status_code == 302 and response["Location"] == "/en/community/"
    assert _reminded() == {silent_fr.email, silent_pt.email, invited.email}
    assert Nudge.objects.filter(week=first_week(ediscussion), by_hand=True).count() == 3
    done = [str(message) for message in get_messages(response.wsgi_request)]
    assert "A reminder is on its way to 3 participants" in done[-1]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_remind_url(ediscussion), follow=True)
    assert mail.outbox == []
    assert Nudge.objects.count() == 3
    assert "Nobody to remind" in again.content.decode()


def test_the_reminder_speaks_the_participants_language_and_threads_under_the_week(
    ediscussion, django_capture_on_commit_callbacks
):
    reader = participant(ediscussion, "fr")
    week = first_week(ediscussion)
    first, _second = published_questions(ediscussion)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert services_mail.week_nudge(week_id=week.pk, by_hand=True) == 1

    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Question 1 : comment votre ville coordonne-t-elle ?" in message.body
    assert f"/fr/community/t/{first.topic_id}/" in message.body
    assert message.extra_headers["In-Reply-To"] == f"<ediscussion-week-{week.pk}@{DOMAIN}>"
    # No new reply address: the announcement's stay valid.
    assert "reply+" not in message.body
    assert "Reply-To" not in message.extra_headers


def test_the_scheduled_reminder_goes_once_days_after_the_week_opened(
    settings, ediscussion, django_capture_on_commit_callbacks
):
    settings.EDISCUSSION_NUDGE_AFTER_DAYS = 3
    week = first_week(ediscussion)
    early, late_comer = participant(ediscussion, "es"), participant(ediscussion, "en")
    due = week.opens_at + timedelta(days=3)
    Participant.objects.filter(user=early).update(joined_at=week.opens_at)
    Participant.objects.filter(user=late_comer).update(joined_at=due + timedelta(hours=2))

    assert services_mail.nudges_due(now=due - timedelta(minutes=1)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services_mail.nudges_due(now=due + timedelta(hours=3)) == 1
    # Who came after the reminder was due is not reminded by the schedule.
    assert _reminded() == {early.email}
    assert Nudge.objects.get().by_hand is False
    assert services_mail.nudges_due(now=due + timedelta(hours=4)) == 0
    # By hand, the late comer can still be reminded, once.
    assert services_mail.week_nudge(week_id=week.pk, by_hand=True) == 1
    assert services_mail.week_nudge(week_id=week.pk, by_hand=True) == 0
    assert Notification.objects.filter(kind="ediscussion_nudge").count() == 2


def test_no_scheduled_reminder_for_a_past_week_or_a_closed_e_discussion(
    coordinator,  # noqa: F811
    settings,
):
    settings.EDISCUSSION_NUDGE_AFTER_DAYS = 3
    ediscussion = running_ediscussion(facilitator=coordinator, weeks=2)
    participant(ediscussion, "es")
    week_one, week_two = ediscussion.weeks.order_by("number")
    services.weeks_publish_due(now=week_two.opens_at)
    # Week 2 opened: week 1 is no longer reminded; week 2 is not due yet.
    assert services_mail.nudges_due(now=week_two.opens_at + timedelta(days=1)) == 0
    services.ediscussions_close_due(now=ediscussion.ends_at)
    assert services_mail.nudges_due(now=ediscussion.ends_at + timedelta(days=1)) == 0
    settings.EDISCUSSION_NUDGE_AFTER_DAYS = 0
    assert services_mail.nudges_due(now=week_one.opens_at + timedelta(days=4)) == 0


def test_mail_waiting_in_the_tray_counts_as_contributing(
    ediscussion,
):
    sender = participant(ediscussion, "es")
    services_mail.tray_contribution_write(
        author=sender,
        ediscussion=ediscussion,
        source="Pregunta 1: sí.\n\nPregunta 2: también.",
        week_number=1,
        is_late=False,
    )
    assert services_mail.week_nudge(week_id=first_week(ediscussion).pk, by_hand=True) == 0


def test_only_its_facilitators_remind(
    client,
    ediscussion,
    coordinator,  # noqa: F811
):
    member = participant(ediscussion, "en")
    client.force_login(member)
    assert client.post(_remind_url(ediscussion)).status_code == 403
    assert client.get(_remind_url(ediscussion)).status_code == 405
    assert client.post(_remind_url(ediscussion, number=9)).status_code == 404
    assert not Nudge.objects.exists()
    client.logout()
    assert client.post(_remind_url(ediscussion)).status_code == 302  # to sign in
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=ediscussion, user=facilitator)
    client.force_login(facilitator)
    assert client.post(_remind_url(ediscussion)).status_code == 302


def test_beat_runs_the_scheduled_reminders(settings):
    from network.community.ediscussions import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["community-ediscussions-nudges"]
    assert entry["task"] == tasks.ediscussion_nudges_due.name
    assert entry["options"]["expires"] <= 15 * 60
