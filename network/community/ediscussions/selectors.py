"""Reading e-discussions: the list a reader may read (running, upcoming, past), an e-discussion's
home (its schedule with the questions as published, this week's, the counts), a question's
contributions page by page, the participants by country and organisation, and what the
facilitator's editor shows (missing translations, members to invite). Who reads what is the
forum's rule (``visibility.ediscussions_readable_q``, ``topic_is_readable``); nothing here
decides it again.

A contribution counts when it is published, given to a question and not the original of a
split (its parts count instead); a participant counts once they joined or contributed.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation

from network.countries import country_name, country_sort_key
from network.inputs import text_clean, text_fold
from network.models import User

from ..models import LANGUAGE_CODES, Category, Post, PostAttachment, Reaction, Topic
from ..selectors.reading import paginate, topic_posts, translated_text
from ..visibility import Visitor, ediscussions_readable, facilitates
from .models import Contribution, EDiscussion, Participant, Question, Week

SHOWN_CONTRIBUTIONS = Q(
    question__isnull=False,
    is_split=False,
    post__state=Post.State.PUBLISHED,
    post__topic__is_hidden=False,
)
TAKING_PART = Q(joined_at__isnull=False)
MEMBERS_MATCHING_LIMIT = 20


def _signed_in(user: Visitor) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# -- Addresses ----------------------------------------------------------------------------------


def ediscussion_url(ediscussion: EDiscussion) -> str:
    return reverse("community:ediscussion", kwargs={"slug": ediscussion.slug})


def question_url(question: Question, *, page: int | None = None, post_number: int = 0) -> str:
    """The question's page (``page`` as the forum topic numbers its pages), at a post's anchor
    when ``post_number`` is given."""
    url = reverse(
        "community:ediscussion_question",
        kwargs={"slug": question.week.ediscussion.slug, "number": question.number},
    )
    if page and page > 1:
        url = f"{url}?page={page}"
    if post_number:
        url = f"{url}#post-{post_number}"
    return url


def question_of(topic: Topic) -> Question | None:
    """The question whose contributions ``topic`` holds, with its week and e-discussion (None
    for other topics). A query only for topics of an e-discussion's category: the forum's own
    topics are told apart by their category, which ``reading.topic_for_reading`` joined with
    its e-discussion."""
    ediscussion = topic.category.owning_ediscussion
    if ediscussion is None:
        return None
    question = Question.objects.filter(topic_id=topic.pk).select_related("week").first()
    if question is not None:
        question.week.ediscussion = ediscussion
    return question


def ediscussion_of(category: Category) -> EDiscussion | None:
    """The e-discussion owning ``category`` (None for the forum's own categories)."""
    return category.owning_ediscussion


# -- Translated texts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Translated:
    """A text in the reader's language, or in another one (``fallback``) it is written in."""

    text: str
    language: str
    fallback: bool


def reader_language() -> str:
    """The active language's code (``pt`` for ``pt-br``)."""
    return (translation.get_language() or "en").split("-")[0]


def translated(obj, field_name: str) -> Translated:
    """``obj``'s ``field_name`` in the reader's language, else in the forum's order of
    fallbacks (``reading.translated_text``), marked as a fallback then."""
    text, written_in = translated_text(obj, field_name)
    return Translated(
        text=text, language=written_in, fallback=bool(text) and written_in != reader_language()
    )


def missing_languages(obj, field_name: str, *, languages: list[str]) -> list[str]:
    """The codes of ``languages`` in which ``obj`` has no ``field_name`` yet."""
    return [code for code in languages if not getattr(obj, f"{field_name}_{code}", "")]


def languages_expected(ediscussion: EDiscussion) -> list[str]:
    """The languages the facilitator expects (the facilitator's own always among them), in the
    forum's order."""
    chosen = {*ediscussion.languages, ediscussion.default_language}
    return [code for code in LANGUAGE_CODES if code in chosen]


# -- The list -----------------------------------------------------------------------------------


def _counted(ediscussions: QuerySet[EDiscussion]) -> QuerySet[EDiscussion]:
    """Adds ``contribution_total`` and ``participant_total`` (the module's rules), counted in
    subqueries of the one query."""
    contributions = (
        Contribution.objects.filter(SHOWN_CONTRIBUTIONS, ediscussion=OuterRef("pk"))
        .order_by()
        .values("ediscussion")
        .annotate(total=Count("pk"))
        .values("total")
    )
    participants = (
        Participant.objects.filter(TAKING_PART, ediscussion=OuterRef("pk"))
        .order_by()
        .values("ediscussion")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return ediscussions.annotate(
        contribution_total=Coalesce(Subquery(contributions, output_field=IntegerField()), Value(0)),
        participant_total=Coalesce(Subquery(participants, output_field=IntegerField()), Value(0)),
    )


@dataclass
class EDiscussionList:
    running: list[EDiscussion] = field(default_factory=list)
    upcoming: list[EDiscussion] = field(default_factory=list)
    past: list[EDiscussion] = field(default_factory=list)
    drafts: list[EDiscussion] = field(default_factory=list)


def state_of(ediscussion: EDiscussion, *, now: datetime | None = None) -> str:
    """``draft`` (not scheduled), ``upcoming``, ``running`` or ``past``."""
    now = now or timezone.now()
    if not ediscussion.is_scheduled:
        return "draft"
    if ediscussion.closed_at is not None or ediscussion.ends_at <= now:
        return "past"
    if ediscussion.starts_at > now:
        return "upcoming"
    return "running"


def ediscussions_for_list(*, user: Visitor) -> EDiscussionList:
    """The e-discussions ``user`` may read with their counts, in one query: running ones
    (closing soonest first), upcoming ones (opening soonest first), past ones (latest first)
    and, for their facilitators, those not scheduled yet."""
    rows = (
        _counted(ediscussions_readable(user=user))
        .select_related("category")
        .order_by("-starts_at", "slug")
    )
    now = timezone.now()
    listed = EDiscussionList()
    groups = {
        "draft": listed.drafts,
        "upcoming": listed.upcoming,
        "running": listed.running,
        "past": listed.past,
    }
    for ediscussion in rows:
        groups[state_of(ediscussion, now=now)].append(ediscussion)
    listed.running.sort(key=lambda ediscussion: (ediscussion.ends_at, ediscussion.slug))
    listed.upcoming.sort(key=lambda ediscussion: (ediscussion.starts_at, ediscussion.slug))
    return listed


# -- An e-discussion ----------------------------------------------------------------------------


def ediscussion_readable(*, user: Visitor, slug: str) -> EDiscussion | None:
    """The e-discussion at ``slug`` if ``user`` may read it, with its category."""
    return ediscussions_readable(user=user).select_related("category").filter(slug=slug).first()


def ediscussion_for_members(*, slug: str) -> bool:
    """Is there a scheduled e-discussion at ``slug`` that members read (no secret: an
    anonymous visitor there is asked to sign in, as at a members' category)?"""
    return EDiscussion.objects.filter(
        slug=slug, is_scheduled=True, category__access=Category.Access.MEMBERS
    ).exists()


def ediscussion_any(*, slug: str) -> EDiscussion | None:
    """The e-discussion at ``slug`` whoever may read it (the editor decides with
    ``EDISCUSSION_FACILITATE`` and ``facilitates``)."""
    return EDiscussion.objects.select_related("category").filter(slug=slug).first()


def participant_of(*, user: Visitor, ediscussion: EDiscussion) -> Participant | None:
    if not _signed_in(user):
        return None
    return Participant.objects.filter(ediscussion=ediscussion, user=user).first()


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    text: Translated
    url: str
    contribution_total: int


@dataclass(frozen=True)
class WeekRow:
    week: Week
    title: Translated
    published: bool
    current: bool
    questions: list[QuestionRow]


@dataclass(frozen=True)
class Home:
    weeks: list[WeekRow]
    current: WeekRow | None
    contribution_total: int
    participant_total: int


def _weeks(ediscussion: EDiscussion) -> list[Week]:
    """The weeks with their questions (two queries), each knowing its e-discussion."""
    weeks = list(
        Week.objects.filter(ediscussion=ediscussion)
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("number")))
        .order_by("number")
    )
    for week in weeks:
        week.ediscussion = ediscussion
    return weeks


