"""Received email becomes a member's reply or topic, or is refused (services/inbound.py)."""

from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.test import override_settings
from django.utils import timezone

from network.community.models import InboundMail, Post, ReplyKey, Topic
from network.community.services.inbound import mail_receive, subject_clean
from network.community.services.reply_keys import reply_address, reply_key_issue
from notifications.models import Bounce, EmailDelivery
from notifications.services import BOUNCE_HARD_LIMIT, email_send
from tests.community.inbound_helpers import bounce_mail, member, raw_mail, reply_body
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db

Outcome = InboundMail.Outcome
FILE = InboundMail.Source.FILE


@pytest.fixture
def topic():
    return ForumTopicFactory(category=ForumCategoryFactory())


def _address_for(user, post):
    return reply_address(key=reply_key_issue(user=user, post=post))


def _opening(topic):
    return Post.objects.get(topic=topic, number=1)


def test_a_reply_by_email_becomes_the_members_trimmed_post_in_the_topic(topic):
    replier = member()
    opening = _opening(topic)
    raw = raw_mail(
        to=_address_for(replier, opening),
        sender=f"Ana Ruiz <{replier.email.upper()}>",
        body=reply_body("Abrimos la oficina a las 8 cada mañana, con cita previa."),
    )
    received = mail_receive(raw=raw, source=FILE)
    assert received.outcome == Outcome.POSTED
    post = received.post
    assert (post.author, post.topic, post.reply_to, post.number) == (replier, topic, opening, 2)
    assert post.via == Post.Via.EMAIL
    assert post.state == Post.State.PUBLISHED
    assert post.source == "Abrimos la oficina a las 8 cada mañana, con cita previa."
    assert post.language == "es"  # detected from the text (the member's language is English)
    assert "wrote:" not in post.html
    # The key's address is never shown in the stored post; the original is not kept.
    assert "reply+" not in post.source
    assert received.raw in (b"", memoryview(b""))
    assert ReplyKey.objects.get(user=replier, post=opening).used_count == 1


def test_the_same_message_received_twice_is_posted_once(topic):
    replier = member()
    raw = raw_mail(to=_address_for(replier, _opening(topic)), sender=replier.email)
    first = mail_receive(raw=raw, source=InboundMail.Source.IMAP)
    second = mail_receive(raw=raw, source=InboundMail.Source.WEBHOOK)
    assert first.pk == second.pk
    assert Post.objects.filter(topic=topic).count() == 2
    assert InboundMail.objects.count() == 1


def test_a_forged_key_is_rejected_and_nothing_is_posted(topic):
    replier = member()
    real = reply_key_issue(user=replier, post=_opening(topic))
    forged = real[:-1] + ("a" if real[-1] != "a" else "b")
    received = mail_receive(
        raw=raw_mail(to=reply_address(key=forged), sender=replier.email), source=FILE
    )
    assert (received.outcome, received.reason) == (Outcome.REJECTED, "forged key")
    assert Post.objects.filter(topic=topic).count() == 1


def test_an_unknown_key_is_rejected(topic):
    replier = member()
    key = reply_key_issue(user=replier, post=_opening(topic))
    ReplyKey.objects.all().delete()
    received = mail_receive(
        raw=raw_mail(to=reply_address(key=key), sender=replier.email), source=FILE
    )
    assert (received.outcome, received.reason) == (Outcome.REJECTED, "unknown key")


def test_a_key_used_from_another_address_is_rejected_and_the_stranger_is_not_written_to(
    topic, django_capture_on_commit_callbacks
):
    replier = member()
    with django_capture_on_commit_callbacks(execute=True):
        received = mail_receive(
            raw=raw_mail(
                to=_address_for(replier, _opening(topic)), sender="someone@elsewhere.example"
            ),
            source=FILE,
        )
    assert (received.outcome, received.reason) == (
        Outcome.REJECTED,
        "key used from another address",
    )
    assert Post.objects.filter(topic=topic).count() == 1
    assert outbox.outbox == []
    assert not EmailDelivery.objects.exists()


