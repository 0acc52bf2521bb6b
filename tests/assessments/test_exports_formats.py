"""Exports of answers opened back with the readers analysts use (csv and zipfile, openpyxl,
pyreadstat) and compared value for value with the answers: repeat rows keyed to their response,
a multiple choice's 0/1 columns, answers of two versions lined up by key, labels in each
language, a typed formula made harmless, numbers and dates typed in XLSX; and what someone
without rights gets (headers, no row)."""

import csv
import io
import os
import tempfile
import zipfile
from datetime import date, datetime

import openpyxl
import pyreadstat
import pytest

from assessments.exports import export_write
from assessments.exports.plan import export_plan
from assessments.models import Response
from tests.network.conftest import person

from .export_helpers import FORMULA, export_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return export_world()


@pytest.fixture
def team():
    coordinator = person("coordinator")
    coordinator.second_factor_passed = True  # as network.mfa's middleware marks a session
    return coordinator


def _export(user, world, file_format, *, labels=False, language="en") -> io.BytesIO:
    target = io.BytesIO()
    export_write(
        user=user,
        assessment=world.assessment,
        file_format=file_format,
        labels=labels,
        language=language,
        review_states=None,
        target=target,
    )
    target.seek(0)
    return target


def _csv_tables(content: io.BytesIO) -> dict[str, list[dict]]:
    with zipfile.ZipFile(content) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")))
            )
            for name in archive.namelist()
        }


