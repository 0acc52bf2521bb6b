"""Is a questionnaire version well built? The one check that the editor (before review and
publishing), the XLSForm import (before saving) and the tests all use.

``problems`` works on plain values (``Item`` rows), so that an import can check a workbook's
rows before anything is written; ``version_problems`` reads a saved version into such rows.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .expressions import ExpressionError, columns, parse, references, uses_current
from .models import Element, QuestionnaireVersion

# XLSForm names are XML element names without a colon; ODK clients also refuse a leading
# digit, dot or hyphen.
KEY_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
KEY_MAX_LENGTH = 80
# Where the text of an "other, specify" answer is kept (and XLSForm's name for its question).
OTHER_SUFFIX = "_other"


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: ``key`` is the question's key (empty for the whole version),
    ``field`` the field at fault (e.g. "relevant")."""

    key: str
    field: str
    message: str


@dataclass
class Item:
    """One element as the check reads it."""

    key: str
    kind: str
    parent_key: str = ""
    relevant: str = ""
    constraint: str = ""
    calculation: str = ""
    choice_filter: str = ""
    list_name: str = ""
    repeat_max: int | None = None
    or_other: bool = False


def _parsed(item: Item, name: str, text: str, found: list[Problem], *, choice: bool = False):
    try:
        return parse(text, columns=choice)
    except ExpressionError as error:
        found.append(Problem(item.key, name, error.message))
        return None


def _calculation_cycles(calculated: dict[str, set[str]]) -> set[str]:
    """Keys of calculations that depend on themselves, directly or through others."""
    cyclic: set[str] = set()
    for start in calculated:
        stack, seen = list(calculated[start]), set()
        while stack:
            key = stack.pop()
            if key == start:
                cyclic.add(start)
                break
            if key in seen or key not in calculated:
                continue
            seen.add(key)
            stack.extend(calculated[key])
    return cyclic


def problems(*, items: list[Item], lists: dict[str, set[str]]) -> list[Problem]:
    """Everything wrong with a version made of ``items`` (in order) and the choice ``lists``
    (name → the filter columns its choices carry), each problem once, in the items' order."""
    found: list[Problem] = []
    by_key: dict[str, Item] = {}
    for item in items:
        if not KEY_PATTERN.fullmatch(item.key) or len(item.key) > KEY_MAX_LENGTH:
            found.append(
                Problem(
                    item.key,
                    "key",
                    _(
                        "“%(key)s” is not a valid key: use letters, digits and underscores, "
                        "starting with a letter (at most %(limit)s characters)."
                    )
                    % {"key": item.key, "limit": KEY_MAX_LENGTH},
                )
            )
        if item.key in by_key:
            found.append(
                Problem(item.key, "key", _("The key “%(key)s” is used twice.") % {"key": item.key})
            )
        by_key.setdefault(item.key, item)
    calculated: dict[str, set[str]] = {}
    for item in items:
        parent = by_key.get(item.parent_key) if item.parent_key else None
        if item.parent_key and (parent is None or parent.kind not in Element.CONTAINERS):
            found.append(
                Problem(
                    item.key,
                    "parent",
                    _("“%(key)s” is placed in “%(parent)s”, which is not a section.")
                    % {"key": item.key, "parent": item.parent_key},
                )
            )
        if item.kind == Element.Kind.REPEAT and _inside_repeat(item, by_key):
            found.append(
                Problem(
                    item.key,
                    "parent",
                    _("A repeatable group cannot be placed inside another repeatable group."),
                )
            )
        if item.or_other and item.kind in Element.WITH_CHOICES:
            other = f"{item.key}{OTHER_SUFFIX}"
            if other in by_key:
                found.append(
                    Problem(
                        item.key,
                        "or_other",
                        _(
                            "The key “%(other)s” is taken: it holds the text of "
                            "“%(key)s”'s “other, specify”."
                        )
                        % {"other": other, "key": item.key},
                    )
                )
        if item.kind in Element.WITH_CHOICES:
            if not item.list_name:
                found.append(
                    Problem(item.key, "choice_list", _("A choice question needs a choice list."))
                )
            elif item.list_name not in lists:
                found.append(
                    Problem(
                        item.key,
                        "choice_list",
                        _("The choice list “%(name)s” does not exist.") % {"name": item.list_name},
                    )
                )
        if item.kind == Element.Kind.CALCULATE and not item.calculation.strip():
            found.append(
                Problem(item.key, "calculation", _("A calculated value needs a calculation."))
            )
        if item.repeat_max is not None and item.kind != Element.Kind.REPEAT:
            found.append(
                Problem(
                    item.key,
                    "repeat_max",
                    _("Only a repeatable group has a maximum number of rows."),
                )
            )
        expressions = (
            ("relevant", item.relevant),
            ("constraint", item.constraint),
            ("calculation", item.calculation),
        )
        for name, text in expressions:
            if not text.strip():
                continue
            node = _parsed(item, name, text, found)
            if node is None:
                continue
            if name != "constraint" and uses_current(node):
                found.append(
                    Problem(
                        item.key,
                        name,
                        _("“.” (the answer being checked) is only meaningful in a constraint."),
                    )
                )
            _check_references(item, name, references(node), by_key, found)
            if name == "calculation" and item.kind == Element.Kind.CALCULATE:
                calculated[item.key] = references(node)
        if item.choice_filter.strip():
            if item.kind not in Element.WITH_CHOICES:
                found.append(
                    Problem(
                        item.key,
                        "choice_filter",
                        _("Only a choice question can filter its choices."),
                    )
                )
            node = _parsed(item, "choice_filter", item.choice_filter, found, choice=True)
            if node is not None and item.kind in Element.WITH_CHOICES:
                _check_references(item, "choice_filter", references(node), by_key, found)
                known = lists.get(item.list_name, set()) | {"name"}
                for column in sorted(columns(node) - known):
                    found.append(
                        Problem(
                            item.key,
                            "choice_filter",
                            _("The choices of “%(list)s” have no column “%(column)s”.")
                            % {"list": item.list_name, "column": column},
                        )
                    )
    for key in sorted(_calculation_cycles(calculated)):
        found.append(
            Problem(key, "calculation", _("This calculation depends on itself, in a loop."))
        )
    return found


