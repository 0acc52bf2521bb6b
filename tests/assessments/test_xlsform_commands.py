"""The XLSForm commands: import a file as a person, export a version to a file."""

import pytest
from django.core.management import CommandError, call_command

from assessments.models import QuestionnaireVersion
from network.roles import Role
from tests.assessments.xlsforms.build import needs_assessment, workbook
from tests.network.conftest import person

pytestmark = pytest.mark.django_db


def test_import_then_export_then_import_again(tmp_path, capsys):
    researcher = person(Role.RESEARCHER)
    source = tmp_path / "needs.xlsx"
    source.write_bytes(needs_assessment())

    call_command("assessment_xlsform_import", str(source), "--by", researcher.email)
    out = capsys.readouterr().out
    assert "note: survey row 2 type: “start” is metadata" in out
    assert "Imported needs_2026 version 1" in out

    target = tmp_path / "out.xlsx"
    call_command("assessment_xlsform_export", "needs_2026", "--output", str(target))
    call_command(
        "assessment_xlsform_import", str(target), "--by", researcher.email, "--into", "needs_2026"
    )
    assert "Imported needs_2026 version 2" in capsys.readouterr().out
    assert QuestionnaireVersion.objects.count() == 2


def test_a_refused_import_lists_its_problems_and_fails(tmp_path, capsys):
    researcher = person(Role.RESEARCHER)
    source = tmp_path / "odd.xlsx"
    source.write_bytes(
        workbook({"survey": [["type", "name", "label"], ["geopoint", "where", "Where"]]})
    )
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("assessment_xlsform_import", str(source), "--by", researcher.email)
    assert "problem: survey row 2 type:" in capsys.readouterr().out
    assert not QuestionnaireVersion.objects.exists()


def test_the_importer_must_be_allowed(tmp_path):
    member = person()
    source = tmp_path / "needs.xlsx"
    source.write_bytes(needs_assessment())
    with pytest.raises(CommandError, match="coordinators and researchers"):
        call_command("assessment_xlsform_import", str(source), "--by", member.email)
