"""The answering pages' forms: a section's questions read from a plain HTML form (every typed
value kept, valid or not), what the section's template shows for each question, and the small
forms around them (language, submission, reopening, starting an interview).

A section's fields are named ``q-<key>``, or ``q-<group>-<row>-<key>`` inside a repeatable
group's rows (``engine.field_name``); "other, specify" adds ``…_other``; a ranking has one
position per choice (``….rank.<choice>``); a file question may be cleared with ``…-clear``.
The buttons send ``action``: ``continue``, ``previous``, ``later``, ``update`` (save and show
the questions the answers now call for), ``add:<group>`` and ``remove:<group>:<row>``.
"""

import copy
import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .answering import (
    LANGUAGE_NAMES,
    OTHER,
    OTHER_SUFFIX,
    ROWS_LIMIT,
    Evaluation,
    Item,
    Section,
    TextView,
    field_name,
    rows_of,
    text_view,
    typed_value,
)
from .expressions import references
from .models import AnswerFile, Element, Interview, QuestionnaireVersion

Kind = Element.Kind
PREFIX = "q-"
# A place in a ranking or a row's number: ASCII digits only ("²".isdigit() is true).
_POSITION = re.compile(r"[0-9]{1,4}")


@dataclass
class ChoiceView:
    name: str
    label: TextView
    html_id: str
    checked: bool = False
    position: int | None = None


@dataclass
class RowView:
    number: int
    blocks: list["Block"]
    remove_action: str
    prefix: str = ""


@dataclass
class Block:
    """One element of a section as its template shows it."""

    item: Item
    kind: str
    label: TextView
    hint: TextView | None = None
    name: str = ""
    html_id: str = ""
    value: object = ""
    error: str = ""
    required: bool = False
    choices: list[ChoiceView] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    or_other: bool = False
    other_value: str = ""
    other_chosen: bool = False
    answer_file: AnswerFile | None = None
    file_url: str = ""
    children: list["Block"] = field(default_factory=list)
    rows: list[RowView] = field(default_factory=list)
    can_add: bool = False
    add_action: str = ""
    rows_count: int = 0
    # Shown or hidden as answers on the page change (its condition reads them): the name the
    # server's answer to the page's script gives it (``conditions_shown``); ``hidden`` when the
    # condition does not hold now.
    condition: str = ""
    hidden: bool = False


@dataclass
class SectionPost:
    data: dict
    action: str
    # Uploads to keep: field name → (the dict that holds the answer, question key, file).
    uploads: dict[str, tuple[dict, str, object]]
    # Problems found while reading (two choices ranked the same), by field name.
    problems: dict[str, str]


def rows_max(item: Item) -> int:
    return min(item.element.repeat_max or ROWS_LIMIT, ROWS_LIMIT)


def _shown_value(item: Item, holder: dict) -> object:
    if item.key in holder:
        return holder[item.key]
    default = item.element.default
    if not default:
        return [] if item.kind in (Kind.SELECT_MULTIPLE, Kind.RANK) else ""
    if item.kind in (Kind.SELECT_MULTIPLE, Kind.RANK):
        return default.split()
    return typed_value(item.kind, default)


