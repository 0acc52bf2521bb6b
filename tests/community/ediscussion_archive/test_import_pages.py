"""The coordinators' import page and report (views/imports.py) and the command
(``manage.py ediscussion_import``): the same service, its report shown and printed."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from network.community.models import ArchiveImport, Contribution, EDiscussion
from network.roles import Role
from tests.community.ediscussion_archive.helpers import ARCHIVE, QUESTIONS
from tests.factories import UserFactory
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("community:ediscussion_import")


def _upload(**fields) -> dict:
    return {
        "archive": SimpleUploadedFile("march.mbox", ARCHIVE.read_bytes()),
        "questions": SimpleUploadedFile("questions.csv", QUESTIONS.read_bytes()),
        "title": "Diaspora engagement (2023)",
        "language": "en",
        "access": "members",
        **fields,
    }


@pytest.fixture
def coordinator_client(client):
    sign_in(client, person(Role.COORDINATOR))
    return client


def test_a_check_shows_the_report_and_imports_nothing(coordinator_client):
    response = coordinator_client.post(IMPORT_URL, _upload(dry_run="on"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "What the import would do" in page
    assert "Its subject names question 3." in page
    assert "strategy.pdf" in page
    assert "maria.fernandez@ayto-ejemplo.es" in page  # the coordinators' report only
    assert not EDiscussion.objects.exists()
    assert not ArchiveImport.objects.exists()


def test_an_import_goes_to_its_report(coordinator_client):
    response = coordinator_client.post(IMPORT_URL, _upload())
    report = ArchiveImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:ediscussion_import_report", args=[report.pk])
    assert Contribution.objects.filter(ediscussion=report.ediscussion).count() == 6
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Diaspora engagement (2023)" in page
    assert 'outcome=auto_reply">Skipped: automatic reply</a> (1)' in page
    only_tray = coordinator_client.get(response["Location"], {"outcome": "tray"}).content.decode()
    assert "Kwame Osei" in only_tray and "María Fernández" not in only_tray
    listing = coordinator_client.get(IMPORT_URL).content.decode()
    assert "march.mbox" in listing


def test_a_zip_of_eml_files_adds_to_an_imported_e_discussion(coordinator_client):
    coordinator_client.post(IMPORT_URL, _upload())
    ediscussion = EDiscussion.objects.get()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "late.eml",
            "From: Kwame Osei <k.osei@citycouncil.example.gh>\nSubject: Re: Question 5\n"
            "Date: Wed, 22 Mar 2023 10:00:00 +0000\nMessage-ID: <late@example.gh>\n\n"
            "We use community radio in three languages.\n",
        )
        archive.writestr("minutes.docx", b"PK")
    response = coordinator_client.post(
        IMPORT_URL,
        {
            "archive": SimpleUploadedFile("late.zip", buffer.getvalue()),
            "into": str(ediscussion.pk),
            "language": "en",
            "access": "members",
        },
    )
    assert response.status_code == 302
    report = ArchiveImport.objects.latest("pk")
    assert report.ediscussion == ediscussion
    assert [(entry["label"], entry["outcome"]) for entry in report.entries] == [
        ("late.eml", "imported"),
        ("minutes.docx", "unreadable"),
    ]


def test_a_bad_questions_file_is_shown_with_its_line_and_what_was_typed_is_kept(
    coordinator_client,
):
    bad = SimpleUploadedFile("questions.csv", b"week,opens,question,en\n1,tomorrow,1,How?\n")
    response = coordinator_client.post(IMPORT_URL, _upload(questions=bad))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 2: write the date as 2021-03-01" in page
    assert 'value="Diaspora engagement (2023)"' in page
    assert not EDiscussion.objects.exists()


def test_members_are_refused_and_visitors_sent_to_sign_in(client):
    assert "login" in client.get(IMPORT_URL)["Location"]
    client.force_login(UserFactory())
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, _upload()).status_code == 403
    assert not EDiscussion.objects.exists()


def test_the_command_prints_each_message_and_imports_once():
    coordinator = person(Role.COORDINATOR, email="coordinator@example.org")
    arguments = [
        "ediscussion_import",
        "--mbox",
        str(ARCHIVE),
        "--questions",
        str(QUESTIONS),
        "--title",
        "Diaspora engagement (2023)",
        "--language",
        "en",
        "--by",
        coordinator.email,
    ]
    out = io.StringIO()
    call_command(*arguments, "--dry-run", stdout=out)
    printed = out.getvalue()
    assert "2. archive.mbox #2 [María Fernández]: Imported to its question → question 3" in printed
    assert "attachments not imported: strategy.pdf" in printed
    assert "Dry run: nothing was written." in printed
    assert not EDiscussion.objects.exists()
    call_command(*arguments, stdout=io.StringIO())
    again = io.StringIO()
    call_command(*arguments, stdout=again)
    assert "Nothing new to import" in again.getvalue()
    assert EDiscussion.objects.count() == 1
    assert Contribution.objects.count() == 6


def test_the_command_reads_a_folder_and_refuses_a_member(tmp_path):
    (tmp_path / "one.eml").write_bytes(ARCHIVE.read_bytes().split(b"\nFrom ", 1)[0])
    member = UserFactory(email="member@example.org")
    with pytest.raises(CommandError, match="role"):
        call_command(
            "ediscussion_import",
            "--eml-dir",
            str(tmp_path),
            "--questions",
            str(QUESTIONS),
            "--title",
            "Diaspora",
            "--by",
            member.email,
            stdout=io.StringIO(),
        )
    coordinator = person(Role.COORDINATOR, email="coordinator@example.org")
    out = io.StringIO()
    call_command(
        "ediscussion_import",
        "--eml-dir",
        str(tmp_path),
        "--questions",
        str(QUESTIONS),
        "--title",
        "Diaspora",
        "--by",
        coordinator.email,
        stdout=out,
    )
    assert "1. one.eml [Ana Member]: Imported to its question → question 1" in out.getvalue()


def test_an_archive_too_long_for_the_page_is_sent_to_the_command(coordinator_client, monkeypatch):
    monkeypatch.setattr("network.community.ediscussions.views.imports.PAGE_MAX_MESSAGES", 10)
    response = coordinator_client.post(IMPORT_URL, _upload())
    assert response.status_code == 200
    assert "This archive holds 11 messages; import at most 10 here" in response.content.decode()
    assert not EDiscussion.objects.exists()
