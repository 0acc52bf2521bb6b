"""Answering a 120-question needs assessment with skip logic (target: each section page renders
and validates in under 100 ms on PostgreSQL, with a query count independent of how much was
answered): the data here, the section pages' GETs in `make bench` (pages ``assessment-section``,
benchmarks/pages.py), and the POSTs that save and check a section timed in process by this
script: `.venv/bin/python benchmarks/assessment_answer.py --size demo`.

The questionnaire (``questionnaire_build``): eight sections of 15 questions (120 in all) in
English, Spanish, Portuguese and French, of every kind respondents type into: cascading choices
(a region offered by the country chosen), whole and decimal numbers with constraints (one of them
reading another answer), yes/no questions that show others in the same section, a question shown
by an answer of the previous section, two sections shown by answers of earlier ones, a date no
later than today, a web address checked by a pattern, a Likert scale, a multiple choice of at
most five, a calculation per section and a repeatable group of programmes in the last section.

The data (``answering_fill``, a filler of benchmarks/datasets.py): an open assessment of that
questionnaire and one invitation per bench authority (50 at ``demo``, 200 at ``medium``, 500 at
``large``, 5,000 at ``huge``) in the four languages, already opened, with responses at every
stage: never started, started with nothing answered, and 1 to all sections answered (valid
answers, drawn from a fixed seed). Each link's token is derived from the invitation's stored
nonce (``tokens.token_for``); the section pages each response can open (the sections its
answers make relevant) are written to ``benchmarks/results/assessment-layout.json`` for
benchmarks/varied.py.

The POSTs (``main``): for invitations and sections drawn from a fixed seed, the section's form
as a browser sends it (the page's script on), with typed values, a third of them with one or two
invalid answers (a word for a number, a date in the future, a negative budget, a year out of
range, an address without http); "Save and continue". Each request runs in a transaction rolled
back after it, so that the data stays as the filler made it; its time and SQL queries are
recorded, and the section pages' GETs in process too. It fails (exit status 1) when a p95 passes
100 ms or when the queries of a section page differ between responses.

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``), like benchmarks/run.py.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_P95_MS = 100
FORM_ID = "bench-answering"
ASSESSMENT_SLUG = "bench-answering"
LAYOUT = REPO / "benchmarks" / "results" / "assessment-layout.json"
INVITATIONS = {"demo": 50, "medium": 200, "large": 500, "huge": 5_000}
SECTIONS = 8
LANGUAGES = ("en", "es", "pt", "fr")
COUNTRIES = ("AR", "BR", "CO", "MX", "PE")
REGIONS_PER_COUNTRY = 8
SERVICES = 12
PROGRAMME_KINDS = ("training", "housing", "health", "legal")
# Sections shown only when an earlier answer calls for them.
SECTION_RELEVANT = {5: "${s1_office} = 'yes'", 7: "${s2_plan} = 'yes'"}
SEED = 20261130


def _texts(en: str, es: str, pt: str, fr: str) -> dict[str, str]:
    return {"en": en, "es": es, "pt": pt, "fr": fr}


def _question_rows(n: int) -> list[dict]:
    """The 15 questions (and the calculation) of section ``n``, as element fields."""
    s = f"s{n}"
    rows = [
        {
            "key": f"{s}_country",
            "kind": "select_one",
            "list": "countries",
            "required": True,
            "label": _texts(
                "In which country is the office?",
                "¿En qué país está la oficina?",
                "Em que país fica o escritório?",
                "Dans quel pays se trouve le bureau ?",
            ),
        },
        {
            "key": f"{s}_region",
            "kind": "select_one",
            "list": "regions",
            "choice_filter": f"country = ${{{s}_country}}",
            "label": _texts("Region", "Región", "Região", "Région"),
        },
        {
            "key": f"{s}_staff",
            "kind": "integer",
            "required": True,
            "constraint": ". >= 0 and . < 10000",
            "label": _texts(
                "How many people work on migration?",
                "¿Cuántas personas trabajan en migración?",
                "Quantas pessoas trabalham com migração?",
                "Combien de personnes travaillent sur la migration ?",
            ),
        },
        {
            "key": f"{s}_budget",
            "kind": "decimal",
            "relevant": f"${{{s}_staff}} > 0",
            "constraint": ". > 0",
            "label": _texts(
                "Yearly budget (USD)",
                "Presupuesto anual (USD)",
                "Orçamento anual (USD)",
                "Budget annuel (USD)",
            ),
        },
        {
            "key": f"{s}_office",
            "kind": "yes_no",
            "required": True,
            "label": _texts(
                "Is there a one-stop office?",
                "¿Hay una ventanilla única?",
                "Existe um balcão único?",
                "Existe-t-il un guichet unique ?",
            ),
        },
        {
            "key": f"{s}_office_name",
            "kind": "text",
            "relevant": f"${{{s}_office}} = 'yes'",
            "label": _texts("Its name", "Su nombre", "O nome", "Son nom"),
        },
        {
            "key": f"{s}_services",
            "kind": "select_multiple",
            "list": "services",
            "relevant": f"${{{s}_office}} = 'yes'",
            "constraint": "count-selected(.) <= 5",
            "label": _texts(
                "Which services does it offer? (at most five)",
                "¿Qué servicios ofrece? (cinco como máximo)",
                "Que serviços oferece? (no máximo cinco)",
                "Quels services offre-t-il ? (cinq au plus)",
            ),
        },
        {
            "key": f"{s}_notes",
            "kind": "long_text",
            "label": _texts("Comments", "Comentarios", "Comentários", "Commentaires"),
        },
        {
            "key": f"{s}_since",
            "kind": "date",
            "constraint": ". <= today()",
            "label": _texts("Open since", "Abierta desde", "Aberto desde", "Ouvert depuis"),
        },
        {
            "key": f"{s}_priority",
            "kind": "likert",
            "list": "agree",
            "label": _texts(
                "Migration is a priority of the council",
                "La migración es una prioridad del concejo",
                "A migração é uma prioridade da câmara",
                "La migration est une priorité du conseil",
            ),
        },
        {
            "key": f"{s}_partners",
            "kind": "integer",
            "constraint": f". >= 0 and . <= ${{{s}_staff}}",
            "label": _texts(
                "How many of them are partners' staff?",
                "¿Cuántas son personal de socios?",
                "Quantas são de parceiros?",
                "Combien viennent de partenaires ?",
            ),
        },
        {
            "key": f"{s}_plan",
            "kind": "yes_no",
            "label": _texts(
                "Is there a local plan?",
                "¿Hay un plan local?",
                "Existe um plano local?",
                "Existe-t-il un plan local ?",
            ),
        },
        {
            "key": f"{s}_plan_year",
            "kind": "integer",
            "relevant": f"${{{s}_plan}} = 'yes'",
            "constraint": ". >= 2000 and . <= 2035",
            "label": _texts(
                "Year the plan was adopted",
                "Año de adopción del plan",
                "Ano de adoção do plano",
                "Année d'adoption du plan",
            ),
        },
        {
            "key": f"{s}_website",
            "kind": "text",
            "constraint": "regex(., '^https?://')",
            "label": _texts("Web page", "Página web", "Página web", "Page web"),
        },
        {
            "key": f"{s}_followup",
            "kind": "text",
            # Shown by an answer of the previous section (the first section: by its own).
            "relevant": f"${{s{n - 1}_office}} = 'yes'" if n > 1 else f"${{{s}_staff}} > 10",
            "label": _texts(
                "What does the office need most?",
                "¿Qué necesita más la oficina?",
                "De que mais precisa o escritório?",
                "De quoi le bureau a-t-il le plus besoin ?",
            ),
        },
        {
            "key": f"{s}_share",
            "kind": "calculate",
            "calculation": f"if(${{{s}_staff}} > 0, ${{{s}_budget}} div ${{{s}_staff}}, 0)",
            "label": {},
        },
    ]
    if n == SECTIONS:
        # The last section ends with a repeatable group of three questions (15 in all still).
        rows = [
            *rows[:12],
            {
                "key": "programmes",
                "kind": "repeat",
                "repeat_max": 10,
                "label": _texts("Programmes", "Programas", "Programas", "Programmes"),
                "children": [
                    {
                        "key": "programme_name",
                        "kind": "text",
                        "required": True,
                        "label": _texts("Name", "Nombre", "Nome", "Nom"),
                    },
                    {
                        "key": "programme_year",
                        "kind": "integer",
                        "constraint": ". >= 1990 and . <= 2035",
                        "label": _texts("Since", "Desde", "Desde", "Depuis"),
                    },
                    {
                        "key": "programme_kind",
                        "kind": "select_one",
                        "list": "programme_kinds",
                        "label": _texts("Kind", "Tipo", "Tipo", "Type"),
                    },
                ],
            },
            rows[-1],
        ]
    return rows


def questionnaire_build(*, form_id: str = FORM_ID):
    """A published version of the 120-question questionnaire (see the module's docstring)."""
    from django.db import transaction
    from django.utils import timezone

    from assessments.models import (
        Choice,
        ChoiceList,
        Element,
        Questionnaire,
        QuestionnaireVersion,
    )

    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(
            form_id=form_id,
            title=_texts(
                "Needs of local authorities (benchmark)",
                "Necesidades de los gobiernos locales (prueba)",
                "Necessidades dos governos locais (teste)",
                "Besoins des collectivités (essai)",
            ),
        )
        version = QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            status=QuestionnaireVersion.Status.PUBLISHED,
            title=questionnaire.title,
            source_language="en",
            languages=list(LANGUAGES),
            published_at=timezone.now(),
        )
        lists = {
            name: ChoiceList.objects.create(version=version, name=name)
            for name in ("countries", "regions", "services", "agree", "programme_kinds")
        }
        choices = []
        for position, code in enumerate(COUNTRIES):
            choices.append(
                Choice(
                    choice_list=lists["countries"],
                    position=position,
                    name=code,
                    label=_texts(code, code, code, code),
                )
            )
            for number in range(REGIONS_PER_COUNTRY):
                choices.append(
                    Choice(
                        choice_list=lists["regions"],
                        position=position * REGIONS_PER_COUNTRY + number,
                        name=f"{code}{number}",
                        label=_texts(
                            f"Region {number}",
                            f"Región {number}",
                            f"Região {number}",
                            f"Région {number}",
                        ),
                        filters={"country": code},
                    )
                )
        for number in range(SERVICES):
            choices.append(
                Choice(
                    choice_list=lists["services"],
                    position=number,
                    name=f"service{number}",
                    label=_texts(
                        f"Service {number}",
                        f"Servicio {number}",
                        f"Serviço {number}",
                        f"Service {number}",
                    ),
                )
            )
        for number, label in enumerate(
            (
                _texts(
                    "Strongly disagree",
                    "Muy en desacuerdo",
                    "Discordo totalmente",
                    "Pas du tout d'accord",
                ),
                _texts("Disagree", "En desacuerdo", "Discordo", "Pas d'accord"),
                _texts("Neutral", "Neutral", "Neutro", "Neutre"),
                _texts("Agree", "De acuerdo", "Concordo", "D'accord"),
                _texts(
                    "Strongly agree",
                    "Muy de acuerdo",
                    "Concordo totalmente",
                    "Tout à fait d'accord",
                ),
            )
        ):
            choices.append(
                Choice(
                    choice_list=lists["agree"], position=number, name=str(number + 1), label=label
                )
            )
        for number, name in enumerate(PROGRAMME_KINDS):
            choices.append(
                Choice(
                    choice_list=lists["programme_kinds"],
                    position=number,
                    name=name,
                    label=_texts(name.capitalize(), name, name, name),
                )
            )
        Choice.objects.bulk_create(choices)

        position = 0

        def add(row: dict, parent) -> None:
            nonlocal position
            element = Element.objects.create(
                version=version,
                parent=parent,
                position=position,
                key=row["key"],
                kind=row["kind"],
                label=row["label"],
                hint=_texts(
                    "Your best estimate.",
                    "Su mejor estimación.",
                    "A sua melhor estimativa.",
                    "Votre meilleure estimation.",
                )
                if row["kind"] in ("integer", "decimal")
                else {},
                required=row.get("required", False),
                relevant=row.get("relevant", ""),
                constraint=row.get("constraint", ""),
                constraint_message=_texts(
                    "Check this answer.",
                    "Revise esta respuesta.",
                    "Verifique esta resposta.",
                    "Vérifiez cette réponse.",
                )
                if row.get("constraint")
                else {},
                calculation=row.get("calculation", ""),
                choice_list=lists[row["list"]] if "list" in row else None,
                choice_filter=row.get("choice_filter", ""),
                repeat_max=row.get("repeat_max"),
            )
            position += 1
            for child in row.get("children", ()):
                add(child, element)

        for n in range(1, SECTIONS + 1):
            section = Element.objects.create(
                version=version,
                position=position,
                key=f"s{n}",
                kind=Element.Kind.GROUP,
                label=_texts(f"Part {n}", f"Parte {n}", f"Parte {n}", f"Partie {n}"),
                relevant=SECTION_RELEVANT.get(n, ""),
            )
            position += 1
            for row in _question_rows(n):
                add(row, section)
    return version


