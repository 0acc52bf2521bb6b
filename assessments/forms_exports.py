"""The "Export answers" form: format, codes or labels, language, which answers. Thin: the
service decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES, AssessmentExport

VALUES_CHOICES = [
    ("codes", _("Codes: question keys and choice names, the same in every language")),
    ("labels", _("Labels: questions and choices as respondents read them, in one language")),
]
ANSWERS_CHOICES = [
    ("approved", _("Approved answers only")),
    ("submitted", _("Every submitted answer")),
]


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=AssessmentExport.Format.choices,
        initial=AssessmentExport.Format.XLSX,
        widget=forms.RadioSelect,
    )
    values = forms.ChoiceField(
        label=_("Headers and values"),
        choices=VALUES_CHOICES,
        initial="labels",
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the labels"),
        choices=LANGUAGE_CHOICES,
        help_text=_("Also the language of the variable labels in SPSS and Stata files."),
    )
    answers = forms.ChoiceField(
        label=_("Answers"),
        choices=ANSWERS_CHOICES,
        initial="approved",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language

    @property
    def approved_only(self) -> bool:
        return self.cleaned_data.get("answers", "submitted") == "approved"
