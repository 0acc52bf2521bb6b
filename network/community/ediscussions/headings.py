"""Headings that name the question a contribution answers.

People answer a week's email in one message with headings: "Question 2:", "Q2", "Pregunta 2",
"Questão 2", "Pergunta 2", or "Week 2", "Semana 3:", "Semaine 2 -" (a week names its question
when it has only one), or both: "Semana 2 - Pregunta 3". A heading is a line that starts (after
spaces, Markdown's ``#``, ``*``, ``_`` or a bullet) with one of those words and a number,
followed by the end of the line or a separator (``:``, ``.``, ``)``, a dash): "Semana 3 fue
difícil" is a sentence, not a heading.
Case and accents do not matter ("QUESTAO 2", "semáine 2"); "nº", "n°", "no." or "#" may stand
before the number ("Pregunta nº 2").

``heading_marks`` reads the text alone; ``question_named`` is which question a mark names
(pure, for the archive import's dry run too); ``headings_find`` names the questions (the published
ones of one e-discussion); ``heading_question`` is the routing rule for an email to a week's
address: one question named, by one heading or several naming the same one, and no heading that
names nothing known. The inbound mail, the facilitator's tray (splitting a contribution at its
headings) and the archive import share these functions.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .models import EDiscussion, Question

QUESTION_WORDS = ("question", "pregunta", "questao", "pergunta", "q")
WEEK_WORDS = ("week", "semana", "semaine")

# Patterns of the words (on folded text: lower case, no accents) and of a number after them
# ("2", "nº 2", "no. 2", "#2"). Possessive runs ("*+"): a long line of spaces or asterisks is
# read once, never backtracked over. The archive import reads subjects with the same words.
WEEK_PATTERN = r"week|semana|semaine"
QUESTION_PATTERN = r"question|pregunta|questao|pergunta|q\.?"
NUMBER_PATTERN = r"[ \t]*+(?:(?:no|nr|n)[ \t]*+[.°º]?[ \t]*+|#[ \t]*+)?(?P<{name}>\d{{1,3}})(?!\d)"
_GAP = r"[ \t*_]*+"  # spaces and Markdown emphasis
_HEADING = re.compile(
    r"^[ \t]*+(?:[#*_•·\-\u2013\u2014][ \t]*+)*+"
    rf"(?:(?:{WEEK_PATTERN}){NUMBER_PATTERN.format(name='week')}"
    rf"(?:{_GAP}[,:.\-\u2013\u2014/|]?{_GAP}(?:{QUESTION_PATTERN})"
    rf"{NUMBER_PATTERN.format(name='week_question')})?"
    rf"|(?:{QUESTION_PATTERN}){NUMBER_PATTERN.format(name='question')})"
    rf"{_GAP}(?::|\.(?!\d)|\)|-|\u2013|\u2014|(?=\r?$))[*_ \t]*+",
    re.MULTILINE,
)


class HeadingMark(NamedTuple):
    """A heading as written: the week it names ("Week 2"), the question ("Question 3"), or
    both ("Semana 2 - Pregunta 3"), and where it stands in the text (``text[start:end]`` is
    the heading, its separator included)."""

    week: int | None
    question: int | None
    start: int
    end: int

    @property
    def kind(self) -> str:
        return "week" if self.question is None else "question"

    @property
    def number(self) -> int:
        return self.week if self.question is None else self.question


class QuestionRef(NamedTuple):
    """A question as the rule sees it: its number across the e-discussion and its week's."""

    number: int
    week: int


class Heading(NamedTuple):
    """A heading naming ``question``; ``text[start:end]`` is the heading itself, so the part of
    the text answering it runs from ``end`` to the next heading's ``start``."""

    question: Question
    start: int
    end: int


