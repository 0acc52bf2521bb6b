"""Private files go with their attachment row, however the row goes: removed from a draft, or
deleted with its proposal or its author's account (``network`` knows nothing of proposals);
the unpublished practice pages of a deleted account's proposals go too.

Published files follow their practice's visibility (``services.practice_files_sync``) after
anything that changes it: publishing, unpublishing, deleting, moving the page, or adding or
removing a view restriction on it or above it. Each runs once the change is committed."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import PracticePage

from . import selectors, services
from .models import PracticeSubmission, SubmissionAttachment


@receiver(post_delete, sender=SubmissionAttachment, dispatch_uid="submission_attachment_file")
def attachment_file_delete(sender, instance: SubmissionAttachment, **kwargs) -> None:
    if not instance.file:
        return
    storage, name = instance.file.storage, instance.file.name
    # After commit: a rolled-back deletion must still find its file.
    transaction.on_commit(lambda: storage.delete(name))


def _practice_ids_under(page: Page) -> list[int]:
    return list(
        PracticePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )


def _sync_on_commit(practice_ids: list[int]) -> None:
    if practice_ids:
        transaction.on_commit(lambda: services.practice_files_sync(practice_ids=practice_ids))


@receiver(page_published, dispatch_uid="practice_files_published")
@receiver(page_unpublished, dispatch_uid="practice_files_unpublished")
def practice_files_publish_change(sender, instance: Page, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        _sync_on_commit([instance.pk])


@receiver(post_page_move, dispatch_uid="practice_files_moved")
def practice_files_move(sender, instance: Page, **kwargs) -> None:
    _sync_on_commit(_practice_ids_under(instance))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="practice_files_restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="practice_files_unrestricted")
def practice_files_restriction_change(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _sync_on_commit(_practice_ids_under(page))


@receiver(pre_delete, sender=PracticePage, dispatch_uid="practice_files_deleted")
def practice_files_delete(sender, instance: PracticePage, **kwargs) -> None:
    # Before the deletion unlinks the proposals from the page.
    attachment_ids = list(
        selectors.published_attachments(practice_ids=[instance.pk]).values_list("pk", flat=True)
    )
    if attachment_ids:
        transaction.on_commit(lambda: services.practice_files_hide(attachment_ids=attachment_ids))


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="proposal_drafts_of_deleted")
def proposal_pages_of_deleted_account(sender, instance, **kwargs) -> None:
    """A deleted account's proposals go with it (their foreign key); the practice pages built
    from those never published would stay behind in the CMS, unowned, with the contact details
    the person typed. Published practices are the network's and stay."""
    page_ids = (
        PracticeSubmission.objects.filter(submitter=instance, page__isnull=False)
        .exclude(state=PracticeSubmission.State.APPROVED)
        .values_list("page_id", flat=True)
    )
    for page in PracticePage.objects.filter(
        pk__in=list(page_ids), live=False, first_published_at__isnull=True
    ):
        page.delete()
