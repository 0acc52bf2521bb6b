"""The practice finder: facets, filters in the address, languages, sorting and search."""

from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from practice_search.services import practice_view_record, practice_views_rank
from practices.models import PracticeGcmObjective, PracticePage
from practices.search import PAGE_SIZE, practice_search
from tests.once import built_once
from tests.outreach import builders

from .builders import practice, practice_index, translate

pytestmark = pytest.mark.django_db


def _search(query: str = "", *, language: str = "en", page_number: int = 1):
    return practice_search(params=QueryDict(query), language=language, page_number=page_number)


def _titles(result) -> list[str]:
    return sorted(item.title for item in result.items)


def _facet(result, name: str) -> dict[str, tuple[int, bool]]:
    facet = next(facet for facet in result.facets if facet.name == name)
    return {option.code: (option.count, option.selected) for option in facet.options}


@pytest.fixture
def catalogue(directory):
    index = directory["en"]
    return {
        "bogota": practice(
            index,
            slug="bogota",
            title="Bogota health",
            country="CO",
            themes=("health",),
            status="running",
            start_date=date(2021, 5, 1),
        ),
        "medellin": practice(
            index,
            slug="medellin",
            title="Medellin jobs",
            country="CO",
            themes=("employment",),
            status="completed",
            start_date=date(2022, 5, 1),
        ),
        "tijuana": practice(
            index,
            slug="tijuana",
            title="Tijuana health and jobs",
            country="MX",
            themes=("health", "employment"),
            status="running",
            start_date=date(2022, 1, 1),
            indicators=[
                {
                    "type": "indicator",
                    "value": {"label": "People placed", "value": "120", "unit": "", "year": 2023},
                }
            ],
        ),
        "lima": practice(
            index,
            slug="lima",
            title="Lima schools",
            country="PE",
            themes=("education",),
            status="planned",
            start_date=date(2023, 1, 1),
        ),
    }


def test_filters_combine_or_within_a_facet_and_across_facets(catalogue):
    assert _titles(_search("country=CO&country=MX")) == [
        "Bogota health",
        "Medellin jobs",
        "Tijuana health and jobs",
    ]
    assert _titles(_search("country=CO&country=MX&theme=health")) == [
        "Bogota health",
        "Tijuana health and jobs",
    ]
    assert _titles(_search("theme=health&status=completed")) == []


def test_facet_counts_apply_the_other_facets_only(catalogue):
    result = _search("country=CO&theme=health")
    # Countries are counted among health practices, whatever country is ticked.
    assert _facet(result, "country") == {"CO": (1, True), "MX": (1, False)}
    # Themes are counted among Colombian practices, whatever theme is ticked.
    assert _facet(result, "theme") == {"employment": (1, False), "health": (1, True)}
    assert _facet(result, "status") == {"running": (1, False)}
    assert result.total == 1


def test_year_results_and_language_facets(catalogue):
    result = _search()
    assert _facet(result, "year") == {"2023": (1, False), "2022": (2, False), "2021": (1, False)}
    assert _facet(result, "results") == {"yes": (1, False), "no": (3, False)}
    assert _facet(result, "language") == {"en": (4, False)}
    assert _titles(_search("results=yes")) == ["Tijuana health and jobs"]
    assert _titles(_search("year=2022&results=no")) == ["Medellin jobs"]


def test_gcm_objective_filter(catalogue):
    page = catalogue["lima"]
    PracticeGcmObjective.objects.create(page=page, code="gcm-15")
    page.save_revision().publish()  # classifications change with a published revision
    assert _titles(_search("gcm=gcm-15")) == ["Lima schools"]
    assert _facet(_search(), "gcm") == {"gcm-15": (1, False)}


def test_toggle_urls_keep_the_other_parameters(catalogue):
    result = _search("q=health&country=CO&sort=newest")
    options = {
        option.code: option
        for option in next(f for f in result.facets if f.name == "country").options
    }
    assert options["MX"].url == "?q=health&country=CO&country=MX&sort=newest"
    assert options["CO"].url == "?q=health&sort=newest"
    assert result.query_string == "q=health&country=CO&sort=newest"
    assert [(f.facet, f.code) for f in result.active_filters] == [("country", "CO")]


def test_invalid_values_are_ignored(catalogue):
    result = _search(
        "country=XX&country=co&theme=nonsense&year=abc&year=3000&sort=drop"
        "&results=maybe&language=zz&status=<script>"
    )
    assert _titles(result) == ["Bogota health", "Medellin jobs"]
    assert result.sort == "newest"
    assert result.query_string == "country=CO"


def test_invalid_values_never_break_the_page(client, catalogue):
    response = client.get("/en/api/practices/?country=%00&year=99999999999&page=abc&sort=x")
    assert response.status_code == 200


def test_text_search_ignores_accents_and_case(directory):
    practice(directory["en"], slug="ruta", title="Ruta de la Migración", summary="Acogida.")
    practice(directory["en"], slug="other", title="Housing", summary="Rooms for families.")
    assert _titles(_search("q=MIGRACION")) == ["Ruta de la Migración"]
    assert _titles(_search("q=acogida migración")) == ["Ruta de la Migración"]
    assert _search("q=nowhere").total == 0


