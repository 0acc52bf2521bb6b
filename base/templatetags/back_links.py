"""Links from a list to its items that carry the list's query (filters, search words, sort,
page), and the "Back to results" link an item's page builds from it.

Nothing is taken from the Referer or a free-form ``back``/``next`` parameter: the link back
always points at the item's own list (its parent in the page tree, or an address the view
gives), with only the parameters pages read (``base.cache.PAGE_QUERY_PARAMETERS``) re-encoded.
So it cannot lead off the site, and the page cache, which keys pages by those same parameters
and stores no page reached with any other, neither grows with a new kind of key nor serves a
link built for another reader's list to anyone whose address differs."""

from django import template
from django.http import HttpRequest

from ..cache import page_query_string, url_with_query

register = template.Library()


def list_path(path: str) -> str:
    """The address of the list an item's page belongs to: its parent in the page tree, whose
    address is the item's own less the last segment."""
    parent = path.rstrip("/").rsplit("/", 1)[0]
    return f"{parent}/"


def back_url(request: HttpRequest, list_url: str) -> tuple[str, bool]:
    """``list_url`` with the list parameters ``request`` carries, and whether it had any."""
    query = page_query_string(request.GET)
    return url_with_query(list_url, query), bool(query)


@register.simple_tag(takes_context=True)
def list_query(context) -> str:
    """The list parameters of the current address, for the links from a list to its items
    (without the leading ``?``; "" on an unfiltered first page)."""
    request = context.get("request")
    return page_query_string(request.GET) if request is not None else ""


@register.inclusion_tag("includes/back_link.html", takes_context=True)
def back_link(context, label: str) -> dict:
    """ "Back to results" to the filtered list the reader came from, or ``label`` (the plain
    list's name) when they did not come from a filtered one."""
    request = context["request"]
    path = request.path
    page = context.get("page")
    if getattr(request, "is_preview", False) and page is not None:
        # A CMS preview is served at an admin address: its list is the page's own parent.
        path = page.get_url(request) or path
    url, filtered = back_url(request, list_path(path))
    return {"url": url, "label": label, "filtered": filtered}
