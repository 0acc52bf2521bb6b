"""Reads for the outreach site. Listings show items in the visitor's language, falling back to
the default-language item where no translation exists, never both."""

import logging

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from base.localization import (
    children_of_translations_q,
    descendants_of_translations_q,
    localized_queryset,
    page_urls_in_language,
)
from base.sites import page_url
from network.countries import country_name, country_sort_key
from network.inputs import text_clean
from network.visibility import Visitor, visible_pages

from .models import (
    CampaignPage,
    EventPage,
    EventRegistration,
    NewsCategory,
    NewsPage,
)

logger = logging.getLogger(__name__)

LISTING_PAGE_SIZE = 10
SEARCH_PAGE_SIZE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def _with_urls(items: list, *, request: HttpRequest | None) -> list:
    """Attach ``listing_url`` (the address in the visitor's language) to each page, and keep
    each card's prefetched renditions where they outlive a trip through the shared cache."""
    urls = page_urls_in_language(items, language=translation.get_language(), request=request)
    for item in items:
        item.listing_url = urls.get(item.pk) or page_url(item, request)
        image = getattr(item, "image", None)
        if image is not None and "renditions" in getattr(image, "_prefetched_objects_cache", {}):
            # Wagtail reads ``prefetched_renditions`` too; unlike Django's prefetch cache, a
            # plain attribute survives pickling (the home page keeps its cards in the cache).
            # None made yet (a new picture): left out, so the first view's are looked up.
            image.prefetched_renditions = list(image.renditions.all()) or None
    return items


def _card_images() -> Prefetch:
    """Cards' images with their renditions: two queries for a whole listing, none when no card
    has an image."""
    return Prefetch("image", queryset=get_image_model().objects.prefetch_renditions())


