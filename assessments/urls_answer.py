"""Answering by an invitation's link (``a/<token>/…``), interviews and reopening (under
``manage/``)."""

from django.urls import path

from . import views_answer as views
from . import views_answer_staff as staff

urlpatterns = [
    path("a/<str:token>/", views.answer, name="answer"),
    path("a/<str:token>/s/<str:section_key>/", views.answer_section, name="answer_section"),
    path("a/<str:token>/review/", views.answer_review, name="answer_review"),
    path("a/<str:token>/files/<int:file_id>/", staff.answer_file, name="answer_file"),
    path(
        "manage/assessments/<slug:slug>/interview/",
        staff.interview_start,
        name="interview_start",
    ),
    path("manage/interviews/<int:response_id>/", views.interview, name="interview"),
    path(
        "manage/interviews/<int:response_id>/s/<str:section_key>/",
        views.interview_section,
        name="interview_section",
    ),
    path(
        "manage/interviews/<int:response_id>/review/",
        views.interview_review,
        name="interview_review",
    ),
    path(
        "manage/responses/<int:response_id>/files/<int:file_id>/",
        staff.staff_response_file,
        name="response_file",
    ),
    path(
        "manage/responses/<int:response_id>/reopen/",
        staff.response_reopen,
        name="response_reopen",
    ),
]
