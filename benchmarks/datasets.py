"""Benchmark data sets, by size.

`make bench` always loads the demo content (``seed_demo``) first. A part of Convive that needs
more data to be measured fairly registers a filler here::

    @dataset_filler
    def fill_practices(*, size: str) -> None:
        target = {"demo": 0, "medium": 1_000, "large": 10_000}[size]
        ...  # create practices until there are `target` of them (idempotent)

Fillers run inside Django (bench settings, the benchmark database) in registration order and
must be idempotent: running the benchmark twice does not double the data. Add a size by adding
it to SIZES with a one-line description.
"""

import argparse
from collections.abc import Callable

Filler = Callable[..., None]

SIZES: dict[str, str] = {
    "demo": "the demo content only (seed_demo)",
    "medium": "demo content plus what each filler calls a medium network",
    "large": "demo content plus what each filler calls a large network",
}
FILLERS: list[Filler] = []


def dataset_filler(function: Filler) -> Filler:
    """Register a function ``(*, size: str) -> None`` that adds benchmark data for a size."""
    FILLERS.append(function)
    return function


def dataset_fill(*, size: str) -> None:
    """Run every registered filler for `size`."""
    if size not in SIZES:
        raise ValueError(f"Unknown data set size {size!r}; choose from {', '.join(SIZES)}.")
    for filler in FILLERS:
        print(f"Filling {size} data set: {filler.__name__}")
        filler(size=size)


def main() -> None:
    parser = argparse.ArgumentParser(description="Add benchmark data of a given size.")
    parser.add_argument("--size", choices=list(SIZES), default="demo")
    arguments = parser.parse_args()

    import django

    django.setup()
    dataset_fill(size=arguments.size)


if __name__ == "__main__":
    main()


# -- Practices (the finder: facets and full-text search) ------------------------------------------
BENCH_PRACTICE_PREFIX = "bench-practice-"


