"""An assessment's analysis (under ``manage/``)."""

from django.urls import path

from . import views_analysis as views

urlpatterns = [
    path(
        "assessments/<slug:slug>/analysis/",
        views.assessment_analysis,
        name="assessment_analysis",
    ),
    path(
        "assessments/<slug:slug>/analysis.csv",
        views.assessment_analysis_csv,
        name="assessment_analysis_csv",
    ),
]
