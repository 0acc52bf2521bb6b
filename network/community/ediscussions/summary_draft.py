"""The draft of an e-discussion's consolidated summary, written for its facilitator.

It never invents a word: each published contribution is quoted by an excerpt of its own text
(its Markdown source read as plain text, first sentences up to ``EXCERPT_LENGTH`` characters,
cut on a word), with its author as the forum shows them, its organisation, its country and the
absolute address of the contribution, grouped by week and question, then by country and
language. Headings are in the facilitator's language (the e-discussion's ``default_language``).

Two queries whatever the number of contributions; each contribution's text is read only as far
as its excerpt needs (``contribution_plain_text(at_least=...)``).
"""

import re
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from markdown_it import MarkdownIt

from network.countries import country_name, country_sort_key
from network.models import User

from ..links import post_path_maker
from . import selectors_summary as selectors
from .models import EDiscussion, Question

EXCERPT_LENGTH = 300
# Whole sentences are kept unless they leave less than this: then the text is cut on a word.
EXCERPT_SHORTEST = 100


# -- A contribution's words -------------------------------------------------------------------


# The posts' Markdown (``markdown.PARSER``) without turning bare addresses into links, which
# changes no word of the text and is the slowest rule.
_TEXT_PARSER = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
    ["table", "strikethrough"]
)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# What a block may take from further down the text: a fence spanning blank lines, a link
# defined later ("[text][name]" ... "[name]: https://...").
_LONG_RANGE = re.compile(r"^ {0,3}(```|~~~|\[[^\]\n]+\]:)", re.MULTILINE)


def _words(source: str) -> str:
    pieces: list[str] = []
    for token in _TEXT_PARSER.parse(source):
        if token.type in {"code_block", "fence"}:
            pieces.append(token.content)
        elif token.type == "inline":
            for child in token.children or []:
                if child.type in {"text", "code_inline", "image"}:
                    pieces.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    pieces.append(" ")
        pieces.append(" ")
    return " ".join("".join(pieces).split())


def contribution_plain_text(*, source: str, at_least: int | None = None) -> str:
    """The words of a post's Markdown ``source`` as a reader sees them, on one line: its text,
    link texts, images' alternative texts and code, without any Markdown syntax.

    With ``at_least``, only as many of its opening blocks (separated by blank lines) as give
    more than ``at_least`` characters, when the rest cannot change them: the beginning of the
    whole text, read without parsing a long contribution to its end."""
    if at_least is None or _LONG_RANGE.search(source):
        return _words(source)
    blocks = _BLANK_LINES.split(source)
    taken = 1
    while True:
        text = _words("\n\n".join(blocks[:taken]))
        if len(text) > at_least or taken >= len(blocks):
            return text
        taken += 1


@dataclass(frozen=True)
class Excerpt:
    """The beginning of a contribution's plain text; ``cut`` when the text goes on."""

    text: str
    cut: bool


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def contribution_excerpt(*, text: str, limit: int = EXCERPT_LENGTH) -> Excerpt:
    """The first sentences of ``text`` (plain text on one line) up to ``limit`` characters;
    when they would be too short, its first ``limit`` characters cut after a whole word."""
    if len(text) <= limit:
        return Excerpt(text=text, cut=False)
    kept = ""
    for found in _SENTENCE_END.finditer(text):
        if found.start() > limit:
            break
        kept = text[: found.start()]
    if len(kept) < EXCERPT_SHORTEST:
        kept = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        kept = kept.rstrip(" ,;:-\u2013\u2014")
    return Excerpt(text=kept, cut=True)


