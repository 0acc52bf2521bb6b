"""Posting a reply in a topic with many watchers, then delivering its emails:
`.venv/bin/python benchmarks/forum_fanout.py --watchers 5000` (a measurement, not a timed test).

Needs a migrated database at DATABASE_URL (PostgreSQL for meaningful numbers, e.g. the one
`make bench` prepares: postgres://postgres@127.0.0.1:5432/convive_bench). It creates a category,
a topic and N watchers (removed again at the end) and prints:

- the author's request: ``reply_create``, its commit and the enqueue of the one fan-out task
  (published to an in-memory broker), median and slowest of several replies, and its queries,
  which do not grow with the watchers;
- the fan-out task (``services.notify.post_fanout``): seconds and queries for N watchers;
- delivery: emails per second from the outbox to a local SMTP sink through the notifications
  worker's own path (``delivery_send``), and the SMTP connections opened: one per email, since
  each email is its own task (see notifications/services.py).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

REPLIES = 7


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watchers", type=int, default=5000)
    parser.add_argument("--deliver", type=int, default=500, help="emails to deliver (0: none)")
    arguments = parser.parse_args()

    import django

    django.setup()

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext, override_settings

    from config.celery import app
    from network.community.models import Category, Topic, TopicWatch
    from network.community.services.notify import post_fanout
    from network.community.services.posting import reply_create, topic_create
    from network.models import User
    from notifications.models import EmailDelivery
    from notifications.services import delivery_send
    from tests.notifications.smtp_sink import SmtpSink

    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://localhost/"
    stamp = f"bench{int(time.time())}"
    users = User.objects.bulk_create(
        [
            User(email=f"{stamp}-{n}@bench.invalid", handle=f"{stamp}_{n}"[:30])
            for n in range(arguments.watchers + 1)
        ]
    )
    author, watchers = users[0], users[1:]
    category = Category.objects.create(slug=stamp, name_en="Bench", access="public")
    try:
        topic = topic_create(
            author=author, category=category, title="A topic many people watch", source="Hi"
        ).post.topic
        TopicWatch.objects.bulk_create([TopicWatch(user=user, topic=topic) for user in watchers])

        timings, queries = [], []
        for n in range(REPLIES):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                with transaction.atomic():
                    post = reply_create(author=author, topic=topic, source=f"Reply {n}").post
                timings.append(time.perf_counter() - start)
            queries.append(len(captured))
        print(
            f"Reply with {arguments.watchers} watchers (request path, enqueue only): "
            f"median {statistics.median(timings) * 1000:.1f} ms, slowest "
            f"{max(timings) * 1000:.1f} ms, {max(queries)} queries"
        )

        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            with transaction.atomic():
                told = post_fanout(post_id=post.pk).told
            took = time.perf_counter() - start
        print(
            f"Fan-out: {told} people told in {took:.2f} s ({told / took:.0f}/s), "
            f"{len(captured)} queries"
        )

        ids = list(
            EmailDelivery.objects.filter(recipient__in=watchers, status="queued")
            .order_by("pk")
            .values_list("pk", flat=True)[: arguments.deliver]
        )
        if ids:
            connections = []

            class CountingSink(SmtpSink):
                def process_request(self, request, client_address):
                    connections.append(client_address)
                    super().process_request(request, client_address)

            with (
                CountingSink() as sink,
                override_settings(
                    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                    EMAIL_HOST="127.0.0.1",
                    EMAIL_PORT=sink.port,
                    EMAIL_USE_TLS=False,
                    EMAIL_USE_SSL=False,
                    EMAIL_HOST_USER="",
                    EMAIL_HOST_PASSWORD="",
                ),
            ):
                start = time.perf_counter()
                sent = sum(delivery_send(delivery_id=pk) for pk in ids)
                took = time.perf_counter() - start
            print(
                f"Delivery: {sent} emails in {took:.2f} s ({sent / took:.0f} emails/s, one "
                f"process), {len(connections)} SMTP connections "
                f"({'reused' if len(connections) < sent else 'one per email, none reused'})"
            )
    finally:
        Topic.objects.filter(category=category).delete()
        category.delete()
        User.objects.filter(email__startswith=f"{stamp}-").delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
