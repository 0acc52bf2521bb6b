"""The three ways mail reaches the forum: a provider's signed webhook, the IMAP mailbox polled by
beat, and the ``forum_inbound_read`` / ``forum_demo_mail`` commands."""

import mailbox
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from network.community import inbound_tasks
from network.community.models import InboundMail, Post
from network.community.services.reply_keys import reply_address, reply_key_issue
from tests.community.inbound_helpers import (
    MAILGUN,
    URL,
    FakeMailbox,
    bounce_mail,
    mailgun_post,
    member,
    raw_mail,
    reply_body,
)
from tests.factories import ForumCategoryFactory, ForumTopicFactory

pytestmark = pytest.mark.django_db

Outcome = InboundMail.Outcome
MIME_URL = "/community/inbound/mailgun_mime/"


@pytest.fixture
def reply():
    """A member, the topic's opening post, and the address of the member's reply to it."""
    topic = ForumTopicFactory(category=ForumCategoryFactory())
    replier = member()
    opening = Post.objects.get(topic=topic, number=1)
    address = reply_address(key=reply_key_issue(user=replier, post=opening))
    return replier, opening, address


# -- Webhook ----------------------------------------------------------------------------------


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL=MAILGUN)
def test_a_signed_webhook_post_becomes_the_members_reply(
    client, reply, django_capture_on_commit_callbacks
):
    replier, opening, address = reply
    raw = raw_mail(to=address, sender=replier.email, body=reply_body("Nosotros igual."))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MIME_URL, mailgun_post(raw, address))
    assert response.status_code == 200
    received = InboundMail.objects.get()
    assert (received.source, received.outcome) == (InboundMail.Source.WEBHOOK, Outcome.POSTED)
    assert received.post.source == "Nosotros igual."
    assert received.post.reply_to == opening


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL=MAILGUN)
def test_the_envelope_recipient_alone_finds_the_reply_address(
    client, reply, django_capture_on_commit_callbacks
):
    """A member who Bcc'd the reply address: only the envelope names it."""
    replier, _opening, address = reply
    raw = raw_mail(to="colleague@example.org", sender=replier.email)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, mailgun_post(raw, address))
    assert InboundMail.objects.get().outcome == Outcome.POSTED


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL=MAILGUN)
def test_the_same_webhook_post_twice_posts_once(client, reply, django_capture_on_commit_callbacks):
    replier, opening, address = reply
    raw = raw_mail(to=address, sender=replier.email)
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(URL, mailgun_post(raw, address)).status_code == 200
    assert InboundMail.objects.count() == 1
    assert Post.objects.filter(topic=opening.topic).count() == 2


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL=MAILGUN)
@pytest.mark.parametrize("signing_key", ["key-of-somebody-else", None])
def test_an_unsigned_or_badly_signed_webhook_post_is_refused(client, reply, signing_key):
    replier, _opening, address = reply
    data = mailgun_post(raw_mail(to=address, sender=replier.email), address)
    if signing_key is None:
        del data["signature"]
    else:
        data = mailgun_post(raw_mail(to=address, sender=replier.email), address, key=signing_key)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not InboundMail.objects.exists()
    assert Post.objects.count() == 1


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL={"MAILGUN_WEBHOOK_SIGNING_KEY": ""})
def test_without_a_signing_key_the_webhook_refuses_every_post(client, reply):
    replier, _opening, address = reply
    raw = raw_mail(to=address, sender=replier.email)
    assert client.post(URL, mailgun_post(raw, address, key="")).status_code == 403
    assert not InboundMail.objects.exists()


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL=MAILGUN)
def test_only_the_configured_provider_has_a_webhook(client):
    for provider in ("postmark", "nothing"):
        response = client.post(f"/community/inbound/{provider}/", {}, follow=True)
        assert response.status_code == 404


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL=MAILGUN)
def test_a_webhook_mail_whose_task_was_lost_is_processed_by_the_next_poll(client, reply):
    replier, _opening, address = reply
    raw = raw_mail(to=address, sender=replier.email)
    # No on-commit callbacks run: the task message never left.
    client.post(URL, mailgun_post(raw, address))
    received = InboundMail.objects.get()
    assert received.outcome == Outcome.RECEIVED
    InboundMail.objects.update(received_at=received.received_at.replace(year=2025))
    assert inbound_tasks.inbound_poll() == 1
    assert InboundMail.objects.get().outcome == Outcome.POSTED


