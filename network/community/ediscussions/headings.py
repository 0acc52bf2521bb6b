"""Headings that name the question a contribution answers.

People answer a week's email in one message with headings: "Question 2:", "Q2", "Pregunta 2",
"Questão 2", "Pergunta 2", or "Week 2", "Semana 3:", "Semaine 2 -" (a week names its question
when it has only one). A heading is a line that starts (after spaces, Markdown's ``#``, ``*``,
``_`` or a bullet) with one of those words and a number, followed by the end of the line or a
separator (``:``, ``.``, ``)``, a dash): "Semana 3 fue difícil" is a sentence, not a heading.
Case and accents do not matter ("QUESTAO 2", "semáine 2"); "nº", "n°", "no." or "#" may stand
before the number ("Pregunta nº 2").

``heading_marks`` reads the text alone; ``headings_find`` names the questions (the published
ones of one e-discussion); ``heading_question`` is the routing rule for an email to a week's
address: one question named, by one heading or several naming the same one, and no heading that
names nothing known. The inbound mail, the facilitator's tray (splitting a contribution at its
headings) and the archive import share these functions.
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from .models import EDiscussion, Question

QUESTION_WORDS = ("question", "pregunta", "questao", "pergunta", "q")
WEEK_WORDS = ("week", "semana", "semaine")

_HEADING = re.compile(
    r"^[ \t]*(?:[#*_•·\-\u2013\u2014][ \t]*)*"
    r"(?P<word>question|pregunta|questao|pergunta|week|semana|semaine|q\.?)"
    r"[ \t]*(?:(?:no|nr|n)[ \t]*[.°º]?[ \t]*|#[ \t]*)?"
    r"(?P<number>\d{1,3})(?!\d)"
    r"[ \t]*[*_]*[ \t]*"
    r"(?::|\.(?!\d)|\)|-|\u2013|\u2014|(?=\r?$))"
    r"[*_ \t]*",
    re.MULTILINE,
)


class HeadingMark(NamedTuple):
    """A heading as written: ``kind`` "question" or "week", its number, and where it stands in
    the text (``text[start:end]`` is the heading, its separator included)."""

    kind: str
    number: int
    start: int
    end: int


class Heading(NamedTuple):
    """A heading naming ``question``; ``text[start:end]`` is the heading itself, so the part of
    the text answering it runs from ``end`` to the next heading's ``start``."""

    question: Question
    start: int
    end: int


def _folded(text: str) -> str:
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
    for match in _HEADING.finditer(_folded(text or "")):
        word = match.group("word").rstrip(".")
        kind = "week" if word in WEEK_WORDS else "question"
        start = match.start("word")
        # The heading starts at its line's first visible character (a "**" or "#" included).
        line_start = match.start()
        while line_start < start and text[line_start] in " \t":
            line_start += 1
        marks.append(HeadingMark(kind, int(match.group("number")), line_start, match.end()))
    return marks


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
    by_week: dict[int, list[Question]] = {}
    for question in questions:
        by_week.setdefault(question.week.number, []).append(question)
    resolved = []
    for mark in marks:
        if mark.kind == "question":
            resolved.append((mark, by_number.get(mark.number)))
        else:
            week_questions = by_week.get(mark.number, [])
            resolved.append((mark, week_questions[0] if len(week_questions) == 1 else None))
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
