"""A questionnaire version as the answering pages use it: its elements in a tree, their choices,
and every expression parsed once, when the version is loaded (``version_structure``).

Pages (*sections*) are the top-level sections (``GROUP``) in order; the top-level elements
outside any section form one leading page, keyed ``LEADING_SECTION`` (a digit: XLSForm names
start with a letter or an underscore, so no element's key can be it).
"""

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..expressions import ExpressionError, Node, parse, references
from ..models import Choice, ChoiceList, Element, QuestionnaireVersion
from .choice_filters import choice_filter_parse

LEADING_SECTION = "0"
# XLSForm's "or_other" adds this choice; its text is stored under "<key>_other".
OTHER = "other"

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class Item:
    """One element with its place in the tree and its parsed expressions."""

    element: Element
    parent: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    relevant: Node | None = None
    constraint: Node | None = None
    calculation: Node | None = None
    choice_filter: Node | None = None
    choices: list[Choice] = field(default_factory=list)
    # The nearest enclosing repeatable group: its rows hold this element's answers.
    repeat: "Item | None" = None

    @property
    def key(self) -> str:
        return self.element.key

    @property
    def kind(self) -> str:
        return self.element.kind

    @property
    def answered(self) -> bool:
        return self.kind not in Element.UNANSWERED

    def walk(self) -> Iterable["Item"]:
        """This item and everything under it, in order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False)
class Section:
    key: str
    # The section's own element; None for the leading page.
    item: Item | None
    items: list[Item]
    number: int = 0

    def walk(self) -> Iterable[Item]:
        for item in self.items:
            yield from item.walk()


@dataclass(eq=False)
class VersionStructure:
    version: QuestionnaireVersion
    roots: list[Item]
    by_key: dict[str, Item]
    sections: list[Section]
    # Calculations in an order where each comes after those it refers to.
    calculations: list[Item]
    # Expressions stored in the version that do not parse (the editor refuses them; a version
    # imported or edited elsewhere may still hold one): skipped, and listed here.
    broken: list[tuple[str, str, str]] = field(default_factory=list)

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)

    def items(self) -> Iterable[Item]:
        for root in self.roots:
            yield from root.walk()


@functools.lru_cache(maxsize=4096)
def _tree(text: str, *, choice_filter: bool) -> Node:
    """The tree of ``text``, parsed once per process: a version is loaded by every answering
    request, and the same expressions come back in every version that copies them. Trees are
    immutable, so they can be shared; a text that does not parse raises each time (an
    exception is not cached), its message in the language of the moment."""
    return choice_filter_parse(text) if choice_filter else parse(text)


def _parsed(element: Element, attribute: str, broken: list) -> Node | None:
    text = getattr(element, attribute).strip()
    if not text:
        return None
    try:
        return _tree(text, choice_filter=attribute == "choice_filter")
    except ExpressionError as error:
        broken.append((element.key, attribute, error.message))
        logger.warning("Questionnaire element %s: %s does not parse", element.pk, attribute)
        return None


def _calculation_order(calculations: list[Item]) -> list[Item]:
    """Depth-first topological order; a cycle (refused by the editor) keeps document order."""
    by_key = {item.key: item for item in calculations}
    ordered: list[Item] = []
    state: dict[str, int] = {}

    def visit(item: Item) -> None:
        if state.get(item.key) == 2:
            return
        if state.get(item.key) == 1:  # a cycle: stop here
            return
        state[item.key] = 1
        for name in sorted(references(item.calculation)) if item.calculation else ():
            if name in by_key:
                visit(by_key[name])
        state[item.key] = 2
        ordered.append(item)

    for item in calculations:
        visit(item)
    return ordered


def version_structure(
    *,
    version: QuestionnaireVersion,
    elements: Iterable[Element],
    choice_lists: Iterable[ChoiceList],
) -> VersionStructure:
    """The tree of ``version``'s ``elements`` (all of them, any order) with their choices (each
    list's ``choices`` prefetched); no query."""
    broken: list[tuple[str, str, str]] = []
    choices_of = {
        choice_list.pk: sorted(choice_list.choices.all(), key=lambda c: (c.position, c.pk))
        for choice_list in choice_lists
    }
    items = {}
    for element in sorted(elements, key=lambda e: (e.position, e.pk)):
        items[element.pk] = Item(
            element=element,
            relevant=_parsed(element, "relevant", broken),
            constraint=_parsed(element, "constraint", broken),
            calculation=_parsed(element, "calculation", broken)
            if element.kind == Element.Kind.CALCULATE
            else None,
            choice_filter=_parsed(element, "choice_filter", broken),
            choices=choices_of.get(element.choice_list_id, []),
        )
    roots: list[Item] = []
    for item in items.values():
        parent = items.get(item.element.parent_id)
        if parent is None:
            roots.append(item)
        else:
            item.parent = parent
            parent.children.append(item)

    def set_repeat(item: Item, repeat: Item | None) -> None:
        item.repeat = repeat
        inner = item if item.kind == Element.Kind.REPEAT else repeat
        for child in item.children:
            set_repeat(child, inner)

    for root in roots:
        set_repeat(root, None)

    sections: list[Section] = []
    leading = [root for root in roots if root.kind != Element.Kind.GROUP]
    if leading:
        sections.append(Section(key=LEADING_SECTION, item=None, items=leading))
    sections.extend(
        Section(key=root.key, item=root, items=root.children)
        for root in roots
        if root.kind == Element.Kind.GROUP
    )
    for number, section in enumerate(sections, start=1):
        section.number = number
    by_key = {item.key: item for item in items.values()}
    calculations = [
        item for item in items.values() if item.kind == Element.Kind.CALCULATE and item.calculation
    ]
    return VersionStructure(
        version=version,
        roots=roots,
        by_key=by_key,
        sections=sections,
        calculations=_calculation_order(calculations),
        broken=broken,
    )
