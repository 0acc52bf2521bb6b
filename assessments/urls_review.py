"""The review of submitted answers (under ``manage/``)."""

from django.urls import path

from . import views_review as views

urlpatterns = [
    path("assessments/<slug:slug>/review/", views.review_list, name="review_list"),
    path(
        "assessments/<slug:slug>/researchers/",
        views.researcher_countries,
        name="researcher_countries",
    ),
    path("responses/<int:response_id>/review/", views.response_review, name="response_review"),
    path(
        "responses/<int:response_id>/correct/<str:key>/",
        views.answer_correct,
        name="answer_correct",
    ),
]
