"""A version's sections and questions: adding, changing, deleting and moving them."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from network.models import User

from .. import permissions
from ..expressions import ExpressionError, parse
from ..models import ChoiceList, Element, QuestionnaireVersion
from .common import (
    ELEMENT_TEXTS,
    EXPRESSIONS,
    TAG_CODES,
    allowed,
    key_problem,
    published_keys,
    renumber,
    texts_merged,
)


@dataclass
class ElementData:
    """What the element form gives: texts as {language: text} for the offered languages."""

    kind: str
    key: str
    parent: Element | None = None
    label: dict = field(default_factory=dict)
    hint: dict = field(default_factory=dict)
    required: bool = False
    required_message: dict = field(default_factory=dict)
    relevant: str = ""
    constraint: str = ""
    constraint_message: dict = field(default_factory=dict)
    calculation: str = ""
    default: str = ""
    appearance: str = ""
    choice_list: ChoiceList | None = None
    choice_filter: str = ""
    or_other: bool = False
    repeat_max: int | None = None
    tags: list[str] = field(default_factory=list)
    sensitive: bool = False


def _descendant_ids(element: Element) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in element.version.elements.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = [element.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _element_errors(
    *, version: QuestionnaireVersion, element: Element | None, data: ElementData
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if data.kind not in Element.Kind.values:
        add("kind", _("Choose a type."))
    problem = key_problem(data.key)
    if problem:
        add("key", problem)
    elif version.elements.filter(key=data.key).exclude(pk=getattr(element, "pk", None)).exists():
        add("key", _("The key “%(key)s” is already used in this version.") % {"key": data.key})
    if (
        element is not None
        and data.key != element.key
        and element.key
        in published_keys(questionnaire=version.questionnaire, before=version.number)
    ):
        add(
            "key",
            _(
                "“%(key)s” was published in an earlier version: answers are stored under it and "
                "line up across versions by it, so it cannot be renamed. Delete this question "
                "and add a new one if it asks something else."
            )
            % {"key": element.key},
        )
    if data.parent is not None:
        if data.parent.version_id != version.pk or not data.parent.is_container:
            add("parent", _("Choose a section of this version."))
        elif element is not None and (
            data.parent.pk == element.pk or data.parent.pk in _descendant_ids(element)
        ):
            add("parent", _("A section cannot be placed inside itself."))
    if (
        element is not None
        and element.is_container
        and data.kind not in Element.CONTAINERS
        and element.children.exists()
    ):
        add(
            "kind",
            _("This section holds questions: move or delete them before changing its type."),
        )
    if data.choice_list is not None and data.choice_list.version_id != version.pk:
        add("choice_list", _("Choose a choice list of this version."))
    for name, columns in EXPRESSIONS:
        text = getattr(data, name).strip()
        if text:
            try:
                parse(text, columns=columns)
            except ExpressionError as error:
                add(name, error.message)
    unknown = sorted(set(data.tags) - TAG_CODES)
    if unknown:
        add("tags", _("Unknown tags: %(tags)s.") % {"tags": ", ".join(unknown)})
    return errors


def _siblings(version: QuestionnaireVersion, parent_id: int | None):
    return version.elements.filter(parent_id=parent_id).order_by("position", "pk")


def _next_position(version: QuestionnaireVersion, parent_id: int | None) -> int:
    highest = _siblings(version, parent_id).aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def element_save(
    *,
    by: User,
    version: QuestionnaireVersion,
    data: ElementData,
    element: Element | None = None,
) -> Element:
    """Add an element at the end of its section (``element`` None) or change one, in a version
    whose structure may change. Expressions must parse; whether their references exist is
    ``structure.version_problems``'s to say, as the referred question may come later."""
    allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    if element is not None and element.version_id != version.pk:
        raise PermissionDenied(_("This question belongs to another version."))
    errors = _element_errors(version=version, element=element, data=data)
    if errors:
        raise ValidationError(errors)
    parent_id = data.parent.pk if data.parent else None
    if element is None:
        element = Element(version=version, position=_next_position(version, parent_id))
    elif element.parent_id != parent_id:
        element.position = _next_position(version, parent_id)
    element.parent = data.parent
    element.kind = data.kind
    element.key = data.key
    for name in ELEMENT_TEXTS:
        setattr(
            element,
            name,
            texts_merged(
                getattr(data, name), old=getattr(element, name), languages=version.languages
            ),
        )
    for name in (
        "required",
        "relevant",
        "constraint",
        "calculation",
        "default",
        "appearance",
        "choice_filter",
        "or_other",
        "repeat_max",
        "sensitive",
    ):
        value = getattr(data, name)
        setattr(element, name, value.strip() if isinstance(value, str) else value)
    element.choice_list = data.choice_list
    element.tags = sorted(set(data.tags))
    element.full_clean()
    element.save()
    return element


@transaction.atomic
def element_delete(*, by: User, element: Element) -> None:
    """Delete an element of a version whose structure may change; a section must be empty."""
    allowed(by, permissions.QUESTIONNAIRE_EDIT, element.version)
    if element.children.exists():
        raise ValidationError(
            _("This section holds questions: move or delete them before deleting it.")
        )
    element.delete()


@transaction.atomic
def element_move(*, by: User, element: Element, up: bool) -> bool:
    """Swap an element with the sibling before (``up``) or after it; False when it is already
    first or last."""
    version = element.version
    allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    siblings = list(_siblings(version, element.parent_id).select_for_update())
    index = next((i for i, row in enumerate(siblings) if row.pk == element.pk), -1)
    return renumber(siblings, index, -1 if up else 1, Element)
