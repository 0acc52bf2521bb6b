from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    label = "library"
    demo_seed = "library.demo.seed_library"
    verbose_name = _("Resource library")
    default_auto_field = "django.db.models.BigAutoField"
