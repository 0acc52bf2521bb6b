"""The link card of a practice in a community post: its title, summary, place and country.
Registered from ``PracticesConfig.ready``; only practices anyone may see become cards."""

from network.community.cards import LinkCard, public_page_at, site_path

from .models import PracticePage


def practice_card(url: str) -> LinkCard | None:
    """The card of the practice at ``url``, or None when ``url`` is not a public practice."""
    practice = public_page_at(url, pages=PracticePage.objects.select_related("authority"))
    if practice is None:
        return None
    return LinkCard(
        kind="practice",
        title=practice.title,
        summary=practice.summary,
        url=site_path(url) or practice.url,
        meta=", ".join(part for part in (practice.place, practice.country_label) if part),
    )