def test_a_second_confirmed_address_of_the_member_may_use_the_key(topic):
    from allauth.account.models import EmailAddress

    replier = member()
    EmailAddress.objects.create(user=replier, email="home@example.net", verified=True)
    received = mail_receive(
        raw=raw_mail(to=_address_for(replier, _opening(topic)), sender="home@example.net"),
        source=FILE,
    )
    assert received.outcome == Outcome.POSTED


def test_an_expired_key_is_rejected_and_the_member_told_in_their_language(
    topic, django_capture_on_commit_callbacks
):
    replier = member(preferred_language="es")
    address = _address_for(replier, _opening(topic))
    ReplyKey.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        received = mail_receive(raw=raw_mail(to=address, sender=replier.email), source=FILE)
    assert (received.outcome, received.reason) == (Outcome.REJECTED, "expired key")
    assert Post.objects.filter(topic=topic).count() == 1
    [sent] = outbox.outbox
    assert sent.to == [replier.email]
    assert sent.extra_headers["Content-Language"] == "es"
    # The topic's link in the member's language.
    assert f"/es/community/t/{topic.pk}/" in sent.body
    assert topic.title in sent.body


def test_a_refused_reply_is_not_posted_and_the_member_is_told_why(
    topic, django_capture_on_commit_callbacks
):
    replier = member(preferred_language="fr")
    address = _address_for(replier, _opening(topic))
    Topic.objects.filter(pk=topic.pk).update(is_closed=True)
    with django_capture_on_commit_callbacks(execute=True):
        received = mail_receive(raw=raw_mail(to=address, sender=replier.email), source=FILE)
    assert received.outcome == Outcome.REJECTED
    assert received.reason.startswith("refused:")
    assert Post.objects.filter(topic=topic).count() == 1
    [sent] = outbox.outbox
    assert sent.to == [replier.email]
    assert sent.extra_headers["Content-Language"] == "fr"
    assert f"/fr/community/t/{topic.pk}/" in sent.body


