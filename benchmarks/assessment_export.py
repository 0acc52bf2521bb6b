"""Exporting every answer of a needs assessment (target: the CSV and the XLSX of 500 authorities
x a 120-question questionnaire, 60,000 answers, each written in under 10 s on PostgreSQL, with a
peak memory that does not grow with the number of answers):
`.venv/bin/python benchmarks/assessment_export.py` (sizes 100 and 500 by default).

The questionnaire is the answering benchmark's (``assessment_answer.questionnaire_build``: eight
sections of 15 questions in four languages, choices, numbers, dates, yes/no, a multiple choice,
a Likert scale, a calculation per section and a repeatable group of programmes). For each size
an open assessment of it (``bench-export-<size>``) holds one submitted response per bench
authority answering every question (values drawn from a fixed seed by the answering benchmark's
``section_answers``, then every question left out filled) and one to three programmes.

Each export (the size, the format) runs in a process of its own, as a worker would run it
(``exports.export_write`` into a temporary file, for a superuser, every submitted answer): the
script prints its seconds, the file's size, the process's resident memory before the export
(Django and the plan's code loaded) and its peak during the export (the kernel's high-water mark,
``VmHWM``, reset just before): the difference is what the export added at its worst. It fails
(exit status 1) when the largest size's CSV or XLSX takes 10 s or more, or when their added
memory at the largest size is more than 1.5 times the smallest size's (plus 8 MB of noise).

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``), like benchmarks/run.py.
"""

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_SECONDS = 10
FORM_ID = "bench-export"
SIZES = (100, 500)
FORMATS = ("csv", "xlsx")
MEMORY_NOISE_MB = 8
SEED = 20261130
EXPORTER_EMAIL = "bench-exporter@example.org"


def _filled(answers: dict, n: int, rng: random.Random, kinds: dict) -> dict:
    """Every question of section ``n`` answered, whatever its skip logic says."""
    s = f"s{n}"
    missing = {
        f"{s}_budget": f"{rng.randint(1000, 900000)}.{rng.randrange(100):02d}",
        f"{s}_office_name": f"Casa del migrante {rng.randrange(100)}",
        f"{s}_services": ["service1", "service4"],
        f"{s}_plan_year": str(rng.randint(2005, 2025)),
        f"{s}_website": f"https://city{rng.randrange(1000)}.example.org/",
        f"{s}_followup": "Trained staff and a second desk.",
    }
    for key, value in missing.items():
        if key in kinds:
            answers.setdefault(key, value)
    return answers


def answers_count(*, slug: str) -> int:
    """How many answers the assessment's submitted responses hold (a repeat row's answers
    each count)."""
    from assessments.models import Response

    count = 0
    for data in (
        Response.objects.filter(assessment__slug=slug, status=Response.Status.SUBMITTED)
        .values_list("data", flat=True)
        .iterator(chunk_size=100)
    ):
        for value in data.values():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                count += sum(len(row) for row in value)
            else:
                count += 1
    return count


def export_fill(*, size: int) -> str:
    """The assessment of ``size`` submitted responses (idempotent); returns its slug."""
    from django.db import connection, transaction
    from django.utils import timezone

    from assessments.answering.values import clean_value
    from assessments.models import Assessment, Element, QuestionnaireVersion, Response
    from benchmarks.assessment_answer import (
        COUNTRIES,
        SECTIONS,
        _texts,
        questionnaire_build,
        section_answers,
    )
    from network.models import LocalAuthority, User

    User.objects.get_or_create(
        email=EXPORTER_EMAIL, defaults={"is_superuser": True, "is_staff": True}
    )
    version = QuestionnaireVersion.objects.filter(
        questionnaire__form_id=FORM_ID
    ).first() or questionnaire_build(form_id=FORM_ID)
    kinds = dict(Element.objects.filter(version=version).values_list("key", "kind"))
    slug = f"bench-export-{size}"
    assessment, _created = Assessment.objects.get_or_create(
        slug=slug,
        defaults={
            "title": _texts(
                f"Export benchmark ({size})",
                f"Prueba de exportación ({size})",
                f"Teste de exportação ({size})",
                f"Essai d'export ({size})",
            ),
            "version": version,
            "status": Assessment.Status.OPEN,
            "due_date": date.today() + timedelta(days=3650),
        },
    )
    have = Response.objects.filter(assessment=assessment).count()
    if have >= size:
        return slug
    now = timezone.now()
    with transaction.atomic():
        known = LocalAuthority.objects.filter(slug__startswith="bench-export-authority-").count()
        LocalAuthority.objects.bulk_create(
            [
                LocalAuthority(
                    name=f"Export municipality {index:04d}",
                    slug=f"bench-export-authority-{index}",
                    level=LocalAuthority.Level.MUNICIPALITY,
                    country=COUNTRIES[index % len(COUNTRIES)],
                    population_band=LocalAuthority.PopulationBand.FROM_50K,
                    is_member=True,
                    joined_at=now,
                )
                for index in range(known, size)
            ],
            batch_size=1_000,
        )
        authorities = list(
            LocalAuthority.objects.filter(slug__startswith="bench-export-authority-").order_by(
                "pk"
            )[:size]
        )
        answered = set(
            Response.objects.filter(assessment=assessment).values_list(
                "local_authority_id", flat=True
            )
        )
        rng = random.Random(SEED)
        responses = []
        for authority in authorities:
            if authority.pk in answered:
                continue
            data: dict = {}
            for n in range(1, SECTIONS + 1):
                data.update(_filled(section_answers(n, rng), n, rng, kinds))
            # Submitted answers hold clean values (whole numbers as numbers).
            data = {
                key: clean_value(kinds[key], value) if key in kinds else value
                for key, value in data.items()
            }
            responses.append(
                Response(
                    assessment=assessment,
                    local_authority=authority,
                    version=version,
                    status=Response.Status.SUBMITTED,
                    language="es",
                    data=data,
                    submitted_at=now,
                )
            )
        Response.objects.bulk_create(responses, batch_size=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE assessments_response, network_localauthority")
    return slug


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (``VmRSS``, ``VmHWM``), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"No {field} in /proc/self/status")


