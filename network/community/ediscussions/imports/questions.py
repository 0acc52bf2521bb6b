"""Which question an archived message answers, from its headings or, without any, its subject:
the import's rule, below."""

import re

from ...services.inbound import subject_clean
from ..headings import (
    NUMBER_PATTERN,
    QUESTION_PATTERN,
    WEEK_PATTERN,
    QuestionRef,
    heading_marks,
    question_named,
    text_folded,
)

__all__ = ["QuestionRef", "question_from_subject", "question_from_text"]

# The rule: headings are read as the e-discussions read them everywhere (``headings``: what a
# heading looks like, ``heading_marks``; which question it names, ``question_named``). The
# message answers a question when every heading names that same one. With no heading, its
# subject is read with the same words, anywhere in it. Anything else goes to the tray.

_SUBJECT_WEEK = re.compile(rf"\b(?:{WEEK_PATTERN}){NUMBER_PATTERN.format(name='n')}")
_SUBJECT_QUESTION = re.compile(rf"\b(?:{QUESTION_PATTERN}){NUMBER_PATTERN.format(name='n')}")


Named = tuple[int | None, str, dict]


def _named_one(named: list[Named], *, found: str) -> Named:
    for number, reason, values in named:
        if number is None:
            return None, reason, values
    numbers = sorted({number for number, _reason, _values in named})
    if len(numbers) > 1:
        return None, "several", {"numbers": numbers}
    return numbers[0], found, {"n": numbers[0]}


def question_from_text(text: str, refs: list[QuestionRef]) -> tuple[int | None, str, dict]:
    """The question the headings of ``text`` name (see the rule above): (its number, "heading",
    values), or (None, why, values); "no_heading" when there is none."""
    named = [
        question_named(week=mark.week, question=mark.question, refs=refs)
        for mark in heading_marks(text)
    ]
    if not named:
        return None, "no_heading", {}
    return _named_one(named, found="heading")


def question_from_subject(subject: str, refs: list[QuestionRef]) -> tuple[int | None, str, dict]:
    """The question a subject ("Re: Question 2 ...", "Semana 2 - Pregunta 3") names."""
    subject = text_folded(subject_clean(subject))
    weeks = {int(match.group("n")) for match in _SUBJECT_WEEK.finditer(subject)}
    questions = {int(match.group("n")) for match in _SUBJECT_QUESTION.finditer(subject)}
    if not weeks and not questions:
        return None, "no_question", {}
    if len(weeks) > 1 or len(questions) > 1:
        named = [question_named(week=None, question=number, refs=refs) for number in questions]
        named += [question_named(week=number, question=None, refs=refs) for number in weeks]
        return _named_one(named, found="subject")
    week = next(iter(weeks), None)
    question = next(iter(questions), None)
    return _named_one([question_named(week=week, question=question, refs=refs)], found="subject")
