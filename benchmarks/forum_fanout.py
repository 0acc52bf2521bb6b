"""The forum's write path under load: `make bench` runs it after the pages (or alone:
`.venv/bin/python benchmarks/forum_fanout.py`).

1. A topic with 5,000 watchers; its author posts replies through the real reply view, and the
   time each POST takes to answer is measured: the request only stores the post and enqueues
   one fan-out task (Redis is the broker here, and nobody consumes it during the measurement).
2. The fan-out of one of those posts runs as a worker would run it, and the worker's delivery of
   the resulting emails to a local SMTP sink is timed: emails per second and how many SMTP
   connections were opened for them (one per worker thread, reused between emails).

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``) and Redis (``BENCH_REDIS_URL``), like benchmarks/run.py.
"""

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WATCHERS = 5_000
REPLIES = 20
DELIVERED = 2_000  # emails delivered to the sink for the rate (of the 5,000)


def _setup() -> None:
    from benchmarks.run import django_bench_setup

    django_bench_setup()


def _topic_with_watchers():
    from django.contrib.auth.models import Group

    from network.community.models import Category, Topic, TopicWatch
    from network.community.services.posting import topic_create
    from network.models import User
    from network.roles import Role

    category, _ = Category.objects.get_or_create(
        slug="bench-fanout",
        defaults={"access": Category.Access.MEMBERS, "name_en": "Benchmark fan-out"},
    )
    member = Group.objects.get_or_create(name=Role.MEMBER)[0]
    existing = User.objects.filter(email__startswith="bench-watcher-").count()
    User.objects.bulk_create(
        [
            User(
                email=f"bench-watcher-{number}@bench.example.org",
                first_name="Watcher",
                last_name=str(number),
                handle=f"bench_watcher_{number}",
                preferred_language=("en", "es", "pt", "fr")[number % 4],
            )
            for number in range(existing, WATCHERS)
        ],
        batch_size=1_000,
    )
    watchers = list(User.objects.filter(email__startswith="bench-watcher-")[:WATCHERS])
    member.user_set.add(*watchers)
    author, _ = User.objects.get_or_create(
        email="bench-author@bench.example.org",
        defaults={"first_name": "Bench", "last_name": "Author", "handle": "bench_author"},
    )
    topic = Topic.objects.filter(category=category, author=author).first()
    if topic is None:
        topic = topic_create(
            author=author,
            category=category,
            title="Benchmark: a topic five thousand members watch",
            source="Opening post.",
        ).post.topic
    TopicWatch.objects.bulk_create(
        [TopicWatch(user=user, topic=topic) for user in watchers], ignore_conflicts=True
    )
    return topic, author


def _reply_times(topic, author) -> list[float]:
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(author)
    with translation.override("en"):
        url = reverse("community:reply", kwargs={"topic_id": topic.pk})
    # One reply first, unmeasured: a worker that has served requests before has its models
    # (the language detector) loaded, as in production.
    client.post(url, {"source": "A first reply, to warm the worker up."})
    times = []
    for number in range(REPLIES):
        started = time.perf_counter()
        response = client.post(url, {"source": f"Reply {number} to five thousand watchers."})
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code not in (200, 302):
            raise SystemExit(f"The reply view answered {response.status_code}.")
    return times


def _delivery_rate(topic) -> tuple[float, int, int]:
    from network.community.models import Post
    from network.community.tasks import forum_post_fanout

    post = Post.objects.filter(topic=topic).order_by("-number").first()
    forum_post_fanout(post.pk)
    return delivery_rate(event_key=f"post:{post.pk}", limit=DELIVERED)


def delivery_rate(*, event_key: str, limit: int) -> tuple[float, int, int]:
    """The worker's delivery of the queued emails of one event (at most ``limit``) to a local
    SMTP sink: (emails per second, emails sent, SMTP connections opened). Also used by
    benchmarks/ediscussion_announce.py."""
    from django.conf import settings

    from notifications import services
    from notifications.models import EmailDelivery
    from tests.notifications.smtp_sink import SmtpSink

    queued = list(
        EmailDelivery.objects.filter(
            status="queued", notifications__event_key=event_key
        ).values_list("pk", flat=True)[:limit]
    )
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        opened = services.mail_connections_opened()
        started = time.perf_counter()
        sent = sum(services.delivery_send(delivery_id=pk) for pk in queued)
        seconds = time.perf_counter() - started
        services.mail_connection_close()
        connections = services.mail_connections_opened() - opened
    return (sent / seconds if seconds else 0.0), sent, connections


def main() -> int:
    _setup()
    import redis
    from django.conf import settings

    topic, author = _topic_with_watchers()
    times = _reply_times(topic, author)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"Reply in a topic with {WATCHERS:,} watchers: median {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms over {REPLIES} replies (target: under 200 ms)."
    )
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    rate, sent, connections = _delivery_rate(topic)
    print(
        f"Worker delivery to a local SMTP sink: {rate:.0f} emails/s ({sent:,} emails over "
        f"{connections} SMTP connection(s))."
    )
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    return 0 if p95 < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
