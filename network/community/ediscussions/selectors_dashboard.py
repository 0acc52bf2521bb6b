"""Reads for the facilitator's dashboard, tray and exports of one e-discussion.

Every figure is counted by the database (``values().annotate(Count)``), a fixed number of
queries whatever the number of contributions. What counts: the contributions whose post is
published, with those waiting for approval counted beside them ("held"); not the removed ones,
nor the originals of split contributions (their parts count instead). Who may read these is
decided by the views (``EDISCUSSION_FACILITATE``): these functions take the e-discussion.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from network.countries import country_name

from ..models import LANGUAGE_CHOICES, LANGUAGE_CODES, Post
from .models import Contribution, EDiscussion, Participant, Question, Week

COUNTED_STATES = (Post.State.PUBLISHED, Post.State.HELD)
_COUNTS = {
    "published": Count("pk", filter=Q(post__state=Post.State.PUBLISHED)),
    "held": Count("pk", filter=Q(post__state=Post.State.HELD)),
}
EXPORT_BATCH = 500
# The dashboard lists the people who contributed most; the whole list is one click away.
CONTRIBUTORS_SHOWN = 20


@dataclass
class Tally:
    """One row of a table of counts: what it counts (``label``), its published and held
    contributions, and ``width``, its published count as a share of the table's largest (0 to
    100), for the bar beside the figure."""

    key: object
    label: str
    published: int = 0
    held: int = 0
    width: int = 0


@dataclass
class QuestionTally(Tally):
    question: Question | None = None


@dataclass
class Contributor(Tally):
    organisation: str = ""
    country: str = ""
    organisation_type: str = ""


@dataclass
class Dashboard:
    weeks: list[Week]
    published: int
    held: int
    unassigned: int
    participants: int
    invited: int
    facilitators: int
    per_week: list[Tally]
    per_question: list[QuestionTally]
    per_language: list[Tally]
    per_country: list[Tally]
    per_organisation_type: list[Tally]
    new_participants: list[Tally]
    unanswered: list[QuestionTally]
    contributors_count: int = 0
    contributors: list[Contributor] = field(default_factory=list)


def _with_widths(rows: list) -> list:
    largest = max((row.published for row in rows), default=0)
    for row in rows:
        row.width = round(100 * row.published / largest) if largest else 0
    return rows


def text_in(obj, field_name: str, *, language: str) -> str:
    """``<field_name>_<language>`` of a question or week, else its first translation that has
    text (without the query ``translated()`` makes for the e-discussion's language)."""
    for code in (language, *LANGUAGE_CODES):
        text = getattr(obj, f"{field_name}_{code}", "")
        if text:
            return text
    return ""


def question_text(question: Question, *, language: str) -> str:
    """The question in ``language``, else in the first language it has."""
    return text_in(question, "text", language=language)


def ediscussion_questions(*, ediscussion: EDiscussion) -> list[Question]:
    """Every question of the e-discussion, published or not, in order (one query)."""
    return list(
        Question.objects.filter(week__ediscussion=ediscussion)
        .select_related("week", "topic")
        .order_by("week__number", "number")
    )


def questions_published(*, ediscussion: EDiscussion) -> list[Question]:
    """The questions a contribution may be given to: those published (with their topic)."""
    return [
        question
        for question in ediscussion_questions(ediscussion=ediscussion)
        if question.topic_id is not None
    ]


def contributions_counted(
    *, ediscussion: EDiscussion, week: int | None = None, language: str = ""
) -> QuerySet[Contribution]:
    """The contributions the dashboard counts, optionally of one week (of the question they
    answer) or in one language."""
    rows = Contribution.objects.filter(
        ediscussion=ediscussion, is_split=False, post__state__in=COUNTED_STATES
    )
    if week:
        rows = rows.filter(week_number=week)
    if language:
        rows = rows.filter(post__language=language)
    return rows


def _tallies(rows: QuerySet[Contribution], *fields: str) -> dict[tuple, tuple[int, int]]:
    """(published, held) counted by the database for each combination of ``fields``."""
    return {
        tuple(row[name] for name in fields): (row["published"], row["held"])
        for row in rows.values(*fields).annotate(**_COUNTS).order_by(*fields)
    }


def _summed(tallies: dict[tuple, tuple[int, int]], position: int) -> dict:
    """The counts of ``tallies`` added up by one of the fields they were counted by."""
    sums: dict = {}
    for key, (published, held) in tallies.items():
        before = sums.get(key[position], (0, 0))
        sums[key[position]] = (before[0] + published, before[1] + held)
    return sums


def _tally_rows(counts: dict, labels: dict) -> list[Tally]:
    rows = [
        Tally(key=key, label=str(labels.get(key, key)), published=published, held=held)
        for key, (published, held) in counts.items()
    ]
    rows.sort(key=lambda row: (-row.published, -row.held, row.label))
    return _with_widths(rows)


def _participants(*, ediscussion: EDiscussion, weeks: list[Week]) -> tuple[dict, list[Tally]]:
    """The participants' totals and how many joined in each week (from its opening to the next
    week's), in one query."""
    aggregates = {
        "joined": Count("pk", filter=Q(joined_at__isnull=False)),
        "invited": Count("pk", filter=Q(invited_at__isnull=False, joined_at__isnull=True)),
        "facilitators": Count("pk", filter=Q(role=Participant.Role.FACILITATOR)),
    }
    ordered = sorted(weeks, key=lambda week: (week.opens_at, week.number))
    if ordered:
        aggregates["before"] = Count("pk", filter=Q(joined_at__lt=ordered[0].opens_at))
    for index, week in enumerate(ordered):
        during = Q(joined_at__gte=week.opens_at)
        if index + 1 < len(ordered):
            during &= Q(joined_at__lt=ordered[index + 1].opens_at)
        aggregates[f"week_{week.number}"] = Count("pk", filter=during)
    totals = Participant.objects.filter(ediscussion=ediscussion).aggregate(**aggregates)
    rows = []
    if totals.get("before"):
        rows.append(Tally(key=0, label=_("Before week 1"), published=totals["before"]))
    for week in sorted(weeks, key=lambda week: week.number):
        rows.append(
            Tally(
                key=week.number,
                label=_("Week %(n)d") % {"n": week.number},
                published=totals[f"week_{week.number}"],
            )
        )
    return totals, _with_widths(rows)


def _contributors(
    rows: QuerySet[Contribution], *, limit: int | None
) -> tuple[int, list[Contributor]]:
    """How many people contributed, and the ``limit`` who contributed most (every one when
    None) with their counts: counted by participant in one query, the names of those shown
    read in a second."""
    counted = list(
        rows.values_list("participant_id")
        .annotate(**_COUNTS)
        .order_by("-published", "-held", "participant_id")
    )
    shown = counted if limit is None else counted[:limit]
    people = {
        participant.pk: participant
        for participant in Participant.objects.filter(
            pk__in=[pk for pk, _published, _held in shown if pk is not None]
        ).select_related("user")
    }
    organisation_types = dict(Participant.OrganisationType.choices)
    contributors = []
    for participant_id, published, held in shown:
        participant = people.get(participant_id)
        if participant is None:
            contributors.append(
                Contributor(key=None, label=_("Deleted account"), published=published, held=held)
            )
            continue
        user = participant.user
        contributors.append(
            Contributor(
                key=participant_id,
                label=user.get_full_name() or user.handle or "—",
                published=published,
                held=held,
                organisation=participant.organisation,
                country=country_name(participant.country) if participant.country else "",
                organisation_type=str(organisation_types.get(participant.organisation_type, "")),
            )
        )
    return len(counted), _with_widths(contributors)


def ediscussion_weeks(*, ediscussion: EDiscussion) -> list[Week]:
    return list(Week.objects.filter(ediscussion=ediscussion).order_by("number"))


def dashboard_figures(
    *,
    ediscussion: EDiscussion,
    week: int | None = None,
    language: str = "",
    weeks: list[Week] | None = None,
    contributors: int | None = CONTRIBUTORS_SHOWN,
) -> Dashboard:
    """Every figure of the facilitator's dashboard, optionally for one week or one language
    (the participants' figures are the e-discussion's whatever the filter), with the
    ``contributors`` who contributed most (every one when None), in six queries (five when
    ``weeks``, the e-discussion's, are given): the database counts the contributions for each
    combination of week, question, language, country and type of organisation in one (never
    more rows than contributions, usually a few hundred), added up here by each of them, and
    per contributor in another."""
    questions = ediscussion_questions(ediscussion=ediscussion)
    if weeks is None:
        weeks = ediscussion_weeks(ediscussion=ediscussion)
    rows = contributions_counted(ediscussion=ediscussion, week=week, language=language)

    # One count per combination, added up below by each of the five.
    counted = _tallies(
        rows, "week_number", "question_id", "post__language", "country", "organisation_type"
    )
    by_week = _summed(counted, 0)
    week_labels = {
        number: _("Week %(n)d") % {"n": number} for number in by_week if number is not None
    }
    week_labels[None] = _("No question yet")
    per_week = [
        Tally(key=key, label=str(week_labels[key]), published=published, held=held)
        for key, (published, held) in sorted(
            by_week.items(), key=lambda item: (item[0] is None, item[0] or 0)
        )
    ]
    _with_widths(per_week)

    by_question = _summed(counted, 1)
    language_shown = ediscussion.default_language
    per_question = []
    for question in questions:
        if week and question.week.number != week:
            continue
        published, held = by_question.get(question.pk, (0, 0))
        per_question.append(
            QuestionTally(
                key=question.pk,
                label=question_text(question, language=language_shown),
                published=published,
                held=held,
                question=question,
            )
        )
    unassigned = sum(by_question.get(None, (0, 0)))
    if None in by_question:
        published, held = by_question[None]
        per_question.append(
            QuestionTally(
                key=None, label=_("Unassigned contributions"), published=published, held=held
            )
        )
    _with_widths(per_question)
    unanswered = [
        row
        for row in per_question
        if row.question is not None and row.question.topic_id is not None and not row.published
    ]

    per_language = _tally_rows(_summed(counted, 2), dict(LANGUAGE_CHOICES))
    countries = _summed(counted, 3)
    per_country = _tally_rows(
        countries,
        {code: country_name(code) if code else _("Country not given") for code in countries},
    )
    per_organisation_type = _tally_rows(
        _summed(counted, 4), dict(Participant.OrganisationType.choices)
    )
    totals, new_participants = _participants(ediscussion=ediscussion, weeks=weeks)
    contributors_count, contributors_shown = _contributors(rows, limit=contributors)
    return Dashboard(
        weeks=weeks,
        published=sum(row.published for row in per_week),
        held=sum(row.held for row in per_week),
        unassigned=unassigned,
        participants=totals["joined"],
        invited=totals["invited"],
        facilitators=totals["facilitators"],
        per_week=per_week,
        per_question=per_question,
        per_language=per_language,
        per_country=per_country,
        per_organisation_type=per_organisation_type,
        new_participants=new_participants,
        unanswered=unanswered,
        contributors_count=contributors_count,
        contributors=contributors_shown,
    )


# -- The tray and one contribution --------------------------------------------------------------


def tray_contributions(*, ediscussion: EDiscussion) -> QuerySet[Contribution]:
    """The contributions not yet given to a question (the tray), oldest first: published or
    waiting for approval, not removed, not split."""
    return (
        Contribution.objects.filter(
            ediscussion=ediscussion,
            question__isnull=True,
            is_split=False,
            post__state__in=COUNTED_STATES,
        )
        .select_related("post__author", "participant")
        .order_by("created_at", "post_id")
    )


def contribution_of(*, ediscussion: EDiscussion, post_id: int) -> Contribution | None:
    """One contribution of the e-discussion by its post, with what the split page shows."""
    return (
        Contribution.objects.filter(ediscussion=ediscussion, post_id=post_id)
        .select_related(
            "post__topic", "post__author", "question__week", "participant", "split_from__post"
        )
        .first()
    )


def contribution_parts(*, contribution: Contribution) -> list[Contribution]:
    """The parts a split contribution became, in the order of their questions."""
    return list(
        contribution.parts.select_related("post", "question").order_by(
            "question__number", "post_id"
        )
    )


# -- Exports ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportedContribution:
    """One contribution as the exports write it (plain values: thousands are read at once)."""

    post_id: int
    week_number: int | None
    question: Question | None
    author: str
    organisation: str
    on_behalf_name: str
    on_behalf_position: str
    on_behalf_organisation: str
    on_behalf_country: str
    country: str
    organisation_type: str
    language: str
    created_at: datetime
    state: str
    is_split: bool
    source: str
    html: str


_EXPORTED_FIELDS = (
    "post_id",
    "week_number",
    "question_id",
    "is_split",
    "on_behalf_name",
    "on_behalf_position",
    "on_behalf_organisation",
    "on_behalf_country",
    "country",
    "organisation_type",
    "participant__organisation",
    "post__author_id",
    "post__author__first_name",
    "post__author__last_name",
    "post__author__handle",
    "post__language",
    "post__created_at",
    "post__state",
    "post__source",
)


def contributions_exported_count(*, ediscussion: EDiscussion, week: int | None = None) -> int:
    """How many contributions the document of ``week`` (or of everything) holds."""
    rows = Contribution.objects.filter(
        ediscussion=ediscussion, is_split=False, post__state__in=COUNTED_STATES
    )
    return rows.filter(week_number=week).count() if week else rows.count()


def contributions_exported(
    *, ediscussion: EDiscussion, week: int | None = None, with_html: bool = False
) -> Iterator[ExportedContribution]:
    """Every contribution of the e-discussion (optionally of one week), by week, question and
    date, read in batches of ``EXPORT_BATCH`` rows so that memory stays flat however many
    there are: published ones, those waiting for approval and the originals of split ones
    (``is_split``), not those removed by a moderator. Unassigned ones come last. The rendered
    HTML is read only ``with_html``."""
    questions = {
        question.pk: question for question in ediscussion_questions(ediscussion=ediscussion)
    }
    fields = (*_EXPORTED_FIELDS, "post__html") if with_html else _EXPORTED_FIELDS
    rows = (
        Contribution.objects.filter(ediscussion=ediscussion)
        .filter(Q(post__state__in=COUNTED_STATES) | Q(is_split=True))
        .order_by(
            F("week_number").asc(nulls_last=True),
            F("question__number").asc(nulls_last=True),
            "created_at",
            "post_id",
        )
        .values(*fields)
    )
    if week:
        rows = rows.filter(week_number=week)
    deleted = _("Deleted account")
    for row in rows.iterator(chunk_size=EXPORT_BATCH):
        if row["post__author_id"] is None:
            author = deleted
        else:
            name = f"{row['post__author__first_name']} {row['post__author__last_name']}"
            author = name.strip() or row["post__author__handle"]
        yield ExportedContribution(
            post_id=row["post_id"],
            week_number=row["week_number"],
            question=questions.get(row["question_id"]),
            author=author,
            organisation=row["participant__organisation"] or "",
            on_behalf_name=row["on_behalf_name"],
            on_behalf_position=row["on_behalf_position"],
            on_behalf_organisation=row["on_behalf_organisation"],
            on_behalf_country=row["on_behalf_country"],
            country=row["country"],
            organisation_type=row["organisation_type"],
            language=row["post__language"],
            created_at=row["post__created_at"],
            state=row["post__state"],
            is_split=row["is_split"],
            source=row["post__source"],
            html=row.get("post__html", ""),
        )
