"""Texts as pages show them: the words, their language, and whether they fell back to another
language than the respondent's (then pages mark them)."""

from dataclasses import dataclass

from ..models import LANGUAGE_CHOICES, Shown

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


@dataclass(frozen=True)
class TextView:
    """A text to show, in its language; ``fallback`` when not in the one asked for."""

    text: str
    language: str
    fallback: bool

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, self.language))


def text_view(shown: Shown) -> TextView:
    return TextView(shown.text, shown.language, shown.fallback)
