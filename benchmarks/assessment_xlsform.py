"""Importing a 300-row XLSForm workbook in four languages (target: under 5 s), alone:
`.venv/bin/python benchmarks/assessment_xlsform.py`.

The workbook is generated here: sections of questions of every kind, each with labels, hints
and constraint messages in English, Spanish, Portuguese and French, skip logic, constraints,
calculations, cascading choices and a repeat. The import is timed as the import page runs it
(``services_xlsform.xlsform_import``: pyxform's conversion, the rows read and checked, the
version written in one transaction), three times; the best and the worst are printed.

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``), like benchmarks/run.py.
"""

import io
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ROWS = 300
RUNS = 3
TARGET_SECONDS = 5.0
LANGUAGES = ("English (en)", "Español (es)", "Português (pt)", "Français (fr)")


def _texts(text: str) -> list[str]:
    return [f"{text} [{language[-3:-1]}]" for language in LANGUAGES]


def workbook_generated(rows: int = ROWS) -> bytes:
    """A four-language XLSForm of ``rows`` survey rows (groups and their end rows included)."""
    from openpyxl import Workbook

    header = [
        "type",
        "name",
        *(f"label::{language}" for language in LANGUAGES),
        *(f"hint::{language}" for language in LANGUAGES),
        "required",
        "relevant",
        "constraint",
        *(f"constraint_message::{language}" for language in LANGUAGES),
        "calculation",
        "choice_filter",
        "appearance",
    ]
    survey = [header]

    def row(
        type_, name, *, relevant="", constraint="", calculation="", choice_filter="", appearance=""
    ):
        label = _texts(f"Question {name}") if type_ != "calculate" else ["", "", "", ""]
        message = _texts("Check the value") if constraint else ["", "", "", ""]
        return [
            type_,
            name,
            *label,
            *_texts(f"Help for {name}"),
            "yes" if type_ in ("integer", "select_one countries") else "",
            relevant,
            constraint,
            *message,
            calculation,
            choice_filter,
            appearance,
        ]

    section = 0
    while len(survey) - 1 < rows - 12:
        section += 1
        s = f"s{section}"
        survey.append(["begin group", s, *_texts(f"Section {section}"), *[""] * (len(header) - 6)])
        survey += [
            row("select_one countries", f"{s}_country"),
            row("select_one regions", f"{s}_region", choice_filter=f"country = ${{{s}_country}}"),
            row("integer", f"{s}_staff", constraint=". >= 0 and . < 10000"),
            row("decimal", f"{s}_budget", relevant=f"${{{s}_staff}} > 0", constraint=". > 0"),
            row("select_one yes_no", f"{s}_office"),
            row("text", f"{s}_office_name", relevant=f"${{{s}_office}} = 'yes'"),
            row("select_multiple services", f"{s}_services", relevant=f"${{{s}_office}} = 'yes'"),
            row("text", f"{s}_notes", appearance="multiline"),
            row("date", f"{s}_since", constraint=". <= today()"),
            row(
                "calculate",
                f"{s}_share",
                calculation=f"if(${{{s}_staff}} > 0, ${{{s}_budget}} div ${{{s}_staff}}, 0)",
            ),
        ]
        survey.append(["end group", *[""] * (len(header) - 1)])
    survey.append(["begin repeat", "programmes", *_texts("Programmes"), *[""] * (len(header) - 6)])
    while len(survey) < rows:
        survey.append(row("text", f"programme_{len(survey)}"))
    survey.append(["end repeat", *[""] * (len(header) - 1)])

    choices = [["list_name", "name", *(f"label::{language}" for language in LANGUAGES), "country"]]
    for code in ("AR", "BR", "CO", "MX", "PE"):
        choices.append(["countries", code, *_texts(code), ""])
        for number in range(8):
            choices.append(["regions", f"{code}{number}", *_texts(f"{code} {number}"), code])
    choices += [
        ["yes_no", "yes", "Yes", "Sí", "Sim", "Oui", ""],
        ["yes_no", "no", "No", "No", "Não", "Non", ""],
    ]
    choices += [["services", f"service{n}", *_texts(f"Service {n}"), ""] for n in range(12)]

    book = Workbook()
    book.remove(book.active)
    for name, sheet_rows in (
        ("survey", survey),
        ("choices", choices),
        (
            "settings",
            [["form_id", "form_title", "default_language"], ["bench", "Bench", LANGUAGES[0]]],
        ),
    ):
        sheet = book.create_sheet(name)
        for values in sheet_rows:
            sheet.append(values)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _importer():
    from network.models import User
    from network.roles import Role
    from network.services import role_assign

    user, created = User.objects.get_or_create(
        email="bench-researcher@bench.example.org",
        defaults={"first_name": "Bench", "last_name": "Researcher", "handle": "bench_researcher"},
    )
    if created:
        role_assign(user=user, role=Role.RESEARCHER)
    return user


def main() -> int:
    from benchmarks.run import django_bench_setup

    django_bench_setup()
    from assessments.models import Questionnaire
    from assessments.services_xlsform import xlsform_import

    content = workbook_generated()
    by = _importer()
    timings = []
    for _run in range(RUNS):
        questionnaire = Questionnaire.objects.create(form_id=f"bench-{uuid.uuid4().hex[:12]}")
        started = time.perf_counter()
        result = xlsform_import(workbook=content, by=by, questionnaire=questionnaire)
        timings.append(time.perf_counter() - started)
        if result.version is None:
            for finding in result.problems:
                print(f"{finding.sheet} {finding.row} {finding.column}: {finding.message}")
            return 2
        elements = result.version.elements.count()
    print(
        f"Importing a {ROWS}-row XLSForm in 4 languages ({elements} elements, "
        f"{len(content) // 1024} KB): best {min(timings):.2f} s, worst {max(timings):.2f} s "
        f"over {RUNS} runs (target: under {TARGET_SECONDS:.0f} s)."
    )
    return 0 if max(timings) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
