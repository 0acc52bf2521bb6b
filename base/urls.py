from django.urls import path

from . import views

app_name = "base"

urlpatterns = [
    path("language/<str:code>/", views.language_switch, name="language_switch"),
]
