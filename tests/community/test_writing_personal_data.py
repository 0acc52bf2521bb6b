"""The forum in a person's personal data export, and what deleting the account leaves."""

import json

import pytest

from network.community.models import (
    Post,
    PostAttachment,
    Reaction,
    Topic,
    TopicRead,
    TopicWatch,
)
from network.community.services.attachments import attachment_upload
from network.community.services.posting import post_edit, reply_create, topic_create
from network.community.services.reactions import helpful_toggle
from tests.factories import ForumCategoryFactory, UserFactory
from tests.practice_submissions.conftest import pdf_upload

pytestmark = pytest.mark.django_db

DATA_URL = "/en/network/account/data/"
DELETE_URL = "/en/network/account/delete/"


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


@pytest.fixture
def writer():
    """A member who started a topic (with a file), edited it, marked a reply helpful, read and
    watches the topic, and has a file chosen but not posted."""
    user = UserFactory(email="writer@example.org")
    other = UserFactory()
    file = attachment_upload(user=user, upload=pdf_upload("minutes.pdf"))
    topic = topic_create(
        author=user,
        category=ForumCategoryFactory(),
        title="Minutes of the May meeting",
        source="Draft minutes",
        tags=["meetings"],
        attachments=[file],
    ).post.topic
    post_edit(editor=user, post=topic.posts.get(number=1), source="Final minutes")
    reply = reply_create(author=other, topic=topic, source="Thank you!").post
    helpful_toggle(user=user, post=reply)
    TopicRead.objects.create(user=user, topic=topic, last_read_number=2)
    attachment_upload(user=user, upload=pdf_upload("unsent.pdf"))
    return {"user": user, "topic": topic, "reply": reply}


def test_the_export_holds_the_members_forum_records(client, writer):
    client.force_login(writer["user"])
    forum = json.loads(client.get(DATA_URL).content)["forum"]
    assert forum["topics_started"][0]["title"] == "Minutes of the May meeting"
    assert forum["topics_started"][0]["tags"] == ["meetings"]
    post = forum["posts"][0]
    assert post["text"] == "Final minutes"
    assert post["earlier_versions"][0]["text"] == "Draft minutes"
    assert post["files"][0]["name"] == "minutes.pdf"
    assert [file["name"] for file in forum["files_not_posted"]] == ["unsent.pdf"]
    assert len(forum["found_helpful"]) == 1
    assert forum["topics_read"] == [{"topic": "Minutes of the May meeting", "last_post_read": 2}]
    assert forum["topic_watches"][0]["reason"] == "started"


def test_deleting_the_account_keeps_posts_without_their_author(client, writer):
    user, topic, reply = writer["user"], writer["topic"], writer["reply"]
    client.force_login(user)
    response = client.post(DELETE_URL, {"password": "correct horse battery", "confirm": "on"})
    assert response.status_code == 302
    opening = Post.objects.get(topic=topic, number=1)
    assert opening.author is None and opening.source == "Final minutes"
    assert Topic.objects.get(pk=topic.pk).author is None
    reply.refresh_from_db()
    assert reply.helpful_count == 0
    assert not Reaction.objects.exists()
    assert not TopicRead.objects.exists() and not TopicWatch.objects.filter(user_id=user.pk)
    # The posted file stays with its post; the one never posted goes.
    assert list(PostAttachment.objects.values_list("name", flat=True)) == ["minutes.pdf"]
