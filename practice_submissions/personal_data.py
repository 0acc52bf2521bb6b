"""The practice proposals section of a person's personal data export.

Attachments are listed by title, file name and a download address rather than copied into the
JSON file: the export stays small, and each file comes from the same permission-checked view
the proposal page uses (the person must be signed in)."""

import os

from django.db.models import Prefetch
from django.urls import reverse

from network import personal_data
from network.personal_data import iso_or_none
from notifications.links import absolute_url

from .models import PracticeSubmission, SubmissionEvent


def _event(event: SubmissionEvent) -> dict:
    return {
        "from_state": event.from_state,
        "to_state": event.to_state,
        "message": event.message,
        "at": iso_or_none(event.created_at),
    }


@personal_data.register(
    "practice_proposals",
    covers=[
        "practice_submissions.PracticeSubmission",
        "practice_submissions.SubmissionAttachment",
        "practice_submissions.SubmissionEvent",
    ],
)
def practice_proposals_export(user) -> dict:
    submissions = (
        PracticeSubmission.objects.filter(submitter=user)
        .select_related("page")
        .prefetch_related(
            "attachments__document",
            "attachments__image",
            Prefetch("events", queryset=SubmissionEvent.objects.order_by("created_at", "pk")),
        )
        .order_by("created_at", "pk")
    )
    proposals = []
    for submission in submissions:
        attachments = []
        for attachment in submission.attachments.all():
            stored = attachment.stored_file
            attachments.append(
                {
                    "title": attachment.title,
                    "kind": attachment.kind,
                    "file_name": os.path.basename(stored.name) if stored else None,
                    "download_url": absolute_url(
                        reverse(
                            "practice_submissions:attachment_download",
                            args=[submission.pk, attachment.pk],
                        )
                    ),
                    "added_at": iso_or_none(attachment.created_at),
                }
            )
        proposals.append(
            {
                "title": submission.title,
                "state": submission.state,
                "language": submission.language,
                "answers": submission.data,
                "created_at": iso_or_none(submission.created_at),
                "submitted_at": iso_or_none(submission.submitted_at),
                "page_url": submission.page.full_url
                if submission.page is not None and submission.page.live
                else None,
                "attachments": attachments,
                "history": [_event(event) for event in submission.events.all()],
            }
        )
    # Decisions this person recorded, as a coordinator, on other people's proposals.
    decisions = (
        SubmissionEvent.objects.filter(actor=user)
        .exclude(submission__submitter=user)
        .select_related("submission")
        .order_by("created_at", "pk")
    )
    return {
        "proposals": proposals,
        "review_decisions": [
            {"proposal": event.submission.title, **_event(event)} for event in decisions
        ],
    }
