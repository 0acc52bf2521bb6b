"""Exporting versions to XLSForm: pyxform converts every export without an error or a warning,
and importing an export gives back the same questionnaire."""

import io
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from assessments.expressions import parse, to_xlsform
from assessments.models import Choice, ChoiceList, Element, Questionnaire, QuestionnaireVersion
from assessments.services_xlsform import ExportRefused, xlsform_export, xlsform_import
from assessments.structure import tree_order, version_problems
from network.roles import Role
from tests.assessments.xlsforms.build import needs_assessment
from tests.network.conftest import person

pytestmark = pytest.mark.django_db

Kind = Element.Kind
LANGUAGES = ["en", "es", "pt", "fr"]


@pytest.fixture
def researcher():
    return person(Role.RESEARCHER)


def four(text: str) -> dict[str, str]:
    return {code: f"{text} ({code})" for code in LANGUAGES}


def _canonical(text: str, *, columns: bool = False) -> str:
    return to_xlsform(parse(text, columns=columns)) if text else ""


def snapshot(version: QuestionnaireVersion):
    """Everything a round trip must keep: elements in order with all their fields, lists and
    choices in order, languages and texts."""
    elements = tree_order(
        list(version.elements.select_related("parent", "choice_list").order_by("position", "pk"))
    )
    return {
        "source_language": version.source_language,
        "languages": version.languages,
        "title": version.text(version.title, language=version.source_language).text,
        "elements": [
            {
                "key": e.key,
                "kind": e.kind,
                "parent": e.parent.key if e.parent else "",
                "label": e.label,
                "hint": e.hint,
                "required": e.required,
                "required_message": e.required_message,
                "relevant": _canonical(e.relevant),
                "constraint": _canonical(e.constraint),
                "constraint_message": e.constraint_message,
                "calculation": _canonical(e.calculation),
                "default": e.default,
                "appearance": e.appearance,
                "choice_list": e.choice_list.name if e.choice_list else "",
                "choice_filter": _canonical(e.choice_filter, columns=True),
                "or_other": e.or_other,
                "repeat_max": e.repeat_max,
                "tags": e.tags,
                "sensitive": e.sensitive,
            }
            for e in elements
        ],
        "lists": {
            choice_list.name: [
                (c.name, c.label, c.filters) for c in choice_list.choices.order_by("position")
            ]
            for choice_list in version.choice_lists.order_by("name")
        },
    }


def pyxform_warnings(content: bytes) -> list[str]:
    warnings: list[str] = []
    convert(xlsform=content, warnings=warnings, file_type=".xlsx")
    return warnings


class VersionBuilder:
    def __init__(self, *, form_id="built", source="en", languages=LANGUAGES, incomplete=()):
        questionnaire = Questionnaire.objects.create(form_id=form_id, title={source: "Built"})
        self.version = QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            title={source: "Built questionnaire"},
            source_language=source,
            languages=list(languages),
            incomplete_languages=list(incomplete),
        )
        self.positions: dict = {}
        self.lists: dict[str, ChoiceList] = {}

    def choices(self, name: str, *choices: tuple) -> ChoiceList:
        choice_list = ChoiceList.objects.create(version=self.version, name=name)
        for position, (value, label, *filters) in enumerate(choices):
            Choice.objects.create(
                choice_list=choice_list,
                position=position,
                name=value,
                label=label,
                filters=filters[0] if filters else {},
            )
        self.lists[name] = choice_list
        return choice_list

    def add(self, key: str, kind: str, parent: Element | None = None, **fields) -> Element:
        position = self.positions.get(parent, 0)
        self.positions[parent] = position + 1
        if "choice_list" in fields and isinstance(fields["choice_list"], str):
            fields["choice_list"] = self.lists[fields["choice_list"]]
        fields.setdefault("label", four(key))
        return Element.objects.create(
            version=self.version, parent=parent, position=position, key=key, kind=kind, **fields
        )


