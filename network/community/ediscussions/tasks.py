"""The e-discussions' Celery tasks: thin, idempotent, taking ids."""

from celery import shared_task

from ..tasks import PASSING_ERRORS
from . import services, services_mail


@shared_task(
    name="community.ediscussions_tick",
    ignore_result=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def ediscussions_tick() -> int:
    """Publish the weeks whose time has come and close the e-discussions past their end (beat,
    every minute)."""
    return services.weeks_publish_due() + services.ediscussions_close_due()


@shared_task(
    name="community.ediscussion_week_announce",
    ignore_result=True,
    acks_late=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def ediscussion_week_announce(week_id: int) -> int:
    """Tell a published week's participants of its questions; returns how many were reached
    (a retry after a partial run tells only those not told yet)."""
    return services_mail.week_announce(week_id=week_id)


@shared_task(
    name="community.ediscussion_week_nudge",
    ignore_result=True,
    acks_late=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def ediscussion_week_nudge(week_id: int, by_hand: bool = False) -> int:
    """Remind a week's participants who have not contributed (at most once each)."""
    return services_mail.week_nudge(week_id=week_id, by_hand=by_hand)


@shared_task(
    name="community.ediscussion_nudges_due",
    ignore_result=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def ediscussion_nudges_due() -> int:
    """The scheduled reminders (beat, every quarter of an hour)."""
    return services_mail.nudges_due()
