"""Writes of the questionnaire editor: creating questionnaires, editing a draft's elements and
choice lists, review and approval, publishing, text fixes of frozen versions and new versions.

Every function decides with ``network.permissions.decide`` first and raises ``PermissionDenied``
with the rule's reason; bad input raises ``ValidationError`` keyed by the form's field names so
that views put each message next to its field. Whether a version is well built is
``structure.version_problems``'s answer alone; whether its languages are complete is
``coverage.version_coverage``'s.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide
from taxonomy.terms import TARGET_GROUPS, THEMES

from . import permissions
from .coverage import version_coverage
from .expressions import ExpressionError, parse
from .models import (
    LANGUAGE_CHOICES,
    LANGUAGE_CODES,
    Choice,
    ChoiceList,
    DraftComment,
    Element,
    Questionnaire,
    QuestionnaireVersion,
    TextFix,
)
from .structure import KEY_MAX_LENGTH, KEY_PATTERN, version_problems

TAG_CODES = frozenset(term.code for term in (*THEMES, *TARGET_GROUPS))
# Texts of an element, each a {language: text} dict.
ELEMENT_TEXTS = ("label", "hint", "required_message", "constraint_message")
# Expression fields, with whether bare names are a choice's columns.
EXPRESSIONS = (
    ("relevant", False),
    ("constraint", False),
    ("calculation", False),
    ("choice_filter", True),
)


def _allowed(user: User, action: str, obj=None) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _texts(new: dict[str, str], *, old: dict | None = None, languages: list[str]) -> dict:
    """``old`` with the ``languages`` replaced by ``new`` (stripped; empty removed); texts in
    languages no longer offered are kept, so offering one again brings them back."""
    texts = {code: value for code, value in (old or {}).items() if code not in languages}
    for code in languages:
        value = (new.get(code) or "").strip()
        if value:
            texts[code] = value
    return texts


def _key_problem(key: str) -> str | None:
    if not KEY_PATTERN.fullmatch(key) or len(key) > KEY_MAX_LENGTH:
        return _(
            "“%(key)s” is not a valid key: use letters, digits and underscores, starting with a "
            "letter (at most %(limit)s characters)."
        ) % {"key": key, "limit": KEY_MAX_LENGTH}
    return None


def published_keys(*, questionnaire: Questionnaire, before: int | None = None) -> set[str]:
    """Keys that respondents have met: those of the questionnaire's published or retired
    versions (numbered below ``before``, when given)."""
    versions = questionnaire.versions.filter(
        status__in=(QuestionnaireVersion.Status.PUBLISHED, QuestionnaireVersion.Status.RETIRED)
    )
    if before is not None:
        versions = versions.filter(number__lt=before)
    return set(Element.objects.filter(version__in=versions).values_list("key", flat=True))


# -- Questionnaires and version settings -------------------------------------------------------


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
    _allowed(by, permissions.QUESTIONNAIRE_EDIT)
    errors: dict[str, list[str]] = {}
    if Questionnaire.objects.filter(form_id=form_id).exists():
        errors["form_id"] = [
            _("A questionnaire with the form identifier “%(form_id)s” already exists.")
            % {"form_id": form_id}
        ]
    offered = _languages_clean(source_language, languages)
    titles = _texts(title, languages=offered)
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
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    offered = _languages_clean(source_language, languages)
    titles = _texts(title, old=version.title, languages=offered)
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


# -- Elements ------------------------------------------------------------------------------------


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
    problem = _key_problem(data.key)
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
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
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
            _texts(getattr(data, name), old=getattr(element, name), languages=version.languages),
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
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, element.version)
    if element.children.exists():
        raise ValidationError(
            _("This section holds questions: move or delete them before deleting it.")
        )
    element.delete()


def _renumber(rows: list, index: int, step: int, model) -> bool:
    other = index + step
    if index < 0 or not 0 <= other < len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        row.position = position
    model.objects.bulk_update(rows, ["position"])
    return True


@transaction.atomic
def element_move(*, by: User, element: Element, up: bool) -> bool:
    """Swap an element with the sibling before (``up``) or after it; False when it is already
    first or last."""
    version = element.version
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    siblings = list(_siblings(version, element.parent_id).select_for_update())
    index = next((i for i, row in enumerate(siblings) if row.pk == element.pk), -1)
    return _renumber(siblings, index, -1 if up else 1, Element)


# -- Choice lists and choices ------------------------------------------------------------------


def _list_name_errors(version: QuestionnaireVersion, name: str, exclude: int | None) -> dict:
    problem = _key_problem(name)
    if problem:
        return {"name": [problem]}
    if version.choice_lists.filter(name=name).exclude(pk=exclude).exists():
        return {"name": [_("This version already has a list “%(name)s”.") % {"name": name}]}
    return {}


@transaction.atomic
def choice_list_create(*, by: User, version: QuestionnaireVersion, name: str) -> ChoiceList:
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    name = name.strip()
    errors = _list_name_errors(version, name, None)
    if errors:
        raise ValidationError(errors)
    return ChoiceList.objects.create(version=version, name=name)


@transaction.atomic
def choice_list_rename(*, by: User, choice_list: ChoiceList, name: str) -> ChoiceList:
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, choice_list.version)
    name = name.strip()
    errors = _list_name_errors(choice_list.version, name, choice_list.pk)
    if errors:
        raise ValidationError(errors)
    choice_list.name = name
    choice_list.save(update_fields=["name"])
    return choice_list


@transaction.atomic
def choice_list_delete(*, by: User, choice_list: ChoiceList) -> None:
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, choice_list.version)
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
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
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
    choice.label = _texts(label, old=choice.label, languages=version.languages)
    choice.filters = {column: str(value) for column, value in filters.items()}
    choice.full_clean()
    choice.save()
    return choice


@transaction.atomic
def choice_delete(*, by: User, choice: Choice) -> None:
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, choice.choice_list.version)
    choice.delete()


@transaction.atomic
def choice_move(*, by: User, choice: Choice, up: bool) -> bool:
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, choice.choice_list.version)
    rows = list(choice.choice_list.choices.order_by("position", "pk").select_for_update())
    index = next((i for i, row in enumerate(rows) if row.pk == choice.pk), -1)
    return _renumber(rows, index, -1 if up else 1, Choice)


# -- Comments ------------------------------------------------------------------------------------


def comment_add(
    *, by: User, version: QuestionnaireVersion, body: str, element: Element | None = None
) -> DraftComment:
    """A committee member's comment on a question of a draft or version in review, or on the
    whole version."""
    _allowed(by, permissions.QUESTIONNAIRE_COMMENT, version)
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Write a comment.")]})
    if element is not None and element.version_id != version.pk:
        raise PermissionDenied(_("This question belongs to another version."))
    return DraftComment.objects.create(version=version, element=element, author=by, body=body)


def comment_resolve(*, by: User, comment: DraftComment) -> DraftComment:
    """The editor marks a comment dealt with (once)."""
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, comment.version)
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = by
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


# -- Review, approval, publishing ----------------------------------------------------------------


def _locked(version: QuestionnaireVersion) -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)


def _without_problems(version: QuestionnaireVersion) -> None:
    found = version_problems(version=version)
    if found:
        raise ValidationError(
            [
                f"{problem.key}: {problem.message}" if problem.key else problem.message
                for problem in found
            ]
        )


@transaction.atomic
def version_submit_for_review(*, by: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Send a well-built draft to the coordination committee."""
    version = _locked(version)
    _allowed(by, permissions.QUESTIONNAIRE_EDIT, version)
    if version.status != QuestionnaireVersion.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    _without_problems(version)
    version.status = QuestionnaireVersion.Status.REVIEW
    version.submitted_for_review_at = timezone.now()
    version.save(update_fields=["status", "submitted_for_review_at", "updated_at"])
    return version


