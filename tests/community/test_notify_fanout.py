"""Who hears of a new post, in which language, and how (network.community.services.notify)."""

import re

import pytest
from django.contrib.auth.models import Group

from network.community.models import CategoryGrant, CategoryWatch, TopicWatch
from network.community.services.notify import post_fanout
from notifications.models import EmailDelivery, Notification
from tests.community.notify_helpers import (
    ForumCategoryFactory,
    ForumTopicFactory,
    committer,
    fresh_outbox,
    member,
    publish,
    reply_create,
    topic_create,
    watch_category,
    watch_topic,
)

pytestmark = pytest.mark.django_db

Level = CategoryWatch.Level


@pytest.fixture
def outbox():
    return fresh_outbox()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return committer(django_capture_on_commit_callbacks)


@pytest.fixture
def category():
    return ForumCategoryFactory(
        slug="reception",
        name_en="Reception",
        name_es="Acogida",
        name_pt="Acolhimento",
        name_fr="Accueil",
    )


@pytest.fixture
def topic(category):
    return ForumTopicFactory(
        category=category, title="Opening hours of the one-stop desk", author=member()
    )


def _to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


def test_watchers_get_the_reply_in_their_own_language(committed, outbox, topic, settings):
    readers = {code: member(code) for code in ("es", "pt", "fr")}
    for reader in readers.values():
        watch_topic(reader, topic)
    author = member("en", first_name="Ana", last_name="Silva")

    post = committed(
        reply_create, author=author, topic=topic, source="We open at **8**, every day."
    ).post

    expected = {
        "es": ("Acogida", "Ana Silva respondió en", "Responda a este correo"),
        "pt": ("Acolhimento", "Ana Silva respondeu em", "Responda a este e-mail"),
        "fr": ("Accueil", "Ana Silva a répondu dans", "Répondez à cet e-mail"),
    }
    for code, reader in readers.items():
        (message,) = _to(outbox, reader)
        category_name, sentence, footer = expected[code]
        assert message.subject == f"Re: [{category_name}] Opening hours of the one-stop desk"
        assert sentence in message.body
        assert footer in message.body
        assert "We open at **8**, every day." in message.body
        assert f"{settings.SITE_URL}/{code}/community/p/{post.pk}/" in message.body
        html = message.alternatives[0][0]
        assert "<strong>8</strong>" in html
        assert f'href="{settings.SITE_URL}/{code}/community/p/{post.pk}/"' in html
    assert _to(outbox, author) == []


def test_a_mention_is_told_once_in_the_recipients_language(committed, outbox, topic):
    watcher_mentioned = member("fr", handle="claire")
    watch_topic(watcher_mentioned, topic)
    outsider_mentioned = member("pt", handle="joao")
    author = member(first_name="Ana", last_name="Silva")
    post = committed(reply_create, author=author, topic=topic, source="@claire @joao what?").post
    outbox.clear()
    Notification.objects.all().delete()

    committed(publish, post, mentioned=["claire", "joao"])

    kinds = dict(Notification.objects.values_list("recipient__handle", "kind"))
    assert kinds == {"claire": "forum_mention", "joao": "forum_mention"}
    (french,) = _to(outbox, watcher_mentioned)
    assert "Ana Silva vous a mentionné" in french.body
    (portuguese,) = _to(outbox, outsider_mentioned)
    assert "Ana Silva mencionou você" in portuguese.body


def test_muted_topic_muted_category_and_the_author_hear_nothing(committed, outbox, topic):
    muted_topic = member()
    watch_category(muted_topic, topic.category, Level.EVERY_POST)
    watch_topic(muted_topic, topic, TopicWatch.Level.MUTED)
    muted_category = member()
    watch_category(muted_category, topic.category, Level.MUTE)
    author = member()
    watch_category(author, topic.category, Level.EVERY_POST)
    listener = member()
    watch_category(listener, topic.category, Level.EVERY_POST)

    committed(reply_create, author=author, topic=topic, source="Any news?")

    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {listener.pk}
    assert [message.to for message in outbox] == [[listener.email]]


def test_watching_the_topic_beats_muting_its_category(committed, outbox, topic):
    person = member()
    watch_category(person, topic.category, Level.MUTE)
    watch_topic(person, topic)

    committed(reply_create, author=member(), topic=topic, source="A reply")

    assert [message.to for message in outbox] == [[person.email]]


