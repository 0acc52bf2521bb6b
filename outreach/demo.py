"""Demo content of the public site, in English with Spanish, Portuguese and French translations
(linked as translations of the same pages). Idempotent: pages are looked up by slug within their
locale and only created when missing, so running it twice changes nothing."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Locale, Page, Site

from .demo_content import (
    CAMPAIGN,
    CATEGORIES,
    EVENTS,
    HOME_ACTION,
    HOME_INTRO,
    INDEXES,
    NEWS,
    STANDARD_PAGES,
)
from .demo_legal import seed_legal_pages
from .demo_pictures import attach_demo_pictures
from .models import (
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)

DEFAULT = settings.LANGUAGE_CODE


class _Seeder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0
        self.languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in self.languages
        }

    def other_languages(self) -> list[str]:
        return [code for code in self.languages if code != DEFAULT]

    # -- Generic helpers -------------------------------------------------------------------------
    def page(self, *, parents: dict, model, fields: dict, common: dict | None = None) -> dict:
        """The page under ``parents[DEFAULT]`` with the English slug, and its translations,
        creating whatever is missing. Returns {language: page}."""
        common = common or {}
        english = fields[DEFAULT]
        source = model.objects.child_of(parents[DEFAULT]).filter(slug=english["slug"]).first()
        if source is None:
            source = model(**common, **english, locale=self.locales[DEFAULT])
            parents[DEFAULT].add_child(instance=source)
            source.save_revision().publish()
            self.created += 1
        pages = {DEFAULT: source}
        for code in self.other_languages():
            translated = source.get_translation_or_none(self.locales[code])
            if translated is None:
                # Built directly with the translated slug (a copy renamed afterwards would leave
                # automatic redirects behind); the shared translation_key links the two.
                translated = model(
                    **common,
                    **fields[code],
                    locale=self.locales[code],
                    translation_key=source.translation_key,
                )
                parents[code].add_child(instance=translated)
                translated.save_revision().publish()
                self.created += 1
            pages[code] = translated.specific
        return pages

    # -- Content ---------------------------------------------------------------------------------
    def homes(self) -> dict:
        site = Site.objects.select_related("root_page").get(is_default_site=True)
        source = site.root_page.specific
        if not isinstance(source, HomePage):
            raise RuntimeError("The default site's root is not a HomePage; run the migrations.")
        homes = {source.locale.language_code: source}
        for code in self.other_languages():
            translated = source.get_translation_or_none(self.locales[code])
            if translated is None:
                translated = HomePage(
                    title=source.title,
                    slug=f"home-{code}",
                    hero_heading=source.hero_heading,
                    locale=self.locales[code],
                    translation_key=source.translation_key,
                )
                source.get_parent().add_child(instance=translated)
                translated.save_revision().publish()
                self.created += 1
            homes[code] = translated.specific
        return homes

    def home_content(self, homes: dict, join_pages: dict) -> None:
        for code, home in homes.items():
            if home.intro:
                continue
            heading, text, label = HOME_ACTION[code]
            home.intro = HOME_INTRO[code]
            home.actions = [
                (
                    "call_to_action",
                    {
                        "heading": heading,
                        "text": text,
                        "link_label": label,
                        "page": join_pages[code],
                    },
                )
            ]
            home.save_revision().publish()

    def categories(self) -> dict:
        result = {}
        for slug, names in CATEGORIES.items():
            source = NewsCategory.objects.filter(slug=slug, locale=self.locales[DEFAULT]).first()
            if source is None:
                source = NewsCategory.objects.create(
                    slug=slug, name=names[DEFAULT], locale=self.locales[DEFAULT]
                )
            result[slug] = {DEFAULT: source}
            for code in self.other_languages():
                translated = source.get_translation_or_none(self.locales[code])
                if translated is None:
                    translated = source.copy_for_translation(self.locales[code])
                    translated.name = names[code]
                    translated.save()
                result[slug][code] = translated
        return result

    def index(self, homes: dict, key: str, model) -> dict:
        fields = {
            code: {"slug": slug, "title": title, "intro": intro, "show_in_menus": True}
            for code, (slug, title, intro) in INDEXES[key].items()
        }
        return self.page(parents=homes, model=model, fields=fields)

    def standard_pages(self, homes: dict) -> dict:
        result = {}
        for spec in STANDARD_PAGES:
            fields = {code: dict(spec[code]) for code in self.languages}
            if "join_link" in spec:
                for code in self.languages:
                    with translation.override(code):
                        join_url = reverse("network:join")
                    label = escape(spec["join_link"][code])
                    link = ("paragraph", f'<p><a href="{join_url}">{label}</a></p>')
                    fields[code]["body"] = [*fields[code]["body"], link]
            result[spec["key"]] = self.page(
                parents=homes,
                model=StandardPage,
                fields=fields,
                common={"show_in_menus": spec["in_menu"]},
            )
        return result

    def news(self, index: dict, categories: dict) -> None:
        today = timezone.localdate()
        for _key, news_type, days_ago, category, texts in NEWS:
            fields = {}
            for code, (slug, title, summary, paragraphs) in texts.items():
                fields[code] = {
                    "slug": slug,
                    "title": title,
                    "summary": summary,
                    "body": [("paragraph", f"<p>{text}</p>") for text in paragraphs],
                    "category": categories[category][code],
                }
            self.page(
                parents=index,
                model=NewsPage,
                fields=fields,
                common={
                    "news_type": news_type,
                    "date": today - timedelta(days=days_ago),
                    "author_name": "Convive",
                },
            )

    def events(self, index: dict) -> None:
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        for _key, offset, duration, event_format, capacity, location, texts in EVENTS:
            start = now + offset
            fields = {}
            for code, (slug, title, summary, paragraphs) in texts.items():
                fields[code] = {
                    "slug": slug,
                    "title": title,
                    "summary": summary,
                    "body": [("paragraph", f"<p>{text}</p>") for text in paragraphs],
                }
            self.page(
                parents=index,
                model=EventPage,
                fields=fields,
                common={
                    "start": start,
                    "end": start + duration,
                    "time_zone": "America/Bogota",
                    "format": event_format,
                    "capacity": capacity,
                    "location": location,
                    "online_link": "https://meet.example.org/convive",
                },
            )

    def campaign(self, index: dict, about: dict) -> None:
        fields = {}
        for code in self.languages:
            text = CAMPAIGN[code]
            heading, action_text, label = text["action"]
            fields[code] = {
                "slug": text["slug"],
                "title": text["title"],
                "key_message": text["key_message"],
                "summary": text["summary"],
                "myths": [
                    ("myth_fact", {"myth": myth, "fact": fact, "source_label": source})
                    for myth, fact, source in text["myths"]
                ],
                "stories": [
                    ("story", {"title": title, "person": person, "text": f"<p>{story}</p>"})
                    for title, person, story in text["stories"]
                ],
                "actions": [
                    (
                        "call_to_action",
                        {
                            "heading": heading,
                            "text": action_text,
                            "link_label": label,
                            "page": about[code],
                        },
                    )
                ],
            }
        self.page(
            parents=index,
            model=CampaignPage,
            fields=fields,
            common={
                "hashtag": CAMPAIGN["hashtag"],
                "starts_on": timezone.localdate() - timedelta(days=3),
            },
        )


def seed_outreach(*, stdout) -> None:
    """Create the demo site's pages in four languages; pages that exist are left as they are."""
    seeder = _Seeder(stdout)
    with transaction.atomic():
        homes = seeder.homes()
        categories = seeder.categories()
        news_index = seeder.index(homes, "news", NewsIndexPage)
        event_index = seeder.index(homes, "events", EventIndexPage)
        campaign_index = seeder.index(homes, "campaigns", CampaignIndexPage)
        standard = seeder.standard_pages(homes)
        seed_legal_pages(seeder, homes)
        seeder.home_content(homes, standard["how-to-join"])
        seeder.news(news_index, categories)
        seeder.events(event_index)
        seeder.campaign(campaign_index, standard["about"])
        attach_demo_pictures(homes=homes, indexes=[news_index, event_index, campaign_index])
    # The site's own pages (home pages, news, events, campaigns, standard pages), not the other
    # apps' pages under the same homes, so a second run reports the same total.
    total = Page.objects.filter(content_type__app_label="outreach").count()
    stdout.write(f"Outreach site: {seeder.created} page(s) created, {total} in all.")
