"""Fresh imports of the archive (each test its own): nobody is told, a dry run writes nothing,
an e-discussion that has not ended is not imported."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from network.community.ediscussions import imports, services
from network.community.ediscussions.imports import files as archive_files
from network.community.models import ArchiveImport, Contribution, EDiscussion, Participant, Post
from tests.community.ediscussion_archive.helpers import (
    EXPECTED,
    archive_imported,
    archived,
    outcomes,
    weeks,
)
from tests.factories import UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db


def test_nobody_is_told_of_an_import(coordinator, django_capture_on_commit_callbacks):  # noqa: F811
    UserFactory(email="ana.member@example.org")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = archive_imported(by=coordinator)
    assert result.imported == 6
    assert mail.outbox == []
    assert callbacks == []


def test_a_dry_run_reports_the_same_and_writes_nothing(coordinator):  # noqa: F811
    UserFactory(email="ana.member@example.org")
    counted = (EDiscussion, Post, Contribution, ArchiveImport, Participant)
    before = [model.objects.count() for model in counted]
    result = archive_imported(by=coordinator, dry_run=True)
    assert outcomes(result) == EXPECTED
    assert result.ediscussion is None and result.report is None
    assert result.starts_at == datetime(2023, 3, 6, 9, tzinfo=UTC)
    assert [model.objects.count() for model in counted] == before


def test_an_e_discussion_not_over_yet_is_not_imported(coordinator):  # noqa: F811
    soon = archive_files.WeekRow(
        number=1, opens_at=timezone.now() + timedelta(days=1), questions=weeks()[0].questions
    )
    with pytest.raises(ValidationError) as error:
        archive_imported(by=coordinator, weeks=[soon], dry_run=True)
    assert "Week 1 opens in the future" in str(error.value)
    running = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "A running one"},
        default_language="en",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=20),
    )
    with pytest.raises(ValidationError):
        imports.archive_import(
            by=coordinator, messages=archived(), archive_name="x.mbox", into=running
        )
