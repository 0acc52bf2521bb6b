"""The import's rule for the question a message answers (ediscussions/imports/questions.py):
headings in four languages, a week naming its only question, per-week numbering, several
questions or an unknown one left to the facilitator; the subject when there is no heading."""

import time

import pytest

from network.community.ediscussions.imports.questions import (
    QuestionRef,
    question_from_subject,
    question_from_text,
)

# Weeks 1 and 2 have two questions each, week 3 one.
REFS = [
    QuestionRef(1, 1),
    QuestionRef(2, 1),
    QuestionRef(3, 2),
    QuestionRef(4, 2),
    QuestionRef(5, 3),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Question 2: we fund water projects.", (2, "heading")),
        ("**Pregunta 3**\nTrabajamos con la diáspora.", (3, "heading")),
        ("## Semaine 3 :\nNous passons par les radios.", (5, "heading")),
        ("- Questão 4 -\nOs parceiros foram...", (4, "heading")),
        ("Pregunta nº 1\nSí.", (1, "heading")),
        ("Q2. Yes, with the ministry.", (2, "heading")),
        ("Week 2, Question 3 - our answer", (3, "heading")),
        # Counted within the week: question 1 is in week 1, so week 2's first is question 3.
        ("Semana 2 - Pregunta 1:\nEn Quito...", (3, "heading")),
        ("Question 1:\nOne.\n\nQuestion 2:\nTwo.", (None, "several")),
        ("Question 1:\nOne.\n\nQuestion 1 (again):\nMore.", (1, "heading")),
        ("Question 9: what?", (None, "unknown_question")),
        ("Week 2:\nBoth questions at once.", (None, "unclear_week")),
        ("The question 2 was hard for us.", (None, "no_heading")),
        ("> Question 2: quoted, not a heading\n\nWe agree.", (None, "no_heading")),
        ("1. First point\n2. Second point", (None, "no_heading")),
    ],
)
def test_headings_name_a_question_only_when_clear(text, expected):
    number, reason, _values = question_from_text(text, REFS)
    assert (number, reason) == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: Question 2: coordination with the ministry", (2, "subject")),
        ("RE: [e-discussion] Semana 2 - Pregunta 3", (3, "subject")),
        ("TR: Re: Semaine 3", (5, "subject")),
        ("Re: Week 2", (None, "unclear_week")),
        ("Re: Questions 1 and 2", (None, "no_question")),
        ("Re: Question 1 and Question 2", (None, "several")),
        ("Re: Welcome to the e-discussion", (None, "no_question")),
    ],
)
def test_a_subject_names_a_question_only_when_clear(subject, expected):
    number, reason, _values = question_from_subject(subject, REFS)
    assert (number, reason) == expected


def test_a_long_line_of_spaces_or_asterisks_is_read_at_once():
    started = time.perf_counter()
    for text in ("Week 2" + " " * 50_000 + "x", "Week 2 " + "*" * 50_000, "- " * 50_000):
        assert question_from_text(text, REFS)[0] is None
    assert question_from_subject("Re: Question" + " " * 50_000, REFS)[0] is None
    assert time.perf_counter() - started < 2
