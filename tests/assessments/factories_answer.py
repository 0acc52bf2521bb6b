"""Small builders of questionnaires, assessments and invitations for the answering tests:
rows made directly, as the editor and the invitations (built elsewhere) would leave them."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from assessments.models import (
    Assessment,
    Choice,
    ChoiceList,
    Element,
    Invitation,
    Questionnaire,
    QuestionnaireVersion,
)
from assessments.selectors_answer import version_structure_load
from assessments.tokens import nonce_new, token_for
from tests.factories import LocalAuthorityFactory

_numbers = itertools.count(1)


def version_make(
    *,
    languages: tuple[str, ...] = ("en", "es"),
    source: str = "en",
    status: str = QuestionnaireVersion.Status.PUBLISHED,
    title: dict | None = None,
) -> QuestionnaireVersion:
    number = next(_numbers)
    questionnaire = Questionnaire.objects.create(
        form_id=f"needs-{number}", title=title or {"en": "Needs of local authorities"}
    )
    return QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        status=status,
        title=title or {"en": "Needs of local authorities", "es": "Necesidades"},
        source_language=source,
        languages=list(languages),
    )


def element_add(
    version: QuestionnaireVersion,
    key: str,
    kind: str,
    *,
    parent: Element | None = None,
    label: dict | str | None = None,
    **fields,
) -> Element:
    if isinstance(label, str) or label is None:
        label = {"en": label or key.replace("_", " ").capitalize()}
    position = version.elements.count()
    return Element.objects.create(
        version=version,
        parent=parent,
        key=key,
        kind=kind,
        label=label,
        position=position,
        **fields,
    )


def choices_add(version: QuestionnaireVersion, name: str, choices: list) -> ChoiceList:
    """A list of ``(name, label)`` or ``(name, label, filters)``; a label is English text or
    a dict by language."""
    choice_list = ChoiceList.objects.create(version=version, name=name)
    for position, row in enumerate(choices):
        value, label, *rest = row
        Choice.objects.create(
            choice_list=choice_list,
            position=position,
            name=value,
            label=label if isinstance(label, dict) else {"en": label},
            filters=rest[0] if rest else {},
        )
    return choice_list


def assessment_make(
    version: QuestionnaireVersion, *, status: str = Assessment.Status.OPEN
) -> Assessment:
    number = next(_numbers)
    return Assessment.objects.create(
        slug=f"assessment-{number}",
        title={"en": f"Needs assessment {number}"},
        version=version,
        status=status,
        due_date=date.today() + timedelta(days=30),
    )


def invitation_make(
    assessment: Assessment,
    *,
    local_authority=None,
    language: str = "en",
    revoked: bool = False,
    respondent_email: str = "",
) -> tuple[Invitation, str]:
    """An invitation and the token of its link."""
    nonce, digest = nonce_new()
    invitation = Invitation.objects.create(
        assessment=assessment,
        local_authority=local_authority or LocalAuthorityFactory(),
        respondent_email=respondent_email,
        language=language,
        token_nonce=nonce,
        token_hash=digest,
        due_date=assessment.due_date,
        sent_at=timezone.now(),
        revoked_at=timezone.now() if revoked else None,
    )
    return invitation, token_for(nonce=nonce)


def structure_of(version: QuestionnaireVersion):
    return version_structure_load(version=version)
