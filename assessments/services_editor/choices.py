"""A version's choice lists and their choices."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from network.models import User

from .. import permissions
from ..models import Choice, ChoiceList, QuestionnaireVersion
from ..structure import KEY_PATTERN
from .common import allowed, key_problem, renumber, texts_merged


def _list_name_errors(version: QuestionnaireVersion, name: str, exclude: int | None) -> dict:
    problem = key_problem(name)
    if problem:
        return {"name": [problem]}
    if version.choice_lists.filter(name=name).exclude(pk=exclude).exists():
        return {"name": [_("This version already has a list “%(name)s”.") % {"name": name}]}
    return {}


@transaction.atomic
def choice_list_create(*, by: User, version: QuestionnaireVersion, name: str) -> ChoiceList:
    allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    name = name.strip()
    errors = _list_name_errors(version, name, None)
    if errors:
        raise ValidationError(errors)
    return ChoiceList.objects.create(version=version, name=name)


@transaction.atomic
def choice_list_rename(*, by: User, choice_list: ChoiceList, name: str) -> ChoiceList:
    allowed(by, permissions.QUESTIONNAIRE_EDIT, choice_list.version)
    name = name.strip()
    errors = _list_name_errors(choice_list.version, name, choice_list.pk)
    if errors:
        raise ValidationError(errors)
    choice_list.name = name
    choice_list.save(update_fields=["name"])
    return choice_list


@transaction.atomic
def choice_list_delete(*, by: User, choice_list: ChoiceList) -> None:
    allowed(by, permissions.QUESTIONNAIRE_EDIT, choice_list.version)
    keys = list(choice_list.questions.order_by("key").values_list("key", flat=True))
    if keys:
        raise ValidationError(
            _("Questions use this list: %(keys)s. Give them another list first.")
            % {"keys": ", ".join(keys)}
        )
    choice_list.delete()


def _published_choice(*, choice_list: ChoiceList, value: str) -> bool:
    """Did respondents meet ``value`` in the list of the same name of an earlier published (or
    retired) version?"""
    version = choice_list.version
    return Choice.objects.filter(
        name=value,
        choice_list__name=choice_list.name,
        choice_list__version__questionnaire_id=version.questionnaire_id,
        choice_list__version__number__lt=version.number,
        choice_list__version__status__in=(
            QuestionnaireVersion.Status.PUBLISHED,
            QuestionnaireVersion.Status.RETIRED,
        ),
    ).exists()


@transaction.atomic
def choice_save(
    *,
    by: User,
    choice_list: ChoiceList,
    name: str,
    label: dict[str, str],
    filters: dict[str, str],
    choice: Choice | None = None,
) -> Choice:
    """Add a choice at the end of its list, or change one."""
    version = choice_list.version
    allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name or any(character.isspace() for character in name) or len(name) > 80:
        errors["name"] = [_("A value has no spaces and at most 80 characters.")]
    elif choice_list.choices.filter(name=name).exclude(pk=getattr(choice, "pk", None)).exists():
        errors["name"] = [_("This list already has the value “%(name)s”.") % {"name": name}]
    if (
        choice is not None
        and name != choice.name
        and _published_choice(choice_list=choice_list, value=choice.name)
    ):
        errors.setdefault("name", []).append(
            _(
                "“%(name)s” was published in an earlier version: answers store it, so it cannot "
                "be renamed. Add a new choice if it means something else."
            )
            % {"name": choice.name}
        )
    for column in filters:
        if not KEY_PATTERN.fullmatch(column) or column in ("name", "label"):
            errors.setdefault("filters", []).append(
                _("“%(column)s” cannot name a filter column: use a name such as country.")
                % {"column": column}
            )
    if errors:
        raise ValidationError(errors)
    if choice is None:
        highest = choice_list.choices.aggregate(highest=Max("position"))["highest"]
        choice = Choice(choice_list=choice_list, position=0 if highest is None else highest + 1)
    choice.name = name
    choice.label = texts_merged(label, old=choice.label, languages=version.languages)
    choice.filters = {column: str(value) for column, value in filters.items()}
    choice.full_clean()
    choice.save()
    return choice


@transaction.atomic
def choice_delete(*, by: User, choice: Choice) -> None:
    allowed(by, permissions.QUESTIONNAIRE_EDIT, choice.choice_list.version)
    choice.delete()


@transaction.atomic
def choice_move(*, by: User, choice: Choice, up: bool) -> bool:
    allowed(by, permissions.QUESTIONNAIRE_EDIT, choice.choice_list.version)
    rows = list(choice.choice_list.choices.order_by("position", "pk").select_for_update())
    index = next((i for i, row in enumerate(rows) if row.pk == choice.pk), -1)
    return renumber(rows, index, -1 if up else 1, Choice)