class SectionBuilder:
    """The blocks of one section for ``evaluation``'s answers, in ``language``."""

    def __init__(
        self,
        *,
        evaluation: Evaluation,
        version: QuestionnaireVersion,
        language: str,
        errors: dict[str, str],
        files: dict[int, AnswerFile],
        file_url,
        section: Section,
    ) -> None:
        self.section = section
        self.keys = page_keys(section)
        self.file_url = file_url
        self.evaluation = evaluation
        self.version = version
        self.language = language
        self.errors = errors
        self.files = files

    def text(self, texts: dict) -> TextView:
        return text_view(self.version.text(texts, language=self.language))

    def blocks(self, items: list[Item], row: dict | None = None, index: int | None = None):
        """The blocks of ``items`` (whose container is shown, or hidden for the script): each
        item whose own condition holds, and, hidden, those whose condition reads answers on
        this page (the script shows them when it comes to hold)."""
        built = []
        for item in items:
            if item.kind == Kind.CALCULATE:
                continue
            shown = self.evaluation.is_own_relevant(item, row)
            dynamic = _reads_page(item, self.keys)
            if not shown and not dynamic:
                continue
            label = self.text(item.element.label)
            hint = self.text(item.element.hint) if item.element.hint else None
            if item.kind == Kind.GROUP:
                block = Block(
                    item=item,
                    kind=item.kind,
                    label=label,
                    hint=hint,
                    children=self.blocks(item.children, row, index),
                )
            elif item.kind == Kind.REPEAT:
                block = self.repeat(item, label, hint)
            elif item.kind == Kind.NOTE:
                block = Block(item=item, kind=item.kind, label=label, hint=hint)
            else:
                block = self.question(item, label, hint, row, index)
            if dynamic:
                block.condition = field_name(item, index)
                block.hidden = not shown
            built.append(block)
        return built

    def repeat(self, item: Item, label: TextView, hint: TextView | None) -> Block:
        rows = rows_of(self.evaluation.data, item)
        return Block(
            item=item,
            kind=item.kind,
            label=label,
            hint=hint,
            name=f"{PREFIX}{item.key}-rows",
            rows=[
                RowView(
                    number=index + 1,
                    blocks=self.blocks(item.children, row, index),
                    remove_action=f"remove:{item.key}:{index + 1}",
                    prefix=f"{PREFIX}{item.key}-{index + 1}-",
                )
                for index, row in enumerate(rows)
            ],
            rows_count=len(rows),
            can_add=len(rows) < rows_max(item),
            add_action=f"add:{item.key}",
        )

    def question(self, item: Item, label: TextView, hint: TextView | None, row, index) -> Block:
        holder = self.evaluation.data if row is None else row
        name = field_name(item, index)
        value = _shown_value(item, holder)
        block = Block(
            item=item,
            kind=item.kind,
            label=label,
            hint=hint,
            name=PREFIX + name,
            html_id="id-" + name,
            value="" if value is None else value,
            error=self.errors.get(name, ""),
            required=item.element.required,
            or_other=item.element.or_other,
        )
        if item.kind in Element.WITH_CHOICES:
            chosen = value if isinstance(value, list) else [value]
            offered = self.evaluation.offered(item, row)
            block.choices = [
                ChoiceView(
                    name=choice.name,
                    label=self.text(choice.label),
                    html_id=f"id-{name}-{number}",
                    checked=choice.name in chosen,
                    position=(chosen.index(choice.name) + 1) if choice.name in chosen else None,
                )
                for number, choice in enumerate(offered, start=1)
            ]
            if item.element.or_other:
                block.choices.append(
                    ChoiceView(
                        name=OTHER,
                        label=TextView(_("Other"), self.language, False),
                        html_id=f"id-{name}-other",
                        checked=OTHER in chosen,
                        position=(chosen.index(OTHER) + 1) if OTHER in chosen else None,
                    )
                )
                block.other_value = str(holder.get(item.key + OTHER_SUFFIX, "") or "")
                block.other_chosen = OTHER in chosen
            block.positions = list(range(1, len(block.choices) + 1))
        if item.kind == Kind.FILE and isinstance(value, int):
            block.answer_file = self.files.get(value)
            if block.answer_file is not None:
                block.file_url = self.file_url(value)
        return block


def page_keys(section: Section) -> set[str]:
    """The keys of the questions answered on ``section``'s page."""
    return {item.key for item in section.walk() if item.answered}


def _reads_page(item: Item, keys: set[str]) -> bool:
    return item.relevant is not None and bool(references(item.relevant) & keys)


def conditions_shown(evaluation: Evaluation, section: Section) -> dict[str, bool]:
    """For the page's script: whether each element of ``section`` whose condition reads
    answers on the page is shown, with ``evaluation``'s answers (those the form holds now), by
    the name its block carries (``Block.condition``). The server alone evaluates conditions."""
    keys = page_keys(section)
    shown = {}
    for item in section.walk():
        if item.repeat is None and _reads_page(item, keys):
            shown[field_name(item)] = evaluation.is_own_relevant(item)
        if item.kind != Kind.REPEAT:
            continue
        for index, row in enumerate(rows_of(evaluation.data, item)):
            for child in item.walk():
                if child.repeat is item and _reads_page(child, keys):
                    shown[field_name(child, index)] = evaluation.is_own_relevant(child, row)
    return shown


def section_dependencies(section: Section) -> bool:
    """Whether a question of ``section`` is shown or not depending on answers given in the same
    section (then its page offers "Update" to show what the answers call for, without
    JavaScript)."""
    keys = page_keys(section)
    return any(_reads_page(item, keys) for item in section.walk())


def choice_dependencies(section: Section) -> list[Item]:
    """The questions of ``section`` whose choices depend on answers given in the same section
    (cascading choices: their page offers "Update", with or without JavaScript)."""
    keys = page_keys(section)
    return [
        item
        for item in section.walk()
        if item.choice_filter is not None and references(item.choice_filter) & keys
    ]


