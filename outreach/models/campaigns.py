from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.blocks import ActionsBlock, BodyBlock, MythsBlock, StoriesBlock
from base.models import BasePage, IndexPage


class CampaignIndexPage(IndexPage):
    subpage_types = ["outreach.CampaignPage"]

    class Meta:
        verbose_name = _("campaign index")
        verbose_name_plural = _("campaign indexes")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = selectors.campaign_listing(index=self, request=request)
        return context


class CampaignPage(BasePage):
    """A counter-narrative campaign: one key message, myths answered with facts, real stories."""

    key_message = models.TextField(_("key message"))
    hashtag = models.CharField(
        _("hashtag"), max_length=60, blank=True, help_text=_("Without the # sign.")
    )
    starts_on = models.DateField(_("campaign starts"), default=timezone.localdate)
    ends_on = models.DateField(
        _("campaign ends"), null=True, blank=True, help_text=_("Leave empty if it has no end.")
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
    myths = StreamField(MythsBlock(), verbose_name=_("myths and facts"), blank=True)
    stories = StreamField(StoriesBlock(), verbose_name=_("stories"), blank=True)
    actions = StreamField(ActionsBlock(), verbose_name=_("calls to action"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("key_message"),
        MultiFieldPanel(
            [
                FieldPanel("hashtag"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Campaign"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("myths"),
        FieldPanel("stories"),
        FieldPanel("actions"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("key_message"),
        index.SearchField("summary"),
        index.SearchField("hashtag"),
        index.SearchField("myths"),
        index.SearchField("stories"),
        index.FilterField("starts_on"),
    ]
    override_translatable_fields = [
        SynchronizedField("hashtag"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
        SynchronizedField("image"),
    ]

    parent_page_types = ["outreach.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The campaign cannot end before it starts.")})

    @property
    def is_live(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)
