"""Reads of the consolidated summary: the contributions its draft quotes (one query), the
summary of an e-discussion, the endorsements the facilitator reads, and who is told when it is
shared or published.

What a reader may see of the forum is decided by ``community.visibility`` only: the draft
quotes the posts the facilitator can list (published, in a listed topic of a readable
category), so a held or hidden contribution is never quoted.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from network.models import User
from network.visibility import visible_pages

from ..models import Category, Post
from ..visibility import Visitor, category_readers_q, ediscussions_readable, posts_listed_q
from .models import Contribution, EDiscussion, Endorsement, Participant, Question, Summary


@dataclass(frozen=True)
class QuotedContribution:
    """One contribution as the draft quotes it. ``author_name`` is the name the forum shows
    (``author_id`` is None for a former member, whose account is gone); ``organisation`` and
    ``country`` are those it was written for (the organisation it speaks for, else its
    author's)."""

    post_id: int
    source: str
    language: str
    author_id: int | None
    author_name: str
    organisation: str
    country: str
    created_at: datetime
    week_number: int
    question_id: int


def summary_contributions(*, ediscussion: EDiscussion, user: Visitor) -> list[QuotedContribution]:
    """The contributions to ``ediscussion``'s questions that ``user`` may list (published posts
    of listed topics: ``visibility.posts_listed_q``), an original split into parts counting
    through its parts only, ordered by week, question, date. One query, whatever their number
    (rows, not model instances: thousands are read at once)."""
    rows = (
        Contribution.objects.filter(ediscussion=ediscussion, question__isnull=False, is_split=False)
        .filter(posts_listed_q(user=user, prefix="post__"))
        .order_by("question__week__number", "question__number", "created_at", "post_id")
        .values_list(
            "post_id",
            "post__source",
            "post__language",
            "post__author_id",
            "post__author__first_name",
            "post__author__last_name",
            "on_behalf_organisation",
            "participant__organisation",
            "on_behalf_country",
            "country",
            "created_at",
            "question__week__number",
            "question_id",
        )
    )
    quoted = []
    for (
        post_id,
        source,
        language,
        author_id,
        first_name,
        last_name,
        on_behalf_organisation,
        organisation,
        on_behalf_country,
        country,
        created_at,
        week_number,
        question_id,
    ) in rows:
        quoted.append(
            QuotedContribution(
                post_id=post_id,
                source=source,
                language=language,
                author_id=author_id,
                # The name the forum shows (``User.get_full_name``).
                author_name=(
                    User(first_name=first_name, last_name=last_name).get_full_name()
                    if author_id
                    else ""
                ),
                organisation=on_behalf_organisation or organisation or "",
                country=on_behalf_country or country,
                created_at=created_at,
                week_number=week_number,
                question_id=question_id,
            )
        )
    return quoted


def summary_questions(*, ediscussion: EDiscussion) -> list[Question]:
    """The e-discussion's published questions (those with a topic), with their weeks, in
    order: the headings of the draft (one query)."""
    return list(
        Question.objects.filter(week__ediscussion=ediscussion, topic__isnull=False)
        .select_related("week__ediscussion")
        .order_by("week__number", "number")
    )


def summary_ediscussion(*, user: Visitor, slug: str) -> EDiscussion | None:
    """The e-discussion at ``slug`` when ``user`` may read it (``visibility``), with its
    category."""
    return ediscussions_readable(user=user).select_related("category").filter(slug=slug).first()


def summary_ediscussion_for_members(*, slug: str) -> bool:
    """Is there a scheduled members' e-discussion at ``slug`` (an anonymous visitor is asked to
    sign in rather than told it does not exist)?"""
    return EDiscussion.objects.filter(
        slug=slug, is_scheduled=True, category__access=Category.Access.MEMBERS
    ).exists()


def summary_of(*, ediscussion: EDiscussion) -> Summary | None:
    """The e-discussion's summary, if a draft was ever generated."""
    return Summary.objects.filter(ediscussion=ediscussion).first()


def summary_published(*, ediscussion: EDiscussion) -> Summary | None:
    """The e-discussion's summary once published, else None."""
    return Summary.objects.filter(ediscussion=ediscussion, state=Summary.State.PUBLISHED).first()


def summary_text(*, summary: Summary, language: str) -> tuple[str, str]:
    """(language, sanitised HTML) of the summary for a reader of ``language``: its translation
    when there is one, else the facilitator's text."""
    translated = (summary.translations or {}).get(language)
    if language != summary.language and isinstance(translated, dict) and translated.get("html"):
        return language, translated["html"]
    return summary.language, summary.body_html


def summary_resource(*, summary: Summary, user: Visitor = None, language: str = ""):
    """The library resource the published summary became, with its document, in ``language``
    when it has that translation, when ``user`` may see it (``network.visibility``); None
    once it is withdrawn, or for a summary not published."""
    if summary.resource_id is None:
        return None
    resources = Summary._meta.get_field("resource").related_model.objects.select_related(
        "document", "locale"
    )
    source = visible_pages(resources.filter(pk=summary.resource_id), user=user).first()
    if source is None or not language or source.locale.language_code == language:
        return source
    translated = resources.filter(
        translation_key=source.translation_key, locale__language_code=language
    )
    return visible_pages(translated, user=user).first() or source


@dataclass(frozen=True)
class EndorsementRow:
    """An answer to the shared summary, as the facilitator reads it."""

    name: str
    organisation: str
    country: str
    endorsed: bool
    comment: str
    updated_at: datetime


def summary_endorsements(*, summary: Summary) -> list[EndorsementRow]:
    """Every participant's answer, endorsements first, then the most recent (two queries)."""
    facts = {
        user_id: (organisation, country)
        for user_id, organisation, country in Participant.objects.filter(
            ediscussion_id=summary.ediscussion_id
        ).values_list("user_id", "organisation", "country")
    }
    rows = []
    for endorsement in (
        Endorsement.objects.filter(summary=summary)
        .select_related("user")
        .order_by("-endorsed", "-updated_at", "pk")
    ):
        user = endorsement.user
        organisation, country = facts.get(user.pk, ("", ""))
        rows.append(
            EndorsementRow(
                name=user.get_full_name() or user.handle or "",
                organisation=organisation,
                country=country,
                endorsed=endorsement.endorsed,
                comment=endorsement.comment,
                updated_at=endorsement.updated_at,
            )
        )
    return rows


def endorsement_of(*, summary: Summary, user: Visitor) -> Endorsement | None:
    """``user``'s own answer to the summary, if they gave one."""
    if user is None or not user.is_authenticated:
        return None
    return Endorsement.objects.filter(summary=summary, user=user).first()


def endorsement_counts(*, summary: Summary) -> tuple[int, int]:
    """(endorsements, comments) given so far."""
    answers = Endorsement.objects.filter(summary=summary)
    return (
        answers.filter(endorsed=True).count(),
        answers.exclude(comment="").count(),
    )


def is_participant(*, ediscussion: EDiscussion, user: Visitor) -> bool:
    """Does ``user`` take part in ``ediscussion`` (as a participant or a facilitator)?"""
    if user is None or not user.is_authenticated:
        return False
    return Participant.objects.filter(ediscussion=ediscussion, user=user).exists()


def summary_readers_to_tell(*, summary: Summary, exclude: User | None = None) -> QuerySet[User]:
    """The participants to tell that the summary is shared for endorsement: every participant
    who may still read the e-discussion, ordered by id."""
    ediscussion = summary.ediscussion
    people = User.objects.filter(
        Exists(Participant.objects.filter(ediscussion=ediscussion, user=OuterRef("pk")))
    ).filter(category_readers_q(category=ediscussion.category))
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people.only("id", "email", "is_active", "preferred_language").order_by("pk")


def summary_took_part(*, summary: Summary, exclude: User | None = None) -> QuerySet[User]:
    """Everyone who took part, told when the summary is published: the authors of a published
    contribution, and those who endorsed or commented on it; who may still read the
    e-discussion, ordered by id."""
    ediscussion = summary.ediscussion
    contributed = Contribution.objects.filter(
        ediscussion=ediscussion,
        post__author=OuterRef("pk"),
        post__state=Post.State.PUBLISHED,
    )
    answered = Endorsement.objects.filter(summary=summary, user=OuterRef("pk"))
    people = User.objects.filter(Q(Exists(contributed)) | Q(Exists(answered))).filter(
        category_readers_q(category=ediscussion.category)
    )
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people.only("id", "email", "is_active", "preferred_language").order_by("pk")
