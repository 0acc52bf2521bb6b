"""The demo's needs assessment: its questionnaire (``demo_content.py``), approved and published.

Idempotent: a second run finds the questionnaire by its form_id and changes nothing."""

from django.db import transaction
from django.utils import timezone

from network.demo import DEMO_DOMAIN
from network.models import User

from .demo_content import CHOICE_LISTS, FORM_ID, SURVEY, TITLE
from .models import Choice, ChoiceList, Element, Questionnaire, QuestionnaireVersion
from .structure import version_problems

LANGUAGES = ["en", "es", "pt", "fr"]
APPROVAL_RECORD = (
    "Approved by the Project Coordination Committee (the OAS and the partners' focal points) "
    "after their comments on the draft were resolved."
)


@transaction.atomic
def version_from_rows(
    *,
    questionnaire: Questionnaire,
    number: int,
    title: dict[str, str],
    rows: list[dict],
    choice_lists: dict[str, list[tuple[str, dict[str, str]]]],
    source_language: str = "en",
    languages: list[str] | None = None,
) -> QuestionnaireVersion:
    """A draft version made of ``rows`` (``demo_content.SURVEY``'s shape) and ``choice_lists``;
    refused (ValueError) if the structural check finds anything."""
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=number,
        title=title,
        source_language=source_language,
        languages=languages or [source_language],
    )
    lists = {}
    for name, choices in choice_lists.items():
        lists[name] = ChoiceList.objects.create(version=version, name=name)
        Choice.objects.bulk_create(
            Choice(choice_list=lists[name], position=position, name=value, label=label)
            for position, (value, label) in enumerate(choices)
        )
    elements: dict[str, Element] = {}
    for position, row in enumerate(rows):
        elements[row["key"]] = Element.objects.create(
            version=version,
            parent=elements[row["parent"]] if row.get("parent") else None,
            position=position,
            key=row["key"],
            kind=row["kind"],
            label=row.get("label", {}),
            hint=row.get("hint", {}),
            required=row.get("required", False),
            relevant=row.get("relevant", ""),
            constraint=row.get("constraint", ""),
            constraint_message=row.get("constraint_message", {}),
            calculation=row.get("calculation", ""),
            choice_list=lists[row["list"]] if row.get("list") else None,
            choice_filter=row.get("choice_filter", ""),
            or_other=row.get("or_other", False),
            repeat_max=row.get("repeat_max"),
            tags=row.get("tags", []),
            sensitive=row.get("sensitive", False),
        )
    problems = version_problems(version=version)
    if problems:
        raise ValueError("; ".join(f"{p.key}.{p.field}: {p.message}" for p in problems))
    return version


def seed_questionnaire(*, stdout) -> QuestionnaireVersion:
    """The demo questionnaire, version 1, approved by the committee and published."""
    questionnaire, _created = Questionnaire.objects.get_or_create(
        form_id=FORM_ID, defaults={"title": TITLE}
    )
    version = questionnaire.versions.filter(number=1).first()
    created = 0
    if version is None:
        created = 1
        version = version_from_rows(
            questionnaire=questionnaire,
            number=1,
            title=TITLE,
            rows=SURVEY,
            choice_lists=CHOICE_LISTS,
            languages=LANGUAGES,
        )
        now = timezone.now()
        version.status = QuestionnaireVersion.Status.PUBLISHED
        version.submitted_for_review_at = now
        version.approved_at = now
        version.approved_by = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
        version.approval_note = APPROVAL_RECORD
        version.published_at = now
        version.save()
    stdout.write(
        f"Needs assessments: {created} questionnaire version(s) created; "
        f"{version.elements.count()} sections and questions in {len(version.languages)} languages."
    )
    return version


def seed_assessments(*, stdout) -> None:
    seed_questionnaire(stdout=stdout)
