# ruff: noqa: RUF001  (French texts use the typographic apostrophe; titles an en dash)
"""The demo's analytical report: "Draft report" of the demo needs assessment
(``local-needs-2026-2027``), published in the resource library in English, Spanish, Portuguese
and French (each language a page of its library sharing the translation key, as the library's
own demo does), with figures by country, a crosstab, the indigenous peoples' subgroup question, a
quoted answer given with consent, the demo's documented practices and the methodology.
Idempotent: what exists is left as it is.

Consent in the demo: the demo questionnaire has no question asking to be quoted, so the report
names "Would you share a practice of your authority with the network?" (``has_practice``): its
"yes" is the authority offering the practice it describes to the network. A real assessment
should ask for consent to be quoted in its own words."""

from django.db import transaction
from django.utils import timezone

from library.demo_content import PUBLISHER
from library.models import ResourceLibraryPage, ResourceTheme
from practices.models import PracticePage

from ..demo import ASSESSMENT_SLUG
from ..models import Assessment, AssessmentReportPage, Response
from ..visibility import responses_for_analysis

SLUG = "draft-report-local-needs-2026-2027"
CONSENT_KEY = "has_practice"
QUOTED_KEY = "practice_summary"
PRACTICE_SLUGS = (
    "amatitlan-reception-and-labour-integration",
    "zacatecoluca-municipal-office-for-migrants",
    "ecuador-migration-in-local-development-plans",
)

TEXTS = {
    "en": {
        "title": "Draft report: needs of the network's local authorities 2026–2027",
        "slug": SLUG,
        "summary": (
            "Draft analytical report of the network's needs assessment: what local "
            "authorities have, what they lack and the practices that answer it."
        ),
        "intro": (
            "<p>This is a <b>draft report</b> written for the demonstration, from illustrative "
            "answers. Its figures are read from the assessment whenever it is opened.</p>"
        ),
        "plans": (
            "<h2>Plans and data</h2><p>Having a local plan for the inclusion of migrants and "
            "refugees is the first step the network recommends. The figure below shows how "
            "many authorities have one.</p>"
        ),
        "plans_comment": "Countries with few answers are protected: their counts read “<5”.",
        "services": (
            "<h2>Services</h2><p>Which services authorities offer, and how reliable their "
            "data are, by level of government.</p>"
        ),
        "groups": (
            "<h2>Women and girls, children, indigenous peoples</h2><p>The assessment asks "
            "about the groups that national averages hide. Questions on gender-based violence "
            "and children out of school are sensitive: they are not published.</p>"
        ),
        "quote_intro": "An authority describing a practice it would share with the network:",
        "practices": "Practices that answer these needs",
    },
    "es": {
        "title": "Informe preliminar: necesidades de los gobiernos locales de la red 2026–2027",
        "slug": "informe-preliminar-necesidades-locales-2026-2027",
        "summary": (
            "Informe analítico preliminar de la evaluación de necesidades de la red: lo que "
            "tienen los gobiernos locales, lo que les falta y las prácticas que responden."
        ),
        "intro": (
            "<p>Este es un <b>informe preliminar</b> escrito para la demostración, a partir de "
            "respuestas ilustrativas. Sus cifras se leen de la evaluación cada vez que se "
            "abre.</p>"
        ),
        "plans": (
            "<h2>Planes y datos</h2><p>Contar con un plan local de inclusión de personas "
            "migrantes y refugiadas es el primer paso que recomienda la red. La figura muestra "
            "cuántos gobiernos locales tienen uno.</p>"
        ),
        "plans_comment": "Los países con pocas respuestas están protegidos: sus cifras dicen «<5».",
        "services": (
            "<h2>Servicios</h2><p>Qué servicios ofrecen los gobiernos locales y cuán fiables "
            "son sus datos, por nivel de gobierno.</p>"
        ),
        "groups": (
            "<h2>Mujeres y niñas, niñez, pueblos indígenas</h2><p>La evaluación pregunta por "
            "los grupos que los promedios nacionales ocultan. Las preguntas sobre violencia de "
            "género y niñez fuera de la escuela son sensibles: no se publican.</p>"
        ),
        "quote_intro": "Un gobierno local describe una práctica que compartiría con la red:",
        "practices": "Prácticas que responden a estas necesidades",
    },
    "pt": {
        "title": "Relatório preliminar: necessidades dos governos locais da rede 2026–2027",
        "slug": "relatorio-preliminar-necessidades-locais-2026-2027",
        "summary": (
            "Relatório analítico preliminar da avaliação de necessidades da rede: o que os "
            "governos locais têm, o que lhes falta e as práticas que respondem."
        ),
        "intro": (
            "<p>Este é um <b>relatório preliminar</b> escrito para a demonstração, a partir de "
            "respostas ilustrativas. Seus números são lidos da avaliação sempre que é "
            "aberto.</p>"
        ),
        "plans": (
            "<h2>Planos e dados</h2><p>Ter um plano local de inclusão de pessoas migrantes e "
            "refugiadas é o primeiro passo que a rede recomenda. A figura mostra quantos "
            "governos locais têm um.</p>"
        ),
        "plans_comment": "Os países com poucas respostas são protegidos: seus números dizem “<5”.",
        "services": (
            "<h2>Serviços</h2><p>Quais serviços os governos locais oferecem e quão confiáveis "
            "são seus dados, por nível de governo.</p>"
        ),
        "groups": (
            "<h2>Mulheres e meninas, crianças, povos indígenas</h2><p>A avaliação pergunta "
            "pelos grupos que as médias nacionais escondem. As perguntas sobre violência de "
            "gênero e crianças fora da escola são sensíveis: não são publicadas.</p>"
        ),
        "quote_intro": "Um governo local descreve uma prática que compartilharia com a rede:",
        "practices": "Práticas que respondem a essas necessidades",
    },
    "fr": {
        "title": "Rapport provisoire : besoins des autorités locales du réseau 2026–2027",
        "slug": "rapport-provisoire-besoins-locaux-2026-2027",
        "summary": (
            "Rapport analytique provisoire de l’évaluation des besoins du réseau : ce dont les "
            "autorités locales disposent, ce qui leur manque et les pratiques qui y répondent."
        ),
        "intro": (
            "<p>Ceci est un <b>rapport provisoire</b> rédigé pour la démonstration, à partir de "
            "réponses illustratives. Ses chiffres sont lus dans l’évaluation à chaque "
            "ouverture.</p>"
        ),
        "plans": (
            "<h2>Plans et données</h2><p>Disposer d’un plan local d’inclusion des personnes "
            "migrantes et réfugiées est le premier pas que recommande le réseau. La figure "
            "montre combien d’autorités en ont un.</p>"
        ),
        "plans_comment": (
            "Les pays avec peu de réponses sont protégés : leurs chiffres indiquent « <5 »."
        ),
        "services": (
            "<h2>Services</h2><p>Les services que les autorités offrent, et la fiabilité de "
            "leurs données, par niveau de gouvernement.</p>"
        ),
        "groups": (
            "<h2>Femmes et filles, enfants, peuples autochtones</h2><p>L’évaluation interroge "
            "sur les groupes que les moyennes nationales cachent. Les questions sur les "
            "violences de genre et les enfants non scolarisés sont sensibles : elles ne sont "
            "pas publiées.</p>"
        ),
        "quote_intro": "Une autorité décrit une pratique qu’elle partagerait avec le réseau :",
        "practices": "Pratiques qui répondent à ces besoins",
    },
}


