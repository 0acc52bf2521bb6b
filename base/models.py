"""What every outreach page shares: routing that falls back to another language, the notice shown
when it does, and the fields used for sharing on social media."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .cache import url_with_query
from .sites import page_url


class BasePage(Page):
    """Abstract base of every page of the public site."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social media (1200 x 630 works best)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    # Whether a view restriction applies to the page (on it or above it), as known when the page
    # was kept in the shared route cache (``base.routing``), under the generation token that
    # every restriction's change and every move replaces; None (not known) for a page read
    # otherwise.
    view_restricted: bool | None = None

    class Meta:
        abstract = True

    # -- Routing ---------------------------------------------------------------------------------
    def route(self, request, path_components):
        """Like Wagtail's routing, but a child missing in this page's language is looked up among
        the children of this page's translations (the default language first), so a visitor gets
        the page in another language with a notice rather than a 404."""
        if not path_components:
            if self.live:
                return RouteResult(self)
            raise Http404
        slug, remaining = path_components[0], path_components[1:]
        child = self.get_children().filter(slug=slug).first()
        if child is None:
            child = self._translated_child(slug)
        if child is None:
            raise Http404
        return child.specific.route(request, remaining)

    def _translated_child(self, slug: str) -> Page | None:
        siblings = list(
            Page.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale")
            .only("path", "depth", "locale__language_code")
        )
        if not siblings:
            return None
        parents = Q()
        for parent in siblings:
            parents |= Q(path__startswith=parent.path, depth=parent.depth + 1)
        candidates = list(Page.objects.filter(parents, slug=slug).select_related("locale"))
        default = settings.LANGUAGE_CODE
        candidates.sort(key=lambda page: (page.locale.language_code != default, page.path))
        return candidates[0] if candidates else None

    # -- Serving ---------------------------------------------------------------------------------
    def get_view_restrictions(self):
        """Wagtail's answer (the restrictions on this page and its ancestors, which Wagtail
        checks before serving any page: two queries), unless the page was read from the shared
        route cache with none (``view_restricted``, see ``base.routing``)."""
        if self.view_restricted is False:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        language = translation.get_language()
        if self.locale.language_code != language:
            # Reached through the fallback route although a translation exists (its slug differs).
            translated = (
                self.get_translations().live().filter(locale__language_code=language).first()
            )
            if translated is not None:
                # The same view of it: a directory's search, filters, sort and page, and any
                # campaign parameters, are kept.
                query = request.META.get("QUERY_STRING", "")
                return HttpResponseRedirect(
                    url_with_query(page_url(translated, request), iri_to_uri(query))
                )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = translation.get_language()
        context["showing_fallback"] = self.locale.language_code != language
        context["page_language"] = self.locale.language_code
        return context


class IndexPage(BasePage):
    """A listing page placed directly under a home page, with a short introduction."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["outreach.HomePage"]

    class Meta:
        abstract = True
