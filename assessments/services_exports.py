"""Writing exports of answers: asking for one (a coordinator's or researcher's page), building
it (a worker, ``tasks.answers_export_task``), emailing its requester when it is ready, and
deleting the files that expired (beat).

Asking is decided by ``network.permissions.decide`` (``ANSWERS_EXPORT``); what the file holds is
decided again when it is built, by ``assessments.visibility`` through ``exports.export_write``:
a person who lost their rights meanwhile gets an export without rows, not an error.

Building is idempotent: an export that is ready (or expired) is left alone; one found running
(a worker that died, a retry) is built again from the start. Its progress (responses written /
responses to write) is saved after every chunk, outside any long transaction, so the status page
reads it while the worker writes. The ready email has a key per export: it goes out once.
"""

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide
from notifications.links import absolute_url
from notifications.services import email_send

from . import permissions
from .exports import EXTENSIONS, export_write
from .models import LANGUAGE_CODES, Assessment, AssessmentExport, localised
from .visibility import analysis_states

logger = logging.getLogger(__name__)

# How long a ready file is kept (the email says so).
EXPORT_DAYS = 7
# An export waiting or being written whose progress has not moved for this long was lost (a
# broker down when it was asked for, a worker killed): the daily sweep marks it failed, and its
# page says to ask again.
STALE_AFTER = timedelta(hours=6)
# Errors that a retry may get past: the worker's task retries them (tasks.PASSING_ERRORS).
PASSING_DB_ERRORS = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class ExportRequest:
    file_format: str
    labels: bool
    language: str
    approved_only: bool


def review_states_of(*, approved_only: bool) -> list[str]:
    """The review states an export keeps, by the one rule of what enters analysis and exports
    (``visibility.analysis_states``): the approved answers only, or every submitted one."""
    return list(analysis_states(include_all_submitted=not approved_only))


def export_request(*, by: User, assessment: Assessment, request: ExportRequest) -> AssessmentExport:
    """Record an export asked for by ``by`` and hand it to a worker once committed."""
    decision = decide(by, permissions.ANSWERS_EXPORT, assessment)
    if not decision:
        raise PermissionDenied(decision.reason)
    if request.file_format not in AssessmentExport.Format.values:
        raise ValidationError({"file_format": _("Choose a format.")})
    if request.language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose a language.")})
    export = AssessmentExport(
        requester=by,
        assessment=assessment,
        format=request.file_format,
        options={
            "labels": request.labels,
            "language": request.language,
            "review_states": review_states_of(approved_only=request.approved_only),
            # The worker reads answers as the requester could when asking: a coordinator's
            # rights hold only with the second factor given in that session.
            "second_factor": bool(getattr(by, "second_factor_passed", False)),
        },
    )
    export.full_clean()
    export.save()
    from .tasks import answers_export_task

    transaction.on_commit(lambda: answers_export_task.delay(export.pk))
    return export


def export_filename(*, export: AssessmentExport) -> str:
    made = timezone.localdate(export.created_at).isoformat()
    return f"{export.assessment.slug}-answers-{made}-{export.format}.{EXTENSIONS[export.format]}"


def _claim(export_id: int) -> AssessmentExport | None:
    with transaction.atomic():
        export = (
            AssessmentExport.objects.select_for_update(of=("self",))
            .select_related("assessment", "requester")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status in (
            AssessmentExport.Status.READY,
            AssessmentExport.Status.EXPIRED,
        ):
            return None
        export.status = AssessmentExport.Status.RUNNING
        export.rows_done = 0
        export.error = ""
        export.save(update_fields=["status", "rows_done", "error", "updated_at"])
        return export


def export_run(*, export_id: int) -> AssessmentExport | None:
    """Build the export ``export_id`` (the worker's task); None when there is nothing to do."""
    export = _claim(export_id)
    if export is None:
        return None
    if export.file:  # a previous attempt's file: this one replaces it
        export.file.delete(save=False)

    def progress(done: int, total: int) -> None:
        AssessmentExport.objects.filter(pk=export.pk).update(
            rows_done=done, rows_total=total, updated_at=timezone.now()
        )

    options = export.options
    requester = export.requester
    requester.second_factor_passed = bool(options.get("second_factor"))
    try:
        with tempfile.TemporaryFile() as handle:
            written = export_write(
                user=requester,
                assessment=export.assessment,
                file_format=export.format,
                labels=bool(options.get("labels")),
                language=options.get("language", "en"),
                review_states=options.get("review_states"),
                target=handle,
                progress=progress,
            )
            handle.seek(0)
            export.file.save(export_filename(export=export), File(handle), save=False)
    except PASSING_DB_ERRORS:
        raise
    except Exception as error:
        logger.exception("Export %s of assessment %s failed", export.pk, export.assessment_id)
        # What went wrong, for the site's team (the page says it in the reader's language).
        AssessmentExport.objects.filter(pk=export.pk).update(
            status=AssessmentExport.Status.FAILED,
            error=type(error).__name__,
            finished_at=timezone.now(),
        )
        return export
    now = timezone.now()
    with transaction.atomic():
        export.status = AssessmentExport.Status.READY
        export.rows_done = export.rows_total = written
        export.finished_at = now
        export.expires_at = now + timedelta(days=EXPORT_DAYS)
        export.save()
        _ready_email(export)
    return export


def _ready_email(export: AssessmentExport) -> None:
    requester = export.requester
    if not requester.email:
        return
    language = (requester.preferred_language or "en").split("-")[0]
    with translation.override(language):
        link = absolute_url(reverse("assessments:export_detail", kwargs={"pk": export.pk}))
        context = {
            "assessment_title": localised(
                export.assessment.title, language=language, source="en"
            ).text
            or export.assessment.slug,
            "format": str(export.get_format_display()),
            "rows": export.rows_done,
            "days": EXPORT_DAYS,
            "export_url": link,
            "name": requester.get_full_name(),
        }
    email_send(
        to=requester.email,
        template_prefix="assessments/email/export_ready",
        context=context,
        language=language,
        key=f"assessments-export:{export.pk}:ready",
    )


def exports_expire(*, now: datetime | None = None) -> int:
    """Delete the files of the exports past their expiry (beat, daily); returns how many. Also
    marks failed the exports lost on their way (``STALE_AFTER``)."""
    now = now or timezone.now()
    AssessmentExport.objects.filter(
        status__in=(AssessmentExport.Status.QUEUED, AssessmentExport.Status.RUNNING),
        updated_at__lte=now - STALE_AFTER,
    ).update(status=AssessmentExport.Status.FAILED, error="stale", finished_at=now)
    expired = 0
    for export in AssessmentExport.objects.filter(
        status=AssessmentExport.Status.READY, expires_at__lte=now
    ).order_by("pk"):
        if export.file:
            export.file.delete(save=False)
        AssessmentExport.objects.filter(pk=export.pk, status=AssessmentExport.Status.READY).update(
            status=AssessmentExport.Status.EXPIRED, file="", updated_at=now
        )
        expired += 1
    return expired