def _xlsx_tables(content: io.BytesIO) -> dict[str, list[dict]]:
    workbook = openpyxl.load_workbook(content)
    tables = {}
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        tables[sheet.title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return tables


def _stats_tables(content: io.BytesIO, file_format: str) -> dict[str, tuple]:
    reader = pyreadstat.read_sav if file_format == "sav" else pyreadstat.read_dta
    tables = {}
    with tempfile.TemporaryDirectory() as directory, zipfile.ZipFile(content) as archive:
        archive.extractall(directory)
        for name in archive.namelist():
            frame, meta = reader(os.path.join(directory, name))
            tables[name.rsplit(".", 1)[0]] = (frame.to_dict("records"), meta)
    return tables


def test_the_plan_lines_up_two_versions_by_key_and_keys_repeats_to_their_response(world):
    plan = export_plan(versions=[world.first, world.second], hidden=set())
    names = [column.name for column in plan.main.columns]
    assert names[:8] == [
        "_response_id",
        "_authority",
        "_country",
        "_level",
        "_population_band",
        "_version",
        "_review_state",
        "_submitted_at",
    ]
    # Version 2's order, with version 1's old_only after the key it followed there; notes,
    # sections and the repeat's own questions have no column here.
    assert names[8:] == [
        "name",
        "new_only",
        "staff",
        "budget",
        "since",
        "office",
        "kind",
        "kind_other",
        "services",
        "services/health",
        "services/legal",
        "services/transport",
        "priorities",
        "agree",
        "old_only",
        "secret",
        "plan",
    ]
    [programmes] = plan.repeats
    assert [column.name for column in programmes.columns] == [
        "_response_id",
        "_parent_row",
        "_row",
        "prog_name",
        "prog_year",
    ]


def test_csv_holds_every_answer_with_repeats_keyed_to_their_response(team, world):
    tables = _csv_tables(_export(team, world, "csv"))
    assert set(tables) == {"responses", "programmes"}
    abancay, bogota = tables["responses"]  # by authority; Cusco's draft is not exported
    assert abancay["_response_id"] == str(world.newer.pk)
    assert abancay["_authority"] == "Abancay" and abancay["_country"] == "PE"
    assert abancay["_level"] == "city" and abancay["_population_band"] == "50k-250k"
    assert abancay["_version"] == "2" and bogota["_version"] == "1"
    assert abancay["_submitted_at"] == "2026-03-14 15:30:00"
    assert abancay["name"] == "'" + FORMULA  # a spreadsheet shows it as text, runs nothing
    assert abancay["staff"] == "12" and abancay["budget"] == "1500.75"
    assert abancay["since"] == "2019-05-02" and abancay["office"] == "yes"
    assert abancay["kind"] == "other" and abancay["kind_other"] == "Mobile unit"
    assert abancay["services"] == "health transport"
    assert (abancay["services/health"], abancay["services/legal"]) == ("1", "0")
    assert abancay["services/transport"] == "1"
    assert abancay["priorities"] == "transport health" and abancay["agree"] == "4"
    assert abancay["new_only"] == "Only in version 2" and abancay["old_only"] == ""
    assert abancay["plan"] == str(world.plan_file.pk)
    assert bogota["old_only"] == "Only in version 1" and bogota["new_only"] == ""
    assert bogota["services"] == "legal" and bogota["services/transport"] == "0"
    assert [
        (row["_response_id"], row["_parent_row"], row["_row"], row["prog_name"], row["prog_year"])
        for row in tables["programmes"]
    ] == [
        (str(world.newer.pk), "1", "1", "Welcome desk", "2020"),
        (str(world.newer.pk), "1", "2", "'-2 floors", "2023"),  # text starting with "-"
        (str(world.older.pk), "2", "1", "Legal clinic", "2011"),
    ]


@pytest.mark.parametrize(
    ("language", "header", "kind", "service", "agree"),
    [
        ("en", "Name of the office", "Other", "Health; Transport", "Level 4"),
        ("es", "Nombre de la oficina", "Otro", "Salud; Transporte", "Nivel 4"),
        ("pt", "Nome do escritório", "Outro", "Saúde; Transporte", "Nível 4"),
        ("fr", "Nom du bureau", "Autre", "Santé; Transport", "Niveau 4"),
    ],
)
def test_labels_in_each_language(team, world, language, header, kind, service, agree):
    tables = _csv_tables(_export(team, world, "csv", labels=True, language=language))
    abancay = tables["responses"][0]
    assert abancay[header] == "'" + FORMULA
    tipo = {"en": "Kind", "es": "Tipo", "pt": "Tipo", "fr": "Type"}[language]
    assert abancay[tipo] == kind
    assert abancay["Services"] == service
    assert abancay["Agree"] == agree
    # The 0/1 column of a choice is headed by the question and the choice, in that language.
    first_service = service.split("; ")[0]
    assert abancay[f"Services: {first_service}"] == "1"


def test_xlsx_has_a_sheet_per_table_frozen_headers_and_typed_values(team, world):
    content = _export(team, world, "xlsx")
    workbook = openpyxl.load_workbook(content)
    assert [sheet.title for sheet in workbook.worksheets] == ["responses", "programmes"]
    assert all(sheet.freeze_panes == "A2" for sheet in workbook.worksheets)
    content.seek(0)
    tables = _xlsx_tables(content)
    abancay, bogota = tables["responses"]
    assert abancay["name"] == "'" + FORMULA
    assert abancay["staff"] == 12 and isinstance(abancay["staff"], int)
    assert abancay["budget"] == pytest.approx(1500.75) and bogota["budget"] == pytest.approx(2.5)
    assert abancay["since"] == datetime(2019, 5, 2)  # a date cell (openpyxl reads it as datetime)
    assert workbook["responses"]["M2"].is_date
    assert abancay["_submitted_at"] == datetime(2026, 3, 14, 15, 30)
    assert abancay["services/health"] == 1 and abancay["services/legal"] == 0
    assert abancay["old_only"] is None and bogota["old_only"] == "Only in version 1"
    assert [
        (row["_parent_row"], row["_row"], row["prog_name"]) for row in tables["programmes"]
    ] == [
        (1, 1, "Welcome desk"),
        (1, 2, "'-2 floors"),
        (2, 1, "Legal clinic"),
    ]


@pytest.mark.parametrize("file_format", ["sav", "dta"])
def test_spss_and_stata_files_have_value_labels(team, world, file_format):
    tables = _stats_tables(
        _export(team, world, file_format, labels=True, language="es"), file_format
    )
    (abancay, bogota), meta = tables["responses"]
    assert abancay["response_id"] == world.newer.pk
    assert abancay["name"] == FORMULA  # not a spreadsheet: kept as typed
    assert abancay["staff"] == 12 and abancay["budget"] == 1500.75
    assert abancay["since"] == date(2019, 5, 2)
    # Choices are numbers whose value labels are the labels; a Likert scale keeps its numbers.
    assert abancay["kind"] == 3 and bogota["kind"] == 1
    assert meta.variable_value_labels["kind"] == {1: "Albergue", 2: "Oficina", 3: "Otro"}
    assert abancay["agree"] == 4 and meta.variable_value_labels["agree"][4] == "Nivel 4"
    assert abancay["office"] == 1 and bogota["office"] == 0
    assert abancay["services_health"] == 1 and abancay["services_legal"] == 0
    assert abancay["services"] == "Salud; Transporte"
    assert bogota["old_only"] == "Only in version 1"
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["name"] == "Nombre de la oficina"
    assert labels["services_transport"] == "Services: Transporte"
    rows, _meta = tables["programmes"]
    assert [
        (row["response_id"], row["parent_row"], row["row"], row["prog_year"]) for row in rows
    ] == [
        (world.newer.pk, 1, 1, 2020),
        (world.newer.pk, 1, 2, 2023),
        (world.older.pk, 2, 1, 2011),
    ]


def test_codes_in_spss_value_labels_are_the_choice_names(team, world):
    tables = _stats_tables(_export(team, world, "sav"), "sav")
    _rows, meta = tables["responses"]
    assert meta.variable_value_labels["kind"] == {1: "shelter", 2: "office", 3: "other"}
    assert meta.variable_value_labels["office"] == {1: "yes", 0: "no"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "sav", "dta"])
