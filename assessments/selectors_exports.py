"""Reads of exports of answers: a person's recent exports (theirs only: an export holds what its
requester may read)."""

from django.db.models import QuerySet

from network.models import User

from .models import Assessment, AssessmentExport

RECENT_EXPORTS = 10


def exports_recent(
    *, user: User, assessment: Assessment | None = None, limit: int = RECENT_EXPORTS
) -> QuerySet[AssessmentExport]:
    """``user``'s latest exports (of ``assessment`` only, when given), newest first, with their
    assessment: one query."""
    exports = AssessmentExport.objects.filter(requester=user).select_related("assessment")
    if assessment is not None:
        exports = exports.filter(assessment=assessment)
    return exports.order_by("-created_at", "-pk")[:limit]


def export_get(*, pk: int) -> AssessmentExport | None:
    return AssessmentExport.objects.select_related("assessment").filter(pk=pk).first()
