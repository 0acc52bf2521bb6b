from django.urls import path

from . import views_xlsform

urlpatterns = [
    path("questionnaires/import/", views_xlsform.xlsform_import_view, name="xlsform_import"),
    path("versions/<int:pk>/xlsform/", views_xlsform.xlsform_download, name="version_xlsform"),
]