def every_kind() -> QuestionnaireVersion:
    """Every kind, nested groups, a repeat in a repeat, logic, cascading choices, "other,
    specify" (with a choice filter too), yes/no on its list beside a list named yes_no_2 that
    is not one, taxonomy tags, sensitive questions and texts a spreadsheet would run as
    formulas."""
    b = VersionBuilder()
    b.choices("countries", ("AR", four("Argentina")), ("CO", four("Colombia")))
    b.choices(
        "regions",
        ("BA", four("Buenos Aires"), {"country": "AR"}),
        ("AN", four("Antioquia"), {"country": "CO"}),
        ("XX", four("Elsewhere"), {"country": "AR", "kind": "other"}),
    )
    b.choices("services", ("health", four("Health")), ("housing", four("Housing")))
    b.choices("agreement", ("agree", four("Agree")), ("disagree", four("Disagree")))
    b.choices("yes_no", ("yes", four("Yes")), ("no", four("No")))
    # Named as Convive names yes/no lists, but not one: its questions stay single choices.
    b.choices("yes_no_2", ("si", four("Sí")), ("no", four("No")), ("maybe", four("Maybe")))
    b.choices("unused", ("one", four("One")))
    capacity = b.add(
        "capacity",
        Kind.GROUP,
        appearance="field-list",
        relevant="${consent} = 'yes'",
        hint=four("About your office"),
    )
    b.add(
        "consent",
        Kind.YES_NO,
        choice_list="yes_no",
        required=True,
        required_message=four("Please answer"),
    )
    b.add("country", Kind.SELECT_ONE, capacity, choice_list="countries", required=True)
    b.add(
        "region",
        Kind.SELECT_ONE,
        capacity,
        choice_list="regions",
        choice_filter="country = ${country}",
        or_other=True,
    )
    office = b.add("office", Kind.GROUP, capacity)
    b.add("office_name", Kind.TEXT, office, default="=SUM(A1)", tags=["women", "children"])
    b.add("notes", Kind.LONG_TEXT, office, appearance="w2", sensitive=True)
    b.add(
        "staff",
        Kind.INTEGER,
        office,
        constraint=". >= 0 and . <= 500",
        constraint_message=four("-5 is not a number of people"),
    )
    b.add("budget", Kind.DECIMAL, capacity, hint=four("+ or - in USD"))
    programmes = b.add("programmes", Kind.REPEAT, repeat_max=5)
    b.add("programme", Kind.TEXT, programmes, label=four("@name of the programme"))
    b.add(
        "services_offered", Kind.SELECT_MULTIPLE, programmes, choice_list="services", or_other=True
    )
    # Repeats do not nest in Convive (structure.problems refuses it): a section inside one does.
    sites = b.add("sites", Kind.GROUP, programmes)
    b.add("site", Kind.TEXT, sites, constraint="regex(., '^[A-Z]')")
    b.add("opened", Kind.DATE, programmes, constraint=". <= today()")
    b.add("rating", Kind.LIKERT, choice_list="agreement")
    b.add("priorities", Kind.RANK, choice_list="services")
    b.add("kind", Kind.SELECT_ONE, choice_list="yes_no_2")
    b.add("upload", Kind.FILE, relevant="count-selected(${services_offered}) > 0")
    b.add(
        "thanks", Kind.NOTE, label=four("Thank you — merci « beaucoup » ; l\u2019équipe\nNew line")
    )
    b.add(
        "share",
        Kind.CALCULATE,
        label={},
        calculation="if(${staff} > 0, coalesce(${budget}, 0) div ${staff}, 0)",
    )
    assert version_problems(version=b.version) == []
    return b.version


def spanish_source_two_languages() -> QuestionnaireVersion:
    b = VersionBuilder(form_id="es_form", source="es", languages=["en", "es"])
    b.choices("sn", ("s", {"es": "Sí", "en": "Yes"}), ("n", {"es": "No", "en": "No"}))
    b.add("q", Kind.SELECT_ONE, choice_list="sn", label={"es": "¿Pregunta?", "en": "Question?"})
    b.add("t", Kind.TEXT, label={"es": "Texto", "en": "Text"}, relevant="${q} = 's'")
    return b.version


@pytest.mark.parametrize("build", [every_kind, spanish_source_two_languages])
def test_the_export_converts_without_warning_and_imports_back_the_same(researcher, build):
    version = build()
    content = xlsform_export(version=version)

    assert pyxform_warnings(content) == []
    result = xlsform_import(workbook=content, by=researcher, questionnaire=version.questionnaire)
    assert result.problems == []
    assert result.notes == []
    assert result.version.number == 2
    assert snapshot(result.version) == snapshot(version)


def test_the_needs_assessment_workbook_round_trips(researcher):
    imported = xlsform_import(workbook=needs_assessment(), by=researcher).version
    content = xlsform_export(version=imported)

    assert pyxform_warnings(content) == []
    again = xlsform_import(workbook=content, by=researcher, questionnaire=imported.questionnaire)
    assert again.findings == []
    assert snapshot(again.version) == snapshot(imported)


