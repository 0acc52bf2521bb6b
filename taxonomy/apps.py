from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """The platform's shared taxonomy (``taxonomy.terms``): codes and translated labels that every
    app classifies its content with. It depends on nothing else in the project."""

    name = "taxonomy"
    label = "taxonomy"
    verbose_name = _("Shared taxonomy")
    default_auto_field = "django.db.models.BigAutoField"
