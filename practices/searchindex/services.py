"""Writes of the practice finder: keeping search entries in step with published pages and
counting views."""

import html
import unicodedata
import uuid

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, Value
from django.utils.html import strip_tags

from practices.models import PracticePage

from .models import PracticeSearchEntry, PracticeViewCount

# PostgreSQL text-search configurations created by migration 0001 (stemming + unaccent).
SEARCH_CONFIGS = {"en": "convive_en", "es": "convive_es", "pt": "convive_pt", "fr": "convive_fr"}
DEFAULT_SEARCH_CONFIG = "simple"
BODY_FIELDS = (
    "place_name",
    "implementing_organisations",
    "partners",
    "context",
    "objectives",
    "activities",
    "results",
    "lessons_learned",
    "replication",
)


def search_config_for(language: str) -> str:
    """The text-search configuration used for content (and queries) in ``language``."""
    return SEARCH_CONFIGS.get(language, DEFAULT_SEARCH_CONFIG)


def text_fold(text: str) -> str:
    """``text`` in lower case without accents, so that "Migración" and "migracion" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _plain(value) -> str:
    return html.unescape(strip_tags(str(value or ""))).strip()


def practice_search_texts(*, page: PracticePage) -> tuple[str, str]:
    """(heading text, body text) of a practice: title and summary weigh more than the body."""
    heading = " ".join(filter(None, [page.title, page.summary]))
    body = " ".join(filter(None, (_plain(getattr(page, name, "")) for name in BODY_FIELDS)))
    return heading, body


def practice_search_entry_refresh(*, page: PracticePage) -> PracticeSearchEntry:
    """Rebuild the search entry of a (published) practice page from its current fields."""
    heading, body = practice_search_texts(page=page)
    config = search_config_for(page.locale.language_code)
    entry, _created = PracticeSearchEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "config": config,
            "folded_text": text_fold(f"{heading} {body}"),
            "has_indicators": bool(len(page.indicators)),
        },
    )
    if connection.vendor == "postgresql":
        PracticeSearchEntry.objects.filter(pk=entry.pk).update(
            search_vector=SearchVector(Value(heading), config=config, weight="A")
            + SearchVector(Value(body), config=config, weight="B")
        )
    return entry


def practice_search_entry_delete(*, page_id: int) -> None:
    """Forget the search entry of a practice page that is no longer published."""
    PracticeSearchEntry.objects.filter(page_id=page_id).delete()


def practice_search_rebuild() -> int:
    """Rebuild the entries of every live practice page (after a bulk import); returns the count."""
    pages = PracticePage.objects.live().select_related("locale").order_by("pk")
    count = 0
    for page in pages.iterator(chunk_size=500):
        practice_search_entry_refresh(page=page)
        count += 1
    return count


def practice_view_record(*, translation_key: uuid.UUID) -> None:
    """Count one view of a practice (in whichever language): one UPDATE in the common case."""
    updated = PracticeViewCount.objects.filter(translation_key=translation_key).update(
        count=F("count") + 1
    )
    if not updated:
        _counter, created = PracticeViewCount.objects.get_or_create(
            translation_key=translation_key, defaults={"count": 1}
        )
        if not created:
            PracticeViewCount.objects.filter(translation_key=translation_key).update(
                count=F("count") + 1
            )
