"""Writes of the practice search: keeping search entries in step with published pages, recording
views and refreshing the shared "most viewed" ranking."""

import html
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Count, Max, OuterRef, Subquery, Value
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from network.search_text import search_config_for
from practices.models import PracticePage
from taxonomy.terms import GCM_OBJECTIVES, SDG_TARGETS, TARGET_GROUPS, THEMES, label

from .models import (
    PracticeSearchEntry,
    PracticeSearchGeneration,
    PracticeView,
    PracticeViewCount,
)

# SQLite: the FTS5 table (migration 0008) holding each entry's heading and body, its rowid the
# entry's page id; case and accents folded by its tokenizer.
SEARCH_TEXT_TABLE = "practice_search_text"
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


def _plain(value) -> str:
    return html.unescape(strip_tags(str(value or ""))).strip()


def practice_search_texts(*, page: PracticePage) -> tuple[str, str]:
    """(heading text, body text) of a practice: title and summary weigh more than the body,
    which also holds the member authority's name, the tags and the labels of every term the
    practice is classified with in each content language, so that "reintegración" finds a
    practice on "Return and reintegration" whatever language it is written in."""
    heading = " ".join(filter(None, [page.title, page.summary]))
    parts = [_plain(getattr(page, name, "")) for name in BODY_FIELDS]
    if page.authority_id is not None:
        parts.append(page.authority.name)
    parts += [tag.name for tag in page.tags.all()]
    parts += _term_labels(page)
    body = " ".join(filter(None, parts))
    return heading, body


def _term_labels(page: PracticePage) -> list[str]:
    """The labels, in every content language, of the practice's themes, target groups, GCM
    objectives and SDG targets."""
    classified = [
        (THEMES, [row.code for row in page.themes.all()]),
        (TARGET_GROUPS, [row.code for row in page.target_groups.all()]),
        (GCM_OBJECTIVES, [row.code for row in page.gcm_objectives.all()]),
        (SDG_TARGETS, [row.code for row in page.sdg_targets.all()]),
    ]
    labels = []
    for language in _content_languages():
        with translation.override(language):
            labels += [label(terms, code) for terms, codes in classified for code in codes]
    return list(dict.fromkeys(labels))  # each once, in order


def _content_languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def _shown_version(
    entries: list[PracticeSearchEntry], *, language: str
) -> PracticeSearchEntry | None:
    """The version a visitor reading ``language`` sees among the live versions ``entries``."""
    by_language = {entry.language: entry for entry in entries}
    for candidate in (
        language,
        *(entry.original_language for entry in entries),
        settings.LANGUAGE_CODE,
        *_content_languages(),
    ):
        if candidate in by_language:
            return by_language[candidate]
    return entries[0] if entries else None


def listed_in_values(entries: list[PracticeSearchEntry]) -> list[str]:
    """The ``listed_in`` of each of a practice's live versions ``entries`` (saved or not), in
    order: the visitor languages whose listing shows that version, stored as ",en,fr," (or "")."""
    shown: dict[int, list[str]] = {}
    for language in _content_languages():
        version = _shown_version(entries, language=language)
        if version is not None:
            shown.setdefault(version.page_id, []).append(language)
    return [
        f",{','.join(shown[entry.page_id])}," if entry.page_id in shown else "" for entry in entries
    ]


def codes_joined(codes: Iterable[str]) -> str:
    """Classification codes as kept on a search entry: ",health,housing," (empty without any)."""
    codes = sorted(set(codes))
    return f",{','.join(codes)}," if codes else ""


def delimited_values(column) -> list[str]:
    """The values a delimited column holds (",en,fr," -> ["en", "fr"]; empty or None -> [])."""
    return [value for value in str(column or "").split(",") if value]


def delimited_lookup(value: str) -> str:
    """What ``__contains`` looks for in a delimited column (``listed_in``, ``<field>_codes``:
    ",en,fr,") to find the entries holding ``value``."""
    return f",{value},"


def _classification_codes(page: PracticePage) -> dict[str, str]:
    return {
        "theme_codes": codes_joined(row.code for row in page.themes.all()),
        "group_codes": codes_joined(row.code for row in page.target_groups.all()),
        "gcm_codes": codes_joined(row.code for row in page.gcm_objectives.all()),
    }


