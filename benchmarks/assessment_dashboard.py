"""The analysis dashboard of a needs assessment (target: 500 authorities x a 120-question
questionnaire, about 60,000 answers, on PostgreSQL: the dashboard with a country filter and one
crosstab renders in under 300 ms cold): `.venv/bin/python benchmarks/assessment_dashboard.py`
(sizes 100 and 500 by default).

The data is the export benchmark's (``assessment_export.export_fill``: the answering benchmark's
120-question questionnaire in four languages, one submitted response per bench authority
answering every question, one to three programmes each), its answers approved and flattened by
the same service a submission uses (``services_analysis.answer_values_rebuild``).

The requests are what the team does: each of the eight sections, in the four languages, filtered
by one of the five countries and broken down by a yes/no question of another section, by level
of government or by country (a crosstab), some with "every submitted answer" or "as readers
outside the team see it" (small counts protected) — every request a different page, none
repeated, so nothing is served from a cache (the analysis has none: every figure is computed in
SQL per request). Each runs in process through Django's test client as the assessment's
researcher, after one warm-up request per language (templates compiled, menus in the shared
cache). It prints p50, p95 and the maximum in ms, the queries of each page (the same whatever
the size) and the process's peak memory, and fails (exit status 1) when the largest size's p95
is 300 ms or more, or when the queries of a page differ between the sizes.

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``), like benchmarks/run.py.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_P95_MS = 300
SIZES = (100, 500)
LANGUAGES = ("en", "es", "pt", "fr")
SEED = 20261130
RESEARCHER_EMAIL = "bench-analyst@example.org"


def dashboard_fill(*, size: int):
    """The export benchmark's assessment of ``size`` answers, approved and flattened
    (idempotent); returns the assessment."""
    from django.db import connection

    from assessments.models import AnswerValue, Assessment, Response
    from assessments.services_analysis import answer_values_rebuild
    from benchmarks.assessment_export import export_fill

    assessment = Assessment.objects.get(slug=export_fill(size=size))
    Response.objects.filter(assessment=assessment).exclude(review_state="approved").update(
        review_state="approved"
    )
    if not AnswerValue.objects.filter(assessment=assessment).exists():
        answer_values_rebuild(assessment=assessment)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE assessments_answervalue, assessments_response")
    return assessment


def _analyst(assessment):
    from django.contrib.auth.models import Group

    from network.models import User
    from network.roles import Role

    user, _created = User.objects.get_or_create(
        email=RESEARCHER_EMAIL, defaults={"first_name": "Bench", "last_name": "Analyst"}
    )
    user.groups.add(Group.objects.get(name=Role.RESEARCHER))
    assessment.researchers.add(user)
    return user


def _requests(structure, rng: random.Random, count: int) -> list[dict]:
    """``count`` different dashboard queries, drawn from a fixed seed."""
    from benchmarks.assessment_answer import COUNTRIES

    sections = [section.key for section in structure.sections if section.item]
    yes_no = [item.key for item in structure.items() if item.kind == "yes_no" and not item.repeat]
    seen: set[tuple] = set()
    queries: list[dict] = []
    while len(queries) < count:
        by = rng.choice(["q:" + rng.choice(yes_no), "level", "country", "q:" + rng.choice(yes_no)])
        query = {
            "language": rng.choice(LANGUAGES),
            "section": rng.choice(sections),
            "country": rng.choice(COUNTRIES),
            "by": by,
        }
        if rng.random() < 0.25:
            query["include_all_submitted"] = "on"
        if rng.random() < 0.25:
            query["protected"] = "on"
        key = tuple(sorted(query.items()))
        if key in seen:
            continue
        seen.add(key)
        queries.append(query)
    return queries


def measure(*, assessment, requests: int, rng: random.Random) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    from assessments.selectors_answer import version_structure_load

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(_analyst(assessment))
    structure = version_structure_load(version=assessment.version)

    def path(language: str) -> str:
        with translation.override(language):
            return reverse("assessments:assessment_analysis", args=[assessment.slug])

    for language in LANGUAGES:
        assert client.get(path(language)).status_code == 200
    times: list[float] = []
    queries_by_page: dict[tuple, int] = {}
    for query in _requests(structure, rng, requests):
        language = query.pop("language")
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path(language), query)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        times.append(elapsed)
        shape = (query["by"].startswith("q:"), "protected" in query)
        queries_by_page[shape] = max(queries_by_page.get(shape, 0), len(captured))
    return {
        "p50": statistics.median(times),
        "p95": statistics.quantiles(times, n=20)[-1],
        "max": max(times),
        "queries": queries_by_page,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--requests", type=int, default=60, help="pages timed per size")
    arguments = parser.parse_args()

    from benchmarks.run import django_bench_setup

    django_bench_setup()
    from django.core.management import call_command

    from assessments.models import AnswerValue

    call_command("collectstatic", "--noinput", verbosity=0)
    assessments = {size: dashboard_fill(size=size) for size in arguments.sizes}
    load_before = os.getloadavg()[0]
    results = {
        size: measure(assessment=assessment, requests=arguments.requests, rng=random.Random(SEED))
        for size, assessment in assessments.items()
    }
    print("The analysis dashboard of a needs assessment on PostgreSQL, in process, cold pages:")
    for size, result in results.items():
        answers = AnswerValue.objects.filter(assessment=assessments[size]).count()
        shapes = ", ".join(
            f"{'question' if by_question else 'level/country'} crosstab"
            f"{' protected' if protected else ''}: {count}"
            for (by_question, protected), count in sorted(result["queries"].items())
        )
        print(
            f"  {size:>4} authorities ({answers:,} flat answers): p50 {result['p50']:.0f} ms, "
            f"p95 {result['p95']:.0f} ms, max {result['max']:.0f} ms; queries a page ({shapes}); "
            f"process peak {result['peak_mb']:.0f} MB"
        )
    largest, smallest = max(results), min(results)
    failures = []
    if results[largest]["p95"] >= TARGET_P95_MS:
        failures.append(f"p95 {results[largest]['p95']:.0f} ms at {largest}")
    if results[largest]["queries"] != results[smallest]["queries"]:
        failures.append("the queries of a page differ between the sizes")
    print(
        f"  target: p95 under {TARGET_P95_MS} ms at {largest} authorities, queries independent "
        "of the size. "
        + ("; ".join(failures) if failures else "Met.")
        + f" Load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} CPUs."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
