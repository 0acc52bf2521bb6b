"""Reads of the questionnaire editor: the questionnaires with their versions, a version's tree
of elements, its choice lists, comments and text fixes. Each read costs a fixed number of
queries, whatever the number of questions."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from taxonomy import terms

from .coverage import FIELD_NAMES
from .models import (
    Choice,
    ChoiceList,
    DraftComment,
    Element,
    Questionnaire,
    QuestionnaireVersion,
    TextFix,
)
from .structure import tree_order


def tag_labels(codes: list[str]) -> list[str]:
    """The translated labels of taxonomy codes (target groups or themes)."""
    labels = []
    for code in codes:
        label = terms.label(terms.TARGET_GROUPS, code)
        labels.append(label if label != code else terms.label(terms.THEMES, code))
    return labels


def questionnaires_with_versions() -> QuerySet[Questionnaire]:
    """Every questionnaire, by form identifier, each with its versions (newest first)."""
    return Questionnaire.objects.order_by("form_id").prefetch_related(
        Prefetch("versions", queryset=QuestionnaireVersion.objects.order_by("-number"))
    )


def version_get(*, pk: int) -> QuestionnaireVersion | None:
    return (
        QuestionnaireVersion.objects.select_related(
            "questionnaire", "approved_by", "based_on", "created_by"
        )
        .filter(pk=pk)
        .first()
    )


def element_get(*, pk: int) -> Element | None:
    return (
        Element.objects.select_related("version", "version__questionnaire", "choice_list")
        .filter(pk=pk)
        .first()
    )


def choice_list_get(*, pk: int) -> ChoiceList | None:
    return (
        ChoiceList.objects.select_related("version", "version__questionnaire").filter(pk=pk).first()
    )


def choice_get(*, pk: int) -> Choice | None:
    return (
        Choice.objects.select_related(
            "choice_list", "choice_list__version", "choice_list__version__questionnaire"
        )
        .filter(pk=pk)
        .first()
    )


def comment_get(*, pk: int) -> DraftComment | None:
    return DraftComment.objects.select_related("version", "element").filter(pk=pk).first()


@dataclass(frozen=True)
class TreeRow:
    """An element as the version page lists it: how deep it sits, whether it is first or last
    among its siblings (for the move buttons) and its open comments."""

    element: Element
    depth: int
    first: bool
    last: bool
    open_comments: int
    label: str
    tags: list[str]

    @property
    def has_logic(self) -> bool:
        element = self.element
        return bool(
            element.relevant or element.constraint or element.calculation or element.choice_filter
        )


def version_tree(*, version: QuestionnaireVersion) -> list[TreeRow]:
    """The version's elements in the order respondents meet them (one query)."""
    elements = list(
        version.elements.select_related("choice_list")
        .annotate(open_comments=Count("comments", filter=Q(comments__resolved_at__isnull=True)))
        .order_by("position", "pk")
    )
    depth: dict[int, int] = {}
    siblings: dict[int | None, list[int]] = {}
    for element in elements:
        siblings.setdefault(element.parent_id, []).append(element.pk)
    rows = []
    for element in tree_order(elements):
        depth[element.pk] = depth[element.parent_id] + 1 if element.parent_id else 0
        family = siblings[element.parent_id]
        rows.append(
            TreeRow(
                element=element,
                depth=depth[element.pk],
                first=family[0] == element.pk,
                last=family[-1] == element.pk,
                open_comments=element.open_comments,
                label=(element.label or {}).get(version.source_language, ""),
                tags=tag_labels(element.tags),
            )
        )
    return rows


def version_containers(*, version: QuestionnaireVersion) -> list[Element]:
    """The sections and repeatable groups an element can be placed in, in tree order."""
    return [
        element
        for element in tree_order(list(version.elements.order_by("position", "pk")))
        if element.is_container
    ]


def version_choice_lists(*, version: QuestionnaireVersion) -> list[ChoiceList]:
    """The version's choice lists by name, each with its choices and the questions using it
    (three queries)."""
    return list(
        version.choice_lists.order_by("name").prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position", "pk")),
            Prefetch("questions", queryset=Element.objects.order_by("position", "pk")),
        )
    )


@dataclass(frozen=True)
class CommentGroup:
    """The comments on one question (``element``), or on the whole version (None)."""

    element: Element | None
    comments: list[DraftComment]


def version_comments(*, version: QuestionnaireVersion, tree: list[TreeRow]) -> list[CommentGroup]:
    """Comments on the whole version, then those on each question in the tree's order, each
    group oldest first (one query)."""
    by_element: dict[int | None, list[DraftComment]] = {}
    for comment in version.comments.select_related("author", "resolved_by").order_by(
        "created_at", "pk"
    ):
        by_element.setdefault(comment.element_id, []).append(comment)
    groups = []
    if None in by_element:
        groups.append(CommentGroup(None, by_element[None]))
    for row in tree:
        if row.element.pk in by_element:
            groups.append(CommentGroup(row.element, by_element[row.element.pk]))
    return groups


def element_comments(*, element: Element) -> list[DraftComment]:
    return list(
        element.comments.select_related("author", "resolved_by").order_by("created_at", "pk")
    )


def version_text_fixes(*, version: QuestionnaireVersion) -> list[TextFix]:
    """The texts fixed since approval, newest first, each with ``field_name``, its field's
    name for people (one query)."""
    fixes = list(
        version.text_fixes.select_related(
            "element", "choice", "choice__choice_list", "changed_by"
        ).order_by("-changed_at", "-pk")
    )
    for fix in fixes:
        fix.field_name = str(FIELD_NAMES.get(fix.field, fix.field))
    return fixes
