"""The practice record (a Wagtail page with typed fields) and the index that lists them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.models import BasePage, IndexPage
from network.countries import COUNTRY_CHOICES, country_name
from taxonomy.terms import GCM_OBJECTIVES, SDG_TARGETS, TARGET_GROUPS, THEMES, choices, label

from .blocks import BeneficiaryBlock, IndicatorBlock, MaterialBlock

SECTION_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class PracticeIndexPage(IndexPage):
    """The directory of good practices in one language."""

    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("practice directory")
        verbose_name_plural = _("practice directories")

    def get_context(self, request, *args, **kwargs):
        from django.utils import translation

        from ..search import practice_search

        context = super().get_context(request, *args, **kwargs)
        context["search"] = practice_search(
            params=request.GET,
            language=translation.get_language(),
            page_number=request.GET.get("page") or 1,
        )
        return context


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("practice tag")
        verbose_name_plural = _("practice tags")


class PracticePage(BasePage):
    """A good practice of a local authority, described in typed sections."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    class BudgetBand(models.TextChoices):
        UNDER_10K = "lt10k", _("Under USD 10,000")
        FROM_10K = "10k-50k", _("USD 10,000 to 50,000")
        FROM_50K = "50k-250k", _("USD 50,000 to 250,000")
        FROM_250K = "250k-1m", _("USD 250,000 to 1 million")
        OVER_1M = "gt1m", _("Over USD 1 million")

    # -- Who and where ---------------------------------------------------------------------------
    summary = models.TextField(_("summary"), help_text=_("One paragraph: what was done and why."))
    authority = models.ForeignKey(
        "network.LocalAuthority",
        verbose_name=_("local authority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        help_text=_("The member authority that ran the practice, if it is one."),
    )
    place_name = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("For authorities that are not members: the municipality, city or province."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRY_CHOICES,
        blank=True,
        db_index=True,
        help_text=_("Filled in from the local authority when left empty."),
    )
    implementing_organisations = models.CharField(_("implementing organisation(s)"), max_length=300)
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))

    # -- When, status and money ------------------------------------------------------------------
    # Empty only when the public source a documented case is told from gives no dates.
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    ongoing = models.BooleanField(
        _("ongoing"), default=False, help_text=_("Tick when the practice has no end date.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING, db_index=True
    )
    budget_band = models.CharField(
        _("budget"), max_length=10, choices=BudgetBand.choices, blank=True
    )
    funding_sources = models.TextField(_("funding sources"), blank=True)

    # -- The story -------------------------------------------------------------------------------
    context = RichTextField(
        _("context"), blank=True, features=SECTION_FEATURES, help_text=_("The problem addressed.")
    )
    objectives = RichTextField(_("objectives"), blank=True, features=SECTION_FEATURES)
    activities = RichTextField(_("activities"), blank=True, features=SECTION_FEATURES)
    results = RichTextField(_("results"), blank=True, features=SECTION_FEATURES)
    indicators = StreamField(
        [("indicator", IndicatorBlock())], verbose_name=_("indicators"), blank=True
    )
    beneficiaries = StreamField(
        [("beneficiary", BeneficiaryBlock())], verbose_name=_("beneficiaries"), blank=True
    )
    lessons_learned = RichTextField(_("lessons learned"), blank=True, features=SECTION_FEATURES)
    replication = RichTextField(
        _("what it takes to replicate"), blank=True, features=SECTION_FEATURES
    )

    # -- Classification --------------------------------------------------------------------------
    tags = ClusterTaggableManager(through=PracticeTag, blank=True, verbose_name=_("tags"))

    # -- Material, contact, provenance ------------------------------------------------------------
    material = StreamField(
        MaterialBlock(), verbose_name=_("documents, images, videos and sources"), blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the record was first written in."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_(
            "An invented example for demonstrations and training, not a documented programme. "
            "Visitors are told so on the page and in listings."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("authority"),
                FieldRowPanel([FieldPanel("place_name"), FieldPanel("country")]),
                FieldPanel("implementing_organisations"),
                FieldPanel("partners"),
            ],
            heading=_("Who and where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("ongoing")]
                ),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("budget_band"), FieldPanel("funding_sources")]),
            ],
            heading=_("When and how it was funded"),
        ),
    ]
    story_panels = [
        FieldPanel("context"),
        FieldPanel("objectives"),
        FieldPanel("activities"),
        FieldPanel("results"),
        FieldPanel("indicators"),
        FieldPanel("beneficiaries"),
        FieldPanel("lessons_learned"),
        FieldPanel("replication"),
    ]
    classification_panels = [
        InlinePanel("themes", heading=_("Themes"), label=_("Theme")),
        InlinePanel("target_groups", heading=_("Target groups"), label=_("Target group")),
        InlinePanel("gcm_objectives", heading=_("GCM objectives"), label=_("GCM objective")),
        InlinePanel("sdg_targets", heading=_("SDG targets"), label=_("SDG target")),
        FieldPanel("tags"),
    ]
    material_panels = [
        FieldPanel("material"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        FieldPanel("last_verified"),
        FieldPanel("original_language"),
        FieldPanel("is_illustrative"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Practice")),
            ObjectList(story_panels, heading=_("Story and results")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(material_panels, heading=_("Material and contact")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("place_name", boost=2),
        index.SearchField("implementing_organisations"),
        index.SearchField("context"),
        index.SearchField("objectives"),
        index.SearchField("activities"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
        index.SearchField("replication"),
        index.FilterField("country"),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]
    # Facts that do not change with the language are copied to every translation.
    override_translatable_fields = [
        SynchronizedField("authority"),
        SynchronizedField("place_name"),
        SynchronizedField("country"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("ongoing"),
        SynchronizedField("status"),
        SynchronizedField("budget_band"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("last_verified"),
        SynchronizedField("original_language"),
        SynchronizedField("is_illustrative"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def clean(self):
        super().clean()
        errors = {}
        if self.ongoing and self.end_date:
            errors["end_date"] = _(
                "An ongoing practice has no end date: clear it or untick ongoing."
            )
        elif self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date must be on or after the start date.")
        if not self.authority_id:
            if not self.place_name:
                errors["place_name"] = _("Choose a member local authority or enter the place.")
            if not self.country:
                errors["country"] = _("Enter the country of a place that is not a member.")
        elif not self.country:
            self.country = self.authority.country
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.practice_detail_context(practice=self, request=request))
        return context

    # -- Presentation helpers --------------------------------------------------------------------
    @property
    def place(self) -> str:
        """Where the practice happened: the member authority's name or the free-text place."""
        if self.authority_id:
            return self.authority.name
        return self.place_name

    @property
    def country_label(self) -> str:
        return country_name(self.country) if self.country else ""

    @property
    def sources(self) -> list:
        """The public sources the record is told from (the material's source blocks)."""
        return [block.value for block in self.material if block.block_type == "source"]

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def labelled(self, relation: str) -> list[str]:
        vocabulary = {
            "themes": THEMES,
            "target_groups": TARGET_GROUPS,
            "gcm_objectives": GCM_OBJECTIVES,
            "sdg_targets": SDG_TARGETS,
        }[relation]
        return [label(vocabulary, row.code) for row in getattr(self, relation).all()]


class _Classification(models.Model):
    """A code of a shared vocabulary attached to a practice. Child rows (not an array) so the
    filters work on SQLite and PostgreSQL alike and revisions and translations carry them."""

    code = models.CharField(_("code"), max_length=20, db_index=True)

    panels = [FieldPanel("code")]

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code


class PracticeTheme(_Classification):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(_("theme"), max_length=20, choices=choices(THEMES), db_index=True)

    class Meta(_Classification.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["page", "code"], name="practice_theme_once")]


class PracticeTargetGroup(_Classification):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="target_groups")
    code = models.CharField(
        _("target group"), max_length=20, choices=choices(TARGET_GROUPS), db_index=True
    )

    class Meta(_Classification.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="practice_target_group_once")
        ]


class PracticeGcmObjective(_Classification):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="gcm_objectives")
    code = models.CharField(
        _("GCM objective"), max_length=20, choices=choices(GCM_OBJECTIVES), db_index=True
    )

    class Meta(_Classification.Meta):
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="practice_gcm_objective_once")
        ]


class PracticeSdgTarget(_Classification):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="sdg_targets")
    code = models.CharField(
        _("SDG target"), max_length=20, choices=choices(SDG_TARGETS), db_index=True
    )

    class Meta(_Classification.Meta):
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="practice_sdg_target_once")
        ]
