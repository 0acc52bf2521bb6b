"""Mail whose sender's domain did not vouch for it (DKIM, SPF, DMARC, as our own receiving
server reported them) is held for a moderator, not posted (mail/authentication.py)."""

from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core import mail as outbox

from network.community.mail.authentication import (
    FAIL,
    PASS,
    UNCHECKED,
    UNKNOWN,
    sender_authentication,
)
from network.community.models import InboundMail, Post
from network.community.services.inbound import mail_receive
from network.community.services.reply_keys import reply_address, reply_key_issue
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory

OURS = "mx.convive.example.org"


def message(*results: str, sender: str = "ana@municipio.example.org", **headers) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = f"Ana <{sender}>"
    mail["To"] = headers.pop("to", "reply+key@forum.example.org")
    mail["Subject"] = "Re: Desks"
    mail["Message-ID"] = make_msgid(domain="municipio.example.org")
    for result in results:
        mail["Authentication-Results"] = result
    mail.set_content(headers.pop("body", "We opened the desk on Mondays."))
    return mail


@pytest.mark.parametrize(
    ("results", "verdict"),
    [
        ([f"{OURS}; dkim=pass header.d=municipio.example.org; spf=fail"], PASS),
        # Relaxed alignment: a parent domain signed.
        ([f"{OURS}; dkim=pass header.d=example.org"], PASS),
        ([f"{OURS}; spf=pass smtp.mailfrom=bounces@municipio.example.org"], PASS),
        ([f"{OURS}; dmarc=pass (p=none) header.from=municipio.example.org"], PASS),
        # A signature by someone else's domain vouches for nothing.
        ([f"{OURS}; dkim=pass header.d=bulk-mailer.example.net; spf=softfail"], FAIL),
        ([f"{OURS}; dkim=pass header.d=municipio.example.org; dmarc=fail"], FAIL),
        ([f"{OURS}; dkim=none; spf=none"], UNKNOWN),
        # A header the sender wrote themselves (another authserv-id) is not read...
        (["mx.forger.example.net; dkim=pass header.d=municipio.example.org"], UNKNOWN),
        # ...and only the topmost trusted one counts.
        (
            [
                f"{OURS}; dkim=fail header.d=municipio.example.org; spf=fail",
                f"{OURS}; dkim=pass header.d=municipio.example.org",
            ],
            FAIL,
        ),
        ([], UNKNOWN),
    ],
)
def test_verdicts(results, verdict):
    assert sender_authentication(message=message(*results), trusted={OURS}).verdict == verdict


def test_nothing_is_checked_until_a_trusted_server_is_configured():
    checked = sender_authentication(message=message(f"{OURS}; dkim=fail"), trusted=set())
    assert checked.verdict == UNCHECKED and checked.trusted


@pytest.mark.django_db
def test_an_unauthenticated_reply_is_held_for_a_moderator_and_an_authenticated_one_posted(
    settings, django_capture_on_commit_callbacks
):
    settings.FORUM_INBOUND_AUTHSERV_IDS = [OURS]
    topic = ForumTopicFactory(category=ForumCategoryFactory(access="public"), title="Desks")
    opening = Post.objects.get(topic=topic, number=1)
    ana = UserFactory(email="ana@municipio.example.org")
    outbox.outbox.clear()

    def receive(*results: str, body: str) -> InboundMail:
        address = reply_address(key=reply_key_issue(user=ana, post=opening))
        raw = message(*results, to=address, body=body).as_bytes()
        with django_capture_on_commit_callbacks(execute=True):
            return mail_receive(raw=raw, source=InboundMail.Source.FILE)

    forged = receive(f"{OURS}; dkim=fail header.d=municipio.example.org; spf=fail", body="Forged")
    assert forged.outcome == InboundMail.Outcome.HELD
    assert "sender not authenticated (dkim=fail spf=fail)" in forged.reason
    assert forged.post.state == Post.State.HELD

    genuine = receive(f"{OURS}; dkim=pass header.d=municipio.example.org", body="Genuine")
    assert genuine.outcome == InboundMail.Outcome.POSTED
    assert genuine.post.state == Post.State.PUBLISHED
