"""The facilitator's dashboard of an e-discussion with 500 participants and 2,000 contributions:
`make bench` runs it after the pages (or alone:
`.venv/bin/python benchmarks/ediscussion_dashboard.py`).

The dashboard is a signed-in page, which the wrk benchmark (benchmarks/run.py, anonymous
visitors) cannot ask for, so it is timed here in-process: the facilitator of the benchmark
e-discussion (benchmarks/datasets.py ``fill_ediscussion``) is signed in on Django's test client
and asks the dashboard with every filter in turn (none, each week, each language, a week and a
language), round after round; the time of each answer and its SQL queries are recorded. It
fails (exit status 1) when the 95th percentile passes 300 ms or when the query count differs
between filters. The exports' times are printed too (no target; the PDF of one week with its
limit lifted).

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``) and Redis (``BENCH_REDIS_URL``), like benchmarks/run.py.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_P95_MS = 300
ROUNDS = 5


def _setup(size: str) -> None:
    from benchmarks.run import django_bench_setup

    django_bench_setup()
    from django.core.management import call_command

    # Production settings serve hashed static files: the page needs their manifest.
    call_command("collectstatic", "--noinput", verbosity=0)
    from benchmarks.datasets import fill_ediscussion

    fill_ediscussion(size=size)  # idempotent: adds only what `make bench` has not made yet


def _filters(weeks: list[int]) -> list[dict[str, str]]:
    """Every way a facilitator reads the dashboard: whole, per week, per language, both."""
    languages = ["en", "es", "pt", "fr"]
    return [
        {},
        *({"week": str(week)} for week in weeks),
        *({"language": language} for language in languages),
        *(
            {"week": str(week), "language": language}
            for week, language in zip(weeks, languages, strict=False)
        ),
    ]


def _timed(client, url: str, params: dict) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries.captured_queries), response.status_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="demo", help="data set size (benchmarks/datasets.py)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds over the filters")
    arguments = parser.parse_args()
    _setup(arguments.size)
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from benchmarks.datasets import BENCH_EDISCUSSION, BENCH_EDISCUSSION_FACILITATOR
    from network.community.models import Contribution, EDiscussion, Participant
    from network.models import User

    ediscussion = EDiscussion.objects.get(slug=BENCH_EDISCUSSION)
    facilitator = User.objects.get(email=BENCH_EDISCUSSION_FACILITATOR)
    Participant.objects.update_or_create(
        ediscussion=ediscussion, user=facilitator, defaults={"role": "facilitator"}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(facilitator)
    with translation.override("en"):
        url = reverse("community:ediscussion_dashboard", kwargs={"slug": ediscussion.slug})
        exports = {
            name: reverse(f"community:ediscussion_{name}", kwargs={"slug": ediscussion.slug})
            for name in ("export_csv", "export_xlsx", "document", "document_pdf")
        }
    weeks = list(ediscussion.weeks.order_by("number").values_list("number", flat=True))
    filters = _filters(weeks)
    _timed(client, url, {})  # a worker that served requests before (templates compiled)
    load_before = os.getloadavg()[0]
    times, counts = [], set()
    for _round in range(arguments.rounds):
        for params in filters:
            elapsed, queries, status = _timed(client, url, params)
            if status != 200:
                raise SystemExit(f"The dashboard answered {status} for {params}.")
            times.append(elapsed)
            counts.add(queries)
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    contributions = Contribution.objects.filter(ediscussion=ediscussion).count()
    participants = Participant.objects.filter(ediscussion=ediscussion).count()
    print(
        f"E-discussion dashboard ({participants:,} participants, {contributions:,} "
        f"contributions), {len(times)} requests over {len(filters)} filters: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (target: under {TARGET_P95_MS} ms); "
        f"queries per request: {', '.join(map(str, sorted(counts)))}. Load average (1 min) "
        f"before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs."
    )
    # The PDF of one week, above EDISCUSSION_PDF_MAX_CONTRIBUTIONS here: the limit is lifted
    # for the measurement, which tells what limit a server's timeout allows.
    settings.EDISCUSSION_PDF_MAX_CONTRIBUTIONS = contributions
    for name, export_url in exports.items():
        params = {"week": str(weeks[0])} if name == "document_pdf" else {}
        elapsed, queries, status = _timed(client, export_url, params)
        scope = f"week {weeks[0]}" if params else "everything"
        print(f"  {name} ({scope}): {elapsed:.0f} ms, {queries} queries, HTTP {status}")
    return 0 if p95 < TARGET_P95_MS and len(counts) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