def ediscussion_home(*, ediscussion: EDiscussion) -> Home:
    """The schedule as readers see it: every week with its theme and time, the questions of
    the published weeks (each with its contributions), the current week (the latest published
    while the e-discussion runs) and the totals. Four queries."""
    weeks = _weeks(ediscussion)
    per_question = dict(
        Contribution.objects.filter(SHOWN_CONTRIBUTIONS, ediscussion=ediscussion)
        .order_by()
        .values("question")
        .annotate(total=Count("pk"))
        .values_list("question", "total")
    )
    published = [week for week in weeks if week.published_at is not None]
    current_week = published[-1] if published and state_of(ediscussion) == "running" else None
    rows = []
    for week in weeks:
        questions = []
        if week.published_at is not None:
            questions = [
                QuestionRow(
                    question=question,
                    text=translated(question, "text"),
                    url=question_url(question),
                    contribution_total=per_question.get(question.pk, 0),
                )
                for question in week.questions.all()
                if question.topic_id is not None
            ]
        rows.append(
            WeekRow(
                week=week,
                title=translated(week, "title"),
                published=week.published_at is not None,
                current=week is current_week,
                questions=questions,
            )
        )
    return Home(
        weeks=rows,
        current=next((row for row in rows if row.current), None),
        contribution_total=sum(per_question.values()),
        participant_total=Participant.objects.filter(TAKING_PART, ediscussion=ediscussion).count(),
    )