def test_a_member_who_lost_access_is_told_without_a_link_to_the_topic(
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth.models import Group

    from network.community.models import CategoryGrant

    private = ForumCategoryFactory(access="private")
    group = Group.objects.create(name="partners")
    CategoryGrant.objects.create(category=private, group=group, can_see=True)
    topic = ForumTopicFactory(category=private)
    replier = member()
    replier.groups.add(group)
    address = _address_for(replier, _opening(topic))
    replier.groups.remove(group)
    with django_capture_on_commit_callbacks(execute=True):
        received = mail_receive(raw=raw_mail(to=address, sender=replier.email), source=FILE)
    assert received.outcome == Outcome.REJECTED
    assert Post.objects.filter(topic=topic).count() == 1
    [sent] = outbox.outbox
    assert "You no longer have access to this part of the forum." in sent.body
    assert f"/community/t/{topic.pk}/" not in sent.body
    assert topic.title not in sent.body


@pytest.mark.parametrize(
    "headers, subject",
    [
        ({"Auto-Submitted": "auto-replied"}, "Re: Documentation desks"),
        ({}, "Respuesta automática: Documentation desks"),
        ({}, "Resposta automática: ausente até segunda-feira"),
        ({}, "Réponse automatique : absent du bureau"),
        ({"X-Autoreply": "yes"}, "Out of office"),
    ],
)
def test_automatic_replies_in_each_language_are_never_posted(topic, headers, subject):
    replier = member()
    received = mail_receive(
        raw=raw_mail(
            to=_address_for(replier, _opening(topic)),
            sender=replier.email,
            subject=subject,
            headers=headers,
            body="I am away until Monday.",
        ),
        source=FILE,
    )
    assert received.outcome == Outcome.AUTO_REPLY
    assert received.reason
    assert Post.objects.filter(topic=topic).count() == 1


def test_bounces_are_counted_never_posted_and_mail_stops_after_repeated_hard_ones(
    django_capture_on_commit_callbacks,
):
    recipient = member()
    soft = mail_receive(
        raw=bounce_mail(address=recipient.email, status="4.2.2", action="delayed"), source=FILE
    )
    assert soft.outcome == Outcome.BOUNCE
    for _attempt in range(BOUNCE_HARD_LIMIT - 1):
        assert mail_receive(raw=bounce_mail(address=recipient.email), source=FILE).outcome == (
            Outcome.BOUNCE
        )
    assert Bounce.objects.filter(address=recipient.email, hard=True).count() == (
        BOUNCE_HARD_LIMIT - 1
    )
    assert not Post.objects.exists()

    def send():
        with django_capture_on_commit_callbacks(execute=True):
            email_send(
                to=recipient.email,
                template_prefix="network/emails/join_request_received",
                context={"contact_name": "A", "authority_name": "B", "review_days": 5},
                language="en",
            )

    send()  # below the limit (the soft bounce does not count)
    assert len(outbox.outbox) == 1
    mail_receive(raw=bounce_mail(address=recipient.email), source=FILE)
    send()
    assert len(outbox.outbox) == 1
    assert EmailDelivery.objects.filter(status=EmailDelivery.Status.CANCELLED).count() == 1


def test_old_hard_bounces_no_longer_count():
    recipient = UserFactory()
    for _attempt in range(BOUNCE_HARD_LIMIT):
        mail_receive(raw=bounce_mail(address=recipient.email), source=FILE)
    Bounce.objects.update(received_at=timezone.now() - timedelta(days=31))
    from notifications.services import addresses_bouncing

    assert addresses_bouncing(addresses=[recipient.email]) == set()


def test_notifications_are_not_emailed_to_an_address_that_bounces():
    from notifications.services import notification_send

    recipient = UserFactory()
    for _attempt in range(BOUNCE_HARD_LIMIT):
        mail_receive(raw=bounce_mail(address=recipient.email), source=FILE)
    [notification] = notification_send(
        recipients=[recipient],
        kind="join_request_submitted",
        event_key="bounce-test",
        context={"authority_name": "X", "country": "ES"},
    )
    assert notification.delivery_id is None
    assert not notification.email_pending


def test_an_unsure_trim_is_held_for_a_moderator_with_the_original_kept(topic):
    replier = member()
    body = (
        "Yes, we do the same.\n\n"
        "El sáb, 28 nov 2026 a las 9:12, Convive escribió:\n"
        "We opened a one-stop desk. What worked for you?\n"
    )
    received = mail_receive(
        raw=raw_mail(to=_address_for(replier, _opening(topic)), sender=replier.email, body=body),
        source=FILE,
    )
    assert received.outcome == Outcome.HELD
    assert received.reason
    assert received.post.state == Post.State.HELD
    assert b"Yes, we do the same." in bytes(received.raw)
    topic.refresh_from_db()
    assert topic.reply_count == 0  # a held post is not counted until approved


def test_an_email_with_no_text_left_is_held_with_its_whole_text(topic):
    replier = member()
    body = "On Sat, 28 Nov 2026 at 09:12, Convive wrote:\n> We opened a one-stop desk.\n"
    received = mail_receive(
        raw=raw_mail(to=_address_for(replier, _opening(topic)), sender=replier.email, body=body),
        source=FILE,
    )
    assert received.outcome == Outcome.HELD
    assert "We opened a one-stop desk." in received.post.source


def test_mail_to_no_forum_address_is_rejected():
    sender = member()
    received = mail_receive(
        raw=raw_mail(to="someone@convive.example.org", sender=sender.email), source=FILE
    )
    assert received.outcome == Outcome.REJECTED
    assert not Post.objects.exists()


# -- New topics by email ----------------------------------------------------------------------


@override_settings(FORUM_CATEGORY_ADDRESS="forum+{slug}@forum.convive.example.org")
def test_a_member_starts_a_topic_by_writing_to_the_categorys_address():
    category = ForumCategoryFactory(slug="reception", accepts_email_topics=True)
    author = member()
    received = mail_receive(
        raw=raw_mail(
            to="Forum <FORUM+reception@forum.convive.example.org>",
            sender=author.email,
            subject="RE: Fwd: TR: Reception of families in winter",
            body="How do you organise emergency shelter for families?",
        ),
        source=FILE,
    )
    assert received.outcome == Outcome.POSTED
    topic = received.post.topic
    assert (topic.category, topic.author, topic.title) == (
        category,
        author,
        "Reception of families in winter",
    )
    assert received.post.via == Post.Via.EMAIL
    assert received.post.source == "How do you organise emergency shelter for families?"


def test_a_category_that_takes_no_topics_by_email_refuses_them():
    ForumCategoryFactory(slug="reception", accepts_email_topics=False)
    author = member()
    received = mail_receive(
        raw=raw_mail(
            to="forum+reception@forum.convive.example.org",
            sender=author.email,
            subject="Reception of families in winter",
        ),
        source=FILE,
    )
    assert received.outcome == Outcome.REJECTED
    assert not Topic.objects.exists()


def test_a_member_who_may_not_start_topics_there_is_refused():
    from network.community.models import Category

    ForumCategoryFactory(
        slug="reception", accepts_email_topics=True, who_can_start=Category.Who.GRANTED
    )
    received = mail_receive(
        raw=raw_mail(
            to="forum+reception@forum.convive.example.org",
            sender=member().email,
            subject="Reception of families in winter",
        ),
        source=FILE,
    )
    assert received.outcome == Outcome.REJECTED
    assert received.reason.startswith("refused:")
    assert not Topic.objects.exists()


def test_an_unknown_sender_cannot_start_a_topic():
    ForumCategoryFactory(slug="reception", accepts_email_topics=True)
    received = mail_receive(
        raw=raw_mail(
            to="forum+reception@forum.convive.example.org",
            sender="stranger@example.net",
            subject="Reception of families in winter",
        ),
        source=FILE,
    )
    assert (received.outcome, received.reason) == (Outcome.REJECTED, "unknown sender")
    assert not Topic.objects.exists()


def test_a_private_category_stays_closed_to_outsiders_by_email():
    ForumCategoryFactory(slug="partners", access="private", accepts_email_topics=True)
    received = mail_receive(
        raw=raw_mail(
            to="forum+partners@forum.convive.example.org",
            sender=member().email,
            subject="Reception of families in winter",
        ),
        source=FILE,
    )
    assert received.outcome == Outcome.REJECTED
    assert not Topic.objects.exists()


@pytest.mark.parametrize(
    "subject, title",
    [
        ("Re: RE: Winter shelter", "Winter shelter"),
        ("RV: Albergue de invierno", "Albergue de invierno"),
        ("ENC: Abrigo de inverno", "Abrigo de inverno"),
        ("TR : Hébergement d'hiver", "Hébergement d'hiver"),
        ("Fwd: Re[2]: Winter shelter", "Winter shelter"),
        ("Rebuilding trust", "Rebuilding trust"),
    ],
)
def test_a_subject_loses_its_reply_and_forward_prefixes(subject, title):
    assert subject_clean(subject) == title


def test_a_message_that_breaks_the_reading_is_set_aside_once_with_its_original(topic, monkeypatch):
    from network.community.services import inbound

    def broken(*, message):
        raise RuntimeError("a trimmer bug")

    monkeypatch.setattr(inbound, "reply_extract", broken)
    replier = member()
    raw = raw_mail(to=_address_for(replier, _opening(topic)), sender=replier.email)
    received = mail_receive(raw=raw, source=FILE)
    assert received.outcome == Outcome.REJECTED
    assert bytes(received.raw) == raw
    assert Post.objects.filter(topic=topic).count() == 1
    # Not read again at the next poll.
    assert mail_receive(raw=raw, source=FILE).pk == received.pk
    assert InboundMail.objects.get().outcome == Outcome.REJECTED
