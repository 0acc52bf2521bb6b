from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from base.blocks import PARAGRAPH_FEATURES, ActionsBlock
from base.cache import shared_fragment
from base.models import BasePage
from base.sections import home_sections


class HomePage(BasePage):
    """The root of the site in each language: who we are and the network at a glance."""

    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=PARAGRAPH_FEATURES)
    actions = StreamField(ActionsBlock(), verbose_name=_("calls to action"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("actions"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "outreach.StandardPage",
        "outreach.NewsIndexPage",
        "outreach.EventIndexPage",
        "outreach.CampaignIndexPage",
        "practices.PracticeIndexPage",
        "library.ResourceLibraryPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self._blocks(request))
        return context

    def _blocks(self, request) -> dict[str, object]:
        """The blocks of the home page: the network at a glance, the latest news, upcoming
        events, live campaigns and the sections other apps add. Every anonymous visitor sees them
        alike, so they are built once per publish for every worker and node (``shared_fragment``:
        the shared cache, under the generation token, with an expiry); a member may see more
        (login-restricted pages) and gets them built for them."""
        from .. import selectors

        def build() -> dict[str, object]:
            return {
                "glance": selectors.network_at_a_glance(),
                "latest_news": selectors.news_latest(home=self, limit=3, request=request),
                "upcoming_events": selectors.events_upcoming(home=self, limit=3, request=request),
                "live_campaigns": selectors.campaigns_live(home=self, limit=3, request=request),
                **home_sections(home=self, request=request),
            }

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return build()
        return shared_fragment(
            request, f"home-blocks:{self.pk}:{translation.get_language()}", build
        )
