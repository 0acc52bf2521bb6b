"""A moderator editing or deleting someone else's post from the writing pages acts as a
moderator (network/community/services/moderation.py): the action is logged once and its author
is told in their own language, as from the moderation queue. A coordinator or superuser who has
not given the second factor in this session is sent to give it (or set it up), not refused."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext

from network.community.models import ModerationAction, Post, Topic
from network.roles import Role
from notifications.models import Notification
from tests.community import moderation_helpers as helpers
from tests.factories import ForumPostFactory, ForumTopicFactory
from tests.network.conftest import person, sign_in

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


def _delete(client, post, **data):
    return client.post(reverse("community:post_delete", args=[post.pk]), data)


def _edit(client, post, **data):
    return client.post(reverse("community:post_edit", args=[post.pk]), data)


def _in_spanish(msgid: str, **values) -> str:
    with translation.override("es"):
        return gettext(msgid) % values


def test_a_moderators_delete_tells_the_spanish_author_in_spanish_and_logs_once(
    client, moderator, post, author, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _delete(client, post, reason="Publicidad no deseada")
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.state, post.hidden_by, post.hidden_reason) == (
        Post.State.HIDDEN,
        moderator,
        "Publicidad no deseada",
    )
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.actor, entry.post, entry.member, entry.reason) == (
        ModerationAction.Action.HIDE,
        moderator,
        post,
        author,
        "Publicidad no deseada",
    )
    notification = Notification.objects.get(recipient=author)
    assert notification.context["action"] == "hide"
    assert notification.context["reason"] == "Publicidad no deseada"
    (email,) = mailoutbox
    assert email.to == [author.email]
    assert email.extra_headers["Content-Language"] == "es"
    assert "Hola, Ana Autora:" in email.body and "Publicidad no deseada" in email.body
    assert email.subject == _in_spanish(
        "A moderator hid your post in “%(topic_title)s”.", topic_title=post.topic.title
    )


def test_a_moderators_delete_still_needs_a_reason(client, moderator, post):
    client.force_login(moderator)
    response = _delete(client, post, reason=" ")
    assert response.status_code == 200
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED
    assert not ModerationAction.objects.exists()
    assert not Notification.objects.exists()


def test_deleting_ones_own_post_is_no_moderation(client, moderator, category):
    mine = ForumPostFactory(topic=ForumTopicFactory(category=category), author=moderator)
    client.force_login(moderator)
    _delete(client, mine)
    mine.refresh_from_db()
    assert (mine.state, mine.hidden_reason) == (Post.State.HIDDEN, "Deleted by its author.")
    assert not ModerationAction.objects.exists()
    assert not Notification.objects.exists()


def test_a_moderator_deleting_the_answer_takes_it_away_as_hiding_does(client, moderator, post):
    topic = post.topic
    Topic.objects.filter(pk=topic.pk).update(solution=post)
    client.force_login(moderator)
    _delete(client, post, reason="Spam")
    topic.refresh_from_db()
    assert topic.solution is None and topic.reply_count == 0


def test_a_moderator_deleting_a_post_waiting_for_approval_rejects_it(
    client, moderator, category, author
):
    held = ForumPostFactory(topic=ForumTopicFactory(category=category), author=author, state="held")
    client.force_login(moderator)
    response = _delete(client, held, reason="Duplicate")
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.state, held.hidden_reason) == (Post.State.HIDDEN, "Duplicate")
    assert ModerationAction.objects.get().action == ModerationAction.Action.REJECT
    assert Notification.objects.get(recipient=author).context["action"] == "reject"


def test_a_moderators_edit_is_logged_once_and_told_to_the_author_in_their_language(
    client, moderator, post, author, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client, post, source="Relojes.", language="es", reason="Enlace de spam")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.source == "Relojes."
    revision = post.revisions.get()
    assert (revision.source, revision.reason) == ("Buy cheap watches here!", "Enlace de spam")
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.actor, entry.member, entry.reason, entry.details) == (
        ModerationAction.Action.EDIT,
        moderator,
        author,
        "Enlace de spam",
        {"revision": revision.pk},
    )
    (email,) = mailoutbox
    assert email.extra_headers["Content-Language"] == "es"
    assert "Hola, Ana Autora:" in email.body and "Enlace de spam" in email.body
    assert email.subject == _in_spanish(
        "A moderator edited your post in “%(topic_title)s”.", topic_title=post.topic.title
    )


def test_an_authors_own_edit_is_no_moderation(client, post, author):
    client.force_login(author)
    _edit(client, post, source="Relojes baratos.", language="es")
    post.refresh_from_db()
    assert post.source == "Relojes baratos."
    assert not ModerationAction.objects.exists()
    assert not Notification.objects.exists()


# -- The second factor ---------------------------------------------------------------------


def _second_factor_url(name: str, next_path: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_path})}"


@pytest.mark.parametrize("page", ["community:post_edit", "community:post_delete"])
def test_a_coordinator_with_a_password_alone_is_sent_to_give_the_second_factor(client, post, page):
    client.force_login(person(Role.COORDINATOR))  # has an authenticator, did not use it
    url = reverse(page, args=[post.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == _second_factor_url("mfa_reauthenticate", url)


def test_a_coordinator_without_an_authenticator_is_sent_to_set_one_up(client, post):
    client.force_login(person(Role.COORDINATOR, mfa=False))
    url = reverse("community:post_delete", args=[post.pk])
    response = client.post(url, {"reason": "Spam"})
    assert response["Location"] == _second_factor_url("mfa_activate_totp", url)
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_a_superuser_with_a_password_alone_is_sent_to_give_the_second_factor(client, post):
    client.force_login(person(mfa=True, is_superuser=True, is_staff=True))
    url = reverse("community:post_edit", args=[post.pk])
    response = _edit(client, post, source="Changed", language="en", reason="typo")
    assert response["Location"] == _second_factor_url("mfa_reauthenticate", url)
    post.refresh_from_db()
    assert post.source == "Buy cheap watches here!"


def test_with_the_second_factor_the_coordinator_moderates(client, post, author):
    coordinator = person(Role.COORDINATOR)
    sign_in(client, coordinator)
    assert client.get(reverse("community:post_edit", args=[post.pk])).status_code == 200
    _delete(client, post, reason="Spam")
    post.refresh_from_db()
    assert post.state == Post.State.HIDDEN
    assert ModerationAction.objects.get().actor == coordinator


def test_a_member_is_still_refused_someone_elses_post(client, post):
    client.force_login(helpers.author_make())
    response = client.get(reverse("community:post_edit", args=[post.pk]))
    assert response.status_code == 403
    assert "You may only edit your own posts." in response.content.decode()
