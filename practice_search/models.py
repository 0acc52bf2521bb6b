"""What the practice finder keeps beside the pages: a search entry per published practice page
(full-text vector on PostgreSQL, while on SQLite the text is in an FTS5 table of its own written
with the entry, ``services.search_text_write``; the facts the facets count; the visitor languages
whose listing shows this version), the views recorded since the last ranking
(append-only) and the shared "most viewed" ranking (a view total per practice, all language
versions together, written only by the scheduled ranking task).

Entries are derived data, rebuilt from the live pages whenever a version of a practice is
published, unpublished or deleted (``services.practice_search_entry_refresh``), so that a search
over 10,000 practices reads one narrow table instead of the page tree."""

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
    has_indicators = models.BooleanField(_("has result indicators"), default=False)
    # Copies of the page's facts, so that facets never join the page tables.
    translation_key = models.UUIDField(_("translation key"), null=True, db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # The practice's views (all versions) as of the last ranking (``PracticeViewCount``, copied
    # by ``services.practice_views_rank``): "most viewed" sorts on this row's own index.
    views = models.PositiveBigIntegerField(_("views"), default=0)
    # The visitor languages whose listings show this version, as ",en,fr," (see
    # services.practice_listing_refresh): one LIKE on this row instead of a join per search.
    listed_in = models.CharField(_("listed for"), max_length=100, blank=True)
    # The page's classification codes, as ",health,housing,": the facet statement filters and
    # counts them on this row instead of joining the classification tables.
    theme_codes = models.TextField(_("theme codes"), blank=True)
    group_codes = models.TextField(_("target group codes"), blank=True)
    gcm_codes = models.TextField(_("GCM objective codes"), blank=True)
    # Copies of what a result card shows (``practices.search.PracticeCard``), so that a page of
    # results is one read of this table: the page's tree path (the directory holding it), title,
    # slug, summary and illustrative mark (all published with the page), and its place (the
    # member authority's name, else the place named on the page), which changes with the
    # authority too (``services.practice_entries_authority_refresh``); a move refreshes paths.
    path = models.CharField(_("tree path"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    slug = models.CharField(_("slug"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_illustrative = models.BooleanField(_("illustrative example"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice search entry")
        verbose_name_plural = _("practice search entries")
        ordering = ["page_id"]
        indexes = [
            # The newest-first order (and its tie-break) of every list, read with LIMIT.
            models.Index(fields=["-first_published_at", "-page_id"], name="practice_search_newest"),
            models.Index(
                fields=["-views", "-first_published_at", "-page_id"],
                name="practice_search_most_viewed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} ({self.config})"


class PracticeView(models.Model):
    """One view of a practice page (any language), appended as it happens: an INSERT, never an
    update of a shared row. The ranking task folds these into ``PracticeViewCount`` and deletes
    them."""

    translation_key = models.UUIDField(_("translation key"))
    viewed_at = models.DateTimeField(_("viewed"), auto_now_add=True)

    class Meta:
        verbose_name = _("practice view")
        verbose_name_plural = _("practice views")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.translation_key} @ {self.viewed_at:%Y-%m-%d %H:%M}"


class PracticeViewCount(models.Model):
    """How many times a practice was opened, in any language (keyed by translation key), as of
    the last run of the ranking task: the one "most viewed" order every worker reads."""

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


class PracticeSearchGeneration(models.Model):
    """One row whose token changes, in the same transaction, with every change to the entries or
    to what hides them (view restrictions, page moves). It is part of the shared-cache keys of
    the facet counts (``practices.search``), so a change makes every worker count again."""

    token = models.CharField(_("token"), max_length=32)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice search generation")
        verbose_name_plural = _("practice search generations")

    def __str__(self) -> str:
        return self.token