def section_answers(n: int, rng: random.Random) -> dict:
    """Valid answers to section ``n``, as a draft stores them (numbers as typed)."""
    s = f"s{n}"
    country = rng.choice(COUNTRIES)
    staff = rng.randint(0, 400)
    office = rng.choice(("yes", "no"))
    plan = rng.choice(("yes", "no"))
    answers = {
        f"{s}_country": country,
        f"{s}_region": f"{country}{rng.randrange(REGIONS_PER_COUNTRY)}",
        f"{s}_staff": str(staff),
        f"{s}_office": office,
        f"{s}_notes": "Two programmes with the regional government.\nA shelter opens in May.",
        f"{s}_since": (date(2010, 1, 1) + timedelta(days=rng.randrange(5000))).isoformat(),
        f"{s}_priority": str(rng.randint(1, 5)),
        f"{s}_partners": str(rng.randint(0, staff)),
        f"{s}_plan": plan,
        f"{s}_website": f"https://city{rng.randrange(1000)}.example.org/migration",
        f"{s}_followup": "Trained staff and a second desk.",
    }
    if staff > 0:
        answers[f"{s}_budget"] = f"{rng.randint(1000, 900000)}.{rng.randrange(100):02d}"
    if office == "yes":
        answers[f"{s}_office_name"] = f"Casa del migrante {rng.randrange(100)}"
        answers[f"{s}_services"] = sorted(
            f"service{k}" for k in rng.sample(range(SERVICES), rng.randint(1, 5))
        )
    if plan == "yes":
        answers[f"{s}_plan_year"] = str(rng.randint(2005, 2025))
    if n == SECTIONS:
        for key in (f"{s}_plan_year", f"{s}_website", f"{s}_followup"):
            answers.pop(key, None)
        answers["programmes"] = [
            {
                "programme_name": f"Programme {index + 1}",
                "programme_year": str(rng.randint(1995, 2025)),
                "programme_kind": rng.choice(PROGRAMME_KINDS),
            }
            for index in range(rng.randint(1, 3))
        ]
    return answers


