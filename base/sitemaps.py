"""The XML sitemap lists every page anyone may see (``network.visibility``) in every language,
each with its translations."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

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
