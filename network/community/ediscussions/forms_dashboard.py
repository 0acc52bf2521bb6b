"""The facilitator's dashboard filters, and the forms giving a contribution to a question or
splitting it into parts. They only check what was typed; the services decide the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import LANGUAGE_CHOICES
from ..services.posting import SOURCE_MAX_LENGTH
from .models import Question, Week
from .selectors_dashboard import question_text
from .services import SPLIT_MAX_PARTS

SPLIT_MIN_ROWS = 2


def _question_choices(questions: list[Question], *, language: str) -> list[tuple[str, str]]:
    return [("", _("Choose a question"))] + [
        (
            str(question.pk),
            _("Week %(week)d, question %(n)d: %(text)s")
            % {
                "week": question.week.number,
                "n": question.number,
                "text": question_text(question, language=language)[:120],
            },
        )
        for question in questions
    ]


class DashboardFilterForm(forms.Form):
    week = forms.TypedChoiceField(label=_("Week"), required=False, coerce=int)
    language = forms.ChoiceField(
        label=_("Language of the contributions"),
        required=False,
        choices=[("", _("All languages")), *LANGUAGE_CHOICES],
    )

    def __init__(self, *args, weeks: list[Week], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week"].choices = [("", _("All weeks"))] + [
            (str(week.number), _("Week %(n)d") % {"n": week.number}) for week in weeks
        ]


class AssignForm(forms.Form):
    question = forms.TypedChoiceField(label=_("Give it to"), coerce=int)

    def __init__(self, *args, questions: list[Question], language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = _question_choices(questions, language=language)
        self.questions = {question.pk: question for question in questions}

    def chosen(self) -> Question:
        return self.questions[self.cleaned_data["question"]]


class SplitForm(forms.Form):
    """One text and one question per part (``text_1``, ``question_1``, ...). Rows left empty
    are ignored; "Add a part" shows one more row, keeping what was typed."""

    def __init__(
        self,
        *args,
        questions: list[Question],
        language: str,
        rows: int,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = {question.pk: question for question in questions}
        choices = _question_choices(questions, language=language)
        self.rows = max(SPLIT_MIN_ROWS, min(rows, SPLIT_MAX_PARTS))
        for number in range(1, self.rows + 1):
            self.fields[f"text_{number}"] = forms.CharField(
                label=_("Text of part %(n)d") % {"n": number},
                required=False,
                max_length=SOURCE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
            self.fields[f"question_{number}"] = forms.TypedChoiceField(
                label=_("Question for part %(n)d") % {"n": number},
                required=False,
                coerce=int,
                choices=choices,
            )

    @staticmethod
    def rows_asked(data) -> int:
        """How many rows a submitted form had (the highest ``text_<n>`` sent), one more when
        "Add a part" was pressed."""
        numbers = [
            int(name.removeprefix("text_"))
            for name in data
            if name.startswith("text_")
            and name.removeprefix("text_").isascii()
            and name.removeprefix("text_").isdigit()
        ]
        rows = max(numbers, default=SPLIT_MIN_ROWS)
        return min(rows, SPLIT_MAX_PARTS) + (1 if "more" in data else 0)

    def row_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"text_{number}"], self[f"question_{number}"])
            for number in range(1, self.rows + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        parts = []
        for number in range(1, self.rows + 1):
            text = (cleaned.get(f"text_{number}") or "").strip()
            question_id = cleaned.get(f"question_{number}")
            if not text and question_id in (None, ""):
                continue
            if not text:
                self.add_error(f"text_{number}", _("Write this part's text, or leave it empty."))
                continue
            if question_id in (None, ""):
                self.add_error(f"question_{number}", _("Choose the question this part answers."))
                continue
            parts.append((self.questions[question_id], text))
        self.parts = parts
        return cleaned