def _relevant_sections(structure, data: dict) -> list[str]:
    from assessments.answering import Evaluation

    return [section.key for section in Evaluation(structure, data).relevant_sections()]


def answers_up_to(structure, sections: int, rng: random.Random) -> dict:
    """Valid answers to the first ``sections`` sections that are relevant, in order."""
    data: dict = {}
    answered = 0
    for n in range(1, SECTIONS + 1):
        if answered >= sections:
            break
        if f"s{n}" in _relevant_sections(structure, data):
            data.update(section_answers(n, rng))
            answered += 1
    return data


def answering_fill(*, size: str) -> None:
    """The assessment, invitations and responses for ``size`` (idempotent: adds the missing
    ones) and the layout file of the section pages' addresses."""
    from django.db import connection, transaction
    from django.urls import reverse
    from django.utils import timezone, translation

    from assessments.models import Assessment, Invitation, QuestionnaireVersion, Response
    from assessments.selectors_answer import version_structure_load
    from assessments.tokens import nonce_new, token_for
    from network.models import LocalAuthority

    target = INVITATIONS[size]
    version = (
        QuestionnaireVersion.objects.filter(questionnaire__form_id=FORM_ID).first()
        or questionnaire_build()
    )
    assessment, _created = Assessment.objects.get_or_create(
        slug=ASSESSMENT_SLUG,
        defaults={
            "title": _texts(
                "Needs assessment (benchmark)",
                "Diagnóstico de necesidades (prueba)",
                "Diagnóstico de necessidades (teste)",
                "Diagnostic des besoins (essai)",
            ),
            "version": version,
            "status": Assessment.Status.OPEN,
            "due_date": date.today() + timedelta(days=3650),
        },
    )
    structure = version_structure_load(version=version)
    rng = random.Random(SEED)
    now = timezone.now()
    with transaction.atomic():
        have = LocalAuthority.objects.filter(slug__startswith="bench-authority-").count()
        LocalAuthority.objects.bulk_create(
            [
                LocalAuthority(
                    name=f"Bench municipality {index}",
                    slug=f"bench-authority-{index}",
                    level=LocalAuthority.Level.MUNICIPALITY,
                    country=COUNTRIES[index % len(COUNTRIES)],
                    is_member=True,
                    joined_at=now,
                )
                for index in range(have, target)
            ],
            batch_size=1_000,
        )
        authorities = list(
            LocalAuthority.objects.filter(slug__startswith="bench-authority-").order_by("pk")[
                :target
            ]
        )
        invited = set(
            Invitation.objects.filter(assessment=assessment).values_list(
                "local_authority_id", flat=True
            )
        )
        invitations = []
        for index, authority in enumerate(authorities):
            if authority.pk in invited:
                continue
            nonce, digest = nonce_new()
            invitations.append(
                Invitation(
                    assessment=assessment,
                    local_authority=authority,
                    language=LANGUAGES[index % len(LANGUAGES)],
                    token_nonce=nonce,
                    token_hash=digest,
                    due_date=assessment.due_date,
                    sent_at=now,
                    opened_at=now,  # opened before: a page's GET writes nothing
                )
            )
        Invitation.objects.bulk_create(invitations, batch_size=1_000)
        started = set(
            Response.objects.filter(assessment=assessment).values_list("invitation_id", flat=True)
        )
        responses = []
        for index, invitation in enumerate(
            Invitation.objects.filter(assessment=assessment).order_by("pk")
        ):
            # Progress by index: never started, nothing answered, 1..8 sections answered.
            progress = index % (SECTIONS + 2) - 1
            if progress < 0 or invitation.pk in started:
                continue
            rng.seed(SEED + invitation.pk)
            responses.append(
                Response(
                    assessment=assessment,
                    invitation=invitation,
                    local_authority_id=invitation.local_authority_id,
                    version=version,
                    language=invitation.language,
                    data=answers_up_to(structure, progress, rng),
                    section="",
                )
            )
        Response.objects.bulk_create(responses, batch_size=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE assessments_invitation, assessments_response")

    pages = []
    data_of = dict(
        Response.objects.filter(assessment=assessment).values_list("invitation_id", "data")
    )
    for invitation in Invitation.objects.filter(assessment=assessment).order_by("pk"):
        token = token_for(nonce=invitation.token_nonce)
        data = data_of.get(invitation.pk)
        with translation.override(invitation.language):
            for key in _relevant_sections(structure, data or {}):
                path = reverse(
                    "assessments:answer_section", kwargs={"token": token, "section_key": key}
                )
                # Whether a response exists (a draft begun), and how many answers it holds.
                pages.append(
                    {"path": path, "started": data is not None, "answers": len(data or {})}
                )
    LAYOUT.parent.mkdir(parents=True, exist_ok=True)
    LAYOUT.write_text(json.dumps({"size": size, "section_pages": pages}, indent=1) + "\n")
    print(
        f"Assessment {ASSESSMENT_SLUG}: {len(authorities)} invitations, "
        f"{Response.objects.filter(assessment=assessment).count()} responses, "
        f"{len(pages)} section pages."
    )


# -- The POSTs, timed in process ------------------------------------------------------------------
def _field(key: str, row: int | None = None, group: str = "programmes") -> str:
    return f"q-{group}-{row + 1}-{key}" if row is not None else f"q-{key}"


def section_post(n: int, rng: random.Random, *, invalid: int) -> dict:
    """The form of section ``n`` as a browser posts it, with ``invalid`` answers gone wrong."""
    answers = section_answers(n, rng)
    post: dict = {"action": "continue", "script": "1"}
    for key, value in answers.items():
        if key == "programmes":
            post[_field("programmes") + "-rows"] = str(len(value))
            for index, row in enumerate(value):
                for child, child_value in row.items():
                    post[_field(child, index)] = child_value
        else:
            post[_field(key)] = value
    s = f"s{n}"
    wrong = [
        (f"{s}_staff", "twelve"),
        (f"{s}_since", (date.today() + timedelta(days=400)).isoformat()),
        (f"{s}_budget", "-5"),
        (f"{s}_since", "2024-13-45"),
        (f"{s}_partners", "-3"),
    ]
    if n != SECTIONS:
        wrong += [(f"{s}_website", "www.example.org"), (f"{s}_plan_year", "1850")]
    wrong = [(key, value) for key, value in wrong if _field(key) in post]
    for key, value in rng.sample(wrong, min(invalid, len(wrong))):
        post[_field(key)] = value
    return post


def _percentiles(times: list[float]) -> tuple[float, float]:
    if len(times) < 2:
        return (times[0], times[0]) if times else (0.0, 0.0)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="demo", choices=list(INVITATIONS))
    parser.add_argument("--requests", type=int, default=200, help="POSTs (and GETs) timed")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the GETs")
    arguments = parser.parse_args()

    from benchmarks.run import django_bench_setup

    django_bench_setup()
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)
    answering_fill(size=arguments.size)

    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from assessments.models import Invitation, Response

    client = Client(HTTP_HOST="127.0.0.1")
    layout = json.loads(LAYOUT.read_text())
    rng = random.Random(SEED)

    def timed(method: str, path: str, data: dict | None = None) -> tuple[float, int, int]:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            with transaction.atomic():
                answer = client.post(path, data) if method == "POST" else client.get(path)
                transaction.set_rollback(True)
            elapsed = (time.perf_counter() - started) * 1000
        return elapsed, len(queries.captured_queries), answer.status_code

    # GETs of the section pages, any response, any of its sections.
    pages = rng.sample(
        layout["section_pages"], min(arguments.requests, len(layout["section_pages"]))
    )
    # As in a worker that served before: templates compiled, the shared fragments (menus,
    # footer) cached in each language.
    for language in LANGUAGES:
        timed("GET", next(p["path"] for p in pages if p["path"].startswith(f"/{language}/")))
    load_before = os.getloadavg()[0]
    profiler = None
    if arguments.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    get_times = []
    # Queries by whether a draft exists (none yet: no files to look up) and answers held.
    get_queries: dict[bool, set[int]] = {False: set(), True: set()}
    answers_seen: dict[bool, set[int]] = {False: set(), True: set()}
    for page in pages:
        elapsed, queries, status = timed("GET", page["path"])
        if status != 200:
            raise SystemExit(f"{page['path']} answered {status}.")
        get_times.append(elapsed)
        get_queries[page["started"]].add(queries)
        answers_seen[page["started"]].add(page["answers"])
    if profiler is not None:
        import pstats

        profiler.disable()
        # The answering code, the templates' includes, the ORM and the site's middleware.
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats("assessments|loader_tags|models/query.py|base/cache|network", 45)

    # POSTs: save and check a section, a third of them with one or two invalid answers.
    from assessments.tokens import token_for

    invitations = list(Invitation.objects.filter(assessment__slug=ASSESSMENT_SLUG).order_by("pk"))
    data_of = dict(
        Response.objects.filter(assessment__slug=ASSESSMENT_SLUG).values_list(
            "invitation_id", "data"
        )
    )
    from assessments.selectors_answer import version_structure_load

    structure = version_structure_load(version=invitations[0].assessment.version)
    from django.urls import reverse
    from django.utils import translation

    outcomes: dict[str, list[float]] = {"saved": [], "errors shown": []}
    post_queries: dict[str, set[int]] = {"saved": set(), "errors shown": set()}
    for _request in range(arguments.requests):
        invitation = rng.choice(invitations)
        relevant = _relevant_sections(structure, data_of.get(invitation.pk) or {})
        key = rng.choice(relevant)
        invalid = rng.choice((0, 0, 0, 0, 1, 2))
        post = section_post(int(key[1:]), rng, invalid=invalid)
        with translation.override(invitation.language):
            path = reverse(
                "assessments:answer_section",
                kwargs={"token": token_for(nonce=invitation.token_nonce), "section_key": key},
            )
        elapsed, queries, status = timed("POST", path, post)
        if status not in (200, 302):
            raise SystemExit(f"POST {path} answered {status}.")
        outcome = "saved" if status == 302 else "errors shown"
        if invalid and status == 302:
            raise SystemExit(f"POST {path} saved {invalid} invalid answers without a word.")
        outcomes[outcome].append(elapsed)
        post_queries[outcome].add(queries)

    invitation_count = len(invitations)
    p50, p95 = _percentiles(get_times)
    print(
        f"Answering a 120-question questionnaire, {invitation_count} invitations "
        f"({arguments.size}), in process on PostgreSQL:\n"
        f"  section page GET: {len(get_times)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
        f"queries: {', '.join(map(str, sorted(get_queries[True])))} with a draft (holding "
        f"{min(answers_seen[True], default=0)} to {max(answers_seen[True], default=0)} answers), "
        f"{', '.join(map(str, sorted(get_queries[False]))) or '-'} before the first save"
    )
    worst = p95
    for outcome, times in outcomes.items():
        if not times:
            continue
        p50, p95 = _percentiles(times)
        worst = max(worst, p95)
        print(
            f"  section POST ({outcome}): {len(times)} requests, p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms, queries {', '.join(map(str, sorted(post_queries[outcome])))}"
        )
    print(
        f"  target: p95 under {TARGET_P95_MS} ms. Load average (1 min) before/after: "
        f"{load_before:.2f}/{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs."
    )
    return 0 if worst < TARGET_P95_MS and len(get_queries[True]) <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
