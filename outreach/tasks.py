"""Celery tasks of the outreach site: thin, idempotent, scheduled by beat."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="outreach.publish_scheduled", ignore_result=True)
def publish_scheduled() -> None:
    """Beat, every minute: publish pages whose go-live date has come and unpublish those whose
    expiry date has passed. Wagtail's own command does the work; running it twice in a minute
    finds nothing left to do the second time."""
    call_command("publish_scheduled")
