"""URLs of the benchmark server (config.settings.bench): the site plus the ceiling view."""

from django.urls import path

from benchmarks.instrumentation import ceiling
from config import urls as site_urls

# The site's patterns are spliced in, not included: Django allows i18n_patterns only at the root.
urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench-ceiling"),
    *site_urls.urlpatterns,
]

# Error pages are looked up on the root URLconf, so the site's own handlers are carried over.
handler404 = getattr(site_urls, "handler404", "django.views.defaults.page_not_found")
handler500 = getattr(site_urls, "handler500", "django.views.defaults.server_error")