# -- A question ---------------------------------------------------------------------------------


def question_published(*, ediscussion: EDiscussion, number: int) -> Question | None:
    """Question ``number`` of ``ediscussion`` once published (its topic exists), with its week
    and topic (and the topic's category)."""
    question = (
        Question.objects.filter(week__ediscussion=ediscussion, number=number, topic__isnull=False)
        .select_related("week", "topic__category", "topic__author")
        .first()
    )
    if question is not None:
        question.week.ediscussion = ediscussion
    return question


def contributions_page(
    *, user: Visitor, topic: Topic, moderator: bool, per_page: int, page: str | int | None
) -> Page:
    """The page ``page`` of the question topic's posts as the forum's topic page numbers them
    (``reading.topic_posts``: the same pages, so that the forum's addresses and #post-N anchors
    lead here), each post with its author, its contribution and the contribution's
    participant, its attachments and ``reply_to_number``."""
    posts = (
        topic_posts(user=user, topic=topic, moderator=moderator)
        .select_related("author", "contribution__participant")
        .defer("source")
        .annotate(reply_to_number=F("reply_to__number"))
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=PostAttachment.objects.only(
                    "id", "post_id", "name", "kind", "size", "content_type"
                ),
            )
        )
    )
    if _signed_in(user):
        posts = posts.annotate(
            found_helpful=Exists(Reaction.objects.filter(post=OuterRef("pk"), user=user))
        )
    return paginate(posts, per_page=per_page, page=page)


def contribution_of(post: Post) -> Contribution | None:
    try:
        return post.contribution
    except ObjectDoesNotExist:
        return None


# -- Participants -------------------------------------------------------------------------------


def name_shown(participant: Participant) -> bool:
    """May the participant list name this person? Only someone listed in the member directory
    who shows there what the list places them by (their organisation, their country): the
    directory's own choices (``network.services.DIRECTORY_SHOW_FIELDS``)."""
    user = participant.user
    if not (user.is_active and user.listed_in_directory):
        return False
    if participant.organisation and not user.directory_show_organisation:
        return False
    return not (participant.country and not user.directory_show_country)


@dataclass
class OrganisationGroup:
    name: str
    named: list[Participant] = field(default_factory=list)
    unnamed: int = 0


@dataclass
class CountryGroup:
    code: str
    name: str
    organisations: list[OrganisationGroup] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(group.named) + group.unnamed for group in self.organisations)


