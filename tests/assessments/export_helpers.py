"""An assessment with answers to two versions of a questionnaire, for the export tests.

Version 1 and version 2 share their keys; version 2 drops ``old_only``, adds ``new_only`` after
``name`` and a ``transport`` service. Abancay answered version 2 (two programmes, a formula typed
as its name), Bogotá version 1 (one programme); Cusco's draft is not exported."""

from datetime import UTC, datetime
from types import SimpleNamespace

from django.core.files.base import ContentFile

from assessments.models import AnswerFile, Element, QuestionnaireVersion, Response
from tests.factories import LocalAuthorityFactory

from .factories_answer import assessment_make, choices_add, element_add, version_make

Kind = Element.Kind
FORMULA = '=HYPERLINK("http://evil.example.org","Click")'


def four(en: str, es: str, pt: str, fr: str) -> dict:
    return {"en": en, "es": es, "pt": pt, "fr": fr}


def _version_build(version: QuestionnaireVersion, *, second: bool) -> None:
    kinds = choices_add(
        version,
        "kinds",
        [
            ("shelter", four("Shelter", "Albergue", "Abrigo", "Refuge")),
            ("office", four("Office", "Oficina", "Escritório", "Bureau")),
            ("other", four("Other", "Otro", "Outro", "Autre")),
        ],
    )
    services = [
        ("health", four("Health", "Salud", "Saúde", "Santé")),
        ("legal", four("Legal aid", "Asesoría legal", "Assessoria jurídica", "Aide juridique")),
    ]
    if second:
        services.append(("transport", four("Transport", "Transporte", "Transporte", "Transport")))
    services = choices_add(version, "services", services)
    agree = choices_add(
        version,
        "agree",
        [
            (str(n), four(f"Level {n}", f"Nivel {n}", f"Nível {n}", f"Niveau {n}"))
            for n in range(1, 6)
        ],
    )
    section = element_add(
        version, "about", Kind.GROUP, label=four("About", "Acerca", "Sobre", "À propos")
    )
    element_add(
        version,
        "name",
        Kind.TEXT,
        parent=section,
        label=four(
            "Name of the office", "Nombre de la oficina", "Nome do escritório", "Nom du bureau"
        ),
    )
    if second:
        element_add(version, "new_only", Kind.TEXT, parent=section)
    element_add(
        version,
        "staff",
        Kind.INTEGER,
        parent=section,
        label=four("Staff", "Personal", "Pessoal", "Personnel"),
    )
    element_add(version, "budget", Kind.DECIMAL, parent=section)
    element_add(version, "since", Kind.DATE, parent=section)
    element_add(version, "office", Kind.YES_NO, parent=section)
    element_add(
        version,
        "kind",
        Kind.SELECT_ONE,
        parent=section,
        choice_list=kinds,
        or_other=True,
        label=four("Kind", "Tipo", "Tipo", "Type"),
    )
    element_add(version, "services", Kind.SELECT_MULTIPLE, parent=section, choice_list=services)
    element_add(version, "priorities", Kind.RANK, parent=section, choice_list=services)
    element_add(version, "agree", Kind.LIKERT, parent=section, choice_list=agree)
    if not second:
        element_add(version, "old_only", Kind.TEXT, parent=section)
    element_add(version, "secret", Kind.TEXT, parent=section, sensitive=True)
    element_add(version, "plan", Kind.FILE, parent=section)
    element_add(version, "intro", Kind.NOTE, parent=section)
    programmes = element_add(
        version,
        "programmes",
        Kind.REPEAT,
        label=four("Programmes", "Programas", "Programas", "Programmes"),
    )
    element_add(version, "prog_name", Kind.TEXT, parent=programmes)
    element_add(version, "prog_year", Kind.INTEGER, parent=programmes)


def export_world() -> SimpleNamespace:
    first = version_make(languages=("en", "es", "pt", "fr"))
    _version_build(first, second=False)
    second = QuestionnaireVersion.objects.create(
        questionnaire=first.questionnaire,
        number=2,
        status=QuestionnaireVersion.Status.PUBLISHED,
        title=first.title,
        source_language="en",
        languages=["en", "es", "pt", "fr"],
    )
    _version_build(second, second=True)
    assessment = assessment_make(second)
    abancay = LocalAuthorityFactory(
        name="Abancay", country="PE", level="city", population_band="50k-250k"
    )
    bogota = LocalAuthorityFactory(
        name="Bogotá", country="CO", level="city", population_band="gt1m"
    )
    cusco = LocalAuthorityFactory(name="Cusco", country="PE")
    submitted = datetime(2026, 3, 14, 15, 30, tzinfo=UTC)
    newer = Response.objects.create(
        assessment=assessment,
        local_authority=abancay,
        version=second,
        status=Response.Status.SUBMITTED,
        review_state=Response.ReviewState.APPROVED,
        submitted_at=submitted,
        data={
            "name": FORMULA,
            "new_only": "Only in version 2",
            "staff": 12,
            "budget": "1500.75",
            "since": "2019-05-02",
            "office": "yes",
            "kind": "other",
            "kind_other": "Mobile unit",
            "services": ["health", "transport"],
            "priorities": ["transport", "health"],
            "agree": "4",
            "secret": "Names of families",
            "programmes": [
                {"prog_name": "Welcome desk", "prog_year": 2020},
                {"prog_name": "-2 floors", "prog_year": 2023},
            ],
        },
    )
    plan_file = AnswerFile(
        response=newer, key="plan", original_name="plan.pdf", content_type="application/pdf", size=9
    )
    plan_file.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    newer.data["plan"] = plan_file.pk
    newer.save(update_fields=["data"])
    older = Response.objects.create(
        assessment=assessment,
        local_authority=bogota,
        version=first,
        status=Response.Status.SUBMITTED,
        review_state=Response.ReviewState.APPROVED,
        submitted_at=submitted,
        data={
            "name": "Casa del migrante",
            "staff": 340,
            "budget": "2.5",
            "since": "2001-12-31",
            "office": "no",
            "kind": "shelter",
            "services": ["legal"],
            "priorities": ["legal", "health"],
            "agree": "1",
            "old_only": "Only in version 1",
            "programmes": [{"prog_name": "Legal clinic", "prog_year": 2011}],
        },
    )
    Response.objects.create(
        assessment=assessment,
        local_authority=cusco,
        version=second,
        data={"name": "A draft"},
    )
    return SimpleNamespace(
        assessment=assessment,
        first=first,
        second=second,
        newer=newer,
        older=older,
        plan_file=plan_file,
        submitted=submitted,
    )
