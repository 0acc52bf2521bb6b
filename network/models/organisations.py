"""Organisations of the network: local authorities, partners, and people's memberships."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.countries import COUNTRY_CHOICES, country_name


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class LocalAuthority(TimeStampedModel):
    """A municipality, city, province or department: a member (or applicant) of the network."""

    class Level(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        DEPARTMENT = "department", _("Department")

    class PopulationBand(models.TextChoices):
        UNDER_50K = "lt50k", _("Under 50,000")
        FROM_50K = "50k-250k", _("50,000 to 250,000")
        FROM_250K = "250k-1m", _("250,000 to 1 million")
        OVER_1M = "gt1m", _("Over 1 million")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    region = models.CharField(_("region or subdivision"), max_length=200, blank=True)
    population_band = models.CharField(
        _("population"), max_length=10, choices=PopulationBand.choices, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="authorities/logos/", blank=True)
    is_member = models.BooleanField(
        _("network member"),
        default=False,
        help_text=_("Set when the authority's request to join the network is approved."),
    )
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("local authority")
        verbose_name_plural = _("local authorities")
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("network:authority_detail", kwargs={"slug": self.slug})

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class PartnerOrganisation(TimeStampedModel):
    """An international or national partner of the network (OAS, IOM, UNHCR...)."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/logos/", blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.acronym or self.name


class OrganisationLink(models.Model):
    """Something tied to exactly one organisation: a local authority or a partner."""

    local_authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("local authority"),
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("partner organisation"),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(local_authority__isnull=False, partner__isnull=True)
                    | models.Q(local_authority__isnull=True, partner__isnull=False)
                ),
                name="%(class)s_one_organisation",
            ),
        ]

    @property
    def organisation(self) -> LocalAuthority | PartnerOrganisation:
        return self.local_authority or self.partner


class Membership(TimeStampedModel, OrganisationLink):
    """A person's place in an organisation: exactly one of local authority or partner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_("The focal point may invite colleagues from the same organisation."),
    )

    class Meta(OrganisationLink.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "created_at"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
