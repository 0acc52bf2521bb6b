"""Members flag posts: the form, one open flag per member and post, the daily limit, and the
post hidden at once when enough members flag it."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from network.community import signals
from network.community.models import Flag, ModerationAction, Post
from network.community.services.moderation import flag_create
from notifications.models import Notification
from tests.community import moderation_helpers as helpers
from tests.factories import ForumPostFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return helpers.moderator_make()


@pytest.fixture
def category(db):
    return helpers.category_make()


@pytest.fixture
def author(db):
    return helpers.author_make()


@pytest.fixture
def post(category, author):
    return helpers.post_make(category, author)


def _flag_url(post) -> str:
    return reverse("community:post_flag", kwargs={"post_id": post.pk})


def test_a_member_flags_a_post_and_returns_to_it_with_a_thank_you(client, post):
    reporter = UserFactory()
    client.force_login(reporter)
    page = client.get(_flag_url(post)).content.decode()
    assert "Spam or advertising" in page and "Buy cheap watches here!" in page
    response = client.post(_flag_url(post), {"reason": "spam", "note": "An advert."})
    assert response.status_code == 302
    assert response["Location"] == reverse("community:post", kwargs={"post_id": post.pk})
    flag = Flag.objects.get(post=post)
    assert (flag.reporter, flag.reason, flag.note) == (reporter, "spam", "An advert.")
    (message,) = get_messages(response.wsgi_request)
    assert "The moderators will look at this post" in str(message)


def test_flagging_the_same_post_again_says_it_is_flagged_already(client, post):
    reporter = UserFactory()
    client.force_login(reporter)
    client.post(_flag_url(post), {"reason": "spam"})
    page = client.get(_flag_url(post)).content.decode()
    assert "You have already flagged this post" in page
    assert 'name="reason"' not in page
    assert client.post(_flag_url(post), {"reason": "offensive"}).status_code == 200
    assert Flag.objects.filter(post=post).count() == 1
    with pytest.raises(ValidationError, match="already flagged"):
        flag_create(reporter=reporter, post=post, reason="other")


def test_a_flag_without_a_valid_reason_shows_the_form_again(client, post):
    client.force_login(UserFactory())
    response = client.post(_flag_url(post), {"reason": "boring"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Flag.objects.exists()


def test_nobody_flags_their_own_post(client, post, author):
    client.force_login(author)
    response = client.get(_flag_url(post))
    assert response.status_code == 403
    assert "You cannot flag your own post." in response.content.decode()


def test_a_post_of_a_private_category_does_not_exist_for_outsiders(client):
    intranet = helpers.private_category()
    hidden = ForumPostFactory(topic=ForumTopicFactory(category=intranet))
    client.force_login(UserFactory())
    assert client.get(_flag_url(hidden)).status_code == 404
    assert client.post(_flag_url(hidden), {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, post):
    response = client.post(_flag_url(post), {"reason": "spam"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_flags_per_member_and_day_are_limited(client, settings, category):
    settings.FORUM_LIMIT_FLAGS_PER_DAY = 2
    reporter = UserFactory()
    topic = ForumTopicFactory(category=category)
    posts = [ForumPostFactory(topic=topic) for _ in range(3)]
    client.force_login(reporter)
    for flagged in posts[:2]:
        assert client.post(_flag_url(flagged), {"reason": "spam"}).status_code == 302
    response = client.post(_flag_url(posts[2]), {"reason": "spam"})
    assert response.status_code == 200
    assert "You can flag at most 2 posts a day" in response.content.decode()
    assert Flag.objects.filter(reporter=reporter).count() == 2
    # Resolved flags count too: the limit is on flags raised, not on flags open.
    Flag.objects.update(resolved_at="2020-01-01T00:00Z")
    with pytest.raises(ValidationError, match="at most 2 posts a day"):
        flag_create(reporter=reporter, post=posts[2], reason="spam")


def test_enough_members_flagging_hide_the_post_until_a_moderator_reviews_it(settings, post, author):
    settings.FORUM_FLAGS_TO_HIDE = 3
    hidden = []
    signals.post_hidden.connect(receiver := lambda **kw: hidden.append(kw["post"].pk), weak=False)
    try:
        for _ in range(2):
            flag_create(reporter=UserFactory(), post=post, reason="spam")
        post.refresh_from_db()
        assert post.state == Post.State.PUBLISHED
        flag_create(reporter=UserFactory(), post=post, reason="offensive")
    finally:
        signals.post_hidden.disconnect(receiver)
    post.refresh_from_db()
    assert post.state == Post.State.HIDDEN and post.hidden_by is None
    assert hidden == [post.pk]
    entry = ModerationAction.objects.get(post=post)
    assert entry.action == "hide" and entry.actor is None
    assert entry.details == {"automatic": True, "flags": 3}
    # The flags stay open: the post waits in the queue for a moderator's decision.
    assert Flag.objects.filter(post=post, resolved_at__isnull=True).count() == 3
    notification = Notification.objects.get(recipient=author, kind="forum_moderation")
    assert notification.context["automatic"] is True
    post.topic.refresh_from_db()
    assert post.topic.reply_count == 0
