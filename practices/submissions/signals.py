"""Private files go with their attachment row, however the row goes: removed from a draft, or
deleted with its proposal or its author's account (``network`` knows nothing of proposals)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import SubmissionAttachment


@receiver(post_delete, sender=SubmissionAttachment, dispatch_uid="submission_attachment_file")
def attachment_file_delete(sender, instance: SubmissionAttachment, **kwargs) -> None:
    if not instance.file:
        return
    storage, name = instance.file.storage, instance.file.name
    # After commit: a rolled-back deletion must still find its file.
    transaction.on_commit(lambda: storage.delete(name))