# -- IMAP -------------------------------------------------------------------------------------


@override_settings(FORUM_IMAP_HOST="imap.example.org", FORUM_IMAP_PROCESSED_FOLDER="")
def test_the_imap_task_reads_unseen_mail_and_marks_it_seen_once_processed(monkeypatch, reply):
    replier, opening, address = reply
    box = FakeMailbox(
        [
            raw_mail(to=address, sender=replier.email, body=reply_body("Same here.")),
            bounce_mail(address="gone@example.org"),
        ]
    )
    monkeypatch.setattr(inbound_tasks, "mailbox_open", lambda: box)
    assert inbound_tasks.inbound_poll() == 2
    assert "UNSEEN" in box.fetch_criteria
    assert box.seen == ["1", "2"]
    assert set(InboundMail.objects.values_list("source", "outcome")) == {
        (InboundMail.Source.IMAP, Outcome.POSTED),
        (InboundMail.Source.IMAP, Outcome.BOUNCE),
    }
    assert Post.objects.get(topic=opening.topic, number=2).source == "Same here."
    # Read again (the server kept it unseen): processed once.
    box.seen.clear()
    inbound_tasks.inbound_poll()
    assert Post.objects.filter(topic=opening.topic).count() == 2


@override_settings(FORUM_IMAP_HOST="imap.example.org", FORUM_IMAP_PROCESSED_FOLDER="Forum/Done")
def test_a_message_that_fails_stays_unseen_and_the_others_are_moved(monkeypatch, reply):
    replier, _opening, address = reply
    good = raw_mail(to=address, sender=replier.email)
    box = FakeMailbox([b"broken", good])
    real_receive = inbound_tasks.service.mail_receive

    def receive(*, raw, source):
        if raw.strip() == b"broken":
            raise RuntimeError("database went away")
        return real_receive(raw=raw, source=source)

    monkeypatch.setattr(inbound_tasks.service, "mail_receive", receive)
    monkeypatch.setattr(inbound_tasks, "mailbox_open", lambda: box)
    assert inbound_tasks.inbound_poll() == 1
    assert box.moved == [("2", "Forum/Done")]
    assert box.seen == []


@override_settings(
    FORUM_IMAP_HOST="imap.example.org",
    FORUM_IMAP_PORT=993,
    FORUM_IMAP_SSL=True,
    FORUM_IMAP_USER="forum@example.org",
    FORUM_IMAP_PASSWORD="secret",
    FORUM_IMAP_FOLDER="Forum",
)
def test_the_mailbox_is_opened_with_the_settings(monkeypatch):
    import imap_tools

    opened = {}

    class FakeMailBox:
        def __init__(self, host, port, timeout=None):
            opened.update(host=host, port=port)

        def login(self, user, password, initial_folder="INBOX"):
            opened.update(user=user, password=password, folder=initial_folder)
            return self

    monkeypatch.setattr(imap_tools, "MailBox", FakeMailBox)
    assert isinstance(inbound_tasks.mailbox_open(), FakeMailBox)
    assert opened == {
        "host": "imap.example.org",
        "port": 993,
        "user": "forum@example.org",
        "password": "secret",
        "folder": "Forum",
    }


@override_settings(FORUM_IMAP_HOST="")
def test_without_an_imap_host_the_task_opens_no_mailbox(monkeypatch):
    def refuse():
        raise AssertionError("no mailbox is configured")

    monkeypatch.setattr(inbound_tasks, "mailbox_open", refuse)
    assert inbound_tasks.inbound_poll() == 0


def test_beat_polls_every_minute():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["community-inbound-poll"]
    assert entry["task"] == inbound_tasks.inbound_poll.name
    assert str(entry["schedule"]).startswith("<crontab: * * * * *")


# -- Commands ---------------------------------------------------------------------------------


