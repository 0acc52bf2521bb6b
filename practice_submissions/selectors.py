"""Reads for practice proposals. Visibility rules live in ``rules.py``; these only fetch."""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Locale

from network.inputs import integer_parse
from network.visibility import visible_pages
from practices.models import PracticeIndexPage, PracticePage
from taxonomy.terms import GCM_OBJECTIVES, SDG_TARGETS, TARGET_GROUPS, THEMES, label

from .forms import STEP_FORMS
from .models import PracticeSubmission, SubmissionAttachment, SubmissionEvent


def submission_list_for_submitter(*, user) -> QuerySet[PracticeSubmission]:
    """A person's own proposals, most recently changed first."""
    return PracticeSubmission.objects.filter(submitter=user).order_by("-updated_at", "-pk")


def submission_queue(
    *, state: str = PracticeSubmission.State.SUBMITTED
) -> QuerySet[PracticeSubmission]:
    """Proposals in ``state`` for coordinators, oldest submitted first (first come, first
    reviewed)."""
    return (
        PracticeSubmission.objects.filter(state=state)
        .select_related("submitter")
        .order_by("submitted_at", "pk")
    )


def submission_detail(*, pk: int) -> PracticeSubmission:
    """One proposal with its author, page, files and history (raises ``DoesNotExist``)."""
    return (
        PracticeSubmission.objects.select_related("submitter", "page")
        .prefetch_related("attachments__document", "attachments__image", "events__actor")
        .get(pk=pk)
    )


def submission_change_request(*, submission: PracticeSubmission) -> SubmissionEvent | None:
    """The coordinator's request the author has still to answer: the latest move to "changes
    requested" while the proposal is in that state (None once it is sent again). Reads the
    history ``submission_detail`` prefetched, if it did."""
    if submission.state != PracticeSubmission.State.CHANGES_REQUESTED:
        return None
    requests = [
        event
        for event in submission.events.all()
        if event.to_state == PracticeSubmission.State.CHANGES_REQUESTED
    ]
    return max(requests, key=lambda event: (event.created_at, event.pk), default=None)


def practice_index_for(*, language: str) -> PracticeIndexPage | None:
    """The practice directory of ``language``, or of the default language when it has none."""
    index = PracticeIndexPage.objects.filter(locale__language_code=language).order_by("pk").first()
    if index is None:
        default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        index = PracticeIndexPage.objects.filter(locale=default).order_by("pk").first()
    return index


_VOCABULARIES = {
    "themes": THEMES,
    "target_groups": TARGET_GROUPS,
    "gcm_objectives": GCM_OBJECTIVES,
    "sdg_targets": SDG_TARGETS,
}


def submission_summary(*, submission: PracticeSubmission) -> list[dict]:
    """The answers of every step as labelled, readable values, for review and for staff."""
    from network.models import LocalAuthority

    sections = []
    for step, form_class in STEP_FORMS.items():
        answers = submission.data.get(step, {})
        rows = []
        for name, field in form_class.base_fields.items():
            if name in getattr(form_class, "stored_separately", ()):
                continue
            value = answers.get(name)
            if name in _VOCABULARIES:
                value = [label(_VOCABULARIES[name], code) for code in value or []]
            elif name == "authority" and value:
                # Stored as typed: it may be anything a browser sent, not only an id.
                pk = integer_parse(value, minimum=1, maximum=2**63 - 1)
                authority = LocalAuthority.objects.filter(pk=pk).first() if pk else None
                value = str(authority) if authority else _("(not a valid choice: choose again)")
            elif hasattr(field, "choices") and value:
                value = str(dict(field.choices).get(value, value))
            elif isinstance(value, bool):
                value = None if not value else str(field.label)
                if value is None:
                    continue
            rows.append({"label": field.label, "value": value, "is_list": isinstance(value, list)})
        sections.append({"step": step, "label": PracticeSubmission.Step(step).label, "rows": rows})
    return sections


def _translation_group(practice_ids: Iterable[int]) -> QuerySet[PracticePage]:
    """These practices and all their translations (which show the same material)."""
    keys = PracticePage.objects.filter(pk__in=list(practice_ids)).values("translation_key")
    return PracticePage.objects.filter(translation_key__in=keys)


def published_attachments(*, practice_ids: Iterable[int]) -> QuerySet[SubmissionAttachment]:
    """The attachments that approval copied into a Wagtail document or image, of the proposals
    behind these practices or behind any of their translations."""
    group = _translation_group(practice_ids).values("pk")
    return (
        SubmissionAttachment.objects.filter(submission__page_id__in=group)
        .filter(Q(document__isnull=False) | Q(image__isnull=False))
        .select_related("submission", "document", "image")
        .order_by("pk")
    )


def public_practice_ids(*, practice_ids: Iterable[int]) -> set[int]:
    """Those of these practices and their translations whose material anyone may see: the
    practice, or one of its translations (they show the same files), is visible to anonymous
    visitors (``network.visibility``)."""
    group = _translation_group(practice_ids)
    public_keys = set(visible_pages(group, user=None).values_list("translation_key", flat=True))
    return {pk for pk, key in group.values_list("pk", "translation_key") if key in public_keys}