def participants_by_country(*, ediscussion: EDiscussion) -> list[CountryGroup]:
    """Who takes part (joined, contributed or facilitating), grouped by country (by name, no
    country last) then organisation, each person named only as ``name_shown`` allows and
    counted otherwise. One query."""
    rows = (
        Participant.objects.filter(
            TAKING_PART | Q(role=Participant.Role.FACILITATOR),
            ediscussion=ediscussion,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("country", "organisation", "user__last_name", "user__first_name", "pk")
    )
    countries: dict[str, CountryGroup] = {}
    for participant in rows:
        country = countries.setdefault(
            participant.country,
            CountryGroup(
                code=participant.country,
                name=country_name(participant.country) if participant.country else "",
            ),
        )
        organisations = {group.name: group for group in country.organisations}
        group = organisations.get(participant.organisation)
        if group is None:
            group = OrganisationGroup(name=participant.organisation)
            country.organisations.append(group)
        if name_shown(participant):
            group.named.append(participant)
        else:
            group.unnamed += 1
    for country in countries.values():
        country.organisations.sort(key=lambda group: (not group.name, text_fold(group.name)))
    return sorted(
        countries.values(),
        key=lambda country: (not country.code, country_sort_key(country.name)),
    )


# -- The facilitator's editor -------------------------------------------------------------------


@dataclass(frozen=True)
class EditorQuestion:
    question: Question
    text: str
    missing: list[str]


@dataclass(frozen=True)
class EditorWeek:
    week: Week
    title: str
    missing: list[str]
    questions: list[EditorQuestion]


def editor_weeks(*, ediscussion: EDiscussion) -> list[EditorWeek]:
    """Every week and question with the expected languages each still lacks (a week's theme
    only when it has one in some language). Two queries."""
    expected = languages_expected(ediscussion)
    rows = []
    for week in _weeks(ediscussion):
        titled = any(getattr(week, f"title_{code}") for code in LANGUAGE_CODES)
        rows.append(
            EditorWeek(
                week=week,
                title=week.translated("title"),
                missing=missing_languages(week, "title", languages=expected) if titled else [],
                questions=[
                    EditorQuestion(
                        question=question,
                        text=question.translated("text"),
                        missing=missing_languages(question, "text", languages=expected),
                    )
                    for question in week.questions.all()
                ],
            )
        )
    return rows


def next_question_number(*, ediscussion: EDiscussion) -> int:
    last = (
        Question.objects.filter(week__ediscussion=ediscussion)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def next_week_number(*, ediscussion: EDiscussion) -> int:
    last = (
        Week.objects.filter(ediscussion=ediscussion)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def week_get(*, ediscussion: EDiscussion, number: int) -> Week | None:
    week = Week.objects.filter(ediscussion=ediscussion, number=number).first()
    if week is not None:
        week.ediscussion = ediscussion
    return week


def question_get(*, ediscussion: EDiscussion, number: int) -> Question | None:
    question = (
        Question.objects.filter(week__ediscussion=ediscussion, number=number)
        .select_related("week")
        .first()
    )
    if question is not None:
        question.week.ediscussion = ediscussion
    return question


def editor_people(*, ediscussion: EDiscussion) -> list[Participant]:
    """Facilitators first, then the participants invited or joined, by name."""
    return list(
        Participant.objects.filter(ediscussion=ediscussion)
        .filter(
            Q(role=Participant.Role.FACILITATOR)
            | Q(invited_at__isnull=False)
            | Q(joined_at__isnull=False)
        )
        .select_related("user")
        .order_by("-role", "user__last_name", "user__first_name", "pk")
    )


def members_matching(*, query: str) -> list[User]:
    """Active members whose name or handle holds every word of ``query``, or whose email
    address is ``query`` (whole, so that the editor never lists addresses), at most
    ``MEMBERS_MATCHING_LIMIT``."""
    query = text_clean(query, max_length=100)
    if len(query) < 2:
        return []
    people = User.objects.filter(is_active=True)
    if "@" in query:
        people = people.filter(email__iexact=query)
    else:
        for word in query.split()[:5]:
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(handle__icontains=word)
            )
    return list(people.order_by("last_name", "first_name", "pk")[:MEMBERS_MATCHING_LIMIT])


def members_by_ids(*, ids: list[int]) -> list[User]:
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def facilitator_sees(*, user: Visitor, ediscussion: EDiscussion) -> bool:
    """Does the editor of ``ediscussion`` exist for ``user`` (they read it or facilitate it)?
    Whether they may use it is ``EDISCUSSION_FACILITATE``'s question."""
    return facilitates(user=user, ediscussion=ediscussion) or (
        ediscussions_readable(user=user).filter(pk=ediscussion.pk).exists()
    )
