"""One search path: every worker and node answers a search alike, at once after a change, from
SQL and the shared cache (no copy of the practices in the process), and "most viewed" is one
ranking refreshed on a schedule from views counted without a shared hot row."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.http import QueryDict

from practice_search import tasks
from practice_search.models import PracticeView, PracticeViewCount
from practice_search.services import practice_view_record, practice_views_rank
from practices import search
from practices.search import PAGE_SIZE, practice_search
from tests.cache_servers import refusing_server

from .builders import practice

pytestmark = pytest.mark.django_db


def _search(query: str = "", *, page_number: int = 1, language: str = "en"):
    return practice_search(params=QueryDict(query), language=language, page_number=page_number)


def _titles(result) -> list[str]:
    return [item.title for item in result.items]


def test_a_publish_or_unpublish_shows_in_the_very_next_search(directory):
    first = practice(directory["en"], slug="first", title="First", country="MX")
    assert _search("country=MX").total == 1
    practice(directory["en"], slug="second", title="Second", country="MX")
    # No fixture forgets anything in between: nothing is kept per process.
    result = _search("country=MX")
    assert result.total == 2
    assert _titles(result) == ["Second", "First"]
    first.unpublish()
    result = _search("country=MX")
    assert _titles(result) == ["Second"]
    assert {o.code: o.count for o in result.facets[0].options} == {"MX": 1}


def test_the_answer_does_not_depend_on_what_a_process_or_the_cache_holds(directory):
    for number in range(3):
        practice(directory["en"], slug=f"p{number}", title=f"P{number}", country="CO")
    filled = _search("country=CO&theme=health")
    cache.clear()  # another node, with nothing cached yet
    empty = _search("country=CO&theme=health")
    assert _titles(filled) == _titles(empty)
    assert [(f.name, [(o.code, o.count) for o in f.options]) for f in filled.facets] == [
        (f.name, [(o.code, o.count) for o in f.options]) for f in empty.facets
    ]
    assert not any(name in vars(search) for name in ("_snapshot", "finder_snapshot", "_build_lock"))


def test_facet_counts_come_from_the_shared_cache_until_the_next_publish(directory):
    def counted(query: str) -> bool:
        with mock.patch.object(search, "_units_count", wraps=search._units_count) as count:
            _search(query)
        return count.called

    practice(directory["en"], slug="a", title="A", country="PE")
    assert counted("country=PE")
    # Another order or page of the same search: the counts come from the shared cache.
    assert not counted("country=PE&sort=most_viewed&page=2")
    # The counts without the country filter (those of the Country facet) were counted with it:
    # the search without filters finds them in the cache too, as does the same query folded.
    assert not counted("")
    assert counted("q=Peru&country=PE")
    assert not counted("q=PERÚ&country=PE&page=3")
    cache.clear()
    assert counted("country=PE&sort=most_viewed")
    practice(directory["en"], slug="b", title="B", country="PE")
    assert counted("country=PE")  # a publish changed the token: counted again
    assert _search("country=PE").total == 2


def test_a_broken_cache_is_passed_by(directory, settings):
    practice(directory["en"], slug="a", title="A", country="PE")

    # The shared cache's Redis is stopped: the search is computed without it.
    with refusing_server() as url:
        settings.CACHES = {
            "default": {"BACKEND": "network.redis_cache.RedisCache", "LOCATION": url}
        }
        result = _search("country=PE")
    assert result.total == 1
    assert _titles(result) == ["A"]


def test_most_viewed_pages_neither_repeat_nor_skip(directory):
    pages = [practice(directory["en"], slug=f"p{n}", title=f"P{n}") for n in range(PAGE_SIZE + 5)]
    for number, page in enumerate(pages):
        for _view in range(number % 4):
            practice_view_record(translation_key=page.translation_key)
    practice_views_rank()
    first = _titles(_search("sort=most_viewed", page_number=1))
    second = _titles(_search("sort=most_viewed", page_number=2))
    assert len(first) == PAGE_SIZE
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(page.title for page in pages)


def test_views_count_only_once_the_ranking_task_runs(directory):
    old = practice(directory["en"], slug="old", title="Old")
    practice(directory["en"], slug="new", title="New")
    for _view in range(3):
        practice_view_record(translation_key=old.translation_key)
    # Recorded, not yet ranked: every worker still orders alike (newest first on a tie).
    assert _titles(_search("sort=most_viewed")) == ["New", "Old"]
    tasks.views_rank()
    assert _titles(_search("sort=most_viewed")) == ["Old", "New"]
    assert PracticeViewCount.objects.get(translation_key=old.translation_key).count == 3
    assert not PracticeView.objects.exists()
    tasks.views_rank()  # idempotent: nothing left to fold
    practice_view_record(translation_key=old.translation_key)
    tasks.views_rank()
    assert PracticeViewCount.objects.get(translation_key=old.translation_key).count == 4


def test_a_view_is_one_insert_never_an_update(directory, django_assert_num_queries):
    page = practice(directory["en"], slug="a", title="A")
    practice_view_record(translation_key=page.translation_key)
    with django_assert_num_queries(1) as captured:
        practice_view_record(translation_key=page.translation_key)
    assert captured.captured_queries[0]["sql"].lstrip().upper().startswith("INSERT")


def test_head_requests_are_not_views(client, directory):
    page = practice(directory["en"], slug="a", title="A")
    assert client.head(page.url).status_code == 200
    assert not PracticeView.objects.exists()
    assert client.get(page.url).status_code == 200
    assert PracticeView.objects.filter(translation_key=page.translation_key).count() == 1


def test_the_ranking_is_scheduled():
    from django.conf import settings

    scheduled = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert tasks.views_rank.name in scheduled


def test_a_republished_practice_keeps_its_place_in_most_viewed(directory):
    quiet = practice(directory["en"], slug="quiet", title="Quiet")
    popular = practice(directory["en"], slug="popular", title="Popular")
    newest = practice(directory["en"], slug="newest", title="Newest")
    for _view in range(3):
        practice_view_record(translation_key=quiet.translation_key)
    practice_view_record(translation_key=popular.translation_key)
    practice_views_rank()
    assert _titles(_search("sort=most_viewed")) == ["Quiet", "Popular", "Newest"]
    # Editing and publishing again rebuilds the entry: it carries the ranking's views over.
    quiet.title = "Quiet, edited"
    quiet.save_revision().publish()
    assert _titles(_search("sort=most_viewed")) == ["Quiet, edited", "Popular", "Newest"]
    assert newest.live


def test_counts_with_several_filters_are_right_counted_or_from_the_cache(directory):
    practice(directory["en"], slug="a", title="A", country="MX", themes=("health",))
    practice(directory["en"], slug="b", title="B", country="MX", themes=("housing",))
    practice(directory["en"], slug="c", title="C", country="CO", themes=("health",))
    practice(directory["en"], slug="d", title="D", country="PE", themes=("health", "housing"))
    expected = {
        # A facet's counts apply every filter but its own.
        "country=MX&theme=health": (1, {"MX": 1, "CO": 1, "PE": 1}, {"health": 1, "housing": 1}),
        "country=MX&country=PE&theme=housing": (2, {"MX": 1, "PE": 1}, {"health": 2, "housing": 2}),
        "theme=housing": (2, {"MX": 1, "PE": 1}, {"health": 3, "housing": 2}),
    }
    cache.clear()
    for _round in ("counted", "from the cache"):
        for query, (total, countries, themes) in expected.items():
            result = _search(query)
            counts = {f.name: {o.code: o.count for o in f.options} for f in result.facets}
            assert (result.total, counts["country"], counts["theme"]) == (total, countries, themes)


def test_counts_follow_visibility_language_and_every_kind_of_facet(directory):
    """The sets counting reads hold what the SQL filters hold: a restricted or unpublished
    practice is counted nowhere, a practice is counted in the languages listing it, and the
    year, indicator and original-language facets count like the SQL filters select."""
    from wagtail.models import PageViewRestriction

    shown = practice(directory["en"], slug="shown", title="Shown", country="MX")
    hidden = practice(directory["en"], slug="hidden", title="Hidden", country="MX")
    gone = practice(directory["en"], slug="gone", title="Gone", country="MX")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    gone.unpublish()
    result = _search("")
    counts = {f.name: {o.code: o.count for o in f.options} for f in result.facets}
    assert (result.total, counts["country"]) == (1, {"MX": 1})
    for facet in ("year", "results", "language", "status"):
        for code, number in counts[facet].items():
            narrowed = _search(f"{facet}={code}")
            assert narrowed.total == number == len(narrowed.items), (facet, code)
    assert _titles(_search("q=Shown")) == ["Shown"]
    assert _search("q=Hidden").total == 0
    assert shown.live


def test_a_change_warms_the_counting_sets_for_the_next_visitor(
    directory, django_capture_on_commit_callbacks, monkeypatch
):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        practice(directory["en"], slug="a", title="A", country="PE")
    # The task run after the publish built the new token's sets: the next search reads them.
    with mock.patch.object(search, "_sets_build", wraps=search._sets_build) as build:
        assert _search("country=PE").total == 1
    assert not build.called
    # Lost from the shared cache (Redis flushed, expired): a process that has them decoded
    # already counts from its copy of this token's sets; one that has not builds them again.
    cache.clear()
    with mock.patch.object(search, "_sets_build", wraps=search._sets_build) as build:
        assert _search("country=PE").total == 1
    assert not build.called
    cache.clear()
    monkeypatch.setattr(search, "_sets_latest", None)
    with mock.patch.object(search, "_sets_build", wraps=search._sets_build) as build:
        assert _search("country=PE").total == 1
    assert build.called
