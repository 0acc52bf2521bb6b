from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

import base.routing
import network.admin_exports
from base.sitemaps import OutreachSitemap, PublicViewsSitemap
from base.views import robots_txt, site_address_css
from network.community.views.inbound import webhook as forum_inbound_webhook
from network.views import admin_sign_in

urlpatterns = [
    # Before the admins' own: their sign-in pages hand over to allauth's (network/views.py).
    path("cms/login/", admin_sign_in, {"default_next": "/cms/"}),
    path("django-admin/login/", admin_sign_in, {"default_next": "/django-admin/"}),
    path("cms/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    # Wagtail's CMS exports with spreadsheet-safe cells; in front, so that they win.
    path("cms/", include(network.admin_exports)),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": OutreachSitemap, "views": PublicViewsSitemap()}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("site-address.css", site_address_css, name="site_address_css"),
    # Mail providers post the forum's inbound email here (signed; no language prefix).
    path("community/inbound/<str:provider>/", forum_inbound_webhook, name="forum_inbound_webhook"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("network.urls")),
    path("notifications/", include("notifications.urls")),
    path("community/", include("network.community.urls")),
    path("assessments/", include("assessments.urls")),
    path("", include("base.urls")),
    path("", include("outreach.urls")),
    path("practices/contribute/", include("practice_submissions.urls")),
    path("", include("practices.urls")),
    # Wagtail's catch-all stays last; its pages are served with the route kept in the shared
    # cache (base.routing), under the same name, so every page address reverses as before.
    path(
        "",
        include(
            [
                *(url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"),
                re_path(wagtail_urls.serve_pattern, base.routing.serve, name="wagtail_serve"),
            ]
        ),
    ),
    prefix_default_language=True,
)

handler404 = "base.views.page_not_found"
handler500 = "base.views.server_error"

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # The embedded default (`make run`) serves uploaded media itself; production never does.
    from django.views.static import serve as media_serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            media_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
