"""The scheduled reminders (beat, daily): at most the assessment's number, that many days
apart, stopped by submission, a revoked or bounced invitation or a closed assessment, and never
sent twice, however many times or workers run it (assessments/services_invitations.py)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from assessments import services_invitations, tasks
from assessments.models import Assessment, Invitation, InvitationEmail, Response
from notifications.services import bounce_record
from tests.assessments.invite_helpers import (
    URLCONF,
    assessment_make,
    authority_with_focal_point,
    invite,
    outbox_to,
    response_for,
    send_all,
)
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]

DAY = timedelta(days=1)


@pytest.fixture
def sent(coordinator, django_capture_on_commit_callbacks):  # noqa: F811
    """An open assessment (2 reminders at most, 7 days apart) whose invitation to a Spanish-
    speaking authority was sent ``days`` ago: returns (invitation, focal point)."""

    def make(*, days: int = 8, language: str = "es", **fields):
        assessment = assessment_make(**fields)
        authority, focal = authority_with_focal_point(country="CO", language=language)
        [invitation] = invite(coordinator, assessment, authority)
        send_all(assessment, django_capture_on_commit_callbacks)
        Invitation.objects.filter(pk=invitation.pk).update(
            sent_at=timezone.now() - timedelta(days=days)
        )
        InvitationEmail.objects.filter(invitation=invitation).update(
            created_at=timezone.now() - timedelta(days=days)
        )
        mail.outbox.clear()
        invitation.refresh_from_db()
        return invitation, focal

    return make


def _remind(capture, now=None) -> int:
    with capture(execute=True):
        return services_invitations.reminders_send_due(now=now)


def test_a_reminder_goes_after_the_interval_in_the_invitations_language_with_the_same_link(
    sent, django_capture_on_commit_callbacks
):
    invitation, focal = sent(days=8)
    assert _remind(django_capture_on_commit_callbacks) == 1
    [email] = outbox_to(focal.email)
    assert email.subject.startswith("Recordatorio: la fecha límite de «Necesidades de los")
    assert "todavía no ha enviado sus respuestas" in email.body
    assert email.extra_headers["Content-Language"] == "es"
    from assessments.tokens import token_for

    assert f"/es/assessments/a/{token_for(nonce=invitation.token_nonce)}/" in email.body
    invitation.refresh_from_db()
    assert invitation.reminder_count == 1 and invitation.reminded_at is not None


def test_no_reminder_before_the_interval_and_the_interval_counts_from_the_last_email(
    sent, django_capture_on_commit_callbacks
):
    invitation, _focal = sent(days=6)
    assert _remind(django_capture_on_commit_callbacks) == 0
    now = timezone.now()
    assert _remind(django_capture_on_commit_callbacks, now=now + DAY) == 1
    # The next one waits seven days after this reminder, not after the first email.
    assert _remind(django_capture_on_commit_callbacks, now=now + 7 * DAY) == 0
    assert _remind(django_capture_on_commit_callbacks, now=now + 8 * DAY) == 1
    assert Invitation.objects.get(pk=invitation.pk).reminder_count == 2


def test_reminders_stop_at_the_most_the_assessment_allows(sent, django_capture_on_commit_callbacks):
    invitation, focal = sent(days=8, reminder_max_count=2)
    now = timezone.now()
    sent_count = [
        _remind(django_capture_on_commit_callbacks, now=now + 8 * DAY * step) for step in range(5)
    ]
    assert sent_count == [1, 1, 0, 0, 0]
    assert len(outbox_to(focal.email)) == 2
    assert Invitation.objects.get(pk=invitation.pk).reminder_count == 2


def test_zero_means_no_reminder(sent, django_capture_on_commit_callbacks):
    sent(days=30, reminder_max_count=0)
    assert _remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_submission_stops_the_reminders_a_draft_does_not(sent, django_capture_on_commit_callbacks):
    invitation, _focal = sent(days=8)
    response = response_for(invitation, data={"staff": 3})
    now = timezone.now()
    assert _remind(django_capture_on_commit_callbacks, now=now) == 1
    Response.objects.filter(pk=response.pk).update(
        status=Response.Status.SUBMITTED, submitted_at=now
    )
    assert _remind(django_capture_on_commit_callbacks, now=now + 30 * DAY) == 0
    assert Invitation.objects.get(pk=invitation.pk).reminder_count == 1


def test_revoked_bounced_unsent_and_closed_get_no_reminder(
    sent,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    revoked, _ = sent(days=8, slug="revoked")
    services_invitations.invitation_revoke(by=coordinator, invitation=revoked)
    _bounced, bounced_focal = sent(days=8, slug="bounced")
    bounce_record(address=bounced_focal.email, hard=True, status="5.1.1")
    closed, _ = sent(days=8, slug="closed")
    Assessment.objects.filter(pk=closed.assessment_id).update(status=Assessment.Status.CLOSED)
    unsent_assessment = assessment_make(slug="unsent")
    authority, _ = authority_with_focal_point()
    invite(coordinator, unsent_assessment, authority)

    assert _remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert set(Invitation.objects.values_list("reminder_count", flat=True)) == {0}


def test_running_it_twice_or_through_the_task_sends_once(sent, django_capture_on_commit_callbacks):
    invitation, focal = sent(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.reminders_send.delay().get()
        second = tasks.reminders_send.delay().get()
        third = services_invitations.invitation_remind(invitation_id=invitation.pk)
    assert (first, second, third) == (1, 0, 0)
    assert len(outbox_to(focal.email)) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_reminder(sent, django_capture_on_commit_callbacks):
    """Two workers, each in its own connection, remind the same invitation at the same moment:
    the row lock makes the second wait, then find it reminded."""
    invitation, focal = sent(days=8)
    now = timezone.now()
    results, barrier = [], threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(
                services_invitations.invitation_remind(invitation_id=invitation.pk, now=now)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert Invitation.objects.get(pk=invitation.pk).reminder_count == 1
    assert (
        InvitationEmail.objects.filter(
            invitation=invitation, kind=InvitationEmail.Kind.REMINDER, address=focal.email
        ).count()
        == 1
    )


def test_the_beat_schedule_names_the_task():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["assessments-reminders"]
    assert entry["task"] == tasks.reminders_send.name