def search_generation_bump() -> None:
    """Mark the entries as changed: the facet counts kept in the shared cache under the old token
    are no longer read (the new token becomes visible when the current transaction commits)."""
    token = uuid.uuid4().hex
    if not PracticeSearchGeneration.objects.filter(pk=1).update(token=token):
        PracticeSearchGeneration.objects.update_or_create(pk=1, defaults={"token": token})
    # robust: a warm-up that cannot be queued (broker down) only means that the first search
    # after the change builds the sets itself; the change has committed and stands.
    transaction.on_commit(_search_sets_warm_enqueue, robust=True)


def _search_sets_warm_enqueue() -> None:
    from .tasks import search_sets_warm  # the tasks module imports this one

    search_sets_warm.delay()


def practice_listing_refresh(*, translation_key: uuid.UUID, bump: bool = True) -> None:
    """Decide again, for every visitor language, which live version of a practice is listed;
    then mark the entries changed (unless ``bump`` is False: a bulk caller marks them once)."""
    entries = list(PracticeSearchEntry.objects.filter(translation_key=translation_key))
    for entry, value in zip(entries, listed_in_values(entries), strict=True):
        if entry.listed_in != value:
            PracticeSearchEntry.objects.filter(pk=entry.pk).update(listed_in=value)
    if bump:
        search_generation_bump()


def practice_search_entry_refresh(*, page: PracticePage, bump: bool = True) -> PracticeSearchEntry:
    """Rebuild the search entry of a (published) practice page from its current fields, then
    the listing of its practice (a new translation may now be the one a language shows); then
    mark the entries changed (unless ``bump`` is False: a bulk caller marks them once)."""
    heading, body = practice_search_texts(page=page)
    language = page.locale.language_code
    config = search_config_for(language)
    with transaction.atomic():
        entry, _created = PracticeSearchEntry.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "config": config,
                "has_indicators": bool(len(page.indicators)),
                "translation_key": page.translation_key,
                "language": language,
                "original_language": page.original_language or language,
                "country": page.country,
                "status": page.status,
                "start_year": page.start_date.year if page.start_date else None,
                "first_published_at": page.first_published_at,
                "path": page.path,
                "title": page.title,
                "slug": page.slug,
                "summary": page.summary,
                "place": _place(page),
                "is_illustrative": page.is_illustrative,
                "views": PracticeViewCount.objects.filter(translation_key=page.translation_key)
                .values_list("count", flat=True)
                .first()
                or 0,
                **_classification_codes(page),
            },
        )
        if connection.vendor == "postgresql":
            PracticeSearchEntry.objects.filter(pk=entry.pk).update(
                search_vector=SearchVector(Value(heading), config=config, weight="A")
                + SearchVector(Value(body), config=config, weight="B")
            )
        else:
            search_text_write(page_id=page.pk, heading=heading, body=body)
        practice_listing_refresh(translation_key=page.translation_key, bump=bump)
    return entry


def search_text_write(*, page_id: int, heading: str, body: str) -> None:
    """On SQLite, index the heading and body of the entry of page ``page_id`` in the FTS5 table
    (replacing what it held); call it where the entry is written, in the same transaction."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SEARCH_TEXT_TABLE} WHERE rowid = %s", [page_id])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {SEARCH_TEXT_TABLE} (rowid, heading, body) VALUES (%s, %s, %s)",  # noqa: S608
            [page_id, heading, body],
        )


def search_text_delete(*, page_ids: Iterable[int] | None = None) -> None:
    """On SQLite, forget the indexed text of the entries of ``page_ids`` (None: of every page
    that no longer has an entry); call it where entries are deleted, in the same transaction."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if page_ids is None:
            entries = PracticeSearchEntry._meta.db_table
            cursor.execute(
                f"DELETE FROM {SEARCH_TEXT_TABLE} WHERE rowid NOT IN"  # noqa: S608
                f" (SELECT page_id FROM {entries})"
            )
            return
        for page_id in page_ids:
            cursor.execute(f"DELETE FROM {SEARCH_TEXT_TABLE} WHERE rowid = %s", [page_id])  # noqa: S608


def _place(page: PracticePage) -> str:
    authority = page.authority
    return authority.name if authority is not None and authority.name else page.place_name


