"""Forms of the network app. They validate input; the services do the writing."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from taxonomy.terms import THEMES
from taxonomy.terms import choices as taxonomy_choices

from .countries import countries_sorted
from .inputs import image_pixels_validate
from .models import JoinRequest, LocalAuthority, PartnerOrganisation, User
from .roles import Role
from .services import DIRECTORY_SHOW_FIELDS
from .time_zones import zone_choices

ACCEPTED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

# What a form says, under a field, about who will see the answer.
SHOWN_ON_PRACTICE_PAGE = _("Shown publicly on the practice page.")
SHOWN_IF_LISTED = _("Shown publicly on your authority's page if you choose to be listed.")
NOT_SHOWN_PUBLICLY = _("Not shown publicly.")
THEIRS_SHOWN_IF_LISTED = _(
    "Shown publicly on the local authority's page if they choose to be listed."
)


def publicity_note(form: forms.BaseForm, notes: dict[str, str]) -> None:
    """Add to each named field's help text whether the answer will be public."""
    for name, note in notes.items():
        field = form.fields[name]
        field.help_text = format_lazy("{} {}", field.help_text, note) if field.help_text else note


def validate_image_upload(upload) -> None:
    """Refuse files that are too big (in bytes or in pixels) or are not really JPEG, PNG, WebP or
    GIF images."""
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise forms.ValidationError(
            _("The file is too big (%(size)s). The limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            }
        )
    image_pixels_validate(upload)
    position = upload.tell()
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(
            _("This file is not an image we can read. Please upload a JPEG, PNG or WebP photo.")
        ) from error
    finally:
        upload.seek(position)
    if image_format not in ACCEPTED_IMAGE_FORMATS:
        raise forms.ValidationError(_("Please upload a JPEG, PNG, WebP or GIF image."))


class JoinRequestForm(forms.ModelForm):
    website = forms.URLField(
        label=_("website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )

    class Meta:
        model = JoinRequest
        fields = [
            "authority_name",
            "level",
            "country",
            "region",
            "population_band",
            "website",
            "contact_name",
            "contact_email",
            "contact_position",
            "preferred_language",
            "message",
        ]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's choices are by code; the visitor picks by name in their language.
        self.fields["country"].choices = [("", "---------"), *countries_sorted()]
        publicity_note(
            self,
            dict.fromkeys(
                ("contact_name", "contact_email", "contact_position", "message"), NOT_SHOWN_PUBLICLY
            ),
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _organisation_key(organisation: LocalAuthority | PartnerOrganisation) -> str:
    kind = "authority" if isinstance(organisation, LocalAuthority) else "partner"
    return f"{kind}:{organisation.pk}"


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.ChoiceField(label=_("Organisation"))
    role = forms.ChoiceField(
        label=_("Role to grant"),
        initial=Role.OFFICIAL,
        help_text=_("Officials are verified staff of a member authority."),
    )
    position = forms.CharField(label=_("Their position"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation email"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, organisations, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._organisations = {_organisation_key(org): org for org in organisations}
        self.fields["organisation"].choices = [
            (key, str(org)) for key, org in self._organisations.items()
        ]
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        publicity_note(self, {"email": NOT_SHOWN_PUBLICLY, "position": THEIRS_SHOWN_IF_LISTED})

    def clean_organisation(self) -> LocalAuthority | PartnerOrganisation:
        key = self.cleaned_data["organisation"]
        if key not in self._organisations:
            raise forms.ValidationError(_("Choose one of your organisations."))
        return self._organisations[key]


class ProfileForm(forms.ModelForm):
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes you work on"),
        choices=taxonomy_choices(THEMES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "photo",
            "position",
            "languages_spoken",
            "other_languages",
            "preferred_language",
            "time_zone",
            "listed_in_directory",
            "themes",
            *DIRECTORY_SHOW_FIELDS,
        ]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", _("Not set")), *zone_choices()]
        publicity_note(
            self,
            {
                "first_name": SHOWN_IF_LISTED,
                "last_name": SHOWN_IF_LISTED,
                "photo": SHOWN_IF_LISTED,
                "position": SHOWN_IF_LISTED,
                "languages_spoken": NOT_SHOWN_PUBLICLY,
                "other_languages": NOT_SHOWN_PUBLICLY,
                "preferred_language": NOT_SHOWN_PUBLICLY,
                "time_zone": NOT_SHOWN_PUBLICLY,
            },
        )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        # A new upload is an UploadedFile; the stored photo or a cleared one is not checked.
        if photo and hasattr(photo, "content_type"):
            validate_image_upload(photo)
        return photo

    def profile_changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted for good."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password
