"""An e-discussion's week announced to 5,000 participants: `make bench` runs it after the forum's
fan-out (or alone: `.venv/bin/python benchmarks/ediscussion_announce.py`).

1. An e-discussion with 5,000 participants (in the four languages) gets a new week of two
   questions; its publication is timed as beat runs it (``weeks_publish_due``): the week's
   topics are written and ONE announcement task is enqueued after the commit (Redis is the
   broker here, and nobody consumes it during the measurement), whatever the number of
   participants.
2. The announcement task runs as a worker would run it (``ediscussion_week_announce``): the
   recipients found in SQL, in batches, one notification and one outbox row each.
3. The worker's delivery of those emails to a local SMTP sink is timed: emails per second (each
   issues the participant's three reply addresses: two questions and the week) and how many
   SMTP connections were opened for them.

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``) and Redis (``BENCH_REDIS_URL``), like benchmarks/run.py.
"""

import base64
import secrets
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PARTICIPANTS = 5_000
DELIVERED = 1_000  # emails delivered to the sink for the rate (of the 5,000)
ANNOUNCE_TARGET_MS = 500


def _ediscussion_with_participants():
    """A running e-discussion (a new one each run, so that its week is new) and its 5,000
    participants (created once, joined again each run)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt
    from django.utils import timezone

    from network.community.ediscussions import services
    from network.community.models import Participant
    from network.models import User
    from network.roles import Role
    from network.services import role_assign

    coordinator, created = User.objects.get_or_create(
        email="bench-facilitator@bench.example.org",
        defaults={"first_name": "Bench", "last_name": "Facilitator", "handle": "bench_facilitator"},
    )
    if created:
        role_assign(user=coordinator, role=Role.COORDINATOR)
    # A coordinator acts with two-factor: an authenticator app, and a session that passed it
    # (as network.mfa's middleware marks it).
    if not Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists():
        Authenticator.objects.create(
            user=coordinator,
            type=Authenticator.Type.TOTP,
            data={"secret": encrypt(base64.b32encode(secrets.token_bytes(20)).decode())},
        )
    coordinator.second_factor_passed = True
    existing = User.objects.filter(email__startswith="bench-participant-").count()
    User.objects.bulk_create(
        [
            User(
                email=f"bench-participant-{number}@bench.example.org",
                first_name="Participant",
                last_name=str(number),
                handle=f"bench_participant_{number}",
                preferred_language=("en", "es", "pt", "fr")[number % 4],
            )
            for number in range(existing, PARTICIPANTS)
        ],
        batch_size=1_000,
    )
    now = timezone.now()
    ediscussion = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "Benchmark: diaspora engagement", "es": "Benchmark: la diáspora"},
        default_language="en",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=27),
    )
    people = User.objects.filter(email__startswith="bench-participant-").values_list(
        "pk", flat=True
    )[:PARTICIPANTS]
    Participant.objects.bulk_create(
        [Participant(ediscussion=ediscussion, user_id=pk, joined_at=now) for pk in people],
        batch_size=1_000,
    )
    week = services.week_save(by=coordinator, ediscussion=ediscussion, number=1, opens_at=now)
    for number, (english, spanish) in enumerate(
        [
            (
                "How does your city work with its diaspora?",
                "¿Cómo trabaja su ciudad con su diáspora?",
            ),
            ("What did decentralised cooperation change?", "¿Qué cambió la cooperación?"),
        ],
        start=1,
    ):
        services.question_save(
            by=coordinator, week=week, number=number, texts={"en": english, "es": spanish}
        )
    services.ediscussion_schedule(by=coordinator, ediscussion=ediscussion)
    return ediscussion, week


def _announce_time(week) -> float:
    """The publication of the week as beat runs it, in ms: its questions become topics and one
    task is enqueued when it commits."""
    from django.db import transaction

    from network.community.ediscussions import services

    started = time.perf_counter()
    with transaction.atomic():
        published = services.weeks_publish_due()
    elapsed = (time.perf_counter() - started) * 1000
    week.refresh_from_db()
    if not published or week.published_at is None:
        raise SystemExit("The week was not published.")
    return elapsed


def _fanout_time(week) -> tuple[float, int]:
    from network.community.ediscussions.tasks import ediscussion_week_announce

    started = time.perf_counter()
    reached = ediscussion_week_announce(week.pk)
    return time.perf_counter() - started, reached


def _delivery_rate(week) -> tuple[float, int, int]:
    from benchmarks.forum_fanout import delivery_rate

    return delivery_rate(event_key=f"ediscussion-week:{week.pk}", limit=DELIVERED)


def main() -> int:
    from benchmarks.forum_fanout import _setup

    _setup()
    import redis
    from django.conf import settings

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.flushdb()
    _ediscussion, week = _ediscussion_with_participants()
    announce_ms = _announce_time(week)
    queued_tasks = broker.llen("celery")
    print(
        f"Announcing a week to {PARTICIPANTS:,} participants: {announce_ms:.0f} ms to publish "
        f"it and enqueue {queued_tasks} task(s) (target: under {ANNOUNCE_TARGET_MS} ms)."
    )
    broker.flushdb()
    seconds, reached = _fanout_time(week)
    print(
        f"Worker fan-out: {reached:,} participants told in {seconds:.1f} s "
        f"({reached / seconds if seconds else 0:.0f} notifications/s)."
    )
    rate, sent, connections = _delivery_rate(week)
    print(
        f"Worker delivery to a local SMTP sink: {rate:.0f} emails/s ({sent:,} emails, three "
        f"reply addresses each, over {connections} SMTP connection(s))."
    )
    broker.flushdb()
    return 0 if announce_ms < ANNOUNCE_TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
