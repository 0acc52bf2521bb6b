"""Moderators' actions on posts, topics and members: each one logged with who, when and why,
told to the member in their own language, and announced with the forum's signals; the log's
filters; suspensions that take effect at once and end when lifted."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from network.community import permissions, signals
from network.community.models import Flag, ModerationAction, Post, Suspension
from network.community.services.moderation import (
    flag_create,
    member_suspend,
    post_hide,
    topic_move,
)
from network.permissions import decide
from notifications.models import Notification
from tests.community import moderation_helpers as helpers
from tests.factories import ForumCategoryFactory, ForumPostFactory, ForumTopicFactory, UserFactory
from tests.network.conftest import assert_constant_queries  # noqa: F401 (a fixture)

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


@pytest.fixture
def received():
    """The posts each forum signal was sent for, by signal name."""
    seen: dict[str, list[int]] = {}
    receivers = {}
    for name in ("post_published", "post_hidden", "post_restored", "topic_changed"):

        def receiver(name=name, **kwargs):
            seen.setdefault(name, []).append(kwargs["post"].pk)

        getattr(signals, name).connect(receiver)
        receivers[name] = receiver
    yield seen
    for name, receiver in receivers.items():
        getattr(signals, name).disconnect(receiver)


def _moderate_post(client, post, **data):
    return client.post(reverse("community:post_moderate", kwargs={"post_id": post.pk}), data)


def _moderate_topic(client, topic, **data):
    return client.post(reverse("community:topic_moderate", kwargs={"topic_id": topic.pk}), data)


def test_hiding_a_post_is_logged_and_its_spanish_author_is_told_in_spanish(
    client, moderator, post, author, received, mailoutbox, django_capture_on_commit_callbacks
):
    flag_create(reporter=UserFactory(), post=post, reason="spam")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _moderate_post(client, post, action="hide", reason="Publicidad no deseada")
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == "The post is hidden. Its author was told why."
    post.refresh_from_db()
    assert (post.state, post.hidden_by, post.hidden_reason) == (
        Post.State.HIDDEN,
        moderator,
        "Publicidad no deseada",
    )
    entry = ModerationAction.objects.get(action="hide")
    assert (entry.actor, entry.post, entry.member, entry.reason) == (
        moderator,
        post,
        author,
        "Publicidad no deseada",
    )
    assert entry.created_at is not None
    assert received == {"post_hidden": [post.pk]}
    assert not Flag.objects.filter(post=post, resolved_at__isnull=True).exists()
    (email,) = mailoutbox
    assert email.to == [author.email]
    assert email.extra_headers["Content-Language"] == "es"
    assert "Hola, Ana Autora:" in email.body
    assert "Publicidad no deseada" in email.body
    assert f"{settings.SITE_URL}/es/community/p/{post.pk}/" in email.body
    with translation.override("es"):
        expected = gettext("A moderator hid your post in “%(topic_title)s”.") % {
            "topic_title": post.topic.title
        }
    assert email.subject == expected


def test_an_english_author_is_told_in_english(
    client, moderator, category, mailoutbox, django_capture_on_commit_callbacks
):
    english = UserFactory(first_name="John", last_name="Smith", preferred_language="en")
    mine = ForumPostFactory(topic=ForumTopicFactory(category=category), author=english)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        _moderate_post(client, mine, action="hide", reason="Off topic")
    (email,) = mailoutbox
    assert email.subject.startswith("A moderator hid your post in")
    assert "Hello John Smith," in email.body and "Off topic" in email.body


def test_hiding_without_a_reason_is_refused_and_changes_nothing(client, moderator, post):
    client.force_login(moderator)
    response = _moderate_post(client, post, action="hide", reason="  ")
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert "Say why" in str(message)
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_restoring_publishes_the_post_again_and_tells_the_author(
    client, moderator, post, author, received
):
    post_hide(moderator=moderator, post=post, reason="Spam")
    client.force_login(moderator)
    _moderate_post(client, post, action="restore", reason="It was not spam after all")
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED and post.hidden_by is None
    assert received["post_restored"] == [post.pk]
    entry = ModerationAction.objects.get(action="restore")
    assert (entry.actor, entry.reason) == (moderator, "It was not spam after all")
    actions = [n.context["action"] for n in Notification.objects.filter(recipient=author)]
    assert sorted(actions) == ["hide", "restore"]


def test_hiding_an_opening_post_hides_its_topic(client, moderator, category, received):
    topic = ForumTopicFactory(category=category)
    opening = topic.posts.get(number=1)
    client.force_login(moderator)
    _moderate_post(client, opening, action="hide", reason="Spam")
    topic.refresh_from_db()
    assert topic.is_hidden
    assert received["topic_changed"] == [opening.pk]
    _moderate_post(client, opening, action="restore")
    topic.refresh_from_db()
    assert not topic.is_hidden


def test_rejecting_a_held_post_keeps_it_hidden_with_the_reason(client, moderator, category, author):
    topic = ForumTopicFactory(category=category)
    held = ForumPostFactory(topic=topic, author=author, state="held")
    client.force_login(moderator)
    _moderate_post(client, held, action="reject", reason="Duplicate of another topic")
    held.refresh_from_db()
    assert (held.state, held.hidden_reason) == (Post.State.HIDDEN, "Duplicate of another topic")
    notification = Notification.objects.get(recipient=author)
    assert notification.context["reason"] == "Duplicate of another topic"
    assert notification.url == f"/en/community/p/{held.pk}/"


def test_dismissing_flags_resolves_them_without_telling_the_author(client, moderator, post, author):
    flag_create(reporter=UserFactory(), post=post, reason="off_topic")
    client.force_login(moderator)
    _moderate_post(client, post, action="dismiss", reason="It is on topic")
    flag = Flag.objects.get(post=post)
    assert flag.resolved_by == moderator and flag.resolution == "It is on topic"
    assert ModerationAction.objects.get().action == "dismiss"
    assert not Notification.objects.filter(recipient=author).exists()
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("pin", "is_pinned", True),
        ("close", "is_closed", True),
        ("archive", "is_archived", True),
    ],
)
def test_topic_actions_change_the_topic_log_and_tell_its_author(
    client, moderator, category, author, received, action, field, value
):
    topic = ForumTopicFactory(category=category, author=author)
    client.force_login(moderator)
    _moderate_topic(client, topic, action=action, reason="Tidying up")
    topic.refresh_from_db()
    assert getattr(topic, field) is value
    entry = ModerationAction.objects.get(action=action)
    assert (entry.actor, entry.topic, entry.reason) == (moderator, topic, "Tidying up")
    assert received["topic_changed"] == [topic.posts.get(number=1).pk]
    assert Notification.objects.get(recipient=author).context["action"] == action
    # Doing it again changes nothing and says so.
    response = _moderate_topic(client, topic, action=action)
    (message,) = list(get_messages(response.wsgi_request))[-1:]
    assert "already" in str(message)
    assert ModerationAction.objects.filter(action=action).count() == 1


def test_a_closed_topic_takes_no_more_replies_until_reopened(client, moderator, category):
    topic = ForumTopicFactory(category=category)
    member = UserFactory()
    client.force_login(moderator)
    _moderate_topic(client, topic, action="close")
    topic.refresh_from_db()
    assert not decide(member, permissions.REPLY, topic)
    _moderate_topic(client, topic, action="open")
    topic.refresh_from_db()
    assert decide(member, permissions.REPLY, topic)


def test_moving_a_topic_names_the_new_category_in_the_authors_language(
    client, moderator, category, author
):
    topic = ForumTopicFactory(category=category, author=author)
    target = ForumCategoryFactory(slug="employment", name_en="Employment", name_es="Empleo")
    client.force_login(moderator)
    _moderate_topic(client, topic, action="move", category=target.pk, reason="Better there")
    topic.refresh_from_db()
    assert topic.category == target
    entry = ModerationAction.objects.get(action="move")
    assert entry.details == {"from": category.pk, "to": target.pk}
    assert Notification.objects.get(recipient=author).context["category_name"] == "Empleo"


def test_moving_needs_to_moderate_both_categories(category):
    target = ForumCategoryFactory(slug="employment")
    scoped = helpers.scoped_moderator(category)
    topic = ForumTopicFactory(category=category)
    with pytest.raises(PermissionDenied):
        topic_move(moderator=scoped, topic=topic, category=target)
    topic.refresh_from_db()
    assert topic.category == category


def test_a_suspension_takes_effect_at_once_and_lifting_it_restores_rights(
    client, moderator, post, author, mailoutbox, django_capture_on_commit_callbacks
):
    topic = post.topic
    other = ForumPostFactory(topic=topic)
    assert decide(author, permissions.REPLY, topic)
    client.force_login(moderator)
    url = reverse("community:member_discipline", kwargs={"user_id": author.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "suspend", "days": "7", "reason": "Repeated spam", "post": post.pk}
        )
    assert response.status_code == 302
    suspension = Suspension.objects.get(member=author)
    assert suspension.created_by == moderator and suspension.reason == "Repeated spam"
    refused = decide(author, permissions.REPLY, topic)
    assert not refused and "suspended" in refused.reason
    assert not decide(author, permissions.POST_FLAG, other)
    entry = ModerationAction.objects.get(action="suspend")
    assert entry.details["days"] == 7 and entry.post == post
    (email,) = mailoutbox
    assert email.extra_headers["Content-Language"] == "es" and "Repeated spam" in email.body
    page = client.get(url).content.decode()
    assert "Suspended from the forum until" in page and "Repeated spam" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "unsuspend", "reason": "Apologised"})
    assert decide(author, permissions.REPLY, topic)
    assert ModerationAction.objects.filter(action="unsuspend", member=author).exists()
    assert len(mailoutbox) == 2


def test_a_suspension_needs_a_listed_length_and_a_reason(client, moderator, author):
    client.force_login(moderator)
    url = reverse("community:member_discipline", kwargs={"user_id": author.pk})
    client.post(url, {"action": "suspend", "days": "365", "reason": "Spam"})
    client.post(url, {"action": "suspend", "days": "1", "reason": ""})
    assert not Suspension.objects.exists()
    with pytest.raises(Exception, match="Choose how long"):
        member_suspend(moderator=moderator, member=author, days=2, reason="Spam")


def test_a_warning_reaches_the_member_with_the_reason(client, moderator, author):
    client.force_login(moderator)
    url = reverse("community:member_discipline", kwargs={"user_id": author.pk})
    client.post(url, {"action": "warn", "reason": "Please stay polite"})
    entry = ModerationAction.objects.get(action="warn")
    assert (entry.actor, entry.member, entry.reason) == (moderator, author, "Please stay polite")
    assert Notification.objects.get(recipient=author).context["reason"] == "Please stay polite"


def test_nobody_disciplines_themselves(client, moderator):
    client.force_login(moderator)
    url = reverse("community:member_discipline", kwargs={"user_id": moderator.pk})
    assert client.get(url).status_code == 403
    client.post(url, {"action": "warn", "reason": "Myself"})
    assert not ModerationAction.objects.exists()


def test_the_log_filters_by_action_moderator_and_category(client, moderator, category):
    other_moderator = helpers.moderator_make()
    elsewhere = ForumCategoryFactory(slug="employment", name_en="Employment")
    first = ForumTopicFactory(category=category, title="First topic here")
    second = ForumTopicFactory(category=elsewhere, title="Second topic there")
    client.force_login(moderator)
    _moderate_topic(client, first, action="pin", reason="Important")
    client.force_login(other_moderator)
    _moderate_topic(client, second, action="close", reason="Finished")
    log = reverse("community:moderation_log")

    def rows(**params) -> str:
        response = client.get(log, params)
        assert response.status_code == 200
        return response.content.decode()

    everything = rows()
    assert "First topic here" in everything and "Second topic there" in everything
    assert "Important" in everything and "Pinned a topic" in everything
    pinned = rows(action="pin")
    assert "First topic here" in pinned and "Second topic there" not in pinned
    by_other = rows(moderator=other_moderator.pk)
    assert "Second topic there" in by_other and "First topic here" not in by_other
    in_category = rows(category=category.pk)
    assert "First topic here" in in_category and "Second topic there" not in in_category


def test_the_log_is_paginated(client, moderator, category, settings):
    topic = ForumTopicFactory(category=category)
    for number in range(25):
        ModerationAction.objects.create(
            actor=moderator, action="pin", topic=topic, reason=f"reason-{number:02d}"
        )
    client.force_login(moderator)
    first = client.get(reverse("community:moderation_log")).content.decode()
    second = client.get(reverse("community:moderation_log"), {"page": 2}).content.decode()
    assert "reason-24" in first and "reason-00" not in first
    assert "reason-00" in second and "Page 2 of 2" in second


def test_a_scoped_moderators_log_leaves_out_other_categories(client, category):
    elsewhere = ForumCategoryFactory(slug="employment")
    hidden_topic = ForumTopicFactory(category=elsewhere, title="Somewhere else entirely")
    ModerationAction.objects.create(action="pin", topic=hidden_topic, reason="x")
    client.force_login(helpers.scoped_moderator(category))
    page = client.get(reverse("community:moderation_log")).content.decode()
    assert "Somewhere else entirely" not in page


def test_the_queue_sends_people_back_where_they_were_but_never_off_site(client, moderator, post):
    client.force_login(moderator)
    back = reverse("community:moderation_queue") + "?language=es"
    response = _moderate_post(client, post, action="dismiss", next=back)
    assert response["Location"] == back
    response = _moderate_post(client, post, action="dismiss", next="https://evil.example/")
    assert response["Location"] == reverse("community:moderation_queue")
    assert re.match(r"^/", response["Location"])


def test_the_topic_pages_moderation_forms_pin_close_and_archive(client, moderator, category, rf):
    from django.template.loader import render_to_string

    topic = ForumTopicFactory(category=category)
    request = rf.get(f"/en/community/t/{topic.pk}/{topic.slug}/")
    html = render_to_string(
        "community/includes/moderation_topic_actions.html", {"topic": topic}, request=request
    )
    action = reverse("community:topic_moderate", kwargs={"topic_id": topic.pk})
    assert html.count(f'action="{action}"') == 3
    assert all(f'value="{name}"' in html for name in ("pin", "close", "archive"))
    client.force_login(moderator)
    for name in ("pin", "close", "archive"):
        response = _moderate_topic(client, topic, action=name, next=request.path)
        assert response["Location"] == request.path
    topic.refresh_from_db()
    assert topic.is_pinned and topic.is_closed and topic.is_archived
    html = render_to_string(
        "community/includes/moderation_topic_actions.html", {"topic": topic}, request=request
    )
    assert all(f'value="{name}"' in html for name in ("unpin", "open", "unarchive"))


def test_the_log_costs_the_same_queries_for_few_and_many_entries(
    client,
    moderator,
    category,
    assert_constant_queries,  # noqa: F811
):
    def entries(count: int) -> None:
        for number in range(count):
            topic = ForumTopicFactory(category=category)
            ModerationAction.objects.create(
                actor=helpers.moderator_make(),
                action="hide",
                topic=topic,
                post=topic.posts.get(number=1),
                member=topic.author,
                reason=f"reason {number}",
            )

    entries(2)
    client.force_login(moderator)
    assert_constant_queries(reverse("community:moderation_log"), lambda: entries(15))
