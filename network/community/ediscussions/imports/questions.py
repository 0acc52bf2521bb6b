"""Which question an archived message answers, from its headings or, without any, its subject:
the import's rule, below."""

import re
from dataclasses import dataclass

from ...services.inbound import subject_clean


@dataclass(frozen=True)
class QuestionRef:
    """A question as the assignment rule sees it: its number across the e-discussion and its
    week's (from the questions file in a dry run, from the database otherwise)."""

    number: int
    week: int


# The rule: a heading is a line that starts (after Markdown's "#", "*", "_" or a bullet) with
# "Question", "Pregunta", "Questão", "Pergunta" or "Q" and a number, or "Week", "Semana",
# "Semaine" and a number (then perhaps a question: "Semana 2 - Pregunta 3"), followed by the end
# of the line or a separator (":", ".", ")", a dash). Each names one question: a question's
# number names it (numbered across the e-discussion; with a week, "Week 2, Question 1" where
# question 1 is not in week 2 counts within the week); a week alone names its only question. The
# message answers that question when every heading names the same one. With no heading, its
# subject is read the same way, anywhere in it. Anything else goes to the tray.

# Possessive runs ("*+"): a line of spaces or asterisks is read once, never backtracked over.
_NUMBER = r"[ \t]*+(?:n[º°o]?\.?[ \t]*+|#[ \t]*+)?(?P<{name}>\d{{1,3}})(?!\d)"
_GAP = r"[ \t*_]*+"  # spaces and Markdown emphasis
_WEEK_WORDS = r"week|semana|semaine"
_QUESTION_WORDS = r"question|pregunta|quest[ãa]o|pergunta|q\.?"
_HEADING = re.compile(
    r"^[ \t]*+(?:[#*_•·\-\u2013\u2014][ \t]*+)*+"
    rf"(?:(?:{_WEEK_WORDS}){_NUMBER.format(name='week')}"
    rf"(?:{_GAP}[,:.\-\u2013\u2014/|]?{_GAP}(?:{_QUESTION_WORDS})"
    rf"{_NUMBER.format(name='week_question')})?"
    rf"|(?:{_QUESTION_WORDS}){_NUMBER.format(name='question')})"
    rf"{_GAP}(?::|\.(?!\d)|\)|-|\u2013|\u2014|$)",
    re.IGNORECASE | re.MULTILINE,
)
_SUBJECT_WEEK = re.compile(rf"\b(?:{_WEEK_WORDS}){_NUMBER.format(name='n')}", re.IGNORECASE)
_SUBJECT_QUESTION = re.compile(rf"\b(?:{_QUESTION_WORDS}){_NUMBER.format(name='n')}", re.IGNORECASE)


def _question_named(
    *, week: int | None, question: int | None, refs: list[QuestionRef]
) -> tuple[int | None, str, dict]:
    """The question a heading names, or None with the reason."""
    by_number = {ref.number: ref for ref in refs}
    in_week = sorted(ref.number for ref in refs if ref.week == week)
    if question is not None and week is not None:
        if question in by_number and by_number[question].week == week:
            return question, "", {}
        if 1 <= question <= len(in_week):
            return in_week[question - 1], "", {}  # counted within the week
        return None, "unknown_question", {"n": question}
    if question is not None:
        if question in by_number:
            return question, "", {}
        return None, "unknown_question", {"n": question}
    if len(in_week) == 1:
        return in_week[0], "", {}
    return None, "unclear_week", {"n": week}


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
    named = []
    for match in _HEADING.finditer(text):
        week = match.group("week")
        question = match.group("week_question") or match.group("question")
        named.append(
            _question_named(
                week=int(week) if week else None,
                question=int(question) if question else None,
                refs=refs,
            )
        )
    if not named:
        return None, "no_heading", {}
    return _named_one(named, found="heading")


def question_from_subject(subject: str, refs: list[QuestionRef]) -> tuple[int | None, str, dict]:
    """The question a subject ("Re: Question 2 ...", "Semana 2 - Pregunta 3") names."""
    subject = subject_clean(subject)
    weeks = {int(match.group("n")) for match in _SUBJECT_WEEK.finditer(subject)}
    questions = {int(match.group("n")) for match in _SUBJECT_QUESTION.finditer(subject)}
    if not weeks and not questions:
        return None, "no_question", {}
    if len(weeks) > 1 or len(questions) > 1:
        named = [_question_named(week=None, question=number, refs=refs) for number in questions]
        named += [_question_named(week=number, question=None, refs=refs) for number in weeks]
        return _named_one(named, found="subject")
    week = next(iter(weeks), None)
    question = next(iter(questions), None)
    return _named_one([_question_named(week=week, question=question, refs=refs)], found="subject")
