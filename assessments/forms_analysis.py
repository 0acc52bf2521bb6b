"""The analysis dashboard's choices (a GET form): the section shown, the filters and the
break-down. A value that is not offered (an old link, a typed address) is left out rather than
refused, so that a shared link always shows a page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors_analysis import (
    COUNTRY,
    LEVEL,
    POPULATION_BAND,
    REVIEW_STATE,
    VERSION,
    Filters,
)

ANSWER_SEPARATOR = "="


class AnalysisForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    subgroup = forms.ChoiceField(
        label=_("Subgroup"),
        required=False,
        help_text=_("Every question tagged with it, across sections, instead of one section."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    level = forms.ChoiceField(label=_("Level of government"), required=False)
    population_band = forms.ChoiceField(label=_("Population"), required=False)
    version = forms.ChoiceField(label=_("Questionnaire version"), required=False)
    answer = forms.ChoiceField(
        label=_("Only authorities that answered"),
        required=False,
        help_text=_("A single-choice question and one of its answers."),
    )
    by = forms.ChoiceField(label=_("Break down by"), required=False)
    include_all_submitted = forms.BooleanField(
        label=_("Count every submitted answer, reviewed or not"),
        required=False,
        help_text=_("By default only approved answers are counted."),
    )
    protected = forms.BooleanField(
        label=_("Show as readers outside the team see it"),
        required=False,
        help_text=_("Small counts protected, as in the published report; no words of texts."),
    )

    def __init__(
        self,
        *args,
        sections: list[tuple[str, str]],
        subgroups: list[tuple[str, str]],
        options: dict[str, list[tuple[str, str]]],
        questions: list[tuple[str, str]],
        answers: list[tuple[str, list[tuple[str, str]]]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections
        self.fields["subgroup"].choices = [("", _("None: one section")), *subgroups]
        self.fields["country"].choices = [("", _("All countries")), *options[COUNTRY]]
        self.fields["level"].choices = [("", _("All levels")), *options[LEVEL]]
        self.fields["population_band"].choices = [
            ("", _("All populations")),
            *options[POPULATION_BAND],
        ]
        self.fields["version"].choices = [("", _("All versions")), *options[VERSION]]
        self.fields["answer"].choices = [("", _("All authorities")), *answers]
        self.fields["by"].choices = [
            ("", _("Nothing")),
            (COUNTRY, _("Country")),
            (LEVEL, _("Level of government")),
            (POPULATION_BAND, _("Population")),
            (VERSION, _("Questionnaire version")),
            (REVIEW_STATE, _("Review state")),
            (_("Answer to a question"), questions),
        ]

    def chosen(self) -> dict[str, str]:
        """The valid choices, each "" when not chosen or not valid."""
        names = list(self.fields)
        if not self.is_bound:
            return dict.fromkeys(names, "")
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        for name in self.errors:
            cleaned.pop(name, None)
        booleans = ("protected", "include_all_submitted")
        return {name: cleaned.get(name) or "" for name in names if name not in booleans}

    def protects(self) -> bool:
        return self._checked("protected")

    def _checked(self, name: str) -> bool:
        if not self.is_bound:
            return False
        self.is_valid()
        return bool(getattr(self, "cleaned_data", {}).get(name))

    def filters(self) -> Filters:
        chosen = self.chosen()
        answer = None
        if ANSWER_SEPARATOR in chosen["answer"]:
            key, choice = chosen["answer"].split(ANSWER_SEPARATOR, 1)
            answer = (key, choice)
        return Filters(
            countries=(chosen["country"],) if chosen["country"] else (),
            levels=(chosen["level"],) if chosen["level"] else (),
            population_bands=(chosen["population_band"],) if chosen["population_band"] else (),
            versions=(int(chosen["version"]),) if chosen["version"] else (),
            answer=answer,
            include_all_submitted=self._checked("include_all_submitted"),
        )
