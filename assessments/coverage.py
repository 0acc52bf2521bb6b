"""Which strings a version still lacks in the languages it offers: the one answer that the
version page shows, the publish rule enforces and the tests read.

A string is missing in a language when it is empty there and needed: the title, the label of
every element (a calculated value has none to show), every choice's label, and a hint or a
message wherever the source language has one. The source language itself is the author's
responsibility, checked by nobody here: a translation cannot lack what the source lacks, except a
label, which every language needs.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Choice, Element, QuestionnaireVersion

# The order respondents meet the elements, as the structural check reads them.
from .structure import tree_order

# Element texts that are needed only where the source language has them.
OPTIONAL_TEXTS = ("hint", "constraint_message", "required_message")
FIELD_NAMES = {
    "title": _("title"),
    "label": _("label"),
    "hint": _("help text"),
    "constraint_message": _("constraint message"),
    "required_message": _("message when missing"),
}


@dataclass(frozen=True)
class MissingString:
    """One string missing in ``language``: the title (``key`` and ``list_name`` empty), an
    element's text (``key``), or a choice's label (``list_name`` and ``choice``)."""

    language: str
    field: str
    key: str = ""
    list_name: str = ""
    choice: str = ""

    @property
    def field_name(self) -> str:
        return str(FIELD_NAMES.get(self.field, self.field))


def _absent(texts: dict | None, language: str) -> bool:
    return not str((texts or {}).get(language, "")).strip()


def version_coverage(*, version: QuestionnaireVersion) -> dict[str, list[MissingString]]:
    """For each language ``version`` offers besides its source language (in the order offered),
    every string missing in it, in the order respondents meet them: the title, then each
    element's texts, then each choice list's labels. Two queries, whatever the size."""
    source = version.source_language
    languages = [code for code in version.languages if code != source]
    found: dict[str, list[MissingString]] = {code: [] for code in languages}
    if not languages:
        return found
    elements = list(version.elements.order_by("position", "pk"))
    choices = list(
        Choice.objects.filter(choice_list__version=version)
        .select_related("choice_list")
        .order_by("choice_list__name", "position", "pk")
    )
    for language in languages:
        missing = found[language]
        if _absent(version.title, language):
            missing.append(MissingString(language, "title"))
        for element in tree_order(elements):
            if element.kind != Element.Kind.CALCULATE and _absent(element.label, language):
                missing.append(MissingString(language, "label", key=element.key))
            for name in OPTIONAL_TEXTS:
                texts = getattr(element, name)
                if not _absent(texts, source) and _absent(texts, language):
                    missing.append(MissingString(language, name, key=element.key))
        for choice in choices:
            if _absent(choice.label, language):
                missing.append(
                    MissingString(
                        language, "label", list_name=choice.choice_list.name, choice=choice.name
                    )
                )
    return found


def languages_lacking(*, version: QuestionnaireVersion) -> list[str]:
    """The offered languages that lack at least one string."""
    return [code for code, missing in version_coverage(version=version).items() if missing]
