from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("network/profile/", views.profile, name="profile"),
    path("network/join/", views.join, name="join"),
    path("network/join/thanks/", views.join_thanks, name="join_thanks"),
    path("network/invitations/", views.invitation_list, name="invitation_list"),
    path(
        "network/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "network/invitations/accept/<str:token>/",
        views.invitation_accept,
        name="invitation_accept",
    ),
    path("network/authorities/", views.authority_list, name="authority_list"),
    path("network/authorities/<slug:slug>/", views.authority_detail, name="authority_detail"),
    path("network/account/delete/", views.account_delete, name="account_delete"),
    path("network/account/deleted/", views.account_deleted, name="account_deleted"),
    path("network/account/data/", views.personal_data_download, name="personal_data"),
]
