"""The moderators' queue: flagged and held posts of the categories they moderate, filtered by
category and language, paginated at a constant number of queries; never a private space's
post for a moderator who cannot read it; scoped moderators only in their categories."""

import pytest
from django.urls import reverse

from network.community.models import Flag, InboundMail, Post, Topic
from network.community.services.posting import reply_create, topic_create
from network.roles import Role
from notifications.models import Notification
from tests.community import moderation_helpers as helpers
from tests.factories import (
    ForumCategoryFactory,
    ForumPostFactory,
    ForumTopicFactory,
    UserFactory,
)
from tests.network.conftest import assert_constant_queries, person  # noqa: F401 (a fixture)

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


QUEUE = "community:moderation_queue"


def _queue(client, **params) -> str:
    response = client.get(reverse(QUEUE), params)
    assert response.status_code == 200
    return response.content.decode()


def _flagged(category, text: str, language: str = "en", reporters: int = 1) -> Post:
    topic = ForumTopicFactory(category=category)
    flagged = ForumPostFactory(topic=topic, source=text, html=f"<p>{text}</p>", language=language)
    # Stored directly: members who may read the category raised them (flag_create is tested
    # in test_moderation_flags.py).
    for number in range(reporters):
        Flag.objects.create(
            reporter=UserFactory(),
            post=flagged,
            reason="spam" if number % 2 == 0 else "off_topic",
            note=f"note {number}" if number == 0 else "",
        )
    return flagged


def test_a_flagged_post_waits_in_the_queue_with_its_reasons_and_notes(client, moderator, category):
    flagged = _flagged(category, "Cheap watches", reporters=2)
    client.force_login(moderator)
    page = _queue(client)
    assert "Cheap watches" in page
    assert "2 open flags" in page
    assert "Spam or advertising (1)" in page and "Off topic (1)" in page
    assert "note 0" in page
    assert reverse("community:post_edit", kwargs={"post_id": flagged.pk}) in page


def test_the_queue_filters_by_category_and_by_language(client, moderator, category):
    other = ForumCategoryFactory(slug="employment", name_en="Employment")
    _flagged(category, "English spam")
    _flagged(category, "Spam en español", language="es")
    _flagged(other, "Employment spam")
    client.force_login(moderator)
    everything = _queue(client)
    assert all(text in everything for text in ("English spam", "Spam en español", "Employment"))
    only_reception = _queue(client, category=category.pk)
    assert "English spam" in only_reception and "Spam en español" in only_reception
    assert "Employment spam" not in only_reception
    only_spanish = _queue(client, language="es")
    assert "Spam en español" in only_spanish
    assert "English spam" not in only_spanish and "Employment spam" not in only_spanish
    both = _queue(client, category=other.pk, language="es")
    assert "Nothing waits for a moderator here." in both
    # A category the moderator cannot choose is a filter error, not a 500.
    assert "English spam" in _queue(client, category=999999)


def test_a_new_members_post_waits_for_approval_and_approving_publishes_it(
    client, moderator, author, django_capture_on_commit_callbacks
):
    category = ForumCategoryFactory(slug="first-posts", approve_first_posts=True)
    written = topic_create(
        author=author, category=category, title="Mi primera pregunta", source="Hola a todos"
    )
    topic = written.post.topic
    assert topic.is_held
    client.force_login(moderator)
    page = _queue(client)
    assert "Mi primera pregunta" in page and "New topic waiting for approval" in page
    published = []
    from network.community import signals

    def receiver(**kwargs):
        published.append(kwargs["post"].pk)

    signals.post_published.connect(receiver)
    try:
        response = client.post(
            reverse("community:post_moderate", kwargs={"post_id": written.post.pk}),
            {"action": "approve", "next": reverse(QUEUE)},
        )
    finally:
        signals.post_published.disconnect(receiver)
    assert response.status_code == 302
    written.post.refresh_from_db()
    topic.refresh_from_db()
    assert written.post.state == Post.State.PUBLISHED and not topic.is_held
    assert published == [written.post.pk]
    assert Notification.objects.get(recipient=author).context["action"] == "approve"
    assert "Mi primera pregunta" not in _queue(client)


