"""The fan-out's cost does not grow with the number of watchers, and the author's request only
enqueues it."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.community.models import TopicWatch
from network.community.services.notify import post_fanout
from network.community.services.posting import reply_create
from network.models import User
from notifications.models import EmailDelivery, Notification
from tests.factories import ForumPostFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db

# Queries of one fan-out batch (post, opening post, recipients, its savepoint, preferences,
# existing notifications, inserts, the delivery links), whatever its size: 13 for 30 watchers;
# SQLite splits the bulk inserts of 300 in a few statements (21), PostgreSQL does not (13).
FANOUT_MAX_QUERIES = 24


def _watchers(topic, count: int) -> list[User]:
    people = User.objects.bulk_create(
        [
            User(
                email=f"watcher{n}-{topic.pk}@example.org",
                handle=f"w{topic.pk}_{n}",
                preferred_language=("en", "es", "pt", "fr")[n % 4],
            )
            for n in range(count)
        ]
    )
    TopicWatch.objects.bulk_create([TopicWatch(user=person, topic=topic) for person in people])
    return people


@pytest.mark.parametrize("count", [30, 300])
def test_the_fanout_runs_in_a_bounded_number_of_queries(count, django_assert_max_num_queries):
    topic = ForumTopicFactory()
    post = ForumPostFactory(topic=topic)
    _watchers(topic, count)

    with django_assert_max_num_queries(FANOUT_MAX_QUERIES):
        result = post_fanout(post_id=post.pk)

    assert result.told == count
    assert Notification.objects.filter(kind="forum_post").count() == count
    assert EmailDelivery.objects.count() == count


def test_a_fanout_over_several_batches_tells_everyone_once(settings):
    topic = ForumTopicFactory()
    post = ForumPostFactory(topic=topic)
    people = _watchers(topic, 12)
    with mock.patch("network.community.services.notify.FANOUT_BATCH", 5):
        assert post_fanout(post_id=post.pk).told == 12
        assert post_fanout(post_id=post.pk).told == 12  # again: nobody told twice
    assert sorted(
        Notification.objects.filter(kind="forum_post").values_list("recipient_id", flat=True)
    ) == sorted(person.pk for person in people)


def _reply_queries(count: int, django_capture_on_commit_callbacks) -> tuple[int, mock.Mock]:
    topic = ForumTopicFactory()
    _watchers(topic, count)
    author = UserFactory()
    TopicWatch.objects.create(user=author, topic=topic)
    with (
        mock.patch("network.community.tasks.forum_post_fanout.delay") as delay,
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        written = reply_create(author=author, topic=topic, source="A reply")
    delay.assert_called_once_with(written.post.pk, [])
    return len(queries), delay


def test_replying_only_enqueues_whatever_the_number_of_watchers(
    django_capture_on_commit_callbacks,
):
    few, _ = _reply_queries(10, django_capture_on_commit_callbacks)
    many, _ = _reply_queries(1000, django_capture_on_commit_callbacks)

    assert few == many
    assert not Notification.objects.exists()
