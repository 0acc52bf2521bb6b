"""A week's announcement: one task after the publication, every participant told once in their
language, with a reply address per question and one for the week (ediscussions/services_mail.py)."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from network.community.ediscussions import services, services_mail, tasks
from network.community.ediscussions.selectors_mail import announcement_recipients
from network.community.models import (
    CategoryGrant,
    CategoryWatch,
    Participant,
    Post,
    ReplyKey,
    WeekReplyKey,
    key_hash,
)
from network.community.services.reply_keys import reply_key_find
from network.models import User
from notifications.models import EmailDelivery, Notification
from tests.community.ediscussion_helpers import running_ediscussion
from tests.community.ediscussion_mail_helpers import (
    announce,
    by_recipient,
    first_week,
    html_of,
    keys_in,
    participant,
    published_questions,
)
from tests.factories import UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db

DOMAIN = "forum.convive.example.org"


@pytest.fixture
def ediscussion(coordinator):  # noqa: F811
    return running_ediscussion(facilitator=coordinator)


def test_each_participant_reads_the_weeks_questions_in_their_language(
    ediscussion, django_capture_on_commit_callbacks
):
    spanish = participant(ediscussion, "es")
    brazilian = participant(ediscussion, "pt")
    french = participant(ediscussion, "fr")
    week = first_week(ediscussion)
    first, second = published_questions(ediscussion)

    emails = by_recipient(announce(week, django_capture_on_commit_callbacks))

    es = emails[spanish.email]
    assert es.subject.startswith("[Enfoques territoriales]")
    assert es.extra_headers["Content-Language"] == "es"
    assert "Pregunta 1: ¿cómo coordina su ciudad?" in es.body
    assert "Pregunta 2: ¿cómo coordina su ciudad?" in es.body
    assert f"/es/community/t/{first.topic_id}/" in es.body
    assert "Question 1: how does" not in es.body
    assert 'lang="es"' in html_of(es)

    fr = emails[french.email]
    assert fr.extra_headers["Content-Language"] == "fr"
    assert "Question 2 : comment votre ville coordonne-t-elle ?" in fr.body
    assert f"/fr/community/t/{second.topic_id}/" in fr.body
    # No title in French: the facilitator's language, as everywhere.
    assert fr.subject.startswith("[Territorial approaches to migration]")

    # Nobody wrote the questions in Portuguese: the facilitator's text, marked as such.
    pt = emails[brazilian.email]
    assert pt.extra_headers["Content-Language"] == "pt"
    assert "Question 1: how does your city coordinate?" in pt.body
    assert "Inglês" in pt.body  # the original's language, named in Portuguese
    assert 'lang="en"' in html_of(pt)
    assert f"/pt/community/t/{first.topic_id}/" in pt.body
    assert "Inglês" not in es.body and "Anglais" not in fr.body


def test_the_addresses_answer_each_question_and_the_week_for_that_participant_only(
    ediscussion, django_capture_on_commit_callbacks
):
    spanish = participant(ediscussion, "es")
    week = first_week(ediscussion)
    first, second = published_questions(ediscussion)

    message = by_recipient(announce(week, django_capture_on_commit_callbacks))[spanish.email]

    keys = keys_in(message.body)
    assert len(keys) == 3 and len(set(keys)) == 3
    assert set(keys_in(html_of(message))) == set(keys)
    answered = {}
    for key in keys:
        stored = reply_key_find(key=key)
        if stored is not None:
            assert stored.user == spanish
            answered[stored.post.topic_id] = stored.post
        else:
            week_key = services_mail.week_reply_key_find(key=key)
            assert (week_key.user, week_key.week) == (spanish, week)
    assert set(answered) == {first.topic_id, second.topic_id}
    assert all(post.number == 1 for post in answered.values())
    # Stored hashed only.
    assert not ReplyKey.objects.filter(key_hash__in=keys).exists()
    assert not WeekReplyKey.objects.filter(key_hash__in=keys).exists()
    assert WeekReplyKey.objects.filter(key_hash__in=[key_hash(k) for k in keys]).count() == 1
    # Replying to the email writes to the week's address (two questions this week).
    week_key = next(k for k in keys if services_mail.week_reply_key_find(key=k))
    assert message.extra_headers["Reply-To"] == f"reply+{week_key}@{DOMAIN}"


def test_a_delivery_sent_again_issues_no_other_address(
    ediscussion, django_capture_on_commit_callbacks
):
    from notifications.services import delivery_send

    spanish = participant(ediscussion, "es")
    message = by_recipient(announce(first_week(ediscussion), django_capture_on_commit_callbacks))[
        spanish.email
    ]
    hashes = set(WeekReplyKey.objects.values_list("key_hash", flat=True)) | set(
        ReplyKey.objects.values_list("key_hash", flat=True)
    )

    for delivery_id in EmailDelivery.objects.values_list("pk", flat=True):
        assert delivery_send(delivery_id=delivery_id) is False

    assert hashes == set(WeekReplyKey.objects.values_list("key_hash", flat=True)) | set(
        ReplyKey.objects.values_list("key_hash", flat=True)
    )
    for key in keys_in(message.body):
        assert reply_key_find(key=key) or services_mail.week_reply_key_find(key=key)


def test_the_headers_thread_the_week_and_keep_responders_away(
    ediscussion, django_capture_on_commit_callbacks
):
    spanish = participant(ediscussion, "es")
    week = first_week(ediscussion)

    message = by_recipient(announce(week, django_capture_on_commit_callbacks))[spanish.email]

    headers = message.extra_headers
    assert headers["In-Reply-To"] == f"<ediscussion-week-{week.pk}@{DOMAIN}>"
    assert headers["References"] == (
        f"<ediscussion-{ediscussion.pk}@{DOMAIN}> <ediscussion-week-{week.pk}@{DOMAIN}>"
    )
    assert headers["List-Id"] == f"<{ediscussion.category.slug}.{DOMAIN}>"
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Unsubscribe"].startswith("<http")
    assert "@@issued" not in message.body + html_of(message) + str(headers)


def test_a_week_of_one_question_is_answered_by_replying(
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    ediscussion = running_ediscussion(facilitator=coordinator, questions_per_week=1)
    reader = participant(ediscussion, "fr")
    (question,) = published_questions(ediscussion)

    message = by_recipient(announce(first_week(ediscussion), django_capture_on_commit_callbacks))[
        reader.email
    ]

    key = message.extra_headers["Reply-To"].removeprefix("reply+").partition("@")[0]
    stored = reply_key_find(key=key)
    assert stored.post == Post.objects.get(topic_id=question.topic_id, number=1)
    assert stored.user == reader


def test_participants_and_open_e_discussion_watchers_who_may_read_are_told(
    ediscussion,
    coordinator,  # noqa: F811
):
    joined = participant(ediscussion)
    invited = UserFactory()
    services.participants_invite(by=coordinator, ediscussion=ediscussion, users=[invited])
    watcher, muted, bystander = UserFactory(), participant(ediscussion), UserFactory()
    CategoryWatch.objects.create(user=watcher, category=ediscussion.category, level="daily")
    CategoryWatch.objects.create(user=muted, category=ediscussion.category, level="mute")
    gone = participant(ediscussion)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    # Joined without taking part (a row for someone who only endorsed, say): not told.
    Participant.objects.create(ediscussion=ediscussion, user=UserFactory())

    people = {user.pk: user for user in announcement_recipients(week=first_week(ediscussion))}

    assert set(people) == {coordinator.pk, joined.pk, invited.pk, watcher.pk}
    assert people[watcher.pk].category_level == "daily"
    assert bystander.pk not in people


def test_an_invited_only_private_e_discussion_tells_its_invited_participants_only(
    coordinator,  # noqa: F811
):
    from django.contrib.auth.models import Group

    ediscussion = running_ediscussion(
        facilitator=coordinator, participation="invited", access="private"
    )
    readers = Group.objects.create(name="Consultation readers")
    CategoryGrant.objects.create(category=ediscussion.category, group=readers)
    inside, outside, watcher = UserFactory(), UserFactory(), UserFactory()
    readers.user_set.add(inside, watcher)
    services.participants_invite(by=coordinator, ediscussion=ediscussion, users=[inside, outside])
    CategoryWatch.objects.create(user=watcher, category=ediscussion.category, level="every_post")

    people = set(announcement_recipients(week=first_week(ediscussion)))

    # Being invited to a private e-discussion lets one read it (visibility.py): the invited
    # outsider is told; the watcher may read it through the group but was not invited.
    assert inside in people and outside in people
    assert watcher not in people


def test_a_week_is_announced_once_and_marked(ediscussion, django_capture_on_commit_callbacks):
    participant(ediscussion, "es")
    week = first_week(ediscussion)
    assert week.announced_at is None

    assert len(announce(week, django_capture_on_commit_callbacks)) == 2
    week.refresh_from_db()
    assert week.announced_at is not None
    assert announce(week, django_capture_on_commit_callbacks) == []
    assert Notification.objects.filter(kind="ediscussion_week").count() == 2


def test_a_retry_after_a_failed_batch_tells_only_those_not_told(
    ediscussion, django_capture_on_commit_callbacks
):
    people = [participant(ediscussion) for _ in range(4)]
    week = first_week(ediscussion)
    real_send = services_mail.notification_send
    calls = []

    def failing_second_batch(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise OperationalError("the database went away")
        return real_send(**kwargs)

    with (
        mock.patch.object(services_mail, "FANOUT_BATCH", 2),
        mock.patch.object(services_mail, "notification_send", side_effect=failing_second_batch),
        pytest.raises(OperationalError),
    ):
        services_mail.week_announce(week_id=week.pk)
    week.refresh_from_db()
    assert week.announced_at is None
    told_first = Notification.objects.filter(kind="ediscussion_week").count()
    assert told_first == 2

    with mock.patch.object(services_mail, "FANOUT_BATCH", 2):
        emails = announce(week, django_capture_on_commit_callbacks)

    # Five people in all (the facilitator and four participants): the two told before are not
    # told again.
    assert len(emails) == 3
    told = Notification.objects.filter(kind="ediscussion_week")
    assert told.count() == 5
    assert set(told.values_list("recipient_id", flat=True)) >= {p.pk for p in people}
    assert EmailDelivery.objects.filter(notifications__kind="ediscussion_week").count() == 5


def test_the_announcement_task_retries_a_passing_database_error():
    calls = [OperationalError("server closed the connection"), 5000]

    def announce_once(**kwargs):
        outcome = calls.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    with mock.patch.object(tasks.services_mail, "week_announce", side_effect=announce_once) as run:
        result = tasks.ediscussion_week_announce.apply(args=(7,), throw=False)

    assert result.get() == 5000
    assert run.call_count == 2
    run.assert_called_with(week_id=7)


def _participants(ediscussion, count: int) -> None:
    people = User.objects.bulk_create(
        [
            User(
                email=f"p{n}-{ediscussion.pk}-{count}@example.org",
                handle=f"p{ediscussion.pk}_{count}_{n}",
                preferred_language=("en", "es", "pt", "fr")[n % 4],
            )
            for n in range(count)
        ]
    )
    Participant.objects.bulk_create(
        [
            Participant(ediscussion=ediscussion, user=person, joined_at=ediscussion.starts_at)
            for person in people
        ]
    )


def _announce_queries(coordinator, count: int) -> int:  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator)
    _participants(ediscussion, count)
    week = first_week(ediscussion)
    with CaptureQueriesContext(connection) as queries:
        reached = services_mail.week_announce(week_id=week.pk)
    assert reached == count + 1
    return len(queries)


def test_the_fanout_costs_the_same_number_of_queries_for_10_or_40_people(coordinator):  # noqa: F811
    # (Within one batch; SQLite would split a bulk insert of many more rows in several.)
    assert _announce_queries(coordinator, 10) == _announce_queries(coordinator, 40)


def test_each_batch_costs_the_same_number_of_queries(coordinator):  # noqa: F811
    with mock.patch.object(services_mail, "FANOUT_BATCH", 10):
        one_batch = _announce_queries(coordinator, 9)
        three_batches = _announce_queries(coordinator, 29)
    per_batch = (three_batches - one_batch) / 2
    assert per_batch == int(per_batch) and per_batch < 12


def test_publishing_a_week_only_enqueues_its_announcement(
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with (
        mock.patch.object(tasks.ediscussion_week_announce, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        ediscussion = running_ediscussion(facilitator=coordinator)
    delay.assert_called_once_with(first_week(ediscussion).pk)


def test_category_watchers_get_the_announcement_not_one_forum_email_per_question(
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    ediscussion = running_ediscussion(facilitator=coordinator, weeks=1)
    watcher = UserFactory(preferred_language="es")
    CategoryWatch.objects.create(user=watcher, category=ediscussion.category, level="every_post")
    week = services.week_save(
        by=coordinator,
        ediscussion=ediscussion,
        number=2,
        opens_at=timezone.now() + timedelta(hours=1),
    )
    services.question_save(by=coordinator, week=week, number=3, texts={"en": "What next?"})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.weeks_publish_due(now=timezone.now() + timedelta(hours=2))

    to_watcher = [message for message in mail.outbox if message.to == [watcher.email]]
    assert len(to_watcher) == 1
    assert "What next?" in to_watcher[0].body
    assert not Notification.objects.filter(recipient=watcher, kind__startswith="forum_").exists()
