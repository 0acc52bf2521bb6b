"""What the practice finder keeps beside the pages: a search entry per published practice page
(full-text vector on PostgreSQL, accent-folded text elsewhere, facts cheap to facet on) and a
view counter per practice (all language versions together)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeSearchEntry(models.Model):
    """Search data of one practice page, rebuilt whenever the page is published."""

    page = models.OneToOneField(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    # Name of the PostgreSQL text-search configuration matching the page's language.
    config = models.CharField(_("search configuration"), max_length=30)
    # tsvector on PostgreSQL (GIN-indexed by the migration); unused elsewhere.
    search_vector = SearchVectorField(_("search vector"), null=True, blank=True)
    # Lower-case, accent-free title, summary and body: the fallback search outside PostgreSQL.
    folded_text = models.TextField(_("folded text"), blank=True)
    has_indicators = models.BooleanField(_("has result indicators"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice search entry")
        verbose_name_plural = _("practice search entries")
        ordering = ["page_id"]

    def __str__(self) -> str:
        return f"{self.page_id} ({self.config})"


class PracticeViewCount(models.Model):
    """How many times a practice was opened, in any language (keyed by translation key)."""

    translation_key = models.UUIDField(_("translation key"), unique=True)
    count = models.PositiveBigIntegerField(_("views"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice view count")
        verbose_name_plural = _("practice view counts")
        ordering = ["-count", "pk"]

    def __str__(self) -> str:
        return f"{self.translation_key}: {self.count}"
