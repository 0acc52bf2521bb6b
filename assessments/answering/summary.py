"""A response's answers as its review page lists them: by section, only those that apply, in
the respondent's language (choices by their labels, "other" with its text, rows of repeatable
groups, files by name), each with its problem."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import AnswerFile, Element, QuestionnaireVersion
from ..structure import OTHER_SUFFIX
from .engine import Evaluation, field_name, rows_of
from .structure import OTHER, Item
from .texts import TextView, text_view
from .values import blank

Kind = Element.Kind


@dataclass
class Entry:
    label: TextView
    values: list[TextView]
    answer_file: AnswerFile | None = None
    file_url: str = ""
    rows: list[list["Entry"]] | None = None
    error: str = ""
    edit_url: str = ""


class AnswersSummary:
    """The answers of a response that apply, as its review page lists them."""

    def __init__(
        self,
        *,
        evaluation: Evaluation,
        version: QuestionnaireVersion,
        language: str,
        files: dict[int, AnswerFile],
        file_url: Callable[[int], str],
    ) -> None:
        self.evaluation = evaluation
        self.version = version
        self.language = language
        self.files = files
        self.file_url = file_url

    def texts(self, item: Item, holder: dict) -> list[TextView]:
        """What ``item``'s answer in ``holder`` says, in words."""
        value = holder.get(item.key)
        if blank(value):
            return []
        version = self.version
        language = self.language
        if item.kind in Element.WITH_CHOICES:
            labels = {c.name: c.label for c in item.choices}
            chosen = value if isinstance(value, list) else [value]
            texts = []
            for name in chosen:
                if name == OTHER:
                    other = str(holder.get(item.key + OTHER_SUFFIX, "") or "")
                    texts.append(TextView(_("Other: %(text)s") % {"text": other}, language, False))
                elif name in labels:
                    texts.append(text_view(version.text(labels[name], language=language)))
                else:
                    texts.append(TextView(str(name), language, False))
            return texts
        if item.kind == Kind.YES_NO:
            return [TextView(_("Yes") if value == "yes" else _("No"), language, False)]
        if item.kind == Kind.CALCULATE:
            shown = value if not isinstance(value, list) else " ".join(map(str, value))
            return [TextView(str(shown), language, False)]
        return [TextView(str(value), language, False)]

    def entries(
        self,
        items: list[Item],
        *,
        errors: dict[str, str],
        edit_url: str,
        row: dict | None = None,
        index: int | None = None,
    ) -> list[Entry]:
        """The entries of ``items`` that apply (in a repeat's ``row``), with their problems."""
        evaluation, version, files = self.evaluation, self.version, self.files
        entries = []
        for item in items:
            if not evaluation.is_relevant(item, row) or item.kind == Kind.NOTE:
                continue
            label = text_view(version.text(item.element.label, language=self.language))
            if item.kind == Kind.GROUP:
                entries.extend(
                    self.entries(
                        item.children, errors=errors, edit_url=edit_url, row=row, index=index
                    )
                )
                continue
            if item.kind == Kind.REPEAT:
                entries.append(
                    Entry(
                        label=label,
                        values=[],
                        rows=[
                            self.entries(
                                item.children, errors=errors, edit_url=edit_url, row=r, index=i
                            )
                            for i, r in enumerate(rows_of(evaluation.data, item))
                        ],
                        edit_url=edit_url,
                    )
                )
                continue
            holder = evaluation.data if row is None else row
            entry = Entry(
                label=label,
                values=[],
                error=errors.get(field_name(item, index), ""),
                edit_url=edit_url,
            )
            value = holder.get(item.key)
            if item.kind == Kind.FILE and isinstance(value, int) and value in files:
                entry.answer_file = files[value]
                entry.file_url = self.file_url(value)
            else:
                entry.values = self.texts(item, holder)
            entries.append(entry)
        return entries
