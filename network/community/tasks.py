"""The forum's Celery tasks: thin, idempotent, taking ids."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from .services import notify

# A database or broker that is away for a moment: try again later, backing off (notifying is
# idempotent, so a retry after a partial run only tells those not told yet).
PASSING_ERRORS = (OperationalError, InterfaceError, BrokerError, ConnectionError, TimeoutError)


@shared_task(
    name="community.forum_post_fanout",
    ignore_result=True,
    acks_late=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def forum_post_fanout(
    post_id: int, mentioned: list[str] | None = None, mentions_only: bool = False
) -> int:
    """Tell the watchers and the mentioned members of a published post (only the mentioned
    ones with ``mentions_only``, for an edit); returns how many."""
    result = notify.post_fanout(
        post_id=post_id, mentioned=mentioned or (), mentions_only=mentions_only
    )
    return result.told + result.mentioned


@shared_task(name="community.forum_fanout_sweep", ignore_result=True)
def forum_fanout_sweep() -> int:
    """Beat, every two minutes: enqueue again the fan-out of published posts nobody was told
    of (a broker down at the commit, a worker that died); returns how many."""
    return notify.fanout_sweep().enqueued