@dataset_filler
def fill_practices(*, size: str) -> None:
    """Add practices under the English directory until there are 0 / 1,000 / 10,000 benchmark
    practices, with a realistic spread of countries, themes, target groups, statuses, years and
    original languages. Page rows are bulk-inserted (no revisions: a benchmark does not edit
    them), then their search entries are built in one statement on PostgreSQL."""
    import random
    import uuid
    from datetime import date, timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from practices.models import (
        PracticeGcmObjective,
        PracticeIndexPage,
        PracticePage,
        PracticeTargetGroup,
        PracticeTheme,
    )
    from practices.searchindex.models import PracticeSearchEntry
    from practices.searchindex.services import search_config_for, text_fold
    from practices.taxonomy import GCM_OBJECTIVES, TARGET_GROUPS, THEMES

    target = {"demo": 0, "medium": 1_000, "large": 10_000}[size]
    index = PracticeIndexPage.objects.filter(locale__language_code="en").order_by("path").first()
    if index is None:
        print("No English practice directory: run seed_demo first; skipping practices.")
        return
    existing = PracticePage.objects.filter(slug__startswith=BENCH_PRACTICE_PREFIX).count()
    missing = target - existing
    if missing <= 0:
        return

    rng = random.Random(20261122 + existing)  # reproducible, different per top-up
    countries = ["MX", "CO", "PE", "EC", "BR", "AR", "CL", "GT", "CR", "CA", "US", "DO", "PA"]
    weights = [14, 14, 9, 8, 12, 7, 6, 5, 4, 4, 6, 3, 2]
    places = ["Ciudad", "Municipio", "Prefeitura", "Ville", "Distrito", "Provincia"]
    subjects = [
        ("Ruta de atención a la migración", "es"),
        ("Acolhimento e integração de refugiados", "pt"),
        ("Accueil des nouveaux arrivants", "fr"),
        ("Employment desk for returnees", "en"),
        ("Salud mental para familias migrantes", "es"),
        ("Escolas sem fronteiras", "pt"),
        ("Housing support for asylum seekers", "en"),
        ("Médiation interculturelle de quartier", "fr"),
    ]
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    statuses = [value for value, _label in PracticePage.Status.choices]
    # The practice table's own columns, parent link included (the page row is inserted first).
    local_fields = list(PracticePage._meta.local_concrete_fields)

    with transaction.atomic():
        index = PracticeIndexPage.objects.select_for_update().get(pk=index.pk)
        pages, details = [], []
        for offset in range(missing):
            number = existing + offset
            subject, language = rng.choice(subjects)
            country = rng.choices(countries, weights)[0]
            title = f"{subject} {number}"
            slug = f"{BENCH_PRACTICE_PREFIX}{number}"
            published = now - timedelta(hours=number)
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale_id=index.locale_id,
                    translation_key=uuid.uuid4(),
                    path=Page._get_path(index.path, index.depth + 1, index.numchild + offset + 1),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
            )
            start = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 365 * 11))
            details.append(
                {
                    "summary": f"{title}: {rng.choice(places)} {country}, "
                    "orientación, acompañamiento e integración.",
                    "place_name": f"{rng.choice(places)} {number % 97}",
                    "country": country,
                    "implementing_organisations": "Secretaría de desarrollo social",
                    "start_date": start,
                    "status": rng.choice(statuses),
                    "original_language": language,
                    "activities": "<p>Talleres, ferias de empleo y atención psicosocial.</p>",
                    "indicators": (
                        [
                            {
                                "type": "indicator",
                                "value": {
                                    "label": "People",
                                    "value": "100",
                                    "unit": "",
                                    "year": 2024,
                                },
                            }
                        ]
                        if number % 3 == 0
                        else []
                    ),
                }
            )
        Page.objects.bulk_create(pages, batch_size=1000)
        created = {
            page.slug: page.pk
            for page in Page.objects.filter(
                slug__startswith=BENCH_PRACTICE_PREFIX, depth=index.depth + 1
            )
        }
        practices = []
        for page, fields in zip(pages, details, strict=True):
            practice = PracticePage(page_ptr_id=created[page.slug], **fields)
            practice.title = page.title
            practices.append(practice)
        for start_at in range(0, len(practices), 1000):
            PracticePage._base_manager._insert(
                practices[start_at : start_at + 1000], fields=local_fields, using="default"
            )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + missing)

        themes, groups, objectives, entries = [], [], [], []
        for practice in practices:
            page_id = practice.page_ptr_id
            for term in rng.sample(THEMES, rng.randint(1, 3)):
                themes.append(PracticeTheme(page_id=page_id, code=term.code))
            for term in rng.sample(TARGET_GROUPS, rng.randint(1, 2)):
                groups.append(PracticeTargetGroup(page_id=page_id, code=term.code))
            for term in rng.sample(GCM_OBJECTIVES, rng.randint(0, 2)):
                objectives.append(PracticeGcmObjective(page_id=page_id, code=term.code))
            entries.append(
                PracticeSearchEntry(
                    page_id=page_id,
                    config=search_config_for("en"),
                    folded_text=text_fold(f"{practice.title} {practice.summary}"),
                    has_indicators=bool(practice.indicators),
                )
            )
        PracticeTheme.objects.bulk_create(themes, batch_size=2000)
        PracticeTargetGroup.objects.bulk_create(groups, batch_size=2000)
        PracticeGcmObjective.objects.bulk_create(objectives, batch_size=2000)
        PracticeSearchEntry.objects.bulk_create(entries, batch_size=2000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    UPDATE practice_search_practicesearchentry AS entry
                    SET search_vector =
                        setweight(to_tsvector(entry.config::regconfig,
                            coalesce(page.title, '') || ' ' || coalesce(practice.summary, '')), 'A')
                        || setweight(to_tsvector(entry.config::regconfig,
                            coalesce(practice.place_name, '') || ' '
                            || coalesce(practice.activities, '')), 'B')
                    FROM wagtailcore_page AS page
                    JOIN practices_practicepage AS practice ON practice.page_ptr_id = page.id
                    WHERE entry.page_id = page.id AND entry.search_vector IS NULL
                    """
                )
    print(f"Added {missing} benchmark practices (now {target}).")
