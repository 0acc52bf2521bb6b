from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from base.blocks import BodyBlock
from base.models import BasePage, IndexPage


class NewsCategory(TranslatableMixin, models.Model):
    """A topic of news items (e.g. "Local policies"). Translated like pages; the slug is shared
    by every translation so filters work in all languages."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug"), TranslatableField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="newscategory_slug_locale")
        ]

    def __str__(self) -> str:
        return self.name


class NewsIndexPage(IndexPage):
    subpage_types = ["outreach.NewsPage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.news_listing(index=self, request=request))
        return context


class NewsPage(BasePage):
    class NewsType(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Press release")
        ARTICLE = "article", _("Article")

    news_type = models.CharField(
        _("type"), max_length=20, choices=NewsType.choices, default=NewsType.ARTICLE
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    author_name = models.CharField(
        _("author"),
        max_length=200,
        blank=True,
        help_text=_("A name to show; leave empty to show the author account's name."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("news_type"),
                FieldPanel("date"),
                FieldPanel("category"),
                FieldPanel("author_name"),
                FieldPanel("author"),
            ],
            heading=_("About this item"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("news_type"),
    ]
    override_translatable_fields = [
        SynchronizedField("author_name"),
        SynchronizedField("date"),
        SynchronizedField("image"),
    ]

    parent_page_types = ["outreach.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @property
    def byline(self) -> str:
        if self.author_name:
            return self.author_name
        if self.author_id:
            return self.author.get_full_name()
        return ""
