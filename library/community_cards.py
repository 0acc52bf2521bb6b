"""The link card of a library resource in a community post: its title, summary, type, year and
publisher. Registered from ``LibraryConfig.ready``; only resources anyone may see become cards."""

from network.community.cards import LinkCard, public_page_at, site_path

from .models import ResourcePage


def resource_card(url: str) -> LinkCard | None:
    """The card of the resource at ``url``, or None when ``url`` is not a public resource."""
    resource = public_page_at(
        url, pages=ResourcePage.objects.select_related("publisher_organisation")
    )
    if resource is None:
        return None
    meta = (resource.get_resource_type_display(), str(resource.year), resource.publisher_name)
    return LinkCard(
        kind="resource",
        title=resource.title,
        summary=resource.summary,
        url=site_path(url) or resource.url,
        meta=" · ".join(part for part in meta if part),
    )