def test_a_private_category_never_tells_who_lost_or_never_had_the_grant(committed, outbox):
    partners = Group.objects.create(name="partners-test")
    private = ForumCategoryFactory(access="private")
    CategoryGrant.objects.create(category=private, group=partners)
    author, insider, former, never = member(), member(), member(), member()
    for person in (author, insider, former):
        person.groups.add(partners)
    topic = ForumTopicFactory(category=private, author=author)
    for person in (insider, former, never):
        watch_topic(person, topic)
        watch_category(person, private, Level.EVERY_POST)
    former.groups.remove(partners)

    post = committed(reply_create, author=author, topic=topic, source="For partners only").post
    committed(publish, post, mentioned=[never.handle, former.handle])

    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {insider.pk}
    assert [message.to for message in outbox] == [[insider.email]]


def test_the_category_level_routes_each_watcher(committed, outbox, topic):
    people = {level: member() for level in Level.values}
    for level, person in people.items():
        watch_category(person, topic.category, level)
    topic_only = member()
    watch_topic(topic_only, topic)

    committed(reply_create, author=member(), topic=topic, source="News")

    stored = {
        notification.recipient_id: notification
        for notification in Notification.objects.filter(kind="forum_post")
    }
    assert sorted(message.to[0] for message in outbox) == sorted(
        [people[Level.EVERY_POST].email, topic_only.email]
    )
    assert people[Level.MUTE].pk not in stored
    assert stored[people[Level.DAILY].pk].email_pending
    assert stored[people[Level.DAILY].pk].email_frequency == "daily"
    assert stored[people[Level.WEEKLY].pk].email_frequency == "weekly"
    in_app = stored[people[Level.IN_APP].pk]
    assert (in_app.email_pending, in_app.delivery_id) == (False, None)


def test_a_new_topic_tells_the_category_watchers_with_its_own_subject(committed, outbox, category):
    watcher = member("es")
    watch_category(watcher, category, Level.EVERY_POST)
    nobody = member()

    committed(
        topic_create,
        author=member(first_name="Ana", last_name="Silva"),
        category=category,
        title="Interpreters for the health centre",
        source="Who pays for them?",
    )

    (message,) = outbox
    assert message.to == [watcher.email]
    assert message.subject == "[Acogida] Interpreters for the health centre"
    assert "Ana Silva abrió un tema nuevo en Acogida" in message.body
    assert not Notification.objects.filter(recipient=nobody).exists()


def test_running_the_fanout_again_tells_nobody_twice(committed, outbox, topic):
    watch_topic(member(), topic)
    post = committed(reply_create, author=member(), topic=topic, source="Again").post

    committed(post_fanout, post_id=post.pk)

    assert len(outbox) == 1
    assert EmailDelivery.objects.count() == 1


def test_a_hidden_post_is_withdrawn_from_digests_and_unsent_email(committed, outbox, topic):
    from network.community.models import Post
    from network.community.signals import post_hidden

    daily = member()
    watch_category(daily, topic.category, Level.DAILY)
    post = committed(reply_create, author=member(), topic=topic, source="Oops").post
    assert Notification.objects.filter(recipient=daily).exists()

    Post.objects.filter(pk=post.pk).update(state=Post.State.HIDDEN)
    post_hidden.send(sender=Post, post=post)

    assert not Notification.objects.filter(recipient=daily).exists()


def test_the_stored_notification_holds_no_reply_key(committed, outbox, topic):
    watch_topic(member(), topic)
    committed(reply_create, author=member(), topic=topic, source="Keys?")

    (message,) = outbox
    key = re.search(r"reply\+([a-z0-9]+)@", message.extra_headers["Reply-To"]).group(1)
    stored = str(list(Notification.objects.values_list("context", flat=True)))
    assert key not in stored
    assert key not in message.body


def test_a_mention_written_in_a_reply_tells_the_member_once(committed, outbox, topic):
    mentioned = member("es", handle="lucia", first_name="Lucía")
    watch_topic(mentioned, topic)
    author = member(first_name="Ana", last_name="Silva")

    committed(reply_create, author=author, topic=topic, source="What do you think, @lucia?")

    assert list(Notification.objects.values_list("recipient__handle", "kind")) == [
        ("lucia", "forum_mention")
    ]
    (message,) = outbox
    assert message.to == [mentioned.email]
    assert "Ana Silva le mencionó en «Opening hours of the one-stop desk»" in message.body


def test_an_in_app_watcher_reads_it_on_the_site_in_their_language(committed, outbox, topic, client):
    reader = member("pt")
    watch_category(reader, topic.category, Level.IN_APP)
    post = committed(
        reply_create, author=member(first_name="Ana", last_name="Silva"), topic=topic, source="Oi"
    ).post
    assert outbox == []

    client.force_login(reader)
    page = client.get("/pt/notifications/").content.decode()

    assert "Ana Silva respondeu em “Opening hours of the one-stop desk”" in page
    assert f"/pt/community/p/{post.pk}/" in page
