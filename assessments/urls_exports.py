"""Exports of answers (under ``manage/``)."""

from django.urls import path

from . import views_exports as views

urlpatterns = [
    path(
        "assessments/<slug:slug>/answers/export/",
        views.answers_export,
        name="answers_export",
    ),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