def _paginate(queryset, *, request: HttpRequest, per_page: int) -> PaginatorPage:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# -- The network at a glance ---------------------------------------------------------------------
def authority_counts_by_country() -> list[tuple[str, str, int]]:
    """(code, translated name, member count) per country, most members first."""
    try:
        from network.selectors import authority_counts_by_country as network_counts
    except ImportError:
        network_counts = None
    if network_counts is not None:
        return list(network_counts())

    from network.models import LocalAuthority

    rows = (
        LocalAuthority.objects.filter(is_member=True)
        .values("country")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = [(row["country"], country_name(row["country"]), row["count"]) for row in rows]
    return sorted(counts, key=lambda row: (-row[2], country_sort_key(row[1])))


def network_at_a_glance() -> dict:
    """Member authorities by country and the totals shown on the home page."""
    by_country = authority_counts_by_country()
    try:
        directory_url = reverse("network:authority_list")
    except NoReverseMatch:
        directory_url = ""
    return {
        "by_country": by_country,
        "authority_count": sum(row[2] for row in by_country),
        "country_count": len(by_country),
        "directory_url": directory_url,
    }


# -- News ---------------------------------------------------------------------------------------
def _visitor(request: HttpRequest | None) -> Visitor:
    """Who a listing is for: the request's user (anonymous without a request)."""
    return getattr(request, "user", None)


def _news_queryset(*, scope: Q, user: Visitor) -> QuerySet[NewsPage]:
    return (
        visible_pages(NewsPage.objects.all(), user=user)
        .filter(scope)
        .select_related("locale", "category", "author")
        .prefetch_related(_card_images())
        .order_by("-date", "-first_published_at", "-pk")
    )


def _category_names(*, language: str) -> dict:
    """Category names in ``language`` by translation key (one query)."""
    categories = localized_queryset(NewsCategory.objects.all(), language=language)
    return {category.translation_key: category for category in categories}


def _label_categories(items: list[NewsPage], *, language: str) -> None:
    names = _category_names(language=language)
    for item in items:
        category = item.category
        item.category_label = names.get(category.translation_key, category).name if category else ""


def news_latest(*, home: Page, limit: int = 3, request: HttpRequest | None = None) -> list:
    """The most recent news of the site, in the visitor's language."""
    language = translation.get_language()
    queryset = localized_queryset(
        _news_queryset(scope=descendants_of_translations_q(home), user=_visitor(request)),
        language=language,
    )
    items = list(queryset[:limit])
    _label_categories(items, language=language)
    return _with_urls(items, request=request)


def news_listing(*, index: Page, request: HttpRequest) -> dict:
    """One page of an index's news, filtered by ``?category=<slug>`` and ``?type=<code>``."""
    language = translation.get_language()
    queryset = localized_queryset(
        _news_queryset(scope=children_of_translations_q(index), user=_visitor(request)),
        language=language,
    )
    categories = list(_category_names(language=language).values())
    categories.sort(key=lambda category: category.name.casefold())
    category_slug = request.GET.get("category", "")
    if category_slug in {category.slug for category in categories}:
        queryset = queryset.filter(category__slug=category_slug)
    else:
        category_slug = ""
    news_type = request.GET.get("type", "")
    if news_type in NewsPage.NewsType.values:
        queryset = queryset.filter(news_type=news_type)
    else:
        news_type = ""
    page_obj = _paginate(queryset, request=request, per_page=LISTING_PAGE_SIZE)
    items = list(page_obj.object_list)
    _label_categories(items, language=language)
    _with_urls(items, request=request)
    query = {
        key: value for key, value in (("category", category_slug), ("type", news_type)) if value
    }
    return {
        "items": items,
        "page_obj": page_obj,
        "categories": categories,
        "news_types": NewsPage.NewsType.choices,
        "selected_category": category_slug,
        "selected_type": news_type,
        "filter_query": "&".join(f"{key}={value}" for key, value in query.items()),
    }


def news_feed_items(*, language: str, limit: int = 20) -> list[NewsPage]:
    """The latest news of the default site for a feed in ``language``: what anyone may see
    (feeds are read anonymously and may be kept by caches)."""
    from wagtail.models import Site

    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        return []
    with translation.override(language):
        items = list(
            localized_queryset(
                _news_queryset(scope=descendants_of_translations_q(site.root_page), user=None),
                language=language,
            )[:limit]
        )
        return _with_urls(items, request=None)


# -- Events -------------------------------------------------------------------------------------
def _events_queryset(*, scope: Q, user: Visitor) -> QuerySet[EventPage]:
    return (
        visible_pages(EventPage.objects.all(), user=user)
        .filter(scope)
        .select_related("locale")
        .prefetch_related(_card_images())
    )


def events_upcoming(*, home: Page, limit: int = 3, request: HttpRequest | None = None) -> list:
    """The next events (not yet ended), soonest first, in the visitor's language."""
    queryset = localized_queryset(
        _events_queryset(scope=descendants_of_translations_q(home), user=_visitor(request)),
        language=translation.get_language(),
    ).filter(end__gte=timezone.now())
    return _with_urls(list(queryset.order_by("start", "pk")[:limit]), request=request)


def event_listing(*, index: Page, request: HttpRequest) -> dict:
    """Upcoming events soonest first, or past events (``?when=past``) latest first."""
    queryset = localized_queryset(
        _events_queryset(scope=children_of_translations_q(index), user=_visitor(request)),
        language=translation.get_language(),
    )
    now = timezone.now()
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    if when == "past":
        queryset = queryset.filter(end__lt=now).order_by("-start", "-pk")
    else:
        queryset = queryset.filter(end__gte=now).order_by("start", "pk")
    page_obj = _paginate(queryset, request=request, per_page=LISTING_PAGE_SIZE)
    items = _with_urls(list(page_obj.object_list), request=request)
    return {"items": items, "page_obj": page_obj, "when": when, "filter_query": f"when={when}"}


def event_canonical(*, event: EventPage) -> EventPage:
    """The event in the default language (registrations and places are counted there)."""
    if event.locale.language_code == settings.LANGUAGE_CODE:
        return event
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    return (
        default
        and EventPage.objects.filter(translation_key=event.translation_key, locale=default).first()
    ) or event


def event_places_taken(*, event: EventPage) -> int:
    return EventRegistration.objects.filter(
        event=event, status=EventRegistration.Status.REGISTERED
    ).count()


def event_registration_state(*, event: EventPage, user) -> dict:
    """What the event page shows about registering: open or closed, places left, and the
    visitor's own registration (which also reveals the online link)."""
    canonical = event_canonical(event=event)
    taken = event_places_taken(event=canonical)
    places_left = None if canonical.capacity is None else max(canonical.capacity - taken, 0)
    registration = None
    if user.is_authenticated:
        registration = EventRegistration.objects.filter(
            event=canonical, user=user, status=EventRegistration.Status.REGISTERED
        ).first()
    deadline = canonical.registration_deadline
    is_open = timezone.now() < deadline
    return {
        "registration": registration,
        "places_left": places_left,
        "is_full": places_left == 0,
        "registration_open": is_open,
        "registration_deadline": deadline,
        "show_online_link": bool(registration and event.online_link),
    }


# -- Campaigns ----------------------------------------------------------------------------------
def _live_campaigns(queryset: QuerySet[CampaignPage]) -> QuerySet[CampaignPage]:
    today = timezone.localdate()
    return queryset.filter(starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def campaigns_live(*, home: Page, limit: int = 3, request: HttpRequest | None = None) -> list:
    queryset = localized_queryset(
        visible_pages(CampaignPage.objects.all(), user=_visitor(request))
        .filter(descendants_of_translations_q(home))
        .select_related("locale")
        .prefetch_related(_card_images()),
        language=translation.get_language(),
    )
    items = list(_live_campaigns(queryset).order_by("-starts_on", "pk")[:limit])
    return _with_urls(items, request=request)


def campaign_listing(*, index: Page, request: HttpRequest) -> list:
    """Every campaign of an index, live ones first, then by start date, latest first."""
    queryset = localized_queryset(
        visible_pages(CampaignPage.objects.all(), user=_visitor(request))
        .filter(children_of_translations_q(index))
        .select_related("locale")
        .prefetch_related(_card_images()),
        language=translation.get_language(),
    ).order_by("-starts_on", "pk")
    items = list(queryset)
    items.sort(key=lambda campaign: not campaign.is_live)
    return _with_urls(items, request=request)


# -- Search -------------------------------------------------------------------------------------
def search_clean_query(raw: str) -> str:
    """The query as shown: control characters dropped, whitespace collapsed, length bounded."""
    printable = "".join(char if char.isprintable() else " " for char in raw)
    return text_clean(printable, max_length=SEARCH_QUERY_MAX_LENGTH)


def search_terms(query: str) -> str:
    """The words sent to the search backend: letters and digits only, lower case, so quotes,
    brackets or AND/OR/NOT never reach the database's query syntax."""
    words = "".join(char if char.isalnum() else " " for char in query.lower()).split()
    return " ".join(words[:20])


def search_pages(*, query: str, request: HttpRequest) -> dict:
    """One page of the pages the visitor may see, in their language, matching ``query``."""
    query = search_clean_query(query)
    terms = search_terms(query)
    if not terms:
        return {"query": query, "page_obj": None, "items": []}
    language = translation.get_language()
    locale = Locale.objects.filter(language_code=language).first()
    # The search backend filters on indexed fields only: the rule comes in as a subquery of ids.
    visible = visible_pages(Page.objects.filter(depth__gt=1), user=_visitor(request))
    pages = Page.objects.filter(pk__in=visible.values("pk"))
    if locale is not None:
        pages = pages.filter(locale=locale)
    results = pages.search(terms, operator="and")
    try:
        # A savepoint, so a query the database rejects cannot break the request's transaction.
        with transaction.atomic():
            page_obj = _paginate(results, request=request, per_page=SEARCH_PAGE_SIZE)
            ids = [page.pk for page in page_obj.object_list]
    except DatabaseError:
        logger.warning("Search failed for %r", terms, exc_info=True)
        return {"query": query, "page_obj": Paginator([], 1).get_page(1), "items": []}
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    items = [specific[pk] for pk in ids if pk in specific]
    # .specific() drops select_related: attach the (few) locales from one query instead.
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    for item in items:
        item.locale = locales[item.locale_id]
    for item in items:
        item.snippet = search_snippet(page=item)
    _with_urls(items, request=request)
    return {"query": query, "page_obj": page_obj, "items": items}


def search_snippet(*, page: Page, length: int = 240) -> str:
    """A short plain-text description of a result."""
    for attribute in ("search_description", "summary", "intro", "key_message", "hero_text"):
        text = getattr(page, attribute, "") or ""
        text = str(text).strip()
        if text:
            break
    else:
        text = ""
    from django.utils.html import strip_tags

    text = " ".join(strip_tags(text).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
