"""The XML sitemap lists every page anyone may see (``network.visibility``) in every language,
each with its translations, and the public views that are not Wagtail pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from network.selectors import authorities_public
from network.visibility import visible_pages

from .localization import descendants_of_translations_q


class OutreachSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        return (
            visible_pages(Page.objects.all(), user=None)
            .filter(descendants_of_translations_q(root) | Q(translation_key=root.translation_key))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        languages = dict(Locale.objects.values_list("id", "language_code"))
        groups: dict = {}
        for item in self.paginator.page(page).object_list:
            groups.setdefault(item.translation_key, []).append(item)
        alternates_by_location = {}
        for group in groups.values():
            if len(group) < 2:
                continue
            alternates = [
                {
                    "location": item.get_full_url(self.request),
                    "lang_code": languages[item.locale_id],
                }
                for item in group
            ]
            for alternate in alternates:
                alternates_by_location[alternate["location"]] = alternates
        for url in urls:
            url["alternates"] = alternates_by_location.get(url["location"], [])
        return urls


class PublicViewsSitemap(DjangoSitemap):
    """The public pages that are views rather than Wagtail pages (the join form, the practice
    map, the directory of member authorities and each authority's page), in every language
    with hreflang alternates, at the address the site is served on (``SITE_URL``, which the
    Wagtail site of the pages' sitemap also follows)."""

    i18n = True
    alternates = True
    VIEWS = ("network:join", "practices:map", "network:authority_list")

    def items(self):
        authorities = authorities_public().order_by("slug")
        return [*self.VIEWS, *authorities.values_list("slug", flat=True)]

    def location(self, item: str) -> str:
        if item in self.VIEWS:
            return reverse(item)
        return reverse("network:authority_detail", kwargs={"slug": item})

    def get_urls(self, page=1, site=None, protocol=None):
        address = urlsplit(settings.SITE_URL)
        return self._urls(page, address.scheme, address.netloc)