def test_someone_without_rights_gets_the_headers_and_no_row_nor_sensitive_column(
    world, file_format
):
    stranger = person("researcher")  # not named on this assessment
    content = _export(stranger, world, file_format)
    if file_format == "csv":
        with zipfile.ZipFile(content) as archive:
            text = archive.read("responses.csv").decode("utf-8-sig")
        header, *rows = text.splitlines()
        assert rows == [] and "name" in header.split(",") and "secret" not in header.split(",")
    elif file_format == "xlsx":
        sheet = openpyxl.load_workbook(content)["responses"]
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 1 and "name" in rows[0] and "secret" not in rows[0]
    else:
        rows, meta = _stats_tables(content, file_format)["responses"]
        assert rows == [] and "name" in meta.column_names and "secret" not in meta.column_names


def test_a_researcher_of_the_assessment_reads_every_submitted_answer(world):
    researcher = person("researcher")
    world.assessment.researchers.add(researcher)
    tables = _csv_tables(_export(researcher, world, "csv"))
    assert [row["_authority"] for row in tables["responses"]] == ["Abancay", "Bogotá"]
    assert tables["responses"][0]["secret"] == "Names of families"


def test_approved_answers_only_by_default_every_submitted_one_on_request(team, world):
    """What enters exports is the analysis's rule (``visibility.analysis_states``)."""
    from assessments import exports
    from assessments.services_exports import review_states_of

    world.newer.review_state = Response.ReviewState.APPROVED
    world.newer.save(update_fields=["review_state"])
    Response.objects.exclude(pk=world.newer.pk).update(review_state=Response.ReviewState.RECEIVED)

    approved = exports.export_responses(
        user=team, assessment=world.assessment, review_states=review_states_of(approved_only=True)
    )
    assert list(approved) == [world.newer]
    every = exports.export_responses(
        user=team, assessment=world.assessment, review_states=review_states_of(approved_only=False)
    )
    assert every.count() == 2


def test_a_value_not_of_its_kind_is_kept_as_text_and_a_long_text_fits_stata(team, world):
    """Answers saved before a question changed kind, or typed by hand into the data, are never
    dropped from a CSV or a workbook; SPSS and Stata numbers cannot hold them (missing), and
    Stata's text variables hold at most 2045 bytes."""
    world.newer.data.update(staff="twelve", budget="n/a", since="14/03/2026", name="é" * 3000)
    world.newer.save(update_fields=["data"])
    abancay = _csv_tables(_export(team, world, "csv"))["responses"][0]
    assert (abancay["staff"], abancay["budget"], abancay["since"]) == (
        "twelve",
        "n/a",
        "14/03/2026",
    )
    sheet = _xlsx_tables(_export(team, world, "xlsx"))["responses"][0]
    assert (sheet["staff"], sheet["since"], len(sheet["name"])) == ("twelve", "14/03/2026", 3000)
    (row, _bogota), _meta = _stats_tables(_export(team, world, "sav"), "sav")["responses"]
    assert row["staff"] != row["staff"] and row["name"] == "é" * 3000  # NaN; SPSS keeps it all
    (row, _bogota), _meta = _stats_tables(_export(team, world, "dta"), "dta")["responses"]
    assert len(row["name"].encode()) <= 2045 and row["name"].endswith("…")
