"""Reads of the review of answers: the review list of an assessment (filtered, counted per
state), a response's comments and revisions, what the authority is asked to correct, and a
response's answers as a reviewer sees them. Which responses and which answers a person sees is
``visibility``'s answer, never decided here."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from network.countries import countries_sorted
from network.models import User

from .answering import AnswersSummary, Evaluation, Item, TextView, rows_of, text_view
from .models import (
    AnswerFile,
    AnswerRevision,
    Assessment,
    Element,
    ResearcherScope,
    Response,
    ReviewComment,
)
from .visibility import responses_visible

ReviewState = Response.ReviewState
Kind = Element.Kind


def review_responses(
    *, user: User, assessment: Assessment, state: str = "", country: str = ""
) -> QuerySet[Response]:
    """``assessment``'s responses ``user`` may see (``visibility.responses_visible``), filtered
    by review state and country (empty: all), by country, authority and id."""
    responses = (
        responses_visible(user=user, assessment=assessment)
        .select_related("local_authority", "invitation")
        .order_by("local_authority__country", "local_authority__name", "pk")
    )
    if state:
        responses = responses.filter(review_state=state)
    if country:
        responses = responses.filter(local_authority__country=country)
    return responses


def review_counts(*, user: User, assessment: Assessment) -> list[tuple[str, str, int]]:
    """(state, label, how many) of the responses ``user`` may see, for every review state."""
    found = dict(
        responses_visible(user=user, assessment=assessment)
        .values_list("review_state")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return [(code, label, found.get(code, 0)) for code, label in ReviewState.choices]


def review_countries(*, user: User, assessment: Assessment) -> list[tuple[str, str]]:
    """(code, name) of the countries of the responses ``user`` may see, sorted by name."""
    codes = set(
        responses_visible(user=user, assessment=assessment).values_list(
            "local_authority__country", flat=True
        )
    )
    return countries_sorted(codes)


def review_comments(*, response: Response) -> list[ReviewComment]:
    return list(response.review_comments.select_related("author").order_by("created_at", "pk"))


def answer_revisions(*, response: Response) -> list[AnswerRevision]:
    return list(response.revisions.select_related("changed_by").order_by("changed_at", "pk"))


def issues_for_authority(*, response: Response | None) -> list[ReviewComment]:
    """The comments that gave ``response`` back with "has issues" since it was last submitted:
    what its authority is asked to correct."""
    if response is None or response.review_state != ReviewState.HAS_ISSUES:
        return []
    comments = response.review_comments.filter(state=ReviewState.HAS_ISSUES)
    if response.submitted_at is not None:
        comments = comments.filter(created_at__gte=response.submitted_at)
    return list(comments.order_by("created_at", "pk"))


# -- A response's answers, as a reviewer sees them ----------------------------------------------


@dataclass
class ReviewedAnswer:
    """One answer on the review page: its question, what it says (or that it is hidden), and
    where to correct it."""

    label: TextView
    key: str
    values: list[TextView] = field(default_factory=list)
    hidden: bool = False
    answer_file: AnswerFile | None = None
    file_url: str = ""
    correct_url: str = ""
    rows: list[list["ReviewedAnswer"]] | None = None


@dataclass
class ReviewedSection:
    label: TextView
    answers: list[ReviewedAnswer]


def reviewed_sections(
    *,
    evaluation: Evaluation,
    language: str,
    hidden: set[str],
    files: dict[int, AnswerFile],
    file_url: Callable[[int], str],
    correct_url: Callable[[Item, int | None], str] | None,
    first_label: str,
) -> list[ReviewedSection]:
    """The answers that apply, by section, in ``language``: those of the ``hidden`` keys (the
    sensitive questions the reader may not see) marked hidden, without their value; each with
    its correction address when ``correct_url`` gives one."""
    version = evaluation.structure.version
    summary = AnswersSummary(
        evaluation=evaluation, version=version, language=language, files=files, file_url=file_url
    )

    def answers(items: list[Item], row: dict | None, index: int | None) -> list[ReviewedAnswer]:
        found = []
        for item in items:
            if item.kind == Kind.NOTE or not evaluation.is_relevant(item, row):
                continue
            if item.kind == Kind.GROUP:
                found.extend(answers(item.children, row, index))
                continue
            answer = ReviewedAnswer(
                label=text_view(version.text(item.element.label, language=language)),
                key=item.key,
                hidden=item.key in hidden,
            )
            if item.kind == Kind.REPEAT:
                if not answer.hidden:
                    answer.rows = [
                        answers(item.children, each, number)
                        for number, each in enumerate(rows_of(evaluation.data, item))
                    ]
                found.append(answer)
                continue
            if not answer.hidden:
                holder = evaluation.data if row is None else row
                value = holder.get(item.key)
                if item.kind == Kind.FILE and isinstance(value, int) and value in files:
                    answer.answer_file, answer.file_url = files[value], file_url(value)
                else:
                    answer.values = summary.texts(item, holder)
                if correct_url is not None and item.kind not in (Kind.FILE, Kind.CALCULATE):
                    answer.correct_url = correct_url(item, index)
            found.append(answer)
        return found

    sections = []
    for section in evaluation.relevant_sections():
        if section.item is None:
            label = TextView(first_label, language, False)
        else:
            label = text_view(version.text(section.item.element.label, language=language))
        sections.append(ReviewedSection(label, answers(section.items, None, None)))
    return sections


def researchers_with_countries(*, assessment: Assessment) -> list[tuple[User, list[str]]]:
    """``assessment``'s researchers, each with the countries they are limited to (empty: all),
    by name; two queries."""
    scopes = dict(
        ResearcherScope.objects.filter(assessment=assessment).values_list("user_id", "countries")
    )
    researchers = assessment.researchers.order_by("first_name", "last_name", "email", "pk")
    return [(user, list(scopes.get(user.pk, []))) for user in researchers]
