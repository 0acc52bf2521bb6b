"""Assessments, their invitations and the coordinator's follow-up (under ``manage/``)."""

from django.urls import path

from . import views_invitations as views

urlpatterns = [
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/new/", views.assessment_create, name="assessment_create"),
    path("assessments/<slug:slug>/", views.assessment_follow, name="assessment_follow"),
    path("assessments/<slug:slug>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<slug:slug>/invite/", views.assessment_invite, name="assessment_invite"),
    path(
        "assessments/<slug:slug>/invite/respondent/",
        views.assessment_respondent_add,
        name="assessment_respondent_add",
    ),
    path("assessments/<slug:slug>/send/", views.assessment_send, name="assessment_send"),
    path(
        "assessments/<slug:slug>/invitations.csv",
        views.assessment_export,
        name="assessment_export",
    ),
    path(
        "assessments/<slug:slug>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "assessments/<slug:slug>/invitations/<int:pk>/new-link/",
        views.invitation_new_link,
        name="invitation_new_link",
    ),
    path(
        "assessments/<slug:slug>/invitations/<int:pk>/extend/",
        views.invitation_extend,
        name="invitation_extend",
    ),
    path(
        "assessments/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