def test_relevance_is_offered_only_with_a_query(catalogue):
    assert [code for code, _label in _search().sort_options] == ["newest", "most_viewed"]
    result = _search("q=health")
    assert result.sort == "relevance"
    assert next(code for code, _label in result.sort_options) == "relevance"


def test_most_viewed_counts_views_of_every_language_version(client, directory, catalogue):
    spanish = translate(catalogue["lima"], directory["es"], code="es", slug="lima")
    for _number in range(2):
        assert client.get(catalogue["lima"].url).status_code == 200
    practice_view_record(translation_key=spanish.translation_key)
    practice_view_record(translation_key=catalogue["medellin"].translation_key)
    practice_views_rank()
    titles = [item.title for item in _search("sort=most_viewed").items]
    assert titles[:2] == ["Lima schools", "Medellin jobs"]


def test_each_practice_once_in_the_visitors_language_or_its_original(directory):
    translated = practice(directory["en"], slug="translated", title="Translated")
    translate(translated, directory["es"], code="es", slug="traducida", title="Traducida")
    practice(directory["en"], slug="english-only", title="English only")
    practice(directory["es"], slug="solo-espanol", title="Solo en español", original_language="es")

    spanish = {
        item.title: item.is_original_language_fallback for item in _search(language="es").items
    }
    assert spanish == {"Traducida": False, "English only": True, "Solo en español": False}

    english = {
        item.title: item.is_original_language_fallback for item in _search(language="en").items
    }
    assert english == {"Translated": False, "English only": False, "Solo en español": True}

    french = _search(language="fr")
    assert sorted(item.title for item in french.items) == [
        "English only",
        "Solo en español",
        "Translated",
    ]
    assert all(item.is_original_language_fallback for item in french.items)


def test_drafts_are_never_found(directory):
    builders.add_page(
        directory["en"],
        PracticePage(
            title="Secret draft",
            slug="draft",
            summary="Draft",
            live=False,
            implementing_organisations="Office",
            start_date=date(2024, 1, 1),
            place_name="Somewhere",
            country="CO",
        ),
        publish=False,
    )
    assert _search().total == 0
    assert _search("q=secret").total == 0


def test_pagination_by_twenty(directory):
    for number in range(PAGE_SIZE + 1):
        practice(directory["en"], slug=f"p-{number}")
    first, second = _search(page_number=1), _search(page_number=2)
    assert (len(first.items), len(second.items), first.total) == (PAGE_SIZE, 1, PAGE_SIZE + 1)
    assert _search(page_number=99).page.number == 2


def _grow(directory, start: int, count: int) -> None:
    countries = ("CO", "MX", "PE", "EC", "BR")
    themes = (("health",), ("employment", "education"), ("housing",))
    for number in range(start, start + count):
        page = practice(
            directory["en"],
            slug=f"grow-{number}",
            country=countries[number % 5],
            themes=themes[number % 3],
            start_date=date(2018 + number % 6, 1, 1),
        )
        if number % 4 == 0:
            translate(page, directory["es"], code="es", slug=f"crece-{number}")


def _query_counts(params: str, *, language: str) -> tuple[int, int, int]:
    """Queries of (the first search after a publish, the same search again, other words)."""
    counts = []
    for query in (params, params, params.replace("q=newcomers", "q=did+newcomers")):
        with CaptureQueriesContext(connection) as captured:
            _search(query, language=language)
        counts.append(len(captured))
    return tuple(counts)


QUERY_COUNT_PARAMS = "q=newcomers&country=CO&country=MX&theme=health&sort=most_viewed"


def _small_counts_then_grow() -> tuple[dict, dict[str, tuple[int, int, int]]]:
    """Each language's query counts with 11 and 12 practices; then 50 more are published."""
    with translation.override(settings.LANGUAGE_CODE):
        english = practice_index(builders.homes()["en"])
        directory = {
            "en": english,
            "es": builders.translate(english, builders.homes()["es"], code="es", slug="practicas"),
        }
        _grow(directory, 0, 10)
        small = {}
        for number, language in enumerate(("en", "es")):
            _search(QUERY_COUNT_PARAMS, language=language)  # warm per-process caches
            _grow(directory, 10 + number, 1)
            small[language] = _query_counts(QUERY_COUNT_PARAMS, language=language)
        _grow(directory, 12, 50)
    return directory, small


@pytest.fixture(scope="class")
def grown(django_db_setup, django_db_blocker):
    """The directory built once for TestQueryCount (tests/once.py): measured in each language
    with 11-12 practices, then grown to 62, which each test measures again."""
    yield from built_once(django_db_blocker, _small_counts_then_grow)


class TestQueryCount:
    @pytest.mark.parametrize("language", ["en", "es"])
    def test_query_count_does_not_grow_with_practices(self, grown, language):
        directory, small_counts = grown
        params = QUERY_COUNT_PARAMS
        small = small_counts[language]
        _search(params, language=language)  # warm per-process caches
        _grow(directory, 62, 1)  # a publish, as before the small counts
        large = _query_counts(params, language=language)
        assert large[1:] == small[1:]
        # The first search after a publish also counts again and finds the directories'
        # addresses (Wagtail's site root paths may or may not be cached yet): a few queries,
        # never per result.
        assert large[0] - large[1] <= 6
        # A repeated search (another worker or node alike) takes its facet counts from the
        # shared cache; new words count again in one statement.
        assert small[1] < small[2] <= small[0]
        assert _search(params, language=language).total > 0