def test_a_missing_translation_is_exported_in_the_source_language(researcher):
    b = VersionBuilder(form_id="partial", incomplete=["fr"])
    b.add("q", Kind.TEXT, label={"en": "Question", "es": "Pregunta", "pt": "Pergunta"})
    content = xlsform_export(version=b.version)

    assert pyxform_warnings(content) == []
    survey = load_workbook(io.BytesIO(content))["survey"]
    header = [cell.value for cell in survey[1]]
    row = dict(zip(header, [cell.value for cell in survey[2]], strict=True))
    assert row["label::Français (fr)"] == "Question"
    assert row["label::Español (es)"] == "Pregunta"


def test_texts_a_spreadsheet_would_run_stay_text(researcher):
    version = every_kind()
    content = xlsform_export(version=version)
    book = load_workbook(io.BytesIO(content))
    cells = [cell for row in book["survey"].iter_rows() for cell in row if cell.value]
    risky = [cell for cell in cells if str(cell.value).startswith(("=", "+", "-", "@"))]
    assert {cell.value for cell in risky} >= {"=SUM(A1)", "@name of the programme (en)"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)


def test_the_settings_name_the_form_its_version_and_source_language():
    version = spanish_source_two_languages()
    settings_sheet = load_workbook(io.BytesIO(xlsform_export(version=version)))["settings"]
    assert [cell.value for cell in settings_sheet[2]] == [
        "Built questionnaire",
        "es_form",
        "1",
        "Español (es)",
    ]


# A label as people type it: any printable text (the XLSX format holds no control characters,
# and cells are read without their surrounding spaces).
_label = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    labels=st.lists(st.fixed_dictionaries(dict.fromkeys(LANGUAGES, _label)), min_size=1, max_size=4)
)
def test_any_texts_round_trip(researcher, labels):
    b = VersionBuilder(form_id=f"texts-{uuid.uuid4().hex[:12]}")
    b.choices("options", *((f"o{i}", label) for i, label in enumerate(labels)))
    for index, label in enumerate(labels):
        b.add(f"q{index}", Kind.SELECT_ONE, choice_list="options", label=label, hint=label)
    content = xlsform_export(version=b.version)
    assert pyxform_warnings(content) == []
    result = xlsform_import(workbook=content, by=researcher, questionnaire=b.version.questionnaire)
    assert result.problems == []
    assert snapshot(result.version) == snapshot(b.version)


def test_a_version_pyxform_would_refuse_is_not_exported_and_says_why():
    b = VersionBuilder(form_id="unlabelled")
    b.choices("c", ("a", {}), ("b", four("B")))
    b.add("nameless", Kind.TEXT, label={})
    b.add("hinted", Kind.TEXT, label={}, hint=four("Only a hint"))
    b.add("pick", Kind.SELECT_ONE, choice_list="c", or_other=True)
    b.add("pick_other", Kind.TEXT)
    with pytest.raises(ExportRefused) as refusal:
        xlsform_export(version=b.version)
    assert refusal.value.problems == [
        "“pick”: The key “pick_other” is taken: it holds the text of “pick”'s “other, specify”.",
        "The question “nameless” has no label in any language.",
        "The choice “a” of the list “c” has no label.",
    ]


_ANSWERED = [
    Kind.TEXT,
    Kind.LONG_TEXT,
    Kind.INTEGER,
    Kind.DECIMAL,
    Kind.SELECT_ONE,
    Kind.SELECT_MULTIPLE,
    Kind.RANK,
    Kind.LIKERT,
    Kind.DATE,
    Kind.YES_NO,
    Kind.FILE,
]
_element = st.fixed_dictionaries(
    {
        "kind": st.sampled_from([Kind.GROUP, Kind.REPEAT, *_ANSWERED, Kind.NOTE, Kind.CALCULATE]),
        "parent": st.integers(min_value=-1, max_value=30),
        "required": st.booleans(),
        "appearance": st.sampled_from(["", "minimal", "w2 horizontal"]),
        "or_other": st.booleans(),
        "filtered": st.booleans(),
        "repeat_max": st.none() | st.integers(min_value=1, max_value=50),
        "sensitive": st.booleans(),
        "tags": st.lists(st.sampled_from(["women", "children", "indigenous"]), unique=True),
        "logic": st.booleans(),
    }
)