# Characters that Markdown would read as syntax in a quoted text (CommonMark lets any ASCII
# punctuation be escaped with a backslash; these are the ones that change what is shown).
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<~])|&(?=#|[A-Za-z0-9]+;)")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")


def markdown_escape(text: str) -> str:
    """``text`` (one line) as Markdown that shows exactly ``text``: emphasis, code, links,
    autolinks, entities and strikethrough marks, and what would start a heading, a list or a
    quotation, escaped."""
    escaped = _MARKDOWN_INLINE.sub(lambda found: "\\" + found.group(0), text)
    return _MARKDOWN_LINE_START.sub(
        lambda found: found.group(1) + found.group(2)[:-1] + "\\" + found.group(2)[-1], escaped
    )


# -- The draft ---------------------------------------------------------------------------------


def _heading(level: int, text: str) -> str:
    # A "#" closing the line would be read as the end of the heading's marks.
    return "#" * level + " " + markdown_escape(" ".join(text.split())).replace("#", "\\#") + "\n"


class _DraftWriter:
    """Writes the draft in the active language. The labels of countries, languages and
    permalinks are worked out once per draft, not once per contribution."""

    def __init__(self):
        self.post_link = post_path_maker(absolute=lambda path: f"{settings.SITE_URL}{path}")
        self.languages = {code: str(name) for code, name in settings.LANGUAGES}
        self.countries: dict[str, str] = {}
        self.a_member, self.a_former_member = _("A member"), _("A former member")

    def country(self, code: str) -> str:
        if code not in self.countries:
            self.countries[code] = country_name(code) if code else ""
        return self.countries[code]

    def group(self, quoted: selectors.QuotedContribution) -> tuple:
        """The contribution's group, as it sorts: countries by name (those without one last),
        then languages by name."""
        country = self.country(quoted.country)
        language = self.languages.get(quoted.language, quoted.language)
        return (country == "", country_sort_key(country), language)

    def quote(self, quoted: selectors.QuotedContribution) -> str:
        """The contribution's excerpt as a quotation, with who wrote it, for whom, where, and
        its link."""
        text = contribution_plain_text(source=quoted.source, at_least=EXCERPT_LENGTH)
        excerpt = contribution_excerpt(text=text)
        text = markdown_escape(excerpt.text) + (" …" if excerpt.cut else "")
        name = quoted.author_name or self.a_member
        if quoted.author_id is None:
            name = self.a_former_member
        address = self.post_link(quoted.post_id)
        attribution = f"[{markdown_escape(name)}]({address})"
        for part in (quoted.organisation, self.country(quoted.country)):
            if part:
                attribution += f" · {markdown_escape(part)}"
        return f"> {text}\n>\n> — {attribution}\n"

    def introduction(self, quoted: list[selectors.QuotedContribution]) -> list[str]:
        count = len(quoted)
        contributions = ngettext("%(count)d contribution", "%(count)d contributions", count) % {
            "count": count
        }
        authors = len({item.author_id for item in quoted})
        participants = ngettext("%(count)d participant", "%(count)d participants", authors) % {
            "count": authors
        }
        return [
            _("This draft quotes %(contributions)s from %(participants)s.")
            % {"contributions": contributions, "participants": participants},
            "",
            _(
                "Each quotation is the beginning of a contribution, linked to it. Write your "
                "synthesis around them, shorten them or remove them."
            ),
            "",
        ]

    def question(self, question: Question, items: list[selectors.QuotedContribution]) -> list:
        text = _("Question %(n)d: %(text)s") % {"n": question.number, "text": question.text}
        lines = [_heading(2, text)]
        if not items:
            return [*lines, _("No contribution to this question."), ""]
        for (_last, (_folded, country), language), group in groupby(
            sorted(items, key=self.group), key=self.group
        ):
            country = country or _("Country not given")
            lines.append(_heading(3, f"{country} · {language}"))
            lines += [self.quote(item) for item in group]
        return lines


def summary_draft_markdown(*, ediscussion: EDiscussion, user: User) -> str:
    """The draft's Markdown in the facilitator's language: per week and question (every
    published question, in order), the contributions ``user`` may read grouped by country and
    language (``_DraftWriter.group``), each quoted by an excerpt with its author,
    organisation, country and link, oldest first. Two queries, whatever the number of
    contributions."""
    quoted = selectors.summary_contributions(ediscussion=ediscussion, user=user)
    questions = selectors.summary_questions(ediscussion=ediscussion)
    by_question: dict[int, list[selectors.QuotedContribution]] = {}
    for item in quoted:
        by_question.setdefault(item.question_id, []).append(item)
    with translation.override(ediscussion.default_language):
        writer = _DraftWriter()
        lines = writer.introduction(quoted)
        # Model instances are equal by primary key: one group per week.
        for week, week_questions in groupby(questions, key=lambda question: question.week):
            title = week.translated("title")
            heading = _("Week %(n)d") % {"n": week.number}
            lines.append(_heading(1, f"{heading}: {title}" if title else heading))
            for question in week_questions:
                lines += writer.question(question, by_question.get(question.pk, []))
    return "\n".join(lines).rstrip() + "\n"