def test_a_held_reply_is_approved_and_counted(client, moderator, category, author):
    category.approve_first_posts = True
    category.save()
    topic = ForumTopicFactory(category=category)
    held = reply_create(author=author, topic=topic, source="Una respuesta").post
    topic.refresh_from_db()
    assert (held.state, topic.reply_count) == (Post.State.HELD, 0)
    client.force_login(moderator)
    client.post(
        reverse("community:post_moderate", kwargs={"post_id": held.pk}), {"action": "approve"}
    )
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_an_email_reply_held_by_the_inbound_pipeline_shows_why(client, moderator, category):
    topic = ForumTopicFactory(category=category)
    held = ForumPostFactory(topic=topic, state="held", via="email", source="Quoted?")
    InboundMail.objects.create(
        message_id="<held@example.org>",
        source="file",
        outcome=InboundMail.Outcome.HELD,
        reason="quote marker left in the reply",
        post=held,
        raw=b"From: a@example.org\r\n\r\nQuoted?",
    )
    client.force_login(moderator)
    page = _queue(client)
    assert "Held from email: quote marker left in the reply" in page
    assert "Written by email" in page


def test_the_queue_costs_the_same_queries_for_few_and_many_posts(
    client,
    moderator,
    category,
    assert_constant_queries,  # noqa: F811
):
    for number in range(2):
        _flagged(category, f"Few {number}", reporters=2)
    held_category = ForumCategoryFactory(slug="held", approve_first_posts=True)
    topic_create(author=UserFactory(), category=held_category, title="Held topic 1", source="x")
    client.force_login(moderator)

    def grow():
        for number in range(15):
            _flagged(category, f"Many {number}", reporters=3)
        for number in range(4):
            topic_create(
                author=UserFactory(),
                category=held_category,
                title=f"Held topic {number + 2}",
                source="x",
            )

    assert_constant_queries(reverse(QUEUE), grow)


def test_a_private_categorys_posts_never_reach_a_moderator_who_cannot_read_it(client, moderator):
    intranet = helpers.private_category()
    _flagged(intranet, "Partners only spam")
    client.force_login(moderator)
    page = _queue(client)
    assert "Partners only spam" not in page
    assert "Nothing waits for a moderator here." in page
    flagged = Post.objects.get(source="Partners only spam")
    response = client.post(
        reverse("community:post_moderate", kwargs={"post_id": flagged.pk}),
        {"action": "hide", "reason": "spam"},
    )
    assert response.status_code == 404
    # A moderator who is also a partner reads it, so moderates it.
    partner_moderator = person(Role.MODERATOR, Role.PARTNER)
    client.force_login(partner_moderator)
    assert "Partners only spam" in _queue(client)


def test_a_scoped_moderator_works_only_in_their_categories(client):
    spanish = ForumCategoryFactory(slug="es-acogida", default_language="es")
    english = ForumCategoryFactory(slug="en-reception")
    _flagged(spanish, "Spam en español", language="es")
    english_post = _flagged(english, "English spam")
    spanish_moderator = helpers.scoped_moderator(spanish)
    client.force_login(spanish_moderator)
    page = _queue(client)
    assert "Spam en español" in page and "English spam" not in page
    response = client.post(
        reverse("community:post_moderate", kwargs={"post_id": english_post.pk}),
        {"action": "hide", "reason": "Spam"},
    )
    assert response.status_code == 403
    assert "Only the category&#x27;s moderators may do this." in response.content.decode()
    english_post.refresh_from_db()
    assert english_post.state == Post.State.PUBLISHED
    # Nor may they move a Spanish topic into the English category.
    spanish_topic = Topic.objects.get(category=spanish)
    response = client.post(
        reverse("community:topic_moderate", kwargs={"topic_id": spanish_topic.pk}),
        {"action": "move", "category": english.pk},
    )
    spanish_topic.refresh_from_db()
    assert spanish_topic.category == spanish


def test_members_cannot_open_the_queue(client):
    client.force_login(UserFactory())
    response = client.get(reverse(QUEUE))
    assert response.status_code == 403
    assert "Only moderators may open the moderation queue." in response.content.decode()
