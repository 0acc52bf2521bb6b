"""Open outputs of the practice directory and of one practice, inside i18n_patterns (before
Wagtail's catch-all)."""

from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("practices/map/", views.practice_map, name="map"),
    path("practices/feed/rss/", views.rss_feed, name="feed_rss"),
    path("practices/feed/atom/", views.atom_feed, name="feed_atom"),
    path("practices/export/csv/", views.export_csv, name="export_csv"),
    path("practices/export/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("practices/<int:page_id>/pdf/", views.practice_pdf, name="pdf"),
    path("api/practices/", views.api_practice_list, name="api_list"),
    path("api/practices/<int:pk>/", views.api_practice_detail, name="api_detail"),
    path("api/practices/<path:rest>", views.api_not_found, name="api_not_found"),
]
