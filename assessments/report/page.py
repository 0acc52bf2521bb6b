"""The report page: a resource of the library (a ``ResourcePage`` listed, filtered and
translated like the others) whose sections embed the assessment's figures live."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.models import BasePage
from base.sites import page_url
from library.models import DocumentLanguage, ResourcePage, ResourceType

from .blocks import TEXT_FEATURES, ReportBodyBlock


class QuestionKeysPanel(HelpPanel):
    """The questions of the chosen assessment with their keys, for writing figure, quote and
    consent keys (shown once the assessment is chosen and the page saved)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "assessments/report/admin/question_keys.html")
        kwargs.setdefault("heading", _("Questions of the assessment"))
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from .content import question_keys

            context = super().get_context_data(parent_context)
            assessment = getattr(self.instance, "assessment", None) if self.instance else None
            context["questions"] = (
                question_keys(assessment=assessment) if assessment is not None else []
            )
            return context


class AssessmentReportPage(RoutablePageMixin, ResourcePage):
    """The analytical report of a needs assessment (a resource of type "report"): figures,
    quotes and the methodology are read from the assessment whenever the page is shown
    (``report.content``); its PDF is at ``pdf/`` and its aggregate data at ``data/``."""

    assessment = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("assessment"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)
    body = StreamField(ReportBodyBlock(), verbose_name=_("sections"), blank=True)
    quote_consent_key = models.CharField(
        _("consent question"),
        max_length=80,
        blank=True,
        help_text=_(
            "The key of the yes/no question in which authorities agreed to be quoted without "
            "being named. Open answers are quoted only from authorities that answered “yes”; "
            "empty: no quotes."
        ),
    )

    needs_file = False
    template = "assessments/report/report_page.html"
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("assessment"),
        QuestionKeysPanel(),
        FieldPanel("quote_consent_key"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldPanel("publisher"),
                FieldPanel("publisher_organisation"),
                FieldPanel("cover_image"),
            ],
            heading=_("About this report"),
        ),
        InlinePanel("themes", label=_("Themes"), min_num=1),
        FieldPanel("is_illustrative"),
    ]
    search_fields = [*ResourcePage.search_fields, index.SearchField("intro")]
    override_translatable_fields = [
        *ResourcePage.override_translatable_fields,
        SynchronizedField("assessment"),
        SynchronizedField("quote_consent_key"),
    ]
    parent_page_types = ["library.ResourceLibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("assessment report")
        verbose_name_plural = _("assessment reports")

    def full_clean(self, *args, **kwargs) -> None:
        # Always a report, written in the page's language (the library filters on both), set
        # before the fields are checked.
        self.resource_type = ResourceType.REPORT
        language = self.locale.language_code if self.locale_id else ""
        self.document_language = (
            language if language in DocumentLanguage.values else DocumentLanguage.OTHER
        )
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.assessment_id:
            return
        from .content import body_problems

        consent, blocks = body_problems(page=self)
        errors = {}
        if consent:
            errors["quote_consent_key"] = consent
        if blocks:
            errors["body"] = StreamBlockValidationError(
                block_errors={
                    index: StructBlockValidationError(
                        block_errors={
                            name: ValidationError(message) for name, message in fields.items()
                        }
                    )
                    for index, fields in blocks.items()
                }
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .content import report_content

        context = super().get_context(request, *args, **kwargs)
        context["report"] = report_content(page=self, language=get_language())
        address = page_url(self, request) or ""
        context["pdf_url"] = address + self.reverse_subpage("pdf")
        context["data_url"] = address + self.reverse_subpage("data")
        return context

    @path("pdf/")
    def pdf(self, request) -> HttpResponse:
        """The report as a PDF in the page's language."""
        from .outputs import report_pdf_response

        return report_pdf_response(page=self, request=request)

    @path("data/")
    def data(self, request) -> HttpResponse:
        """The figures' protected tables: a zip of a CSV and its data package description."""
        from .outputs import report_data_response

        return report_data_response(page=self, request=request)
