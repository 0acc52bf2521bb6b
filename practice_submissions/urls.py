from django.urls import path

from . import views

app_name = "practice_submissions"

urlpatterns = [
    path("", views.submission_list, name="list"),
    path("new/", views.submission_new, name="new"),
    path("queue/", views.submission_queue, name="queue"),
    path("<int:pk>/", views.submission_detail, name="detail"),
    path("<int:pk>/step/<str:step>/", views.submission_step, name="step"),
    path("<int:pk>/submit/", views.submission_submit, name="submit"),
    path("<int:pk>/review/", views.submission_review, name="review"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.submission_attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.submission_attachment_remove,
        name="attachment_remove",
    ),
]
