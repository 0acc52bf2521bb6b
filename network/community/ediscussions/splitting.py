"""Where a long contribution could be cut: the split form's first guess, which the facilitator
then edits. Pure text in, text out (no database), so that it is cheap to test.

People answering several questions in one message mark them with headings such as "Week 2:",
"Semana 3", "Question 1", "Pregunta 4 -", "**Pergunta 2**" or "## Question 3". Each part
starts at such a line and runs to the next; what comes before the first heading (a greeting)
stays with the first part and the signature with the last, so that nothing is dropped. Which
question a heading names is not guessed here: the facilitator chooses it for each part.

What a heading looks like is decided in one place, ``headings.heading_marks`` (the inbound
mail's routing and the archive import read the same marks).
"""

from itertools import pairwise

from .headings import heading_marks

# What may follow a heading on its line without being an answer ("Question 1:", "Q2 -").
_SEPARATORS = " \t:.-\u2013\u2014)*_"


def _headings(text: str) -> list[tuple[int, int]]:
    """Each heading of ``text`` as (where its line starts, where the heading ends), in order."""
    return [(text.rfind("\n", 0, mark.start) + 1, mark.end) for mark in heading_marks(text)]


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _has_body(text: str, begin: int, end: int, headings: list[tuple[int, int]]) -> bool:
    """Whether ``text[begin:end]`` holds words besides its headings: a line that is no
    heading, or a heading followed by an answer on its line ("Question 1: we meet monthly").
    "Week 2" directly followed by "Question 3" holds none."""
    heading_lines = {}
    for start, stop in headings:
        if begin <= start < end:
            heading_lines[start] = text[stop : _line_end(text, start)].strip(_SEPARATORS)
    position = begin
    while position < end:
        line_end = min(_line_end(text, position), end)
        if position in heading_lines:
            if heading_lines[position]:
                return True
        elif text[position:line_end].strip():
            return True
        position = line_end + 1
    return False


def suggest_parts(text: str) -> list[str]:
    """``text`` cut before each heading line, in order. One part (the whole text) when it has
    fewer than two headings; a heading directly followed by another ("Week 2" then "Question
    3") stays with the part that follows."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    headings = _headings(text)
    if len(headings) < 2:
        return [text.strip()] if text.strip() else []
    cuts = [headings[0][0]]
    for start, _stop in headings[1:]:
        if _has_body(text, cuts[-1], start, headings):
            cuts.append(start)
    cuts[0] = 0  # the greeting stays with the first part
    bounds = [*cuts, len(text)]
    parts = [text[begin:end].strip() for begin, end in pairwise(bounds)]
    return [part for part in parts if part]
