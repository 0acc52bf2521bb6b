"""What the editor's services share: the permission check, texts per language, keys."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide
from taxonomy.terms import TARGET_GROUPS, THEMES

from ..models import Element, Questionnaire, QuestionnaireVersion
from ..structure import KEY_MAX_LENGTH, KEY_PATTERN

TAG_CODES = frozenset(term.code for term in (*THEMES, *TARGET_GROUPS))
# Texts of an element, each a {language: text} dict.
ELEMENT_TEXTS = ("label", "hint", "required_message", "constraint_message")
# Expression fields, with whether bare names are a choice's columns.
EXPRESSIONS = (
    ("relevant", False),
    ("constraint", False),
    ("calculation", False),
    ("choice_filter", True),
)


def allowed(user: User, action: str, obj=None) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def texts_merged(new: dict[str, str], *, old: dict | None = None, languages: list[str]) -> dict:
    """``old`` with the ``languages`` replaced by ``new`` (stripped; empty removed); texts in
    languages no longer offered are kept, so offering one again brings them back."""
    texts = {code: value for code, value in (old or {}).items() if code not in languages}
    for code in languages:
        value = (new.get(code) or "").strip()
        if value:
            texts[code] = value
    return texts


def key_problem(key: str) -> str | None:
    if not KEY_PATTERN.fullmatch(key) or len(key) > KEY_MAX_LENGTH:
        return _(
            "“%(key)s” is not a valid key: use letters, digits and underscores, starting with a "
            "letter (at most %(limit)s characters)."
        ) % {"key": key, "limit": KEY_MAX_LENGTH}
    return None


def published_keys(*, questionnaire: Questionnaire, before: int | None = None) -> set[str]:
    """Keys that respondents have met: those of the questionnaire's published or retired
    versions (numbered below ``before``, when given)."""
    versions = questionnaire.versions.filter(
        status__in=(QuestionnaireVersion.Status.PUBLISHED, QuestionnaireVersion.Status.RETIRED)
    )
    if before is not None:
        versions = versions.filter(number__lt=before)
    return set(Element.objects.filter(version__in=versions).values_list("key", flat=True))


def renumber(rows: list, index: int, step: int, model) -> bool:
    """Swap ``rows[index]`` with its neighbour ``step`` away and number them all from 0; False
    when there is no such neighbour."""
    other = index + step
    if index < 0 or not 0 <= other < len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        row.position = position
    model.objects.bulk_update(rows, ["position"])
    return True
