"""Every reply of the trimming corpus (tests/community/mail_corpus/), sent to a valid reply
address from the member's own address, becomes the member's post with exactly the expected
text; the doubtful ones are held for a moderator. The special messages (automatic replies in
four languages, bounces) are never posted."""

import email
import email.policy
import tomllib
from email.utils import parseaddr
from pathlib import Path

import pytest

from network.community.models import InboundMail, Post
from network.community.services.inbound import mail_receive
from network.community.services.reply_keys import reply_address, reply_key_issue
from tests.community.inbound_helpers import member
from tests.community.test_trimming import UNSURE
from tests.factories import ForumCategoryFactory, ForumTopicFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "mail_corpus"
MESSAGES = sorted(CORPUS.glob("*.eml"))
SPECIAL = CORPUS / "special"
MANIFEST = tomllib.loads((SPECIAL / "manifest.toml").read_text(encoding="utf-8"))
Outcome = InboundMail.Outcome


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def _sent_by_member(raw: bytes):
    """A member whose address is the message's sender, and a topic post they answer."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    sender = parseaddr(str(message["From"]))[1]
    replier = member(email=sender)
    topic = ForumTopicFactory(category=ForumCategoryFactory())
    opening = Post.objects.get(topic=topic, number=1)
    return replier, opening, reply_address(key=reply_key_issue(user=replier, post=opening))


@pytest.mark.parametrize("path", MESSAGES, ids=[path.stem for path in MESSAGES])
def test_each_corpus_reply_posts_the_expected_text(path):
    raw = path.read_bytes()
    replier, opening, address = _sent_by_member(raw)
    # The provider's envelope names the reply address (the corpus' own To: is another site's).
    received = mail_receive(raw=raw, source=InboundMail.Source.FILE, envelope_recipient=address)
    assert received.post is not None, received.reason
    assert (received.post.author, received.post.reply_to) == (replier, opening)
    if path.stem in UNSURE:
        assert received.outcome == Outcome.HELD
        assert received.post.state == Post.State.HELD
        assert bytes(received.raw) == raw
    else:
        assert received.outcome == Outcome.POSTED, received.reason
        expected = path.with_suffix("").with_suffix(".expected.txt").read_text(encoding="utf-8")
        assert _normalised(received.post.source) == _normalised(expected)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_special_messages_are_posted_only_when_they_are_replies(name):
    raw = (SPECIAL / name).read_bytes()
    _replier, opening, address = _sent_by_member(raw)
    received = mail_receive(raw=raw, source=InboundMail.Source.FILE, envelope_recipient=address)
    kind = MANIFEST[name]["kind"]
    expected = {"auto_reply": Outcome.AUTO_REPLY, "bounce": Outcome.BOUNCE}.get(kind)
    if expected is None:
        assert received.outcome in (Outcome.POSTED, Outcome.HELD)
    else:
        assert received.outcome == expected
        assert Post.objects.filter(topic=opening.topic).count() == 1
