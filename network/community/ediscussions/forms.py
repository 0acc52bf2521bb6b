"""The e-discussions' forms: a contribution (the forum's post fields and the organisation it
speaks for) and the facilitator's editor (settings, weeks, questions). They hold and tidy what
was typed; the services decide and validate, and the views put the services' errors back on
them, so that nothing typed is lost."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from network.countries import countries_sorted

from ..forms import PostFields
from ..models import LANGUAGE_CHOICES, LANGUAGE_CODES, Category
from .models import EDiscussion, Question, Week
from .services import QUESTION_MAX, TITLE_MAX, concept_note_check

FRAMING_MAX = 20_000
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=_("Date and time in UTC."),
    )


def moment_kept(typed, stored):
    """``stored`` when ``typed`` is in the same minute (what the field shows of it), else
    ``typed``: saving a form unchanged never moves a time by the seconds it does not show."""
    minute = {"second": 0, "microsecond": 0}
    if (
        stored is not None
        and typed is not None
        and typed.replace(**minute) == stored.replace(**minute)
    ):
        return stored
    return typed


def _country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *countries_sorted()]


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


# -- A contribution -----------------------------------------------------------------------------


class ContributionForm(PostFields):
    """A contribution's text and language, and, when it speaks for an organisation, its
    signature block (recorded on the contribution by ``contribution_on_behalf_record``)."""

    on_behalf_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    on_behalf_position = forms.CharField(label=_("Your position"), max_length=200, required=False)
    on_behalf_organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    on_behalf_country = forms.ChoiceField(label=_("Country"), required=False, choices=())

    ON_BEHALF = (
        "on_behalf_name",
        "on_behalf_position",
        "on_behalf_organisation",
        "on_behalf_country",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["files"]
        self.fields["source"].label = _("Your contribution (Markdown)")
        self.fields["language"].label = _("Language you write in")
        self.fields["on_behalf_country"].choices = _country_choices()

    def on_behalf(self) -> dict[str, str]:
        return {
            name.removeprefix("on_behalf_"): self.cleaned_data.get(name, "")
            for name in self.ON_BEHALF
        }

    def speaks_for_an_organisation(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.ON_BEHALF)

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) for name in self.ON_BEHALF) and not cleaned.get(
            "on_behalf_organisation"
        ):
            self.add_error(
                "on_behalf_organisation",
                gettext("Name the organisation this contribution speaks for."),
            )
        return cleaned

    # The visible fields, split for the template: the post, then the signature block.
    def post_fields(self):
        return [self[name] for name in ("source", "language")]

    def on_behalf_fields(self):
        return [self[name] for name in self.ON_BEHALF]


# -- The facilitator's editor -------------------------------------------------------------------


def _translated_char_fields(form, model, prefix: str, *, max_length: int, textarea: bool) -> None:
    for code in LANGUAGE_CODES:
        name = f"{prefix}_{code}"
        widget = (
            forms.Textarea(attrs={"rows": 8 if prefix == "framing" else 3}) if textarea else None
        )
        form.fields[name] = forms.CharField(
            label=_label(model, name), max_length=max_length, required=False, widget=widget
        )


class EDiscussionForm(forms.Form):
    """An e-discussion's settings. ``creating`` adds the facilitator's language (fixed once
    created: its questions are published in it)."""

    languages = forms.MultipleChoiceField(
        label=_("Languages expected"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Missing translations of the questions are listed for these languages."),
    )
    starts_at = _datetime_field(_("Opens"))
    ends_at = _datetime_field(_("Closes"))
    access = forms.ChoiceField(
        label=_("Who can read it"),
        choices=Category.Access.choices,
        help_text=_(
            "Public: anyone, without signing in. Members: signed-in members. Private: its "
            "participants (invited or joined) and its facilitators."
        ),
    )
    participation = forms.ChoiceField(
        label=_("Who takes part"), choices=EDiscussion.Participation.choices
    )
    moderation = forms.ChoiceField(label=_("Moderation"), choices=EDiscussion.Moderation.choices)
    concept_note = forms.FileField(label=_("Concept note"), required=False)
    concept_note_remove = forms.BooleanField(
        label=_("Remove the current concept note"), required=False
    )

    def __init__(self, *args, creating: bool = False, has_concept_note: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = dict(self.fields)
        self.fields.clear()
        if creating:
            self.fields["default_language"] = forms.ChoiceField(
                label=_("Facilitator's language"),
                choices=LANGUAGE_CHOICES,
                help_text=_(
                    "The questions are published in it; the title must be given in it. It "
                    "cannot change later."
                ),
            )
        _translated_char_fields(self, EDiscussion, "title", max_length=TITLE_MAX, textarea=False)
        _translated_char_fields(self, EDiscussion, "framing", max_length=FRAMING_MAX, textarea=True)
        self.fields.update(fields)
        self.fields["concept_note"].help_text = gettext(
            "A PDF or a Word document (DOCX), at most %(size)s. Only the e-discussion's "
            "readers can download it."
        ) % {"size": filesizeformat(settings.MAX_UPLOAD_SIZE)}
        if not has_concept_note:
            del self.fields["concept_note_remove"]

    def clean_concept_note(self):
        upload = self.cleaned_data.get("concept_note")
        if upload:
            concept_note_check(upload)
        return upload

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}", "") for code in LANGUAGE_CODES}

    def framing(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"framing_{code}", "") for code in LANGUAGE_CODES}

    def title_fields(self):
        return [self[f"title_{code}"] for code in LANGUAGE_CODES]

    def framing_fields(self):
        return [self[f"framing_{code}"] for code in LANGUAGE_CODES]

    def other_fields(self):
        translated = {
            f"{prefix}_{code}" for prefix in ("title", "framing") for code in LANGUAGE_CODES
        }
        return [field for field in self.visible_fields() if field.name not in translated]


class WeekForm(forms.Form):
    """A week: its number (when added), its time and its theme in the four languages. A
    published week's time is shown but no longer changes."""

    number = forms.IntegerField(label=_("Week"), min_value=1, max_value=52)
    opens_at = _datetime_field(_("Its questions are published"))

    def __init__(self, *args, adding: bool = True, published: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not adding:
            del self.fields["number"]
        if published:
            self.fields["opens_at"].disabled = True
            self.fields["opens_at"].help_text = _(
                "Published: the time no longer changes, the theme's wording still can."
            )
        _translated_char_fields(self, Week, "title", max_length=TITLE_MAX, textarea=False)

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}", "") for code in LANGUAGE_CODES}


class QuestionForm(forms.Form):
    """A question in the four languages (the number when it is added)."""

    number = forms.IntegerField(
        label=_("Question number"),
        min_value=1,
        max_value=999,
        help_text=_("Numbered across the e-discussion: question 1, 2, 3..."),
    )

    def __init__(self, *args, adding: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not adding:
            del self.fields["number"]
        _translated_char_fields(self, Question, "text", max_length=QUESTION_MAX, textarea=True)

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}", "") for code in LANGUAGE_CODES}


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find members"),
        max_length=100,
        required=False,
        help_text=_("A name, or a whole email address."),
    )