@transaction.atomic
def version_send_back(
    *, by: User, version: QuestionnaireVersion, note: str
) -> QuestionnaireVersion:
    """Return a version in review to draft; ``note`` (why) becomes a comment on the version."""
    version = _locked(version)
    _allowed(by, permissions.QUESTIONNAIRE_APPROVE, version)
    note = note.strip()
    if not note:
        raise ValidationError({"note": [_("Say what must change.")]})
    DraftComment.objects.create(version=version, author=by, body=note)
    version.status = QuestionnaireVersion.Status.DRAFT
    version.save(update_fields=["status", "updated_at"])
    return version


@transaction.atomic
def version_approve(
    *, by: User, version: QuestionnaireVersion, record: str
) -> QuestionnaireVersion:
    """Record the committee's approval of a version in review: from now on its structure is
    frozen."""
    version = _locked(version)
    _allowed(by, permissions.QUESTIONNAIRE_APPROVE, version)
    record = record.strip()
    if not record:
        raise ValidationError({"record": [_("Record the decision: meeting, date, who took part.")]})
    _without_problems(version)
    version.status = QuestionnaireVersion.Status.APPROVED
    version.approval_note = record
    version.approved_by = by
    version.approved_at = timezone.now()
    version.save(
        update_fields=["status", "approval_note", "approved_by", "approved_at", "updated_at"]
    )
    return version


