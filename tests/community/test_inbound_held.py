"""Mail held for a moderator: the moderator's decision on its post (approved, rejected, deleted)
becomes the mail's outcome, it leaves the queue, and the log says who decided; its original is
personal data, emptied FORUM_INBOUND_KEEP_DAYS after it was received by a daily beat task,
decided or not, while the record of the mail stays."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.community import inbound_tasks
from network.community.models import InboundMail, ModerationAction, Post
from network.community.services.inbound import ERROR_REASON
from tests.community import moderation_helpers as helpers
from tests.community.inbound_helpers import held_mail

pytestmark = pytest.mark.django_db

QUEUE = "community:moderation_queue"
HELD_NOTE = "Held from email"


@pytest.fixture
def moderator(db):
    return helpers.moderator_make()


def _decide(client, mail, **data):
    return client.post(reverse("community:post_moderate", kwargs={"post_id": mail.post_id}), data)


def test_an_approved_email_is_posted_leaves_the_queue_and_the_log_says_who(client, moderator):
    mail = held_mail()
    client.force_login(moderator)
    assert HELD_NOTE in client.get(reverse(QUEUE)).content.decode()
    _decide(client, mail, action="approve")
    mail.refresh_from_db()
    assert mail.outcome == InboundMail.Outcome.POSTED
    assert mail.reason.startswith("approved by a moderator")
    assert mail.post.state == Post.State.PUBLISHED
    assert HELD_NOTE not in client.get(reverse(QUEUE)).content.decode()
    original = reverse("community:inbound_original", args=[mail.pk])
    assert client.get(original).status_code == 404
    entry = ModerationAction.objects.get(action=ModerationAction.Action.APPROVE)
    assert (entry.actor, entry.post, entry.details) == (
        moderator,
        mail.post,
        {"inbound_mails": [mail.pk]},
    )
    log = client.get(reverse("community:moderation_log"), {"action": "approve"})
    page = log.content.decode()
    assert "Mona Moderadora" in page and "Written by email" in page


def test_a_rejected_email_is_rejected_and_leaves_the_queue(client, moderator):
    mail = held_mail()
    client.force_login(moderator)
    _decide(client, mail, action="reject", reason="Only a quote, no answer")
    mail.refresh_from_db()
    assert mail.outcome == InboundMail.Outcome.REJECTED
    assert mail.reason.startswith("rejected by a moderator")
    assert HELD_NOTE not in client.get(reverse(QUEUE)).content.decode()
    entry = ModerationAction.objects.get(action=ModerationAction.Action.REJECT)
    assert (entry.actor, entry.details) == (moderator, {"inbound_mails": [mail.pk]})


def test_a_moderator_deleting_a_held_email_post_rejects_the_email(client, moderator):
    mail = held_mail()
    client.force_login(moderator)
    client.post(reverse("community:post_delete", args=[mail.post_id]), {"reason": "Duplicate"})
    mail.refresh_from_db()
    assert mail.outcome == InboundMail.Outcome.REJECTED


# -- Retention ------------------------------------------------------------------------------


def _received_days_ago(mail: InboundMail, days: int) -> None:
    InboundMail.objects.filter(pk=mail.pk).update(received_at=timezone.now() - timedelta(days=days))


def _stored(**fields) -> InboundMail:
    defaults = {"source": "file", "sender": "ana@example.org", "subject": "Hello"}
    return InboundMail.objects.create(
        raw=b"From: ana@example.org\r\n\r\nHello", **defaults, **fields
    )


def test_the_purge_empties_old_originals_decided_or_not_and_keeps_the_records(
    client, moderator, settings
):
    settings.FORUM_INBOUND_KEEP_DAYS = 30
    undecided = held_mail()
    decided = held_mail()
    client.force_login(moderator)
    _decide(client, decided, action="approve")
    failed = _stored(message_id="<failed@example.org>", outcome="rejected", reason=ERROR_REASON)
    recent = held_mail()
    waiting = _stored(message_id="<waiting@example.org>", outcome="received")
    for mail in (undecided, decided, failed, waiting):
        _received_days_ago(mail, 31)
    _received_days_ago(recent, 29)

    assert inbound_tasks.inbound_originals_purge() == 3
    for mail in (undecided, decided, failed):
        mail.refresh_from_db()
        assert bytes(mail.raw) == b""
        assert mail.sender and mail.subject and mail.outcome
    for mail in (recent, waiting):
        mail.refresh_from_db()
        assert bytes(mail.raw) != b""
    assert InboundMail.objects.count() == 5
    assert inbound_tasks.inbound_originals_purge() == 0  # done once

    # The undecided mail still waits, without its original.
    undecided.refresh_from_db()
    assert undecided.outcome == InboundMail.Outcome.HELD
    page = client.get(reverse(QUEUE)).content.decode()
    assert "The original email is no longer kept." in page
    assert client.get(reverse("community:inbound_original", args=[undecided.pk])).status_code == 404
    assert client.get(reverse("community:inbound_original", args=[recent.pk])).status_code == 200


def test_the_retention_is_a_setting(settings):
    mail = held_mail()
    _received_days_ago(mail, 8)
    settings.FORUM_INBOUND_KEEP_DAYS = 10
    assert inbound_tasks.inbound_originals_purge() == 0
    settings.FORUM_INBOUND_KEEP_DAYS = 7
    assert inbound_tasks.inbound_originals_purge() == 1


def test_beat_purges_the_originals_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["community-inbound-purge"]
    assert entry["task"] == inbound_tasks.inbound_originals_purge.name
    assert str(entry["schedule"]).startswith("<crontab: 40 3 * * *")
    assert settings.FORUM_INBOUND_KEEP_DAYS == 30