def _in_repeat(element: Element | None) -> bool:
    while element is not None:
        if element.kind == Kind.REPEAT:
            return True
        element = element.parent
    return False


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=st.lists(_element, min_size=1, max_size=12), source=st.sampled_from(LANGUAGES))
def test_generated_questionnaires_round_trip(researcher, specs, source):
    """Random trees of every kind, with logic, cascading choices, "other, specify", required
    flags, appearances, most rows, tags and the sensitive flag."""
    languages = [source, *(code for code in LANGUAGES if code != source)]
    b = VersionBuilder(form_id=f"gen-{uuid.uuid4().hex[:12]}", source=source, languages=languages)
    b.choices("kinds", ("public", four("Public")), ("private", four("Private")))
    b.choices("yes_no", ("yes", four("Yes")), ("no", four("No")))
    b.choices(
        "offices",
        ("a", four("A"), {"sector": "public"}),
        ("b", four("B"), {"sector": "private"}),
        ("c", four("C"), {"sector": "public"}),
    )
    containers: list[Element] = []
    answered: list[Element] = []
    for index, spec in enumerate(specs):
        kind = spec["kind"]
        parent = (
            containers[spec["parent"] % len(containers)]
            if containers and spec["parent"] >= 0
            else None
        )
        if kind == Kind.REPEAT and _in_repeat(parent):
            kind = Kind.GROUP  # repeats do not nest (structure.problems refuses it)
        fields = {
            "label": {code: f"Q{index} {code}" for code in LANGUAGES}
            if kind != Kind.CALCULATE
            else {},
            "sensitive": spec["sensitive"],
            "tags": spec["tags"],
        }
        if kind not in (Kind.GROUP, Kind.REPEAT, Kind.NOTE, Kind.CALCULATE):
            fields["required"] = spec["required"]
        if kind not in (Kind.YES_NO,):
            fields["appearance"] = spec["appearance"]
        if kind == Kind.REPEAT:
            fields["repeat_max"] = spec["repeat_max"]
        if kind == Kind.YES_NO:
            fields["choice_list"] = "yes_no"
        if kind in Element.WITH_CHOICES:
            fields["choice_list"] = "offices" if spec["filtered"] else "kinds"
            fields["or_other"] = spec["or_other"]
            if spec["filtered"] and answered:
                fields["choice_filter"] = f"sector = ${{{answered[-1].key}}}"
        if kind == Kind.CALCULATE:
            fields["calculation"] = f"coalesce(${{{answered[-1].key}}}, 0)" if answered else "1 + 2"
        if spec["logic"] and answered:
            fields["relevant"] = f"${{{answered[0].key}}} != ''"
        if kind in (Kind.INTEGER, Kind.DECIMAL) and spec["logic"]:
            fields["constraint"] = ". >= 0"
            fields["constraint_message"] = {code: f"Positive {code}" for code in LANGUAGES}
        element = b.add(f"q{index}", kind, parent, **fields)
        if kind in Element.CONTAINERS:
            containers.append(element)
        if kind in _ANSWERED:
            answered.append(element)
    assert version_problems(version=b.version) == []
    content = xlsform_export(version=b.version)
    assert pyxform_warnings(content) == []
    result = xlsform_import(workbook=content, by=researcher, questionnaire=b.version.questionnaire)
    assert result.findings == []
    assert snapshot(result.version) == snapshot(b.version)


def test_an_unfinished_draft_is_not_exported_and_says_why():
    b = VersionBuilder(form_id="unfinished")
    b.add("pick", Kind.SELECT_ONE)
    b.add("later", Kind.TEXT, relevant="${pick} = ")
    with pytest.raises(ExportRefused) as refusal:
        xlsform_export(version=b.version)
    assert refusal.value.problems[0] == "“pick”: A choice question needs a choice list."
    assert refusal.value.problems[1].startswith("“later”: ")


def test_the_demo_questionnaire_round_trips(researcher):
    from assessments.demo import seed_questionnaire

    demo, _created = seed_questionnaire(stdout=io.StringIO())
    content = xlsform_export(version=demo)

    assert pyxform_warnings(content) == []
    result = xlsform_import(workbook=content, by=researcher, questionnaire=demo.questionnaire)
    assert result.findings == []
    assert snapshot(result.version) == snapshot(demo)


def test_a_yes_no_question_without_a_list_is_exported_with_one(researcher):
    b = VersionBuilder(form_id="listless")
    b.choices("yes_no", ("y", four("Y")), ("n", four("N")), ("dunno", four("?")))
    b.add("agree", Kind.YES_NO)
    b.add("other", Kind.SELECT_ONE, choice_list="yes_no")
    content = xlsform_export(version=b.version)

    assert pyxform_warnings(content) == []
    version = xlsform_import(
        workbook=content, by=researcher, questionnaire=b.version.questionnaire
    ).version
    elements = {e.key: e for e in version.elements.select_related("choice_list")}
    assert elements["agree"].kind == Kind.YES_NO
    assert elements["agree"].choice_list.name == "yes_no_2"
    assert [c.name for c in elements["agree"].choice_list.choices.order_by("position")] == [
        "yes",
        "no",
    ]
    assert elements["other"].kind == Kind.SELECT_ONE
    assert elements["other"].choice_list.name == "yes_no"
