"""Email to an e-discussion: by a question's address, by the week's address routed by its
headings or held in the tray for the facilitators, and late mail held, never posted nor lost
(services/inbound.py, ediscussions/headings.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from network.community.ediscussions import services
from network.community.ediscussions.services_mail import week_reply_key_issue
from network.community.models import (
    Contribution,
    InboundMail,
    Post,
    Question,
    Topic,
    WeekReplyKey,
)
from network.community.services.inbound import mail_receive
from network.community.services.reply_keys import reply_address, reply_key_issue
from network.community.visibility import posts_listed, topic_is_readable, topics_listed
from tests.community.ediscussion_helpers import running_ediscussion
from tests.community.ediscussion_mail_helpers import first_week, participant
from tests.community.inbound_helpers import member, raw_mail, reply_body
from tests.factories import UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db

Outcome = InboundMail.Outcome
FILE = InboundMail.Source.FILE


@pytest.fixture
def ediscussion(coordinator):  # noqa: F811
    """Week 1 (questions 1 and 2) and week 2 (question 3 alone) are published; week 3
    (question 4) is not yet."""
    ediscussion = running_ediscussion(facilitator=coordinator, weeks=1)
    now = timezone.now()
    week = services.week_save(
        by=coordinator, ediscussion=ediscussion, number=2, opens_at=now - timedelta(hours=1)
    )
    services.question_save(
        by=coordinator, week=week, number=3, texts={"en": "How do you reach the diaspora?"}
    )
    later = services.week_save(
        by=coordinator, ediscussion=ediscussion, number=3, opens_at=now + timedelta(days=5)
    )
    services.question_save(by=coordinator, week=later, number=4, texts={"en": "What is next?"})
    services.weeks_publish_due()
    return ediscussion


def question(number: int) -> Question:
    return Question.objects.select_related("topic").get(number=number)


def opening(number: int) -> Post:
    return Post.objects.get(topic=question(number).topic, number=1)


def to_question(user, number: int) -> str:
    return reply_address(key=reply_key_issue(user=user, post=opening(number)))


def to_week(user, ediscussion, number: int = 1) -> str:
    week = ediscussion.weeks.get(number=number)
    return reply_address(key=week_reply_key_issue(user=user, week=week))


def receive(*, to: str, sender, body: str, subject: str = "Re: Semana 1") -> InboundMail:
    return mail_receive(
        raw=raw_mail(to=to, sender=sender.email, body=body, subject=subject), source=FILE
    )


def test_a_reply_to_a_questions_address_is_a_contribution_to_that_question(ediscussion):
    author = participant(ediscussion, "es")
    received = receive(
        to=to_question(author, 2),
        sender=author,
        body=reply_body("En Cuenca coordinamos con el plan nacional desde 2019."),
    )
    assert received.outcome == Outcome.POSTED
    post = received.post
    assert (post.topic, post.reply_to, post.state) == (question(2).topic, opening(2), "published")
    assert post.via == Post.Via.EMAIL
    contribution = Contribution.objects.get(post=post)
    assert (contribution.question, contribution.week_number) == (question(2), 1)
    assert contribution.participant.user == author
    assert not contribution.is_late


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("Question 2:", 2),
        ("Q2", 2),
        ("**Q1.**", 1),
        ("Pregunta 2", 2),
        ("PREGUNTA Nº 1 -", 1),
        ("Questão 2:", 2),
        ("questao 1", 1),
        ("Pergunta 2 —", 2),
        ("Question 1 :", 1),
        ("## Question 3", 3),
        # Week 2 has one question: naming the week names it.
        ("Week 2", 3),
        ("Semana 2:", 3),
        ("Semaine 2 -", 3),
        ("SEMÂINE 2", 3),
    ],
)
def test_a_single_heading_gives_the_weeks_mail_to_its_question(ediscussion, heading, number):
    author = participant(ediscussion, "pt")
    received = receive(
        to=to_week(author, ediscussion),
        sender=author,
        body=reply_body(f"{heading}\nEm Belo Horizonte, o balcão único recebe as famílias."),
    )
    assert received.outcome == Outcome.POSTED, received.reason
    assert received.post.topic == question(number).topic
    assert received.post.reply_to == opening(number)
    assert Contribution.objects.get(post=received.post).question == question(number)


@pytest.mark.parametrize(
    "body",
    [
        "Pregunta 1: coordinamos con la cancillería.\n\nPregunta 2: la diáspora participa.",
        "Semana 1:\nNuestra experiencia...\n\nSemana 2:\nY la de este año...",
        "Thank you for these questions. In Zacatecoluca we work with returnees.",
        # Week 1 has two questions: its heading names neither.
        "Week 1:\nWe work with returnees.",
        # Question 4 is not published yet.
        "Question 4: we will see.",
        "Question 1: yes.\n\nQuestion 4: not yet.",
    ],
)
def test_several_headings_or_none_wait_in_the_tray_hidden_from_everyone_but_facilitators(
    ediscussion,
    coordinator,  # noqa: F811
    body,
):
    author = participant(ediscussion, "es")
    received = receive(to=to_week(author, ediscussion), sender=author, body=reply_body(body))

    assert received.outcome == Outcome.HELD
    assert "tray" in received.reason
    post = received.post
    assert post.topic_id == ediscussion.tray_id
    assert post.state == Post.State.HELD
    contribution = Contribution.objects.get(post=post)
    assert contribution.question is None
    assert contribution.week_number == 1
    assert not contribution.is_late
    # Not publicly visible: the tray is a hidden topic and the post is held.
    tray = Topic.objects.get(pk=ediscussion.tray_id)
    for reader in (None, UserFactory(), author):
        assert post not in posts_listed(user=reader)
        assert tray not in topics_listed(user=reader)
    assert not topic_is_readable(user=UserFactory(), topic=tray)
    assert topic_is_readable(user=coordinator, topic=tray)
    assert received.raw  # the original is kept for the facilitators


def _told(django_capture_on_commit_callbacks, **kwargs) -> InboundMail:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return receive(**kwargs)


def test_after_the_close_a_reply_is_held_in_the_tray_and_its_sender_told_in_their_language(
    ediscussion, django_capture_on_commit_callbacks
):
    author = participant(ediscussion, "fr")
    address = to_question(author, 1)
    services.ediscussions_close_due(now=ediscussion.ends_at)

    received = _told(
        django_capture_on_commit_callbacks,
        to=address,
        sender=author,
        body=reply_body("À Dakar, nous travaillons avec les associations de la diaspora."),
    )

    assert received.outcome == Outcome.HELD
    assert received.reason == "late: held in the e-discussion's tray (question 1)"
    post = received.post
    assert (post.topic_id, post.state) == (ediscussion.tray_id, Post.State.HELD)
    assert post.source == "À Dakar, nous travaillons avec les associations de la diaspora."
    contribution = Contribution.objects.get(post=post)
    assert contribution.is_late and contribution.question is None
    assert contribution.week_number == 1
    assert not Post.objects.filter(topic=question(1).topic, number__gt=1).exists()
    (told,) = mail.outbox
    assert told.to == [author.email]
    assert told.extra_headers["Content-Language"] == "fr"
    assert f"/fr/community/c/{ediscussion.category.slug}/" in told.body
    assert "Territorial approaches to migration" in told.body


def test_mail_to_the_weeks_address_after_the_close_is_held_late_too(
    ediscussion, django_capture_on_commit_callbacks
):
    author = participant(ediscussion, "es")
    address = to_week(author, ediscussion)
    services.ediscussions_close_due(now=ediscussion.ends_at)

    received = _told(
        django_capture_on_commit_callbacks,
        to=address,
        sender=author,
        body=reply_body("Pregunta 2: nuestra experiencia llega tarde."),
    )

    assert received.outcome == Outcome.HELD
    contribution = Contribution.objects.get(post=received.post)
    assert contribution.is_late and contribution.question is None
    (told,) = mail.outbox
    assert told.extra_headers["Content-Language"] == "es"
    assert "Enfoques territoriales" in told.body


def test_a_closed_question_takes_no_more_mail_but_keeps_it_for_the_facilitators(
    ediscussion, django_capture_on_commit_callbacks
):
    author = participant(ediscussion, "en")
    Topic.objects.filter(pk=question(2).topic_id).update(is_closed=True)

    by_question = _told(
        django_capture_on_commit_callbacks,
        to=to_question(author, 2),
        sender=author,
        body="We would add one thing.",
    )
    assert by_question.outcome == Outcome.HELD
    assert "Question 2 of" in mail.outbox[0].body
    by_heading = _told(
        django_capture_on_commit_callbacks,
        to=to_week(author, ediscussion),
        sender=author,
        body="Question 2:\nOne more thing.",
    )
    assert by_heading.outcome == Outcome.HELD
    late = Contribution.objects.filter(is_late=True, ediscussion=ediscussion)
    assert late.count() == 2
    # The open question still takes mail.
    open_one = receive(to=to_week(author, ediscussion), sender=author, body="Question 1:\nYes.")
    assert open_one.outcome == Outcome.POSTED


def test_an_expired_week_address_is_refused_and_its_owner_told(
    ediscussion, django_capture_on_commit_callbacks
):
    author = participant(ediscussion, "es")
    address = to_week(author, ediscussion)
    WeekReplyKey.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    received = _told(
        django_capture_on_commit_callbacks,
        to=address,
        sender=author,
        body="Pregunta 1: tarde.",
    )

    assert (received.outcome, received.reason) == (Outcome.REJECTED, "expired key")
    assert not Contribution.objects.exists()
    (told,) = mail.outbox
    assert told.to == [author.email]


def test_a_week_address_used_from_another_address_posts_nothing(ediscussion):
    author = participant(ediscussion, "es")
    received = mail_receive(
        raw=raw_mail(
            to=to_week(author, ediscussion),
            sender="someone@elsewhere.example",
            body="Pregunta 1: hola.",
        ),
        source=FILE,
    )
    assert (received.outcome, received.reason) == (
        Outcome.REJECTED,
        "key used from another address",
    )
    assert not Contribution.objects.exists()


def test_an_invited_only_e_discussion_keeps_strangers_out_of_its_tray(
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(facilitator=coordinator, participation="invited")
    stranger = member()
    address = reply_address(key=week_reply_key_issue(user=stranger, week=first_week(ediscussion)))
    received = mail_receive(
        raw=raw_mail(to=address, sender=stranger.email, body="Question 1: yes\n\nQuestion 2: no"),
        source=FILE,
    )
    assert received.outcome == Outcome.REJECTED
    assert "invited" in received.reason
    assert not Post.objects.filter(topic_id=ediscussion.tray_id).exists()
