"""Creating a questionnaire (with its version 1), a draft's settings, and a new version copied
from another."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from network.models import User

from .. import permissions
from ..models import (
    LANGUAGE_CODES,
    Choice,
    ChoiceList,
    Element,
    Questionnaire,
    QuestionnaireVersion,
)
from .common import allowed, texts_merged


def _languages_clean(source_language: str, languages: list[str]) -> list[str]:
    offered = {source_language, *languages}
    return [code for code in LANGUAGE_CODES if code in offered]


@transaction.atomic
def questionnaire_create(
    *,
    by: User,
    form_id: str,
    title: dict[str, str],
    source_language: str,
    languages: list[str],
) -> QuestionnaireVersion:
    """A new questionnaire and its version 1, a draft; returns the version."""
    allowed(by, permissions.QUESTIONNAIRE_EDIT)
    errors: dict[str, list[str]] = {}
    if Questionnaire.objects.filter(form_id=form_id).exists():
        errors["form_id"] = [
            _("A questionnaire with the form identifier “%(form_id)s” already exists.")
            % {"form_id": form_id}
        ]
    offered = _languages_clean(source_language, languages)
    titles = texts_merged(title, languages=offered)
    if not titles.get(source_language):
        errors[f"title_{source_language}"] = [_("Give the title in the source language.")]
    if errors:
        raise ValidationError(errors)
    questionnaire = Questionnaire(form_id=form_id, title=titles, created_by=by)
    questionnaire.full_clean()
    questionnaire.save()
    version = QuestionnaireVersion(
        questionnaire=questionnaire,
        number=1,
        title=titles,
        source_language=source_language,
        languages=offered,
        created_by=by,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def version_settings_update(
    *,
    by: User,
    version: QuestionnaireVersion,
    title: dict[str, str],
    source_language: str,
    languages: list[str],
) -> QuestionnaireVersion:
    """A draft's title, source language and languages offered."""
    allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    offered = _languages_clean(source_language, languages)
    titles = texts_merged(title, old=version.title, languages=offered)
    if not titles.get(source_language):
        raise ValidationError(
            {f"title_{source_language}": [_("Give the title in the source language.")]}
        )
    version.title = titles
    version.source_language = source_language
    version.languages = offered
    version.incomplete_languages = []
    version.full_clean()
    version.save()
    questionnaire = version.questionnaire
    questionnaire.title = titles
    questionnaire.save(update_fields=["title"])
    return version


@transaction.atomic
def version_copy(*, by: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A new draft numbered after the questionnaire's last version, ``based_on`` ``version``:
    every element with the same key, place, texts, logic and tags, every choice list and
    choice. Structural changes are made there."""
    allowed(by, permissions.QUESTIONNAIRE_EDIT)
    questionnaire = Questionnaire.objects.select_for_update().get(pk=version.questionnaire_id)
    open_draft = (
        questionnaire.versions.filter(
            status__in=(QuestionnaireVersion.Status.DRAFT, QuestionnaireVersion.Status.REVIEW)
        )
        .order_by("number")
        .first()
    )
    if open_draft is not None:
        raise ValidationError(
            _("Version %(number)s is still being prepared: change it instead of starting another.")
            % {"number": open_draft.number}
        )
    number = (questionnaire.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    copy = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=number,
        based_on=version,
        title=dict(version.title),
        source_language=version.source_language,
        languages=list(version.languages),
        created_by=by,
    )
    lists: dict[int, ChoiceList] = {}
    for choice_list in version.choice_lists.order_by("name"):
        lists[choice_list.pk] = ChoiceList.objects.create(version=copy, name=choice_list.name)
    Choice.objects.bulk_create(
        Choice(
            choice_list=lists[choice.choice_list_id],
            position=choice.position,
            name=choice.name,
            label=dict(choice.label),
            filters=dict(choice.filters),
        )
        for choice in Choice.objects.filter(choice_list__version=version).order_by(
            "choice_list_id", "position", "pk"
        )
    )
    copied: dict[int, Element] = {}
    elements = list(version.elements.order_by("position", "pk"))
    pending = elements
    # Parents before their children, whatever the positions say.
    while pending:
        later = []
        for element in pending:
            if element.parent_id is not None and element.parent_id not in copied:
                later.append(element)
                continue
            source_pk = element.pk
            element.pk = None
            element.id = None
            element._state.adding = True
            element.version = copy
            element.parent = copied.get(element.parent_id) if element.parent_id else None
            element.choice_list = lists.get(element.choice_list_id)
            element.save()
            copied[source_pk] = element
        if len(later) == len(pending):  # an orphan cannot happen; never loop forever
            break
        pending = later
    return copy
