"""Forms of the assessments' back office: the assessment itself, inviting authorities and named
respondents, extending a due date, and the follow-up page's filter. Thin: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import LocalAuthority

from .models import LANGUAGE_CHOICES, LANGUAGE_CODES, Assessment, QuestionnaireVersion
from .selectors_invitations import (
    InvitationState,
    authorities_invitable,
    countries_invitable,
    researchers,
    versions_publishable,
)

TITLE_LABELS = {
    "en": _("Title in English"),
    "es": _("Title in Spanish"),
    "pt": _("Title in Portuguese"),
    "fr": _("Title in French"),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: QuestionnaireVersion) -> str:
        return str(obj)


class ResearcherChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class AssessmentForm(forms.Form):
    title_en = forms.CharField(label=TITLE_LABELS["en"], max_length=200, required=False)
    title_es = forms.CharField(label=TITLE_LABELS["es"], max_length=200, required=False)
    title_pt = forms.CharField(label=TITLE_LABELS["pt"], max_length=200, required=False)
    title_fr = forms.CharField(label=TITLE_LABELS["fr"], max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Short name in its address"),
        max_length=80,
        help_text=_("Letters, digits and hyphens, e.g. needs-2026."),
    )
    version = VersionChoiceField(
        label=_("Questionnaire version"),
        queryset=QuestionnaireVersion.objects.none(),
        help_text=_(
            "Only published versions can be chosen: a version must be approved, then "
            "published, before it reaches respondents."
        ),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    reminder_max_count = forms.IntegerField(
        label=_("Maximum reminders"),
        min_value=0,
        max_value=20,
        initial=3,
        help_text=_("Per invitation; 0 sends none."),
    )
    reminder_interval_days = forms.IntegerField(
        label=_("Days between reminders"),
        min_value=1,
        max_value=90,
        initial=7,
        help_text=_("Counted from the last email the invitation received."),
    )
    researchers = ResearcherChoiceField(
        label=_("Researchers"),
        queryset=researchers(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They follow the answers of this assessment and may interview for it."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Assessment.Status.choices,
        initial=Assessment.Status.PREPARING,
        help_text=_(
            "Invitations are emailed, and answers taken, only while the assessment is open."
        ),
    )

    def __init__(self, *args, assessment: Assessment | None = None, **kwargs):
        if assessment is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{f"title_{code}": assessment.title.get(code, "") for code in LANGUAGE_CODES},
                "slug": assessment.slug,
                "version": assessment.version_id,
                "due_date": assessment.due_date,
                "reminder_max_count": assessment.reminder_max_count,
                "reminder_interval_days": assessment.reminder_interval_days,
                "researchers": list(assessment.researchers.values_list("pk", flat=True)),
                "status": assessment.status,
            }
        super().__init__(*args, **kwargs)
        versions = versions_publishable()
        if assessment is not None:
            # The version it already sends stays choosable, even retired since.
            versions = versions | QuestionnaireVersion.objects.filter(pk=assessment.version_id)
        self.fields["version"].queryset = versions.select_related("questionnaire").order_by(
            "questionnaire__form_id", "-number"
        )
        self.fields["researchers"].queryset = researchers()

    def title_fields(self):
        return [self[f"title_{code}"] for code in LANGUAGE_CODES]

    def other_fields(self):
        return [field for field in self if not field.name.startswith("title_")]

    def title(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}", "") for code in LANGUAGE_CODES}


class AuthorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: LocalAuthority) -> str:
        return f"{obj.name} ({obj.country_name})"


class InviteForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("Every member authority of these countries"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    authorities = AuthorityChoiceField(
        label=_("And these authorities"),
        queryset=LocalAuthority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    send_now = forms.BooleanField(
        label=_("Email the new invitations now"),
        required=False,
        initial=True,
        help_text=_("Otherwise, send them later from the follow-up page."),
    )

    def __init__(self, *args, can_send: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = countries_invitable()
        self.fields["authorities"].queryset = authorities_invitable()
        if not can_send:
            del self.fields["send_now"]

    def clean(self):
        data = super().clean()
        if not data.get("countries") and not data.get("authorities"):
            raise forms.ValidationError(_("Choose at least one country or one authority."))
        return data

    def chosen_authorities(self) -> list[LocalAuthority]:
        chosen = list(self.cleaned_data.get("authorities") or [])
        countries = self.cleaned_data.get("countries") or []
        if countries:
            chosen += list(authorities_invitable().filter(country__in=countries))
        return chosen


class RespondentForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("Local authority"), queryset=LocalAuthority.objects.none()
    )
    name = forms.CharField(label=_("Respondent's name"), max_length=200)
    email = forms.EmailField(label=_("Respondent's email"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=LANGUAGE_CHOICES, initial="en"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities_invitable()
        self.fields["authority"].label_from_instance = lambda obj: (
            f"{obj.name} ({obj.country_name})"
        )


class ExtendForm(forms.Form):
    due_date = forms.DateField(label=_("New due date"), widget=DateInput())


class FollowFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, countries: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.fields["state"].choices = [("", _("All states")), *InvitationState.choices()]

    def filters(self) -> dict[str, str]:
        """The valid choices; a value that is not one (an old link, a typed address) is
        left out rather than refused."""
        if not self.is_bound:
            return {"country": "", "state": ""}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {"country": cleaned.get("country") or "", "state": cleaned.get("state") or ""}
