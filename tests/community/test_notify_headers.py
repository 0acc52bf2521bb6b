"""Forum emails carry a reply address per post and recipient, and threading headers."""

import re

import pytest

from network.community.models import ReplyKey, key_hash
from network.community.services.reply_keys import reply_key_find
from notifications import tasks as notification_tasks
from tests.community.notify_helpers import (
    ForumTopicFactory,
    committer,
    fresh_outbox,
    member,
    reply_create,
    watch_category,
    watch_topic,
)

pytestmark = pytest.mark.django_db

REPLY_TO = re.compile(r"^reply\+([a-z0-9]+)@forum\.convive\.example\.org$")


@pytest.fixture
def outbox():
    return fresh_outbox()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return committer(django_capture_on_commit_callbacks)


@pytest.fixture
def topic():
    return ForumTopicFactory(title="Housing for new arrivals")


def _by_recipient(outbox):
    return {message.to[0]: message for message in outbox}


def test_each_recipient_and_post_gets_its_own_reply_address_stored_hashed(committed, outbox, topic):
    first, second = member(), member()
    watch_topic(first, topic)
    watch_topic(second, topic)
    author = topic.author
    post_a = committed(reply_create, author=author, topic=topic, source="First reply").post
    post_b = committed(reply_create, author=author, topic=topic, source="Second reply").post

    keys = {}
    for message in outbox:
        match = REPLY_TO.match(message.extra_headers["Reply-To"])
        assert match, message.extra_headers["Reply-To"]
        keys[(message.to[0], message.body.split("\n\n")[1])] = match.group(1)
    assert len(set(keys.values())) == 4
    for (address, _text), key in keys.items():
        stored = reply_key_find(key=key)
        assert stored is not None and stored.user.email == address
        assert stored.post_id in {post_a.pk, post_b.pk}
        # Only the hash is kept: the raw key is in no column of the table.
        assert not ReplyKey.objects.filter(key_hash=key).exists()
        assert ReplyKey.objects.filter(key_hash=key_hash(key)).exists()
        row = ReplyKey.objects.filter(key_hash=key_hash(key)).values().get()
        assert key not in str(row)


def test_threading_headers_tie_the_topic_together(committed, outbox, topic):
    watcher = member()
    watch_topic(watcher, topic)
    opening = topic.posts.get(number=1)
    author = topic.author
    first = committed(reply_create, author=author, topic=topic, source="A reply").post
    committed(reply_create, author=author, topic=topic, source="To the first", reply_to=first)

    to_opening, to_first = outbox
    domain = "forum.convive.example.org"
    topic_id = f"<forum-topic-{topic.pk}@{domain}>"
    assert to_opening.extra_headers["In-Reply-To"] == f"<forum-post-{opening.pk}@{domain}>"
    assert to_opening.extra_headers["References"] == (
        f"{topic_id} <forum-post-{opening.pk}@{domain}>"
    )
    assert to_first.extra_headers["In-Reply-To"] == f"<forum-post-{first.pk}@{domain}>"
    assert to_first.extra_headers["References"] == f"{topic_id} <forum-post-{first.pk}@{domain}>"
    # Each delivery has its own Message-ID; the subject stays the same for the whole topic.
    assert to_opening.extra_headers["Message-ID"] != to_first.extra_headers["Message-ID"]
    assert to_opening.subject == to_first.subject
    assert to_opening.extra_headers["Auto-Submitted"] == "auto-generated"
    assert to_opening.extra_headers["List-Id"] == f"<{topic.category.slug}.{domain}>"


def test_a_digest_carries_no_reply_address(committed, outbox, topic):
    daily = member()
    watch_category(daily, topic.category, "daily")
    committed(reply_create, author=member(), topic=topic, source="For the digest")
    assert outbox == []

    notification_tasks.digest_send.delay("daily")

    (digest,) = outbox
    assert "Reply-To" not in digest.extra_headers
    assert "In-Reply-To" not in digest.extra_headers
    assert not ReplyKey.objects.filter(user=daily).exists()
