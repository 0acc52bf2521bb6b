"""The review pages' forms: the list's filters, the state with its comment, and the correction
of one answer (its field made for the question's kind)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .answering import OTHER, Item
from .models import Element, QuestionnaireVersion, Response
from .services_review import COMMENT_MAX, REASON_MAX

Kind = Element.Kind


class ReviewFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Review state"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, countries: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All")), *Response.ReviewState.choices]
        self.fields["country"].choices = [("", _("All countries")), *countries]


class ReviewForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Review state"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "“Has issues” gives the answers back to the authority, which receives your comment "
            "by email and may correct and submit them again."
        ),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, current: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            ("", _("Keep the state (a comment only)")),
            *((code, label) for code, label in Response.ReviewState.choices if code != current),
        ]


def _choices(item: Item, version: QuestionnaireVersion, language: str) -> list[tuple[str, str]]:
    choices = [
        (choice.name, version.text(choice.label, language=language).text or choice.name)
        for choice in item.choices
    ]
    if item.element.or_other:
        choices.append((OTHER, _("Other")))
    return choices


class CorrectionForm(forms.Form):
    """The new value of one answer, a field of the question's kind, and why."""

    reason = forms.CharField(
        label=_("Why is it corrected?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the correction, who made it and when."),
    )

    def __init__(
        self, *args, item: Item, version: QuestionnaireVersion, language: str, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        kind = item.kind
        label = _("New answer")
        if kind in (Kind.SELECT_ONE, Kind.LIKERT):
            field = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "—"), *_choices(item, version, language)],
            )
        elif kind == Kind.SELECT_MULTIPLE:
            field = forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=_choices(item, version, language),
                widget=forms.CheckboxSelectMultiple,
            )
        elif kind == Kind.YES_NO:
            field = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
            )
        elif kind == Kind.RANK:
            field = forms.CharField(
                label=label,
                required=False,
                help_text=_("The values of the choices in order, one per line."),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        elif kind == Kind.LONG_TEXT:
            field = forms.CharField(
                label=label, required=False, strip=False, widget=forms.Textarea(attrs={"rows": 4})
            )
        elif kind == Kind.DATE:
            field = forms.CharField(
                label=label,
                required=False,
                help_text=_("Year-month-day, such as 2025-03-14."),
                widget=forms.DateInput(attrs={"type": "date"}),
            )
        else:
            field = forms.CharField(label=label, required=False, strip=False)
        self.fields = {"value": field, **self.fields}
        if item.element.or_other:
            self.fields["other"] = forms.CharField(
                label=_("“Other”: what it is"), required=False, max_length=500
            )
        self.kind = kind

    def new_value(self) -> object:
        value = self.cleaned_data.get("value")
        if self.kind == Kind.RANK:
            return [line.strip() for line in str(value or "").splitlines() if line.strip()]
        return value


def initial_value(item: Item, value: object) -> object:
    """A stored answer as the correction form shows it."""
    if item.kind == Kind.RANK and isinstance(value, list):
        return "\n".join(str(name) for name in value)
    if value is None:
        return ""
    return value


class ResearcherCountriesForm(forms.Form):
    """The countries one researcher of an assessment reviews (none ticked: every country)."""

    researcher = forms.IntegerField(widget=forms.HiddenInput)
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every country."),
    )

    def __init__(self, *args, countries: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = countries
