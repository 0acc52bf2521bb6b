"""Celery tasks of the practice search: thin, idempotent, scheduled by beat."""

from celery import shared_task

from practices.search import facet_sets_warm

from .services import practice_views_rank


@shared_task(name="practices.views_rank", ignore_result=True)
def views_rank() -> None:
    """Beat, every five minutes: fold the views recorded since the last run into the shared
    "most viewed" ranking. A second run at the same time finds nothing left to fold."""
    practice_views_rank()


@shared_task(
    name="practices.search_sets_warm",
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def search_sets_warm() -> None:
    """After every change of the search generation token: build the facet counting sets of the
    new token into the shared cache, so that no visitor waits for them. A second run finds
    them built and does nothing."""
    facet_sets_warm()
