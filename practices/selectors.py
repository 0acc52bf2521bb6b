"""Reads for good practices. Listings show each practice in the visitor's language, or else in
the default language (marked as such), never both; every function runs a fixed number of
queries whatever the number of practices."""

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page

from network.outreach.localization import (
    descendants_of_translations_q,
    localized_queryset,
    page_urls_in_language,
)

from .models import PracticePage, PracticeTargetGroup, PracticeTheme
from .taxonomy import THEMES, label

RELATED_LIMIT = 4


def _practices(*, scope: Q, language: str) -> QuerySet[PracticePage]:
    return localized_queryset(
        PracticePage.objects.live().filter(scope).select_related("locale", "authority"),
        language=language,
    ).order_by("-first_published_at", "-pk")


def _prepare_cards(items: list[PracticePage], *, request: HttpRequest | None) -> list:
    """Attach what a practice card shows: address in the visitor's language, theme labels,
    country name and whether the card shows another language (two queries in all)."""
    if not items:
        return items
    language = translation.get_language()
    codes: dict[int, list[str]] = {}
    for row in PracticeTheme.objects.filter(page__in=[item.pk for item in items]).order_by("pk"):
        codes.setdefault(row.page_id, []).append(row.code)
    urls = page_urls_in_language(items, language=language, request=request)
    for item in items:
        item.theme_labels = [label(THEMES, code) for code in codes.get(item.pk, [])]
        item.listing_url = urls.get(item.pk) or item.get_url(request)
        item.language_code = item.locale.language_code
        item.in_other_language = item.language_code != language
    return items


def practices_latest(*, home: Page, limit: int = 3, request: HttpRequest | None = None) -> list:
    """The most recently published practices of the site, in the visitor's language."""
    queryset = _practices(
        scope=descendants_of_translations_q(home), language=translation.get_language()
    )
    return _prepare_cards(list(queryset[:limit]), request=request)


def practice_related(
    *, practice: PracticePage, limit: int = RELATED_LIMIT, request: HttpRequest | None = None
) -> list:
    """Other practices sharing the most themes and target groups with ``practice``, in the
    visitor's language or else the default one."""
    theme_codes = list(practice.themes.values_list("code", flat=True))
    group_codes = list(practice.target_groups.values_list("code", flat=True))
    if not theme_codes and not group_codes:
        return []
    theme_ids = PracticeTheme.objects.filter(code__in=theme_codes).values("page_id")
    group_ids = PracticeTargetGroup.objects.filter(code__in=group_codes).values("page_id")
    queryset = (
        localized_queryset(
            PracticePage.objects.live()
            .filter(Q(pk__in=theme_ids) | Q(pk__in=group_ids))
            .exclude(translation_key=practice.translation_key)
            .select_related("locale", "authority"),
            language=translation.get_language(),
        )
        .annotate(
            shared=Count("themes", filter=Q(themes__code__in=theme_codes), distinct=True)
            + Count("target_groups", filter=Q(target_groups__code__in=group_codes), distinct=True)
        )
        .order_by("-shared", "-first_published_at", "-pk")
    )
    return _prepare_cards(list(queryset[:limit]), request=request)


def practice_translations(*, practice: PracticePage, request: HttpRequest | None = None) -> list:
    """(language code, address) of every live language version of ``practice``."""
    versions = (
        Page.objects.live()
        .filter(translation_key=practice.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return [(page.locale.language_code, page.get_url(request)) for page in versions]


def practice_detail_context(*, practice: PracticePage, request: HttpRequest) -> dict:
    """Everything the practice page shows besides its own fields."""
    return {
        "related_practices": practice_related(practice=practice, request=request),
        "translations": practice_translations(practice=practice, request=request),
        "themes": practice.labelled("themes"),
        "target_groups": practice.labelled("target_groups"),
        "gcm_objectives": practice.labelled("gcm_objectives"),
        "sdg_targets": practice.labelled("sdg_targets"),
        "tag_names": [tag.name for tag in practice.tags.all()],
    }
