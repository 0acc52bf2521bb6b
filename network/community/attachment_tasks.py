"""The forum's periodic clean-up of files chosen for posts that were never written."""

from celery import shared_task

from .services.attachments import attachments_pending_purge


@shared_task(name="community.attachments_pending_purge", ignore_result=True)
def pending_attachments_purge() -> int:
    return attachments_pending_purge()
