"""The demo's Wagtail site answers at the address the site is served on.

Full page addresses (the sitemap, feeds, sharing tags) come from the Wagtail ``Site``'s host
name and port, while emails and PDFs use ``SITE_URL``. The site row is written once, when the
database is migrated, so ``make run PORT=8100`` on a database first migrated for port 8000 would
give the two different addresses: seeding brings the site up to date with ``SITE_URL``."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def site_address(site_url: str) -> tuple[str, int]:
    """The host name and port a Wagtail site needs for pages to have ``site_url``'s address."""
    address = urlsplit(site_url)
    return address.hostname or "localhost", address.port or (
        443 if address.scheme == "https" else 80
    )


def seed_site(*, stdout) -> None:
    """Point the default Wagtail site at ``SITE_URL`` (nothing changes when it already is)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        stdout.write("Site: no default Wagtail site (run the migrations first); skipped.")
        return
    hostname, port = site_address(settings.SITE_URL)
    if (site.hostname, site.port) == (hostname, port):
        stdout.write(f"Site: served at {settings.SITE_URL} (unchanged).")
        return
    site.hostname, site.port = hostname, port
    site.save()  # Wagtail's post-save signal clears its own site cache; base.signals ours.
    stdout.write(f"Site: now served at {settings.SITE_URL} (was another address).")