def _quoted(assessment: Assessment) -> Response | None:
    """The first approved answer that consents and describes a practice."""
    for response in responses_for_analysis(assessment=assessment).order_by("submitted_at", "pk"):
        if response.data.get(CONSENT_KEY) == "yes" and response.data.get(QUOTED_KEY):
            return response
    return None


def _body(texts: dict, *, quoted: Response | None, practices: list) -> list:
    body = [
        ("text", texts["plans"]),
        ("figure", {"question": "has_local_plan"}),
        ("figure", {"question": "data_available", "by": "level"}),
        ("text", texts["services"]),
        ("figure", {"question": "services"}),
        ("figure", {"question": "main_needs"}),
        ("text", texts["groups"]),
        (
            "figure",
            {"question": "indigenous_present", "by": "country", "comment": texts["plans_comment"]},
        ),
    ]
    if quoted is not None:
        body.append(
            (
                "quote",
                {
                    "question": QUOTED_KEY,
                    "response": quoted.pk,
                    "introduction": texts["quote_intro"],
                },
            )
        )
    if practices:
        body.append(("practices", {"heading": texts["practices"], "practices": practices}))
    body.append(("methodology", None))
    return body


def seed_report(*, stdout) -> None:
    """The demo report in every language whose library exists (after the library, the
    practices and the assessment are seeded: ``demo_seed_last``)."""
    assessment = Assessment.objects.filter(slug=ASSESSMENT_SLUG).select_related("version").first()
    libraries = {
        library.locale.language_code: library
        for library in ResourceLibraryPage.objects.select_related("locale")
    }
    if assessment is None or "en" not in libraries:
        stdout.write("Assessment report: no demo assessment or English library; skipped.")
        return
    quoted = _quoted(assessment)
    practices = list(
        PracticePage.objects.live().filter(locale__language_code="en", slug__in=PRACTICE_SLUGS)
    )
    practices.sort(key=lambda page: PRACTICE_SLUGS.index(page.slug))
    created = 0
    with transaction.atomic():
        source = AssessmentReportPage.objects.filter(slug=SLUG).first()
        for code, texts in TEXTS.items():
            library = libraries.get(code)
            if library is None:
                continue
            if source is not None and source.get_translation_or_none(library.locale):
                continue
            page = AssessmentReportPage(
                title=texts["title"],
                slug=texts["slug"],
                summary=texts["summary"],
                intro=texts["intro"],
                assessment=assessment,
                quote_consent_key=CONSENT_KEY if quoted is not None else "",
                body=_body(texts, quoted=quoted, practices=practices),
                year=timezone.now().year,
                publisher=PUBLISHER[code],
                is_illustrative=True,
                locale=library.locale,
            )
            if source is not None:
                page.translation_key = source.translation_key
            page.themes = [ResourceTheme(code=code_) for code_ in ("data", "participation")]
            library.add_child(instance=page)
            page.save_revision().publish()
            created += 1
            source = source or page
    stdout.write(
        f"Assessment report: {created} page(s) created, "
        f"{AssessmentReportPage.objects.count()} in all."
    )