@transaction.atomic
def version_publish(
    *, by: User, version: QuestionnaireVersion, incomplete_languages: list[str]
) -> QuestionnaireVersion:
    """Publish an approved version. Every offered language must have every string
    (``coverage``), except those the coordinator deliberately marks ``incomplete_languages``;
    only those still lacking strings are stored as incomplete."""
    version = _locked(version)
    _allowed(by, permissions.QUESTIONNAIRE_PUBLISH, version)
    _without_problems(version)
    lacking = [code for code, found in version_coverage(version=version).items() if found]
    unmarked = [code for code in lacking if code not in incomplete_languages]
    if unmarked:
        names = dict(LANGUAGE_CHOICES)
        raise ValidationError(
            {
                "incomplete_languages": [
                    _(
                        "Strings are missing in %(languages)s: translate them, or mark the "
                        "language as published incomplete."
                    )
                    % {"languages": ", ".join(str(names[code]) for code in unmarked)}
                ]
            }
        )
    version.status = QuestionnaireVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.incomplete_languages = lacking
    version.save(update_fields=["status", "published_at", "incomplete_languages", "updated_at"])
    return version


@transaction.atomic
def version_retire(*, by: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A published version no longer offered for new assessments; its answers stay."""
    version = _locked(version)
    _allowed(by, permissions.QUESTIONNAIRE_RETIRE, version)
    version.status = QuestionnaireVersion.Status.RETIRED
    version.save(update_fields=["status", "updated_at"])
    return version


# -- Frozen versions: text fixes and new versions ----------------------------------------------


@dataclass(frozen=True)
class TextChange:
    """One text to set: the version's title (no element, no choice), an element's text or a
    choice's label, in one language."""

    field: str
    language: str
    new: str
    element: Element | None = None
    choice: Choice | None = None


def _fix_target(version: QuestionnaireVersion, change: TextChange):
    if change.element is not None:
        if change.element.version_id != version.pk or change.field not in ELEMENT_TEXTS:
            raise ValidationError(_("This text cannot be fixed here."))
        return change.element
    if change.choice is not None:
        if change.choice.choice_list.version_id != version.pk or change.field != "label":
            raise ValidationError(_("This text cannot be fixed here."))
        return change.choice
    if change.field != "title":
        raise ValidationError(_("This text cannot be fixed here."))
    return version


@transaction.atomic
def text_fix_apply(
    *, by: User, version: QuestionnaireVersion, changes: list[TextChange]
) -> list[TextFix]:
    """Change texts of an approved, published or retired version, one ``TextFix`` (who, when,
    before, after) per text that really changes. Respondents see the new wording at once."""
    _allowed(by, permissions.QUESTIONNAIRE_TEXT_FIX, version)
    fixes: list[TextFix] = []
    touched: dict[int, object] = {}
    for change in changes:
        if change.language not in version.languages:
            raise ValidationError(_("This version does not offer that language."))
        target = _fix_target(version, change)
        texts = dict(getattr(target, change.field) or {})
        old = texts.get(change.language, "")
        new = change.new.strip()
        if new == old:
            continue
        if new:
            texts[change.language] = new
        else:
            texts.pop(change.language, None)
        setattr(target, change.field, texts)
        touched[id(target)] = target
        fixes.append(
            TextFix(
                version=version,
                element=change.element,
                choice=change.choice,
                field=change.field,
                language=change.language,
                old=old,
                new=new,
                changed_by=by,
            )
        )
    if not fixes:
        raise ValidationError(_("Nothing was changed."))
    for target in touched.values():
        if isinstance(target, QuestionnaireVersion):
            target.save(update_fields=["title", "updated_at"])
        elif isinstance(target, Element):
            target.save(update_fields=list(ELEMENT_TEXTS))
        else:
            target.save(update_fields=["label"])
    return TextFix.objects.bulk_create(fixes)


@transaction.atomic
def version_copy(*, by: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A new draft numbered after the questionnaire's last version, ``based_on`` ``version``:
    every element with the same key, place, texts, logic and tags, every choice list and
    choice. Structural changes are made there."""
    _allowed(by, permissions.QUESTIONNAIRE_EDIT)
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
