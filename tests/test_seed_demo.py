"""`make run`'s seeding: every summary line counts what the demo has, a second run creates
nothing and says so, and inline (eager) Celery tasks leave no broker warning behind. What the
demo e-discussions show is tested in tests/community/test_ediscussion_demo.py."""

import io
import logging
import re

import pytest
from django.core.management import call_command

from config.celery import app as celery_app

pytestmark = pytest.mark.django_db


def _seed() -> dict[str, str]:
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    lines = [line for line in output.getvalue().splitlines() if line]
    assert lines[-1] == "Demo content is in place."
    return {line.split(":", 1)[0]: line for line in lines[:-1]}


def _numbers(line: str) -> list[int]:
    return [int(number) for number in re.findall(r"\b\d+\b", line)]


def test_seeding_reports_what_it_created_and_a_second_run_creates_nothing(settings):
    settings.SITE_URL = "http://127.0.0.1:8100"
    first = _seed()
    assert list(first) == [
        "Network",
        "Community",
        "Site",
        "Outreach site",
        "Resource library",
        "Good practices",
        "Needs assessments",
        "E-discussions",
        "Assessment report",
    ]
    assert first["Network"].startswith("Network: 37 row(s) created; 21 member authorities")
    assert "now served at http://127.0.0.1:8100" in first["Site"]
    for name in ("Outreach site", "Resource library", "Good practices"):
        created, total, *parts = _numbers(first[name])
        # The home pages come with the migrations; everything else is the seed's.
        assert created == total - (4 if name == "Outreach site" else 0), first[name]
        if parts:
            assert sum(parts) == total, first[name]

    second = _seed()
    assert second["Network"].startswith("Network: 0 row(s) created;")
    assert "0 topic(s) and 0 forum member(s) created" in second["Community"]
    assert second["Site"] == "Site: served at http://127.0.0.1:8100 (unchanged)."
    assert "1 assessment(s), 32 invitation(s), 23 response(s)" in first["Needs assessments"]
    assert second["Needs assessments"].startswith("Needs assessments: 0 questionnaire version(s)")
    assert (
        "0 assessment(s), 0 invitation(s), 0 response(s) and 0 focal point(s) created"
        in second["Needs assessments"]
    )
    for name in ("Outreach site", "Good practices"):
        assert second[name] == first[name].replace(
            f": {_numbers(first[name])[0]} page(s) created", ": 0 page(s) created"
        )
    # The library holds the finished e-discussion's published summary since the first run.
    assert ": 0 page(s) created" in second["Resource library"]
    assert first["E-discussions"].startswith("E-discussions: 2 created")
    assert first["Assessment report"] == "Assessment report: 4 page(s) created, 4 in all."
    assert second["Assessment report"] == "Assessment report: 0 page(s) created, 4 in all."
    assert second["E-discussions"].startswith("E-discussions: 0 created (0 civil-society")


def test_an_inline_task_opens_no_broker_connection_without_a_host(caplog):
    # Celery takes a producer (a broker connection) even for an eager task.
    with caplog.at_level(logging.WARNING, logger="kombu.connection"):
        celery_app.connection_for_write().info()
    assert not [record for record in caplog.records if "No hostname" in record.getMessage()]
