"""Building received email for the inbound mail tests."""

import hashlib
import hmac
import time
from email.message import EmailMessage
from email.utils import make_msgid

from allauth.account.models import EmailAddress

from tests.factories import UserFactory

SIGNING_KEY = "key-test-signing-0123456789"
MAILGUN = {"WEBHOOK_SECRET": "", "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}
URL = "/community/inbound/mailgun/"


def member(**fields):
    """A member with a confirmed address (``user.email``)."""
    user = UserFactory(**fields)
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def raw_mail(
    *,
    to: str,
    sender: str,
    body: str = "We open the desk at 8 every morning.",
    subject: str = "Re: Documentation desks",
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="mail.example.org")
    message["Date"] = "Sun, 29 Nov 2026 10:00:00 +0000"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()


def reply_body(answer: str) -> str:
    """An answer above a quoted email, as Gmail writes it."""
    return (
        f"{answer}\n\n"
        "On Sat, 28 Nov 2026 at 09:12, Convive <forum@convive.example.org> wrote:\n"
        "> We opened a one-stop desk. What worked for you?\n"
    )


def bounce_mail(*, address: str, status: str = "5.1.1", action: str = "failed") -> bytes:
    """A delivery status notification (RFC 3464) for ``address``."""
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        "To: reply+abc@forum.convive.example.org\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: {make_msgid(domain='mx.example.org')}\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n'
        "\r\n"
        "--b1\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "\r\n"
        "Your message could not be delivered.\r\n"
        "--b1\r\n"
        "Content-Type: message/delivery-status\r\n"
        "\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {address}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        "\r\n"
        "--b1--\r\n"
    ).encode()


UNSURE_BODY = (
    "Yes, we do the same.\n\n"
    "El sáb, 28 nov 2026 a las 9:12, Convive escribió:\n"
    "We opened a one-stop desk. What worked for you?\n"
)


def held_mail(*, category=None):
    """A reply by email that the trimmer was unsure of: held, with its original kept."""
    from network.community.models import InboundMail, Post
    from network.community.services.inbound import mail_receive
    from network.community.services.reply_keys import reply_address, reply_key_issue
    from tests.factories import ForumCategoryFactory, ForumTopicFactory

    topic = ForumTopicFactory(category=category or ForumCategoryFactory())
    replier = member()
    opening = Post.objects.get(topic=topic, number=1)
    address = reply_address(key=reply_key_issue(user=replier, post=opening))
    received = mail_receive(
        raw=raw_mail(to=address, sender=replier.email, body=UNSURE_BODY),
        source=InboundMail.Source.FILE,
    )
    assert received.outcome == InboundMail.Outcome.HELD
    return received


class FakeMessage:
    """A message as imap-tools fetches it (``obj``: parsed with the default compat32 policy)."""

    def __init__(self, uid: str, raw: bytes):
        import email

        self.uid = uid
        self.obj = email.message_from_bytes(raw)


class FakeMailbox:
    """What the task uses of imap-tools' MailBox: fetch, flag, move; as a context manager."""

    def __init__(self, raws: list[bytes]):
        self.messages = [FakeMessage(str(uid), raw) for uid, raw in enumerate(raws, start=1)]
        self.seen: list[str] = []
        self.moved: list[tuple[str, str]] = []
        self.fetch_criteria = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def fetch(self, criteria, *, mark_seen, bulk, limit):
        assert mark_seen is False  # marked only once processed
        self.fetch_criteria = str(criteria)
        return [message for message in self.messages if message.uid not in self.seen][:limit]

    def flag(self, uid, flag, value):
        assert value is True
        self.seen.append(uid)

    def move(self, uid, folder):
        self.moved.append((uid, folder))


def mailgun_post(raw: bytes, recipient: str, *, key: str = SIGNING_KEY) -> dict:
    """The form Mailgun posts for a route that forwards the raw MIME, signed as Mailgun signs."""
    timestamp, token = str(int(time.time())), "b1c0ffee" * 6
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "body-mime": raw.decode(),
        "recipient": recipient,
        "sender": "someone@example.org",
        "timestamp": timestamp,
        "token": token,
        "signature": signature,
    }
