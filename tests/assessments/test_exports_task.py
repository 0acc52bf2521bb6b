"""Exports written by a worker: asked for, built once with its progress saved as it goes,
emailed to the requester in their language with a link in that language, failing visibly,
expiring; and someone who lost their rights meanwhile gets an export without rows."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from assessments import services_exports
from assessments.exports import export_write
from assessments.models import AssessmentExport
from assessments.services_exports import ExportRequest
from tests.network.conftest import person

from .export_helpers import export_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return export_world()


def _coordinator(**fields):
    user = person("coordinator", **fields)
    user.second_factor_passed = True
    return user


def _ask(by, world, captured, *, file_format="csv", labels=False, language="en"):
    with captured(execute=True):
        export = services_exports.export_request(
            by=by,
            assessment=world.assessment,
            request=ExportRequest(
                file_format=file_format, labels=labels, language=language, approved_only=True
            ),
        )
    export.refresh_from_db()
    return export


def _zip_rows(export) -> list[str]:
    with export.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        return archive.read("responses.csv").decode("utf-8-sig").splitlines()


def test_an_export_is_built_after_commit_emailed_once_in_the_requesters_language(
    world, django_capture_on_commit_callbacks
):
    requester = _coordinator(preferred_language="es", first_name="Ana")
    mail.outbox.clear()
    export = _ask(requester, world, django_capture_on_commit_callbacks)
    assert export.status == AssessmentExport.Status.READY
    assert (export.rows_done, export.rows_total, export.percent) == (2, 2, 100)
    assert export.file.name.startswith(f"assessments/exports/{world.assessment.pk}/{export.pk}/")
    assert export.expires_at == export.finished_at + timedelta(days=7)
    assert len(_zip_rows(export)) == 3  # the header and two responses
    [email] = [message for message in mail.outbox if message.to == [requester.email]]
    assert f"/es/assessments/manage/exports/{export.pk}/" in email.body
    assert "Ana" in email.body and "2" in email.body

    # Run again (a retried or repeated task): nothing is rebuilt, nothing sent again.
    finished = export.finished_at
    mail.outbox.clear()
    assert services_exports.export_run(export_id=export.pk) is None
    export.refresh_from_db()
    assert export.finished_at == finished and mail.outbox == []


def test_progress_is_saved_while_the_worker_writes(world, monkeypatch):
    requester = _coordinator()
    export = AssessmentExport.objects.create(
        requester=requester, assessment=world.assessment, format="csv"
    )
    seen = []

    def writing(**options):
        options["progress"](0, 2)
        options["progress"](1, 2)
        row = AssessmentExport.objects.get(pk=export.pk)
        seen.append((row.status, row.rows_done, row.rows_total, row.percent))
        options["target"].write(b"PK\x05\x06" + b"\x00" * 18)
        options["progress"](2, 2)
        return 2

    monkeypatch.setattr(services_exports, "export_write", writing)
    services_exports.export_run(export_id=export.pk)
    assert seen == [(AssessmentExport.Status.RUNNING, 1, 2, 50)]
    export.refresh_from_db()
    assert export.status == AssessmentExport.Status.READY


def test_progress_is_reported_after_every_chunk_while_the_rows_stream(world):
    """Each chunk's progress is written to the database while the rows are still being read
    from it (a server-side cursor on PostgreSQL)."""
    requester = _coordinator()
    export = AssessmentExport.objects.create(
        requester=requester, assessment=world.assessment, format="xlsx"
    )
    calls = []

    def progress(done, total):
        AssessmentExport.objects.filter(pk=export.pk).update(rows_done=done, rows_total=total)
        calls.append((done, total))

    export_write(
        user=requester,
        assessment=world.assessment,
        file_format="xlsx",
        labels=False,
        language="en",
        review_states=None,
        target=io.BytesIO(),
        progress=progress,
        chunk_size=1,
    )
    assert calls == [(0, 2), (1, 2), (2, 2), (2, 2)]
    export.refresh_from_db()
    assert (export.rows_done, export.rows_total) == (2, 2)


def test_a_failed_export_says_so_and_can_be_asked_for_again(world, monkeypatch):
    requester = _coordinator()
    export = AssessmentExport.objects.create(
        requester=requester, assessment=world.assessment, format="sav"
    )

    def broken(**options):
        raise ValueError("a column the writer cannot take")

    monkeypatch.setattr(services_exports, "export_write", broken)
    mail.outbox.clear()
    services_exports.export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == AssessmentExport.Status.FAILED
    assert export.error == "ValueError" and not export.file and mail.outbox == []


def test_asking_needs_the_assessments_team(world):
    with pytest.raises(PermissionDenied):
        services_exports.export_request(
            by=person("researcher"),
            assessment=world.assessment,
            request=ExportRequest(
                file_format="csv", labels=False, language="en", approved_only=False
            ),
        )
    assert not AssessmentExport.objects.exists()


def test_a_researcher_removed_before_the_worker_runs_gets_an_export_without_rows(
    world, django_capture_on_commit_callbacks
):
    researcher = person("researcher")
    world.assessment.researchers.add(researcher)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = services_exports.export_request(
            by=researcher,
            assessment=world.assessment,
            request=ExportRequest(
                file_format="csv", labels=False, language="en", approved_only=False
            ),
        )
    world.assessment.researchers.remove(researcher)
    for callback in callbacks:
        callback()
    export.refresh_from_db()
    assert export.status == AssessmentExport.Status.READY and export.rows_done == 0
    [header] = _zip_rows(export)
    assert "secret" not in header.split(",")


def test_expired_files_are_deleted(world, django_capture_on_commit_callbacks):
    export = _ask(_coordinator(), world, django_capture_on_commit_callbacks)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    assert services_exports.exports_expire(now=timezone.now()) == 0
    assert services_exports.exports_expire(now=export.expires_at + timedelta(seconds=1)) == 1
    export.refresh_from_db()
    assert export.status == AssessmentExport.Status.EXPIRED and not export.file
    assert not storage.exists(name)


def test_exports_are_in_the_requesters_personal_data_and_go_with_their_account(
    world, django_capture_on_commit_callbacks
):
    from network import personal_data
    from network.services import account_delete

    requester = _coordinator()
    export = _ask(requester, world, django_capture_on_commit_callbacks, file_format="xlsx")
    [listed] = personal_data.personal_data_export(user=requester)["assessments"]["answer_exports"]
    assert (listed["format"], listed["status"]) == ("xlsx", "ready")
    storage, name = export.file.storage, export.file.name
    account_delete(user=requester)
    assert not AssessmentExport.objects.exists() and not storage.exists(name)


def test_an_export_lost_on_its_way_is_marked_failed_by_the_daily_sweep(world):
    export = AssessmentExport.objects.create(
        requester=_coordinator(), assessment=world.assessment, format="csv"
    )
    services_exports.exports_expire(now=timezone.now() + timedelta(hours=1))
    export.refresh_from_db()
    assert export.status == AssessmentExport.Status.QUEUED  # still on its way
    services_exports.exports_expire(now=timezone.now() + timedelta(hours=7))
    export.refresh_from_db()
    assert export.status == AssessmentExport.Status.FAILED and export.error == "stale"
