"""Demo good practices: three documented cases in four languages (demo_real.py) and a catalogue
of illustrative ones (demo_catalogue.py), each in English and in the language of its place.
Idempotent: pages are looked up by slug within their locale and only created when missing."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from network.models import LocalAuthority

from .demo_catalogue import ROWS, TRANSLATIONS, original_language
from .demo_real import INDEX, REAL_PRACTICES
from .models import (
    PracticeGcmObjective,
    PracticeIndexPage,
    PracticePage,
    PracticeSdgTarget,
    PracticeTargetGroup,
    PracticeTheme,
)

DEFAULT = settings.LANGUAGE_CODE
# When the public sources of the documented cases (demo_real.py) were last read and their
# figures checked against them. Illustrative practices have no source, so no such date.
SOURCES_CHECKED = date(2026, 11, 29)


def _month(value: str) -> date | None:
    if not value:
        return None
    year, month = value.split("-")
    return date(int(year), int(month), 1)


class _PracticeSeeder:
    def __init__(self):
        self.created = 0
        self.languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in self.languages
        }
        self.authorities = {authority.slug: authority for authority in LocalAuthority.objects.all()}

    def homes(self) -> dict:
        site = Site.objects.select_related("root_page").get(is_default_site=True)
        root = site.root_page
        return {
            page.locale.language_code: page.specific
            for page in root.get_translations(inclusive=True).select_related("locale")
        }

    def indexes(self, homes: dict) -> dict:
        """The practice directory under each home page that exists."""
        source_home = homes[DEFAULT]
        slug, title, intro = INDEX[DEFAULT]
        source = PracticeIndexPage.objects.child_of(source_home).first()
        if source is None:
            source = PracticeIndexPage(
                title=title, slug=slug, intro=intro, show_in_menus=True, locale=source_home.locale
            )
            source_home.add_child(instance=source)
            source.save_revision().publish()
            self.created += 1
        indexes = {DEFAULT: source}
        for code, home in homes.items():
            if code == DEFAULT:
                continue
            translated = source.get_translation_or_none(self.locales[code])
            if translated is None:
                slug, title, intro = INDEX[code]
                translated = PracticeIndexPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    show_in_menus=True,
                    locale=self.locales[code],
                    translation_key=source.translation_key,
                )
                home.add_child(instance=translated)
                translated.save_revision().publish()
                self.created += 1
            indexes[code] = translated.specific
        return indexes

    def classify(self, page: PracticePage, *, themes, groups, gcm, sdg) -> None:
        page.themes = [PracticeTheme(code=code) for code in themes]
        page.target_groups = [PracticeTargetGroup(code=code) for code in groups]
        page.gcm_objectives = [PracticeGcmObjective(code=code) for code in gcm]
        page.sdg_targets = [PracticeSdgTarget(code=code) for code in sdg]

    def where(self, authority_slug: str, place: str, country: str) -> dict:
        authority = self.authorities.get(authority_slug)
        if authority is not None:
            return {"authority": authority, "place_name": "", "country": authority.country}
        return {"authority": None, "place_name": place, "country": country}

    def create(self, parent: Page, page: PracticePage) -> PracticePage:
        page.full_clean(exclude=["path", "depth", "url_path"])
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def real(self, indexes: dict) -> None:
        for spec in REAL_PRACTICES:
            common = spec["common"]
            source = None
            for code in [DEFAULT, *[c for c in self.languages if c != DEFAULT]]:
                if code not in indexes:
                    continue
                texts = dict(spec[code])
                labels = texts.pop("labels")
                tags = texts.pop("tags")
                existing = PracticePage.objects.filter(
                    slug=texts["slug"], locale=self.locales[code]
                ).first()
                if existing is not None:
                    source = source or existing
                    continue
                cited = common["source"]
                page = PracticePage(
                    **texts,
                    **self.where(common["authority"], common["place_name"], common["country"]),
                    start_date=common["start_date"],
                    end_date=common["end_date"],
                    ongoing=common["end_date"] is None and common["status"] == "running",
                    status=common["status"],
                    budget_band=common["budget_band"],
                    last_verified=SOURCES_CHECKED,
                    original_language=common["original_language"],
                    material=[
                        (
                            "source",
                            {
                                "title": cited["title"],
                                "publisher": cited["publisher"],
                                "url": cited["url"],
                            },
                        )
                    ],
                    indicators=[
                        (
                            "indicator",
                            {
                                "label": labels[key][0],
                                "value": Decimal(value),
                                "unit": labels[key][1],
                                "year": year,
                            },
                        )
                        for key, value, year in common["indicators"]
                    ],
                    beneficiaries=[
                        ("beneficiary", {"group": group, "count": count, "note": ""})
                        for group, count in common["beneficiaries"]
                    ],
                    locale=self.locales[code],
                )
                if source is not None:
                    page.translation_key = source.translation_key
                self.classify(
                    page,
                    themes=common["themes"],
                    groups=common["groups"],
                    gcm=common["gcm"],
                    sdg=common["sdg"],
                )
                # Tags are plain words: each translation carries them in its own language.
                page.tags.add(*tags)
                self.create(indexes[code], page)
                source = source or page

    def catalogue(self, index: PracticeIndexPage) -> None:
        existing = set(
            PracticePage.objects.filter(locale=self.locales[DEFAULT]).values_list("slug", flat=True)
        )
        for row in ROWS:
            if row.slug in existing:
                continue
            end = _month(row.end)
            value, unit, year = row.indicator[1], row.indicator[2], row.indicator[3]
            group = row.groups.split()[0]
            page = PracticePage(
                slug=row.slug,
                title=row.title,
                summary=row.summary,
                **self.where(row.authority, row.place, row.country),
                implementing_organisations=row.organisations,
                start_date=_month(row.start),
                end_date=end,
                ongoing=end is None and row.status == PracticePage.Status.RUNNING,
                status=row.status,
                context=f"<p>{row.context}</p>",
                activities=f"<p>{row.activities}</p>",
                results=f"<p>{row.results}</p>",
                indicators=[
                    (
                        "indicator",
                        {
                            "label": row.indicator[0],
                            "value": Decimal(value),
                            "unit": unit,
                            "year": year,
                        },
                    )
                ],
                beneficiaries=[("beneficiary", {"group": group, "count": None, "note": ""})],
                last_verified=None,
                original_language=original_language(row.country),
                # Only the three documented cases (demo_real.py) describe real programmes.
                is_illustrative=True,
                locale=self.locales[DEFAULT],
            )
            self.classify(
                page,
                themes=row.themes.split(),
                groups=row.groups.split(),
                gcm=row.gcm.split(),
                sdg=row.sdg.split(),
            )
            self.create(index, page)

    def catalogue_translations(self, indexes: dict) -> None:
        """Each catalogue row in the language of its place (and the few other versions the
        catalogue has), sharing the English page's facts and codes."""
        for code, texts in TRANSLATIONS.items():
            if code not in indexes:
                continue
            for english_slug, text in texts.items():
                source = PracticePage.objects.filter(
                    slug=english_slug, locale=self.locales[DEFAULT]
                ).first()
                if source is None or source.get_translation_or_none(self.locales[code]):
                    continue
                self.create(indexes[code], self.translation(source, text, code=code))

    def translation(self, source: PracticePage, text, *, code: str) -> PracticePage:
        indicator = source.indicators[0].value if source.indicators else None
        page = PracticePage(
            slug=text.slug,
            title=text.title,
            summary=text.summary,
            implementing_organisations=text.organisations or source.implementing_organisations,
            context=f"<p>{text.context}</p>",
            activities=f"<p>{text.activities}</p>",
            results=f"<p>{text.results}</p>",
            indicators=[
                (
                    "indicator",
                    {
                        "label": text.indicator_label,
                        "value": indicator["value"],
                        "unit": text.unit,
                        "year": indicator["year"],
                    },
                )
            ]
            if indicator
            else [],
            beneficiaries=list(source.beneficiaries.raw_data),
            **{
                name: getattr(source, name)
                for name in (
                    "authority",
                    "place_name",
                    "country",
                    "start_date",
                    "end_date",
                    "ongoing",
                    "status",
                    "last_verified",
                    "original_language",
                    "is_illustrative",
                )
            },
            locale=self.locales[code],
            translation_key=source.translation_key,
        )
        self.classify(
            page,
            themes=source.themes.values_list("code", flat=True),
            groups=source.target_groups.values_list("code", flat=True),
            gcm=source.gcm_objectives.values_list("code", flat=True),
            sdg=source.sdg_targets.values_list("code", flat=True),
        )
        return page


def seed_practices(*, stdout) -> None:
    """Create the practice directory in each language and the demo practices; what exists is
    left as it is."""
    seeder = _PracticeSeeder()
    with transaction.atomic():
        indexes = seeder.indexes(seeder.homes())
        # The documented cases last, so they open the directory and the home page's list.
        seeder.catalogue(indexes[DEFAULT])
        seeder.catalogue_translations(indexes)
        seeder.real(indexes)
    indexes, practices = PracticeIndexPage.objects.count(), PracticePage.objects.count()
    stdout.write(
        f"Good practices: {seeder.created} page(s) created, {indexes + practices} in all "
        f"({indexes} directory pages, {practices} practices)."
    )
