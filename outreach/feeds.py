"""RSS and Atom feeds of news, one per language (the language comes from the URL prefix)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from base.localization import language_home_url

from .models import NewsPage
from .selectors import news_feed_items


class NewsRssFeed(Feed):
    title = _("Convive news")
    description = _("News of the network of local authorities integrating migrants.")

    def link(self):
        return language_home_url(translation.get_language())

    def items(self):
        return news_feed_items(language=translation.get_language())

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.summary

    def item_link(self, item: NewsPage) -> str:
        return item.listing_url

    def item_guid(self, item: NewsPage) -> str:
        return f"news-{item.translation_key}-{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsPage) -> datetime:
        return timezone.make_aware(datetime.combine(item.date, time(12, 0)))

    def item_updateddate(self, item: NewsPage) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: NewsPage) -> str:
        return item.byline

    def item_categories(self, item: NewsPage) -> list[str]:
        return [item.get_news_type_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
