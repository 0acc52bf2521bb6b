"""The resource library: documents (reports, toolkits, guides, questionnaires...) published as
Wagtail pages under one library index per language."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.models import BasePage, IndexPage
from taxonomy.terms import THEMES

from .validators import validate_library_file

THEME_CHOICES = [(term.code, term.label) for term in THEMES]


class ResourceType(models.TextChoices):
    REPORT = "report", _("Report")
    TOOLKIT = "toolkit", _("Toolkit")
    GUIDE = "guide", _("Guide")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    POLICY_BRIEF = "policy-brief", _("Policy brief")
    # Published from an e-discussion (network/community/ediscussions/summary.py).
    CONSOLIDATED_SUMMARY = "consolidated-summary", _("Consolidated summary")
    OTHER = "other", _("Other")


class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")
    OTHER = "other", _("Other language")


class ResourceLibraryPage(IndexPage):
    """The library's index in one language: every resource, filterable."""

    # A needs assessment's report is a resource too (assessments.report.page).
    subpage_types = ["library.ResourcePage", "assessments.AssessmentReportPage"]
    # Each language has its own home page, so this means one library per locale.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resource library")
        verbose_name_plural = _("resource libraries")

    def get_context(self, request, *args, **kwargs):
        from .selectors import resource_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_listing(library=self, request=request))
        return context


class ResourcePage(BasePage):
    """One document of the library, downloadable or linked."""

    # Whether a file or a link is required (a page that is itself the document needs neither).
    needs_file = True

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences for listings."))
    resource_type = models.CharField(
        _("type of resource"), max_length=20, choices=ResourceType.choices
    )
    document_language = models.CharField(
        _("language of the document"),
        max_length=8,
        choices=DocumentLanguage.choices,
        help_text=_("The language the document itself is written in."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("The year the document was published."),
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Who published the document, as it should be shown."),
    )
    publisher_organisation = models.ForeignKey(
        "network.PartnerOrganisation",
        verbose_name=_("publishing partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_resources",
        help_text=_("Optional: the partner organisation that published it."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A PDF or office document."),
    )
    external_url = models.URLField(
        _("external link"),
        blank=True,
        help_text=_("Where the document can also be read online (optional)."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_(
            "A document written for demonstrations and training, not a real publication. "
            "Visitors are told so on the page and in listings."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("document_language"),
                FieldPanel("year"),
                FieldPanel("publisher"),
                FieldPanel("publisher_organisation"),
            ],
            heading=_("About this resource"),
        ),
        InlinePanel("themes", label=_("Themes"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("external_url"), FieldPanel("cover_image")],
            heading=_("File and links"),
        ),
        FieldPanel("is_illustrative"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.FilterField("resource_type"),
        index.FilterField("document_language"),
        index.FilterField("year"),
    ]
    override_translatable_fields = [
        SynchronizedField("year"),
        SynchronizedField("resource_type"),
        SynchronizedField("document_language"),
        SynchronizedField("document"),
        SynchronizedField("publisher_organisation"),
        SynchronizedField("external_url"),
        SynchronizedField("cover_image"),
        SynchronizedField("is_illustrative"),
    ]

    parent_page_types = ["library.ResourceLibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self) -> None:
        super().clean()
        if self.needs_file and not self.document_id and not self.external_url:
            raise ValidationError(
                {"document": _("Attach a file or give an external link (or both).")}
            )
        # Child rows are not validated with the page, so their codes are checked here.
        codes = [theme.code for theme in self.themes.all()]
        if len(codes) != len(set(codes)):
            raise ValidationError(_("Each theme can be chosen only once."))
        known = {code for code, _label in THEME_CHOICES}
        if any(code not in known for code in codes):
            raise ValidationError(_("Choose themes from the list."))
        if self.document_id:
            document = self.document
            try:
                validate_library_file(document.file, name=document.file.name)
            except ValidationError as error:
                raise ValidationError({"document": error.messages}) from error

    @property
    def publisher_name(self) -> str:
        if self.publisher:
            return self.publisher
        organisation = self.publisher_organisation
        return str(organisation) if organisation else ""

    @property
    def file_format(self) -> str:
        """The file's format as shown to visitors (PDF, DOCX...)."""
        return self.document.file_extension.upper() if self.document_id else ""

    def get_context(self, request, *args, **kwargs):
        from .selectors import resource_related, theme_labels

        context = super().get_context(request, *args, **kwargs)
        context["themes"] = theme_labels(codes=[theme.code for theme in self.themes.all()])
        context["related_resources"] = resource_related(resource=self, request=request)
        return context


class ResourceTheme(Orderable):
    """A theme of a resource: a stable code from taxonomy.terms.THEMES. Child rows (rather
    than a text list) so revisions and translations carry them and filters use an index."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(_("theme"), max_length=40, choices=THEME_CHOICES, db_index=True)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.get_code_display())
