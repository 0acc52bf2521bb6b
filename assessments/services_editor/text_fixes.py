"""Fixing the texts of a frozen version, each change recorded."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from network.models import User

from .. import permissions
from ..models import Choice, Element, QuestionnaireVersion, TextFix
from .common import ELEMENT_TEXTS, allowed


@dataclass(frozen=True)
class TextChange:
    """One text to set: the version's title (no element, no choice), an element's text or a
    choice's label, in one language."""

    field: str
    language: str
    new: str
    element: Element | None = None
    choice: Choice | None = None


def _fix_target(version: QuestionnaireVersion, change: TextChange):
    if change.element is not None:
        if change.element.version_id != version.pk or change.field not in ELEMENT_TEXTS:
            raise ValidationError(_("This text cannot be fixed here."))
        return change.element
    if change.choice is not None:
        if change.choice.choice_list.version_id != version.pk or change.field != "label":
            raise ValidationError(_("This text cannot be fixed here."))
        return change.choice
    if change.field != "title":
        raise ValidationError(_("This text cannot be fixed here."))
    return version


@transaction.atomic
def text_fix_apply(
    *, by: User, version: QuestionnaireVersion, changes: list[TextChange]
) -> list[TextFix]:
    """Change texts of an approved, published or retired version, one ``TextFix`` (who, when,
    before, after) per text that really changes. Respondents see the new wording at once."""
    allowed(by, permissions.QUESTIONNAIRE_TEXT_FIX, version)
    fixes: list[TextFix] = []
    touched: dict[int, object] = {}
    for change in changes:
        if change.language not in version.languages:
            raise ValidationError(_("This version does not offer that language."))
        target = _fix_target(version, change)
        texts = dict(getattr(target, change.field) or {})
        old = texts.get(change.language, "")
        new = change.new.strip()
        if new == old:
            continue
        if new:
            texts[change.language] = new
        else:
            texts.pop(change.language, None)
        setattr(target, change.field, texts)
        touched[id(target)] = target
        fixes.append(
            TextFix(
                version=version,
                element=change.element,
                choice=change.choice,
                field=change.field,
                language=change.language,
                old=old,
                new=new,
                changed_by=by,
            )
        )
    if not fixes:
        raise ValidationError(_("Nothing was changed."))
    for target in touched.values():
        if isinstance(target, QuestionnaireVersion):
            target.save(update_fields=["title", "updated_at"])
        elif isinstance(target, Element):
            target.save(update_fields=list(ELEMENT_TEXTS))
        else:
            target.save(update_fields=["label"])
    return TextFix.objects.bulk_create(fixes)