def text_folded(text: str) -> str:
    """``text`` lower-cased without accents, of the same length (positions stay valid)."""
    folded = []
    for character in text:
        base = "".join(
            part
            for part in unicodedata.normalize("NFKD", character)
            if not unicodedata.combining(part)
        ).lower()
        folded.append(base if len(base) == 1 else character)
    return "".join(folded)


def heading_marks(text: str) -> list[HeadingMark]:
    """Every heading of ``text``, in order (no database)."""
    marks = []
    for match in _HEADING.finditer(text_folded(text or "")):
        week, question = (
            match.group("week"),
            match.group("week_question") or match.group("question"),
        )
        # The heading starts at its line's first visible character (a "**" or "#" included).
        start = match.start()
        while text[start] in " \t":
            start += 1
        marks.append(
            HeadingMark(
                int(week) if week else None,
                int(question) if question else None,
                start,
                match.end(),
            )
        )
    return marks


def question_named(
    *, week: int | None, question: int | None, refs: Sequence[QuestionRef]
) -> tuple[int | None, str, dict]:
    """The number of the question a heading (or a subject) names among ``refs``, else None
    with the reason ("unknown_question", "unclear_week"). A question's number names it
    (numbered across the e-discussion; after a week, "Week 2, Question 1" where question 1 is
    not in week 2 counts within the week); a week alone names its only question."""
    by_number = {ref.number: ref for ref in refs}
    in_week = sorted(ref.number for ref in refs if ref.week == week)
    if question is not None and week is not None:
        if question in by_number and by_number[question].week == week:
            return question, "", {}
        if 1 <= question <= len(in_week):
            return in_week[question - 1], "", {}
        return None, "unknown_question", {"n": question}
    if question is not None:
        if question in by_number:
            return question, "", {}
        return None, "unknown_question", {"n": question}
    if len(in_week) == 1:
        return in_week[0], "", {}
    return None, "unclear_week", {"n": week}


def published_questions(*, ediscussion: EDiscussion) -> list[Question]:
    """The questions of ``ediscussion`` whose week is published, with their week (one query)."""
    return list(
        Question.objects.filter(week__ediscussion=ediscussion, topic__isnull=False)
        .select_related("week")
        .order_by("number")
    )


def _resolve(
    marks: Iterable[HeadingMark], questions: list[Question]
) -> list[tuple[HeadingMark, Question | None]]:
    by_number = {question.number: question for question in questions}
    refs = [QuestionRef(question.number, question.week.number) for question in questions]
    resolved = []
    for mark in marks:
        number, _reason, _values = question_named(week=mark.week, question=mark.question, refs=refs)
        resolved.append((mark, by_number.get(number) if number is not None else None))
    return resolved


def headings_find(
    text: str, ediscussion: EDiscussion, *, questions: list[Question] | None = None
) -> list[Heading]:
    """The headings of ``text`` that name a published question of ``ediscussion``, in order,
    as ``(question, start, end)``. A heading naming no such question ("Question 9" before
    week 5 is published, "Week 2" of a week with two questions) is left out; ``heading_marks``
    has every heading. ``questions``: the e-discussion's published questions, when the caller
    has them (else one query)."""
    if questions is None:
        questions = published_questions(ediscussion=ediscussion)
    return [
        Heading(question, mark.start, mark.end)
        for mark, question in _resolve(heading_marks(text), questions)
        if question is not None
    ]


def heading_question(
    text: str, ediscussion: EDiscussion, *, questions: list[Question] | None = None
) -> Question | None:
    """The one question ``text`` answers by its headings: its headings all name that same
    question; None with no heading, with headings naming several questions, or with a heading
    that names no published question (the facilitator decides then)."""
    marks = heading_marks(text)
    if not marks:
        return None
    if questions is None:
        questions = published_questions(ediscussion=ediscussion)
    named = _resolve(marks, questions)
    if any(question is None for _mark, question in named):
        return None
    distinct = {question.pk: question for _mark, question in named}
    if len(distinct) != 1:
        return None
    return next(iter(distinct.values()))