def _peak_reset() -> None:
    """Start the peak resident memory (``VmHWM``) again from the current one (Linux 4.0+):
    setting up Django (migrations checked) peaks higher than an export, and would hide it."""
    Path("/proc/self/clear_refs").write_text("5")


def measure(*, size: int, file_format: str) -> dict:
    """One export, timed, in this process (run by ``main`` in a process of its own)."""
    from assessments.exports import export_plan, export_write
    from assessments.models import Assessment, QuestionnaireVersion
    from network.models import User

    assessment = Assessment.objects.get(slug=f"bench-export-{size}")
    user = User.objects.get(email=EXPORTER_EMAIL)
    # Django, the ORM and the plan's code loaded, as in a worker that exported before.
    export_plan(
        versions=list(QuestionnaireVersion.objects.filter(pk=assessment.version_id)), hidden=set()
    )
    gc.collect()
    _peak_reset()
    before = _status_mb("VmRSS")
    with tempfile.TemporaryFile() as target:
        started = time.perf_counter()
        written = export_write(
            user=user,
            assessment=assessment,
            file_format=file_format,
            labels=True,
            language="es",
            review_states=None,
            target=target,
        )
        seconds = time.perf_counter() - started
        file_size = target.tell()
    after = _status_mb("VmHWM")
    return {
        "size": size,
        "format": file_format,
        "responses": written,
        "seconds": round(seconds, 2),
        "file_mb": round(file_size / 1024 / 1024, 2),
        "peak_before_mb": round(before, 1),
        "peak_after_mb": round(after, 1),
        "added_mb": round(after - before, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--formats", nargs="+", default=list(FORMATS), choices=["csv", "xlsx", "sav", "dta"]
    )
    parser.add_argument("--measure", nargs=2, metavar=("SIZE", "FORMAT"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()

    from benchmarks.run import django_bench_setup

    django_bench_setup()
    if arguments.measure:
        size, file_format = arguments.measure
        print(json.dumps(measure(size=int(size), file_format=file_format)))
        return 0

    load_before = os.getloadavg()[0]
    answers = {size: answers_count(slug=export_fill(size=size)) for size in arguments.sizes}
    results = []
    for size in arguments.sizes:
        for file_format in arguments.formats:
            run = subprocess.run(
                [sys.executable, __file__, "--measure", str(size), file_format],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(run.stdout.strip().splitlines()[-1])
            results.append({**result, "answers": answers[size]})
    print("Exporting every answer of a needs assessment on PostgreSQL (labels in Spanish):")
    for result in results:
        print(
            f"  {result['format']:>4} {result['size']:>4} authorities "
            f"({result['responses']} responses, {result['answers']:,} answers): "
            f"{result['seconds']:.2f} s, {result['file_mb']:.2f} MB file; RSS "
            f"{result['peak_before_mb']:.0f} MB before, peak {result['peak_after_mb']:.0f} MB "
            f"during (+{result['added_mb']:.1f} MB)"
        )
    largest, smallest = max(arguments.sizes), min(arguments.sizes)
    failures = []
    for file_format in set(arguments.formats) & {"csv", "xlsx"}:
        big = next(r for r in results if r["size"] == largest and r["format"] == file_format)
        small = next(r for r in results if r["size"] == smallest and r["format"] == file_format)
        if big["seconds"] >= TARGET_SECONDS:
            failures.append(f"{file_format} took {big['seconds']} s at {largest}")
        if big["added_mb"] > small["added_mb"] * 1.5 + MEMORY_NOISE_MB:
            failures.append(
                f"{file_format} added {big['added_mb']} MB at {largest} against "
                f"{small['added_mb']} MB at {smallest}"
            )
    print(
        f"  target: CSV and XLSX under {TARGET_SECONDS} s at the largest size, with memory "
        f"added not growing with the answers. "
        + ("; ".join(failures) if failures else "Met.")
        + f" Load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} CPUs."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