def _read_answer(item: Item, holder: dict, name: str, post, files, result: SectionPost) -> None:
    html = PREFIX + name
    if item.kind == Kind.FILE:
        upload = files.get(html)
        if upload is not None:
            result.uploads[name] = (holder, item.key, upload)
        elif post.get(html + "-clear"):
            holder[item.key] = None
        return
    if item.kind == Kind.SELECT_MULTIPLE:
        holder[item.key] = typed_value(item.kind, post.getlist(html))
    elif item.kind == Kind.RANK:
        ranked = []
        for key in post:
            if key.startswith(html + ".rank."):
                position = post.get(key, "").strip()
                if _POSITION.fullmatch(position):
                    ranked.append((int(position), key[len(html) + 6 :]))
        positions = [position for position, _name in ranked]
        if len(set(positions)) != len(positions):
            result.problems[name] = _("Give each choice a different place in the ranking.")
        holder[item.key] = typed_value(item.kind, [choice for _p, choice in sorted(ranked)])
    else:
        holder[item.key] = typed_value(item.kind, post.get(html, ""))
    if item.element.or_other:
        holder[item.key + OTHER_SUFFIX] = typed_value(Kind.TEXT, post.get(html + OTHER_SUFFIX, ""))


def on_page(evaluation: Evaluation, section: Section, item: Item, row: dict | None) -> bool:
    """Whether ``item`` is on its section's page as ``evaluation``'s answers make it (the page
    made by ``SectionBuilder``): each element on its way holds its own condition, or one that
    reads answers on the page (then it is there, hidden until the condition holds)."""
    keys = page_keys(section)
    current: Item | None = item
    while current is not None and current is not section.item:
        inside = row if current.repeat is not None else None
        if not evaluation.is_own_relevant(current, inside) and not _reads_page(current, keys):
            return False
        current = current.parent
    return True


def section_read(*, evaluation: Evaluation, section: Section, post, files) -> SectionPost:
    """The response's answers with what was posted for ``section``: every question the page
    held when it was made from ``evaluation`` (the answers before), those hidden by a
    condition included, so that whatever was typed is kept; and the button pressed."""
    result = SectionPost(
        data=copy.deepcopy(evaluation.data),
        action=post.get("action", "continue")[:200],
        uploads={},
        problems={},
    )
    data = result.data
    for item in section.walk():
        if item.repeat is not None or not on_page(evaluation, section, item, None):
            continue
        if item.kind == Kind.REPEAT:
            before = rows_of(evaluation.data, item)
            count = post.get(f"{PREFIX}{item.key}-rows", "").strip()
            count = int(count) if _POSITION.fullmatch(count) else len(before)
            count = max(0, min(count, rows_max(item)))
            rows = [copy.deepcopy(row) for row in before[:count]]
            rows += [{} for _ in range(count - len(rows))]
            for index, row in enumerate(rows):
                before_row = before[index] if index < len(before) else {}
                for child in item.walk():
                    if (
                        child.repeat is item
                        and child.answered
                        and on_page(evaluation, section, child, before_row)
                    ):
                        _read_answer(child, row, field_name(child, index), post, files, result)
            data[item.key] = rows
            _row_action(item, rows, result.action)
        elif item.answered:
            _read_answer(item, data, field_name(item), post, files, result)
    return result


def _row_action(item: Item, rows: list[dict], action: str) -> None:
    if action == f"add:{item.key}" and len(rows) < rows_max(item):
        rows.append({})
    elif action.startswith(f"remove:{item.key}:"):
        number = action.rsplit(":", 1)[-1]
        if _POSITION.fullmatch(number) and 1 <= int(number) <= len(rows):
            del rows[int(number) - 1]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of the questionnaire"))

    def __init__(self, *args, languages: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, LANGUAGE_NAMES.get(code, code)) for code in languages
        ]


class SubmitForm(forms.Form):
    respondent_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Optional. Seen by the network's coordinators and researchers."),
    )
    respondent_email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        required=False,
        help_text=gettext_lazy("Optional. Seen by the network's coordinators and researchers."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why reopen these answers?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Recorded with the answers' history."),
    )


class InterviewStartForm(forms.Form):
    local_authority = forms.TypedChoiceField(label=gettext_lazy("Local authority"), coerce=int)
    interviewee_name = forms.CharField(label=gettext_lazy("Interviewee"), max_length=200)
    interviewee_role = forms.CharField(
        label=gettext_lazy("Interviewee's role"), max_length=200, required=False
    )
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=200, required=False
    )
    held_on = forms.DateField(
        label=gettext_lazy("Date of the interview"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), choices=Interview.Mode.choices)
    consent = forms.BooleanField(
        label=gettext_lazy(
            "The interviewee agreed to the interview and to the use of their answers"
        ),
        required=True,
        error_messages={
            "required": gettext_lazy("The interviewee's consent is needed to hold the interview.")
        },
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    transcript = forms.FileField(
        label=gettext_lazy("Notes or transcript file"),
        required=False,
        help_text=gettext_lazy("Optional: a PDF, an office document or an image."),
    )

    def __init__(self, *args, authorities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.authorities = {authority.pk: authority for authority in authorities}
        self.fields["local_authority"].choices = [
            (authority.pk, f"{authority.name} ({authority.country})") for authority in authorities
        ]

    def clean_local_authority(self):
        return self.authorities[self.cleaned_data["local_authority"]]
