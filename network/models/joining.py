"""How authorities and people join the network: join requests and invitations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.countries import COUNTRY_CHOICES, country_name
from network.roles import Role

from .organisations import LocalAuthority, OrganisationLink, TimeStampedModel


class JoinRequest(TimeStampedModel):
    """A local authority's application to join the network, reviewed by a coordinator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    authority_name = models.CharField(_("name of the local authority"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=LocalAuthority.Level.choices)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    region = models.CharField(_("region or subdivision"), max_length=200, blank=True)
    population_band = models.CharField(
        _("population"),
        max_length=10,
        choices=LocalAuthority.PopulationBand.choices,
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_position = models.CharField(_("contact's position"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("We will write to the contact person in this language."),
    )
    message = models.TextField(
        _("message"),
        blank=True,
        help_text=_("Why does your authority want to join? What do you hope to share or learn?"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    local_authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_requests",
        verbose_name=_("local authority"),
        help_text=_("The member authority created or linked when the request was approved."),
    )

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.authority_name} ({self.country})"

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class Invitation(TimeStampedModel, OrganisationLink):
    """An emailed, single-use link that makes its holder a member of an organisation.

    Only a hash of the token is stored: the link itself lives only in the invitee's email.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role to grant"), max_length=20, choices=Role.choices, default=Role.OFFICIAL
    )
    make_focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_("The person becomes the organisation's focal point on accepting."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    language = models.CharField(
        _("language of the email"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    join_request = models.ForeignKey(
        JoinRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("join request"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta(OrganisationLink.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def state(self) -> str:
        """One of ``Invitation.State``: what the link would do if opened now."""
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)
