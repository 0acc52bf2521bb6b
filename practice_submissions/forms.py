"""The steps of the practice proposal form and the coordinators' review form.

Each step's answers are stored exactly as typed (see ``step_answers``) so a draft keeps text that
does not validate yet; the forms are run again over every step before submitting.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network.countries import countries_sorted
from network.forms import SHOWN_ON_PRACTICE_PAGE
from network.inputs import storable
from network.models import LocalAuthority
from network.uploads import upload_check
from practices.models import PracticePage
from taxonomy.terms import GCM_OBJECTIVES, SDG_TARGETS, TARGET_GROUPS, THEMES, choices

from .models import PracticeSubmission

Step = PracticeSubmission.Step
TEXT_LIMIT = 10000
MAX_TAGS = 10


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _country_choices() -> list[tuple[str, str]]:
    # Called each time the choices are listed: sorted by name in the visitor's language.
    return [("", "---------"), *countries_sorted()]


class BasicsForm(forms.Form):
    title = forms.CharField(label=_("Name of the practice"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One paragraph: what was done and why."),
    )
    authority = forms.ModelChoiceField(
        label=_("Member local authority"),
        queryset=LocalAuthority.objects.filter(is_member=True).order_by("name"),
        required=False,
        help_text=_("Leave empty if the authority is not a member, and enter the place below."),
    )
    place_name = forms.CharField(
        label=_("Place (municipality, city or province)"), max_length=200, required=False
    )
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices, required=False)
    implementing_organisations = forms.CharField(
        label=_("Implementing organisation(s)"), max_length=300
    )
    start_date = forms.DateField(label=_("Start date"), widget=_DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=_DateInput())
    ongoing = forms.BooleanField(label=_("The practice is ongoing"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=PracticePage.Status.choices)

    def clean(self):
        cleaned = super().clean()
        end, start = cleaned.get("end_date"), cleaned.get("start_date")
        if cleaned.get("ongoing") and end:
            self.add_error(
                "end_date", _("An ongoing practice has no end date: clear it or untick ongoing.")
            )
        elif end and start and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        if not cleaned.get("authority") and "authority" not in self.errors:
            if not cleaned.get("place_name"):
                self.add_error(
                    "place_name", _("Choose a member local authority or enter the place.")
                )
            if not cleaned.get("country"):
                self.add_error("country", _("Enter the country of a place that is not a member."))
        return cleaned


def _story_field(label, *, required: bool = False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=help_text or _("Plain text; leave an empty line between paragraphs."),
    )


class PracticeStoryForm(forms.Form):
    context = _story_field(_("Context: the problem addressed"), required=True)
    objectives = _story_field(_("Objectives"), required=True)
    activities = _story_field(_("Activities"), required=True)
    results = _story_field(_("Results"), required=True)
    lessons_learned = _story_field(_("Lessons learned"))
    replication = _story_field(_("What it takes to replicate"))


class _Checkboxes(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ClassificationForm(forms.Form):
    themes = _Checkboxes(
        label=_("Themes"),
        choices=choices(THEMES),
        error_messages={"required": _("Choose at least one theme.")},
    )
    target_groups = _Checkboxes(
        label=_("Target groups"),
        choices=choices(TARGET_GROUPS),
        error_messages={"required": _("Choose at least one target group.")},
    )
    gcm_objectives = _Checkboxes(
        label=_("Objectives of the Global Compact for Migration (GCM)"),
        choices=choices(GCM_OBJECTIVES),
        required=False,
    )
    sdg_targets = _Checkboxes(
        label=_("Sustainable Development Goal (SDG) targets"),
        choices=choices(SDG_TARGETS),
        required=False,
    )
    tags = forms.CharField(
        label=_("Keywords"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas, at most ten."),
    )

    def clean_tags(self) -> list[str]:
        tags = [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]
        if len(tags) > MAX_TAGS:
            raise ValidationError(_("Enter at most ten keywords."))
        if any(len(tag) > 100 for tag in tags):
            raise ValidationError(_("Each keyword may have at most 100 characters."))
        return list(dict.fromkeys(tags))


class AttachmentsContactForm(forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        required=False,
        help_text=_(
            "A PDF, an image (JPEG, PNG, WebP) or an office document (DOCX, XLSX, PPTX, ODT)."
        ),
    )
    file_title = forms.CharField(label=_("Title of the file"), max_length=200, required=False)
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=200, help_text=SHOWN_ON_PRACTICE_PAGE
    )
    contact_role = forms.CharField(
        label=_("Contact's role"),
        max_length=200,
        required=False,
        help_text=SHOWN_ON_PRACTICE_PAGE,
    )
    contact_email = forms.EmailField(label=_("Contact email"), help_text=SHOWN_ON_PRACTICE_PAGE)

    # Files are stored when accepted, not with the draft's answers.
    stored_separately = ("file", "file_title")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.checked_upload = upload_check(upload)
        return upload


STEP_FORMS: dict[str, type[forms.Form]] = {
    Step.BASICS: BasicsForm,
    Step.PRACTICE: PracticeStoryForm,
    Step.CLASSIFICATION: ClassificationForm,
    Step.ATTACHMENTS: AttachmentsContactForm,
}


def step_answers(form: forms.Form) -> dict:
    """What the person typed into a bound step form, valid or not, as JSON-friendly values
    (without NUL characters, which the database cannot keep: the form refuses them anyway)."""
    skip = getattr(form, "stored_separately", ())
    answers = {}
    for name, field in form.fields.items():
        if name in skip:
            continue
        answers[name] = storable(
            field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        )
    return answers


def step_form_bound(step: str, answers: dict) -> forms.Form:
    """A step form bound to stored answers, to validate a whole draft."""
    form_class = STEP_FORMS[step]
    data = {}
    for name, value in answers.items():
        if value is None or value is False:
            continue
        data[name] = value
    form = form_class(data=_QueryDictLike(data))
    return form


class _QueryDictLike(dict):
    """Stored answers as widgets read them (``getlist`` for multiple choices)."""

    def getlist(self, key, default=None):
        value = self.get(key, default if default is not None else [])
        return value if isinstance(value, list) else [value]


class ReviewForm(forms.Form):
    class Decision:
        REQUEST_CHANGES = "request_changes"
        APPROVE = "approve"
        DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (Decision.APPROVE, _("Approve and publish")),
            (Decision.REQUEST_CHANGES, _("Ask for changes")),
            (Decision.DECLINE, _("Decline")),
        ],
    )
    message = forms.CharField(
        label=_("Message to the person who proposed it"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when asking for changes or declining."),
    )

    def clean(self):
        cleaned = super().clean()
        decision, message = cleaned.get("decision"), cleaned.get("message", "").strip()
        if decision == self.Decision.DECLINE and not message:
            self.add_error("message", _("Give the reason for declining."))
        elif decision == self.Decision.REQUEST_CHANGES and not message:
            self.add_error("message", _("Say what should change."))
        return cleaned
