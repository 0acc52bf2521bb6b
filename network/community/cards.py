"""Link cards: a post whose paragraph is only an address of a page of the site (a practice, a
library resource, a topic) shows a small card with the page's title, summary and a meta line
instead of the bare address.

The community lives in the network's layer and may not import the apps whose pages become cards.
Each of them registers a resolver from its own ``AppConfig.ready`` (``practices``, ``library``;
topic addresses, ``/community/t/<id>/...``, are answered by the resolver the community's own
models register under the name ``"topics"``). ``card_for_url`` asks every resolver in the order
they were registered and returns the first card. Resolvers are asked when a post is written
(its HTML is stored), never when it is read.

Only pages anyone may see become cards (``network.visibility``, the anonymous rule): a post can
be quoted into emails and other spaces, so a private or unpublished page stays a plain link and
its title never leaks.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet, Subquery, TextField, Value
from django.db.models.functions import Concat
from wagtail.models import Page, Site

from network.visibility import visible_pages


@dataclass(frozen=True)
class LinkCard:
    """What a card shows. ``kind`` names the kind of page (``practice``, ``resource``,
    ``topic``) and becomes the card's modifier class ``link-card--<kind>``."""

    kind: str
    title: str
    summary: str
    url: str
    meta: str = ""


CardResolver = Callable[[str], LinkCard | None]
_RESOLVERS: dict[str, CardResolver] = {}

P = TypeVar("P", bound=Page)


def card_resolver_register(*, name: str, resolve: CardResolver) -> None:
    """Ask ``resolve(url)`` for the card of an internal address. Registering a name again
    replaces its resolver (``ready()`` may run more than once in tests)."""
    _RESOLVERS[name] = resolve


def card_for_url(url: str) -> LinkCard | None:
    """The card of ``url`` from the first registered resolver that knows it, or None."""
    for resolve in _RESOLVERS.values():
        card = resolve(url)
        if card is not None:
            return card
    return None


def site_host() -> str:
    return (urlsplit(settings.SITE_URL).hostname or "").lower()


def site_path(url: str) -> str | None:
    """The path of ``url`` on this site (``/es/practicas/huerta/``), without query or fragment,
    or None when ``url`` leads elsewhere. Site-relative paths (``/es/...``) and absolute
    addresses on ``SITE_URL``'s host count; relative paths without a leading slash do not (they
    mean nothing outside the page they were written on)."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in {"http", "https"}:
            return None
        if (parts.hostname or "").lower() != site_host():
            return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return parts.path


def public_page_at(url: str, *, pages: QuerySet[P]) -> P | None:
    """The page of ``pages`` at ``url`` (``/<language>/<slugs>/`` on the default site) that
    anyone may see, or None. One query: the page whose ``url_path`` (Wagtail's path from the
    tree's root) is the path of the language's home page followed by what the address says
    below the language, with the visibility rule. Pages that answer an address with a route of
    their own (``RoutablePageMixin``) are not found this way."""
    path = site_path(url)
    if path is None:
        return None
    language, _, rest = path.strip("/").partition("/")
    if language not in {code for code, _name in settings.LANGUAGES} or not rest:
        return None
    root_key = Site.objects.filter(is_default_site=True).values("root_page__translation_key")
    home = Page.objects.filter(
        translation_key=Subquery(root_key[:1]), locale__language_code=language
    ).values("url_path")
    address = Concat(Subquery(home[:1]), Value(f"{rest}/"), output_field=TextField())
    return visible_pages(pages.filter(url_path=address), user=None).first()