def test_the_command_reads_an_mbox(tmp_path, reply):
    replier, opening, address = reply
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(str(path))
    box.add(raw_mail(to=address, sender=replier.email, body=reply_body("Sent through the mbox.")))
    box.add(raw_mail(to=address, sender="intruder@example.net"))
    box.flush()
    box.close()
    out = StringIO()
    call_command("forum_inbound_read", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("inbox.mbox#1: posted")
    assert lines[1] == "inbox.mbox#2: rejected (key used from another address)"
    assert "Read 2 messages" in lines[-1]
    assert Post.objects.get(topic=opening.topic, number=2).source == "Sent through the mbox."
    assert set(InboundMail.objects.values_list("source", flat=True)) == {"file"}


def test_the_command_reads_a_maildir_and_a_single_eml(tmp_path, reply):
    replier, opening, address = reply
    box = mailbox.Maildir(str(tmp_path / "Maildir"), create=True)
    box.add(raw_mail(to=address, sender=replier.email, body="From the maildir."))
    box.close()
    single = tmp_path / "auto.eml"
    single.write_bytes(
        raw_mail(to=address, sender=replier.email, headers={"Auto-Submitted": "auto-replied"})
    )
    out = StringIO()
    call_command("forum_inbound_read", str(tmp_path / "Maildir"), str(single), stdout=out)
    assert "Maildir/" in out.getvalue() and ": posted" in out.getvalue()
    assert "auto.eml: auto_reply" in out.getvalue()
    assert Post.objects.get(topic=opening.topic, number=2).source == "From the maildir."


def test_the_command_refuses_a_missing_path(tmp_path):
    with pytest.raises(CommandError):
        call_command("forum_inbound_read", str(tmp_path / "nothing"), stdout=StringIO())


def test_the_demo_command_replays_templates_as_replies_by_a_demo_member(tmp_path):
    topic = ForumTopicFactory(category=ForumCategoryFactory(), slug="desks")
    replier = member(email="ana@example.org")
    (tmp_path / "01-gmail.eml").write_bytes(
        b"From: Ana <{{member_email}}>\r\n"
        b"To: {{reply_address}}\r\n"
        b"Subject: Re: Desks\r\n"
        b"Message-ID: {{message_id}}\r\n"
        b"X-Demo-Member: ana@example.org\r\n"
        b"X-Demo-Post: desks#1\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"\r\n" + reply_body("Con cita previa, funciona.").encode()
    )
    out = StringIO()
    call_command("forum_demo_mail", str(tmp_path), stdout=out)
    call_command("forum_demo_mail", str(tmp_path), stdout=out)  # a new message each time
    posts = Post.objects.filter(topic=topic, author=replier).order_by("number")
    assert [post.source for post in posts] == ["Con cita previa, funciona."] * 2
    assert "| Con cita previa, funciona." in out.getvalue()


def test_the_demo_command_needs_a_member_and_a_post(tmp_path):
    (tmp_path / "a.eml").write_bytes(b"To: {{reply_address}}\r\n\r\nHi\r\n")
    with pytest.raises(CommandError):
        call_command("forum_demo_mail", str(tmp_path), stdout=StringIO())


@override_settings(FORUM_INBOUND_PROVIDER="postmark", ANYMAIL={"WEBHOOK_SECRET": "forum:s3cret"})
def test_postmark_posts_need_the_webhook_secret(client, reply, django_capture_on_commit_callbacks):
    import base64
    import json

    replier, _opening, address = reply
    payload = json.dumps(
        {
            "RecordType": "Inbound",
            "RawEmail": raw_mail(to=address, sender=replier.email).decode(),
            "OriginalRecipient": address,
        }
    )
    url = "/community/inbound/postmark/"
    assert client.post(url, payload, content_type="application/json").status_code == 400
    wrong = base64.b64encode(b"forum:guess").decode()
    response = client.post(
        url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {wrong}"
    )
    assert response.status_code == 400
    assert not InboundMail.objects.exists()
    right = base64.b64encode(b"forum:s3cret").decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {right}"
        )
    assert response.status_code == 200
    assert InboundMail.objects.get().outcome == Outcome.POSTED