def _inside_repeat(item: Item, by_key: dict[str, Item]) -> bool:
    seen: set[str] = set()
    parent = by_key.get(item.parent_key) if item.parent_key else None
    while parent is not None and parent.key not in seen:
        if parent.kind == Element.Kind.REPEAT:
            return True
        seen.add(parent.key)
        parent = by_key.get(parent.parent_key) if parent.parent_key else None
    return False


def _check_references(
    item: Item, name: str, names: set[str], by_key: dict[str, Item], found: list[Problem]
) -> None:
    for reference in sorted(names):
        target = by_key.get(reference)
        if target is None:
            found.append(
                Problem(
                    item.key,
                    name,
                    _("${%(name)s} refers to no question of this questionnaire.")
                    % {"name": reference},
                )
            )
        elif target.kind in (Element.Kind.GROUP, Element.Kind.NOTE):
            found.append(
                Problem(
                    item.key,
                    name,
                    _("${%(name)s} is a section or a note, which has no answer.")
                    % {"name": reference},
                )
            )


def version_items(*, version: QuestionnaireVersion) -> tuple[list[Item], dict[str, set[str]]]:
    """The rows and lists ``problems`` reads, of a saved version (three queries)."""
    elements = list(
        version.elements.select_related("parent", "choice_list").order_by("position", "pk")
    )
    items = [
        Item(
            key=element.key,
            kind=element.kind,
            parent_key=element.parent.key if element.parent else "",
            relevant=element.relevant,
            constraint=element.constraint,
            calculation=element.calculation,
            choice_filter=element.choice_filter,
            list_name=element.choice_list.name if element.choice_list else "",
            repeat_max=element.repeat_max,
            or_other=element.or_other,
        )
        for element in tree_order(elements)
    ]
    lists: dict[str, set[str]] = {}
    for choice_list in version.choice_lists.prefetch_related("choices"):
        keys: set[str] = set()
        for choice in choice_list.choices.all():
            keys.update(choice.filters)
        lists[choice_list.name] = keys
    return items, lists


def tree_order(elements: list[Element]) -> list[Element]:
    """Elements depth first, each level by position: the order respondents meet them."""
    children: dict[int | None, list[Element]] = {}
    for element in elements:
        children.setdefault(element.parent_id, []).append(element)
    ordered: list[Element] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        element = stack.pop()
        ordered.append(element)
        stack.extend(reversed(children.get(element.pk, [])))
    return ordered


def version_problems(*, version: QuestionnaireVersion) -> list[Problem]:
    items, lists = version_items(version=version)
    return problems(items=items, lists=lists)
