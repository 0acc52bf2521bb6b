"""The headings that name a question, in four languages (ediscussions/headings.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from network.community.ediscussions import services
from network.community.ediscussions.headings import (
    heading_marks,
    heading_question,
    headings_find,
)
from network.community.models import Question
from tests.community.ediscussion_helpers import running_ediscussion
from tests.network.conftest import coordinator  # noqa: F401


@pytest.mark.parametrize(
    ("text", "kind", "number", "heading"),
    [
        ("Question 2:\nWe coordinate.", "question", 2, "Question 2:"),
        ("Q2", "question", 2, "Q2"),
        ("q.3) Oui.", "question", 3, "q.3) "),
        ("Pregunta 2\nCoordinamos.", "question", 2, "Pregunta 2"),
        ("Pregunta nº 4: sí", "question", 4, "Pregunta nº 4: "),
        ("Questão 2 - Sim", "question", 2, "Questão 2 - "),
        ("QUESTAO 2", "question", 2, "QUESTAO 2"),
        ("Pergunta 1.", "question", 1, "Pergunta 1."),
        ("Question 3 : oui", "question", 3, "Question 3 : "),
        ("Question n° 3", "question", 3, "Question n° 3"),
        ("**Pregunta 2:** la diáspora", "question", 2, "**Pregunta 2:** "),
        ("## Question 1", "question", 1, "## Question 1"),
        ("Week 2", "week", 2, "Week 2"),
        ("Semana 3:", "week", 3, "Semana 3:"),
        ("Semaine 2 — nos villes", "week", 2, "Semaine 2 — "),
        ("semáine 2 -", "week", 2, "semáine 2 -"),
    ],
)
def test_a_heading_is_found_where_it_stands(text, kind, number, heading):
    (mark,) = heading_marks(text)
    assert (mark.kind, mark.number) == (kind, number)
    assert text[mark.start : mark.end] == heading


@pytest.mark.parametrize(
    "text",
    [
        "Semana 3 fue difícil para todos.",
        "In question 2 you ask about the diaspora.",
        "Questions 2 and 3: both.",
        "Question 1.5 is a typo",
        "> Question 1: quoted from the email",
        "Weekly 2:",
        "",
    ],
)
def test_a_sentence_is_not_a_heading(text):
    assert heading_marks(text) == []


def test_positions_count_in_the_original_text_whatever_its_accents():
    text = "Introducción.\n\nQuestão 1:\nSim.\n\n  Pergunta 2 —\nTambém."
    first, second = heading_marks(text)
    assert text[first.start : first.end] == "Questão 1:"
    assert text[second.start : second.end] == "Pergunta 2 —"
    assert text[first.end : second.start].strip() == "Sim."


@pytest.mark.django_db
def test_headings_name_published_questions_and_weeks_of_one_question(coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, weeks=1)
    week = services.week_save(
        by=coordinator,
        ediscussion=ediscussion,
        number=2,
        opens_at=timezone.now() - timedelta(hours=1),
    )
    services.question_save(by=coordinator, week=week, number=3, texts={"en": "And now?"})
    services.weeks_publish_due()
    q1, q2, q3 = Question.objects.order_by("number")

    text = "Pregunta 1: sí.\nSemana 2:\nTambién.\nWeek 1:\nNo.\nQuestion 7: ?"
    found = headings_find(text, ediscussion)
    assert [(heading.question, text[heading.start : heading.end]) for heading in found] == [
        (q1, "Pregunta 1: "),
        (q3, "Semana 2:"),
    ]
    assert heading_question("Pregunta 2\nSí.", ediscussion) == q2
    assert heading_question("Q2: yes.\n\nQuestion 2 :\nMore.", ediscussion) == q2
    assert heading_question("Semana 2:\nTambién.", ediscussion) == q3
    assert heading_question("Pregunta 1: sí.\nPregunta 2: no.", ediscussion) is None
    assert heading_question("Week 1:\nBoth.", ediscussion) is None
    assert heading_question("No heading at all.", ediscussion) is None
    assert heading_question("Question 7: not yet asked.", ediscussion) is None
    # A week and a question on one line: the question, numbered across the e-discussion or,
    # when that number is not in the week, counted within it ("Semana 2 - Pregunta 1" is q3).
    assert heading_question("Semana 1 - Pregunta 2:\nSí.", ediscussion) == q2
    assert heading_question("**Week 2, Question 1**\nYes.", ediscussion) == q3
    assert heading_question("Semaine 1 / Q5 :\nOui.", ediscussion) is None


def test_the_split_form_cuts_where_the_routing_sees_headings():
    from network.community.ediscussions.splitting import suggest_parts

    text = "Hola:\n\nSemana 1 - Pregunta 2:\nSí.\n\n  **Q3.** Also.\n\nSaludos"
    assert [mark.start for mark in heading_marks(text)] == [7, text.index("**Q3")]
    assert suggest_parts(text) == [
        "Hola:\n\nSemana 1 - Pregunta 2:\nSí.",
        "**Q3.** Also.\n\nSaludos",
    ]
