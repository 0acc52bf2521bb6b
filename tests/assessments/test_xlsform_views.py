"""The XLSForm pages: who may import and download, the upload's checks, the report of a
refused import and the page of a successful one."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import Questionnaire, QuestionnaireVersion
from assessments.services_xlsform import WORKBOOK_MAX_SIZE, xlsform_import
from network.roles import Role
from tests.assessments.xlsforms.build import needs_assessment, workbook
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT = reverse("assessments:xlsform_import")


def upload(content: bytes, name: str = "form.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


@pytest.fixture
def researcher(client):
    user = person(Role.RESEARCHER)
    client.force_login(user)
    return user


@pytest.fixture
def version(db):
    user = person(Role.RESEARCHER)
    return xlsform_import(workbook=needs_assessment(), by=user).version


def test_anonymous_visitors_are_sent_to_sign_in(client, version):
    for url in (IMPORT, reverse("assessments:version_xlsform", args=[version.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_members_are_refused(client, version):
    client.force_login(person())
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"workbook": upload(needs_assessment())}).status_code == 403
    assert client.get(reverse("assessments:version_xlsform", args=[version.pk])).status_code == 403
    assert QuestionnaireVersion.objects.count() == 1


def test_a_coordinator_without_the_second_factor_is_asked_for_it(client):
    client.force_login(person(Role.COORDINATOR))
    response = client.get(IMPORT)
    assert response.status_code == 302
    assert "login" not in response["Location"]


def test_a_coordinator_with_the_second_factor_imports(client):
    sign_in(client, person(Role.COORDINATOR))
    response = client.post(IMPORT, {"workbook": upload(needs_assessment())})
    assert response.status_code == 302
    assert QuestionnaireVersion.objects.get().questionnaire.form_id == "needs_2026"


def test_a_researcher_imports_and_finds_the_version_with_the_notes(client, researcher):
    response = client.get(IMPORT)
    assert response.status_code == 200
    assert b'accept=".xlsx' in response.content

    response = client.post(IMPORT, {"workbook": upload(needs_assessment())})

    version = QuestionnaireVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:version_detail", args=[version.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "The workbook is imported as version 1 of “needs_2026”, a draft." in text
    # The start row, left out on purpose, is said with its sheet and row.
    assert "Sheet “survey”, row 2, column “type”: “start” is metadata" in text
    assert "Staff working with migrants" in text
    assert reverse("assessments:version_xlsform", args=[version.pk]) in text


def test_the_questionnaires_page_offers_the_import(client, researcher):
    response = client.get(reverse("assessments:questionnaire_list"))
    assert IMPORT in response.content.decode()


def test_a_second_import_into_an_existing_questionnaire(client, researcher, version):
    response = client.post(
        IMPORT,
        {"workbook": upload(needs_assessment()), "questionnaire": version.questionnaire.pk},
    )
    assert response.status_code == 302
    assert version.questionnaire.versions.count() == 2


def test_a_refused_import_shows_each_problem_by_sheet_and_row_and_saves_nothing(client, researcher):
    content = workbook(
        {
            "survey": [
                ["type", "name", "label"],
                ["text", "q", "Q"],
                ["geopoint", "where", "Where"],
                ["barcode", "code", "Code"],
            ],
            "settings": [["form_id"], ["f"]],
        }
    )
    response = client.post(IMPORT, {"workbook": upload(content)})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was imported" in text
    assert "2 problems" in text
    assert "<td>3</td>" in text and "<td>4</td>" in text
    assert "“geopoint”" in text
    assert not Questionnaire.objects.exists()


def test_a_file_that_is_not_xlsx_is_refused_whatever_its_name(client, researcher):
    response = client.post(IMPORT, {"workbook": upload(b"%PDF-1.4 not a workbook", "form.xlsx")})
    assert response.status_code == 200
    assert "not an XLSX or XLS workbook" in response.content.decode()
    assert not QuestionnaireVersion.objects.exists()


def test_a_file_too_large_is_refused(client, researcher):
    content = needs_assessment() + b"\0" * (WORKBOOK_MAX_SIZE + 1)
    response = client.post(IMPORT, {"workbook": upload(content)})
    assert response.status_code == 200
    assert "a workbook may be at most 5.0" in response.content.decode()
    assert not QuestionnaireVersion.objects.exists()


def test_no_file_keeps_the_form_with_its_error(client, researcher):
    response = client.post(IMPORT, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_the_download_is_the_workbook_named_after_the_form_and_version(client, researcher, version):
    response = client.get(reverse("assessments:version_xlsform", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="needs_2026-v1.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["survey", "choices", "settings"]


def test_partners_download_drafts_they_review(client, version):
    client.force_login(person(Role.PARTNER))
    assert client.get(reverse("assessments:version_xlsform", args=[version.pk])).status_code == 200
    assert client.get(IMPORT).status_code == 403


def test_an_unknown_version_is_not_found(client, researcher):
    assert client.get(reverse("assessments:version_xlsform", args=[999])).status_code == 404


def test_a_version_that_cannot_be_exported_says_what_to_fix(client, researcher, version):
    version.elements.filter(key="staff").update(label={}, hint={})
    response = client.get(reverse("assessments:version_xlsform", args=[version.pk]))
    assert response.status_code == 409
    assert "The question “staff” has no label in any language." in response.content.decode()
