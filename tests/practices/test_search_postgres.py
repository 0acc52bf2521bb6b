"""Full-text search on PostgreSQL: per-language stemming, accents ignored, title above body.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/convive_finding.
"""

import pytest
from django.http import QueryDict

from practice_search.models import PracticeSearchEntry
from practices.search import practice_search

from .builders import practice

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _titles(query: str, *, language: str) -> list[str]:
    result = practice_search(params=QueryDict(query), language=language)
    return [item.title for item in result.items]


@pytest.fixture
def multilingual(homes):
    from .builders import practice_index

    indexes = {code: practice_index(homes[code]) for code in ("es", "pt", "fr")}
    return {
        "es": practice(
            indexes["es"],
            slug="migracion",
            title="Atención a la migración venezolana",
            summary="Orientación jurídica y acompañamiento psicosocial.",
            original_language="es",
        ),
        "pt": practice(
            indexes["pt"],
            slug="acolhimento",
            title="Acolhimento e integração em São Paulo",
            summary="Educação e saúde para famílias refugiadas.",
            original_language="pt",
        ),
        "fr": practice(
            indexes["fr"],
            slug="accueil",
            title="Accueil des réfugiés à Montréal",
            summary="Intégration économique et sociale des nouveaux arrivants.",
            original_language="fr",
        ),
    }


def test_entries_use_the_configuration_of_their_language(multilingual):
    configs = dict(PracticeSearchEntry.objects.values_list("page__slug", "config"))
    assert configs == {
        "migracion": "convive_es",
        "acolhimento": "convive_pt",
        "accueil": "convive_fr",
    }


def test_spanish_search_ignores_accents_and_stems(multilingual):
    assert _titles("q=migracion", language="es") == ["Atención a la migración venezolana"]
    assert _titles("q=atencion juridica", language="es") == ["Atención a la migración venezolana"]
    assert _titles("q=migraciones", language="es") == ["Atención a la migración venezolana"]


def test_portuguese_search_ignores_accents(multilingual):
    assert _titles("q=integracao", language="pt") == ["Acolhimento e integração em São Paulo"]
    assert _titles("q=educacao saude", language="pt") == ["Acolhimento e integração em São Paulo"]


def test_french_search_ignores_accents(multilingual):
    # Each practice is matched in its own language: the Portuguese "refugiadas" matches too.
    found = _titles("q=refugies", language="fr")
    assert "Accueil des réfugiés à Montréal" in found
    assert "Atención a la migración venezolana" not in found
    assert _titles("q=integration economique", language="fr") == ["Accueil des réfugiés à Montréal"]


def test_a_title_match_ranks_above_a_body_match(directory):
    practice(
        directory["en"],
        slug="body",
        title="Community kitchens",
        summary="Shared meals for newcomers.",
        activities="<p>Cooks trained volunteers in housing shelters.</p>",
    )
    practice(
        directory["en"],
        slug="title",
        title="Housing for refugee families",
        summary="Rooms and rent support.",
    )
    assert _titles("q=housing", language="en") == [
        "Housing for refugee families",
        "Community kitchens",
    ]
    # Newest-first puts the body match (published later... or earlier) wherever dates say.
    assert _titles("q=housing&sort=newest", language="en") == [
        "Housing for refugee families",
        "Community kitchens",
    ]


def test_request_statements_run_without_jit_or_parallel_workers():
    """Short statements under concurrent requests: no JIT compilation (~200 ms a facet count at
    100,000 practices) and no parallel workers competing with the other requests' cores."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
