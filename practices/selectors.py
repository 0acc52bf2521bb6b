"""Reads for good practices. Lists show each practice once, in the visitor's language or else
in its original language (marked as such); which practices, filtered and ordered how, is
decided by the one search path (``practices.search``): a fixed number of queries whatever the
number of practices."""

import math
from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.utils import translation
from wagtail.models import Page

from base.cache import url_with_query
from base.localization import page_urls_in_language
from base.sites import page_url
from network.authority_page import AuthoritySection
from network.countries import country_name, country_sort_key
from network.visibility import visible_pages
from practice_submissions.selectors import practice_index_for
from taxonomy.terms import THEMES, label

from .geo import CountryOutline, americas
from .models import PracticePage
from .search import (
    PracticeCard,
    practice_count_label,
    practice_country_counts,
    practices_of_authority,
    practices_sharing,
)
from .search import practices_latest as _latest

RELATED_LIMIT = 4
AUTHORITY_PRACTICES_LIMIT = 50


def practices_latest(*, home: Page, limit: int = 3) -> list[PracticeCard]:
    """The most recently published practices of ``home``'s site (any of its language versions),
    each in the visitor's language or else its original one."""
    roots = Page.objects.filter(translation_key=home.translation_key).values_list("path", flat=True)
    return _latest(roots=list(roots), language=translation.get_language(), limit=limit)


def authority_practices(*, authority, language: str):
    """The section of a member authority's page listing its published practices (``network``'s
    authority page asks for it): those anyone may see, newest first, in ``language``'s version
    or else the original one."""
    cards = practices_of_authority(
        authority_id=authority.pk, language=language, limit=AUTHORITY_PRACTICES_LIMIT
    )
    return AuthoritySection(
        template="practices/includes/authority_practices.html",
        context={"practices": cards, "authority": authority},
    )


def practice_related(*, practice: PracticePage, limit: int = RELATED_LIMIT) -> list[PracticeCard]:
    """Other practices sharing the most themes and target groups with ``practice``, then the
    newest, in the visitor's language or else their original one."""
    codes = {
        "theme": list(practice.themes.values_list("code", flat=True)),
        "group": list(practice.target_groups.values_list("code", flat=True)),
    }
    return practices_sharing(
        codes=codes,
        exclude_key=practice.translation_key,
        language=translation.get_language(),
        limit=limit,
    )


def practice_translations(*, practice: PracticePage, request: HttpRequest | None = None) -> list:
    """(language code, address) of every language version of ``practice`` anyone may see."""
    versions = (
        visible_pages(Page.objects.all(), user=None)
        .filter(translation_key=practice.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return [(page.locale.language_code, page_url(page, request)) for page in versions]


def practice_detail_context(*, practice: PracticePage, request: HttpRequest) -> dict:
    """Everything the practice page shows besides its own fields."""
    theme_terms = [(row.code, label(THEMES, row.code)) for row in practice.themes.all()]
    return {
        "related_practices": practice_related(practice=practice),
        "translations": practice_translations(practice=practice, request=request),
        "themes": [name for _code, name in theme_terms],
        "theme_terms": theme_terms,
        "target_groups": practice.labelled("target_groups"),
        "gcm_objectives": practice.labelled("gcm_objectives"),
        "sdg_targets": practice.labelled("sdg_targets"),
        "tag_names": [tag.name for tag in practice.tags.all()],
    }


MAP_LEVELS = 4


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    count: int
    level: int  # 0 (none) to MAP_LEVELS (the most), for the shading
    selected: bool
    outline: CountryOutline
    url: str  # the directory showing this country's matching practices

    @property
    def count_label(self) -> str:
        return practice_count_label(self.count)


@dataclass(frozen=True)
class PracticeMap:
    width: int
    height: int
    countries: list[MapCountry]  # by name
    total: int
    directory_url: str  # the directory with the same filters
    query_string: str


def practice_map(*, params: QueryDict, language: str) -> PracticeMap:
    """The network's countries with the number of practices matching ``params`` in each (the
    country filter aside), their outlines and the directory addresses that show them."""
    counts, cleaned = practice_country_counts(params=params, language=language)
    index = practice_index_for(language=language)
    directory = page_urls_in_language([index], language=language)[index.pk] if index else ""
    outlines = americas()
    most = max(counts.values(), default=0)
    selected = set(cleaned.filters.get("country", []))
    countries = []
    for code, outline in outlines.countries.items():
        count = counts.get(code, 0)
        only_here = cleaned.encoded(filters={**cleaned.filters, "country": [code]})
        countries.append(
            MapCountry(
                code=code,
                name=country_name(code),
                count=count,
                level=math.ceil(MAP_LEVELS * count / most) if count else 0,
                selected=code in selected,
                outline=outline,
                url=f"{directory}?{only_here}",
            )
        )
    countries.sort(key=lambda country: country_sort_key(country.name))
    query_string = cleaned.encoded()
    return PracticeMap(
        width=outlines.width,
        height=outlines.height,
        countries=countries,
        total=sum(counts.get(code, 0) for code in outlines.countries),
        directory_url=url_with_query(directory, query_string),
        query_string=query_string,
    )
