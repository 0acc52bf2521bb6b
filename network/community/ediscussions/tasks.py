"""The e-discussions' Celery tasks: thin, idempotent."""

from celery import shared_task

from ..tasks import PASSING_ERRORS
from . import services


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
