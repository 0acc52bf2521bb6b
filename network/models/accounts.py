"""People: the custom user model. Everyone signs in with an email address."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..time_zones import zone_choices


class UserManager(BaseUserManager):
    """Users sign in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Emails from Convive are written in this language."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=zone_choices,
        blank=True,
        help_text=_(
            "Event times are also shown to you in this zone. Leave empty to see them only in "
            "the event's zone."
        ),
    )
    photo = models.ImageField(_("photo"), upload_to="people/photos/", blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    languages_spoken = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("Codes of the network's languages this person speaks."),
    )
    other_languages = models.CharField(
        _("other languages"),
        max_length=200,
        blank=True,
        help_text=_("Any other languages, for example Quechua or Haitian Creole."),
    )
    listed_in_directory = models.BooleanField(
        _("list me in the member directory and on my authority's public page"),
        default=False,
        help_text=_(
            "Signed-in members then find you in the member directory, with the fields you "
            "choose to show below. Your name, and your position and photo if you show them, "
            "appear publicly on the page of each local authority you belong to. Your email "
            "address is shown only to signed-in members, and only if you choose so."
        ),
    )
    handle = models.CharField(
        _("forum handle"),
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Others mention you in the forum by writing @ and this handle. Letters, digits and "
            "underscores."
        ),
    )
    themes = models.JSONField(
        _("themes of interest"),
        default=list,
        blank=True,
        help_text=_("Codes of the shared taxonomy's themes this person works on."),
    )
    # What the member directory (signed-in members only) shows of a listed person, field by
    # field; the email address only when they say so.
    directory_show_position = models.BooleanField(
        _("show my position in the member directory"), default=True
    )
    directory_show_organisation = models.BooleanField(
        _("show my organisations in the member directory"), default=True
    )
    directory_show_country = models.BooleanField(
        _("show my country in the member directory"), default=True
    )
    directory_show_languages = models.BooleanField(
        _("show the languages I speak in the member directory"), default=True
    )
    directory_show_themes = models.BooleanField(
        _("show my themes of interest in the member directory"), default=True
    )
    directory_show_photo = models.BooleanField(
        _("show my photo in the member directory"), default=True
    )
    directory_show_email = models.BooleanField(
        _("show my email address in the member directory"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Whether this request's session passed the second factor: set from allauth's records by
    # network.mfa.SecondFactorSessionMiddleware, read only by network.permissions.acting_as.
    # Not stored; a user loaded outside a request has not passed it.
    second_factor_passed: bool = False

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs) -> None:
        # Every way an account is created (sign-up, invitation, admin, import) gets a handle.
        if not self.handle:
            from ..handles import handle_base, handle_free

            others = type(self).objects.exclude(pk=self.pk)
            self.handle = handle_free(
                base=handle_base(
                    first_name=self.first_name, last_name=self.last_name, email=self.email
                ),
                taken=lambda candidate: others.filter(handle__iexact=candidate).exists(),
            )
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "handle"}
        super().save(*args, **kwargs)
