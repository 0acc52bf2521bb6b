"""Celery tasks of the practice search: thin, idempotent, scheduled by beat."""

from celery import shared_task

from .services import practice_views_rank


@shared_task(name="practices.views_rank", ignore_result=True)
def views_rank() -> None:
    """Beat, every five minutes: fold the views recorded since the last run into the shared
    "most viewed" ranking. A second run at the same time finds nothing left to fold."""
    practice_views_rank()