def practice_entries_authority_refresh(
    *, authority_id: int | None = None, deleted_name: str = ""
) -> None:
    """Copy the place of each practice again onto its entries (``_place``, the one rule) after a
    member authority was renamed (``authority_id``: its practices) or deleted (``deleted_name``:
    the entries that showed it, whose pages now name no authority), and mark the entries
    changed."""
    entries = PracticeSearchEntry.objects.select_related("page__authority")
    if authority_id is not None:
        entries = entries.filter(page__authority_id=authority_id)
    else:
        entries = entries.filter(page__authority__isnull=True, place=deleted_name)
    changed = []
    for entry in entries:
        place = _place(entry.page)
        if entry.place != place:
            entry.place = place
            changed.append(entry)
    PracticeSearchEntry.objects.bulk_update(changed, ["place"], batch_size=500)
    search_generation_bump()


def practice_entries_paths_refresh(*, under: str) -> None:
    """Copy the tree path of each practice page on or below the page at tree path ``under``
    again onto its entry (after that page moved, which moved them all)."""
    paths = Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1]
    PracticeSearchEntry.objects.filter(page__path__startswith=under).update(path=Subquery(paths))
    search_generation_bump()


def practice_search_entry_delete(*, page_id: int, translation_key: uuid.UUID | None) -> None:
    """Forget the search entry of a practice page that is no longer published (or deleted), and
    list another version of its practice in its place where there is one."""
    with transaction.atomic():
        PracticeSearchEntry.objects.filter(page_id=page_id).delete()
        search_text_delete(page_ids=[page_id])
        if translation_key is not None:
            practice_listing_refresh(translation_key=translation_key)


def practice_search_rebuild() -> int:
    """Rebuild the entries and the listing of every live practice page (after a bulk import or
    a change of view restrictions); returns the number of pages."""
    pages = PracticePage.objects.live().select_related("locale").order_by("pk")
    count = 0
    with transaction.atomic():
        PracticeSearchEntry.objects.exclude(page__in=pages).delete()
        search_text_delete()
        for page in pages.iterator(chunk_size=500):
            practice_search_entry_refresh(page=page, bump=False)
            count += 1
        # Once for the whole rebuild: one new token and one warm-up of the counting sets, not
        # one per page (each a row update and a queued task).
        search_generation_bump()
    return count


def practice_view_record(*, translation_key: uuid.UUID) -> None:
    """Count one view of a practice (in whichever language): one INSERT of its own row, so that
    views never wait on each other. The caller decides what is a view: a page served to a GET
    (HEAD never counts, nor does a bot's prefetch of headers); ``practice_views_rank`` makes it
    count in "most viewed"."""
    PracticeView.objects.create(translation_key=translation_key)


def practice_views_rank() -> int:
    """Fold the views recorded so far into the shared ranking (``PracticeViewCount``) and delete
    them, in one transaction; returns the number of views folded. Two runs at once never count a
    view twice: on PostgreSQL the views are deleted and counted in one statement (a concurrent
    run skips rows already deleted)."""
    with transaction.atomic():
        last = PracticeView.objects.aggregate(last=Max("pk"))["last"]
        if last is None:
            return 0
        if connection.vendor == "postgresql":
            table = PracticeView._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH gone AS (DELETE FROM {table} WHERE id <= %s"  # noqa: S608 (a model's table)
                    " RETURNING translation_key)"
                    " SELECT translation_key, COUNT(*) FROM gone GROUP BY translation_key",
                    [last],
                )
                added = dict(cursor.fetchall())
        else:
            views = PracticeView.objects.filter(pk__lte=last)
            added = dict(
                views.order_by()
                .values("translation_key")
                .annotate(number=Count("pk"))
                .values_list("translation_key", "number")
            )
            views.delete()
        if not added:
            return 0
        counters = {
            counter.translation_key: counter
            for counter in PracticeViewCount.objects.select_for_update().filter(
                translation_key__in=list(added)
            )
        }
        for key, number in added.items():
            if key in counters:
                counters[key].count += number
        PracticeViewCount.objects.bulk_update(list(counters.values()), ["count"])
        PracticeViewCount.objects.bulk_create(
            [
                PracticeViewCount(translation_key=key, count=number)
                for key, number in added.items()
                if key not in counters
            ]
        )
        # Every version of a ranked practice carries its new total, in one statement.
        PracticeSearchEntry.objects.filter(translation_key__in=list(added)).update(
            views=Subquery(
                PracticeViewCount.objects.filter(
                    translation_key=OuterRef("translation_key")
                ).values("count")[:1]
            )
        )
    return sum(added.values())
