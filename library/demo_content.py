"""The demo library's text: index pages in four languages and about ten resources, some with
translations. Slugs are per language; everything else that is shared lives in ``common``.

Every resource here is invented for demonstrations (marked illustrative when seeded), so none is
attributed to a real organisation: the publisher is the network's own secretariat."""

from network.demo import MEMBER_AUTHORITY_COUNT as AUTHORITIES
from network.demo import MEMBER_COUNTRY_COUNT as COUNTRIES

# Who published the (invented) demo documents, in each language of the site.
PUBLISHER = {
    "en": "Convive technical secretariat",
    "es": "Secretaría técnica de Convive",
    "pt": "Secretaria técnica da Convive",
    "fr": "Secrétariat technique de Convive",
}

LIBRARY = {
    "en": {
        "title": "Resource library",
        "slug": "library",
        "intro": "Reports, toolkits, guides and questionnaires for local authorities that "
        "integrate migrants, refugees and returnees.",
    },
    "es": {
        "title": "Biblioteca de recursos",
        "slug": "biblioteca",
        "intro": "Informes, cajas de herramientas, guías y cuestionarios para gobiernos locales "
        "que integran a personas migrantes, refugiadas y retornadas.",
    },
    "pt": {
        "title": "Biblioteca de recursos",
        "slug": "biblioteca",
        "intro": "Relatórios, kits de ferramentas, guias e questionários para governos locais "
        "que integram pessoas migrantes, refugiadas e retornadas.",
    },
    "fr": {
        "title": "Bibliothèque de ressources",
        "slug": "bibliotheque",
        "intro": "Rapports, boîtes à outils, guides et questionnaires pour les autorités locales "
        "qui intègrent les personnes migrantes, réfugiées et de retour.",
    },
}

# Each resource: English fields, optional translations, and fields shared by every language.
RESOURCES = [
    {
        "en": {
            "slug": "network-launch-report",
            "title": "Convive network launch report",
            "summary": f"How the network was founded, what its {AUTHORITIES} member authorities "
            f"from {COUNTRIES} countries agreed to work on first, and who supports them.",
        },
        "es": {
            "slug": "informe-lanzamiento-red",
            "title": "Informe de lanzamiento de la red Convive",
            "summary": f"Cómo se fundó la red, en qué acordaron trabajar primero sus {AUTHORITIES} "
            f"autoridades miembro de {COUNTRIES} países y quién las acompaña.",
        },
        "pt": {
            "slug": "relatorio-lancamento-rede",
            "title": "Relatório de lançamento da rede Convive",
            "summary": f"Como a rede foi fundada, no que as suas {AUTHORITIES} autoridades "
            f"membro de {COUNTRIES} países concordaram trabalhar primeiro e quem as apoia.",
        },
        "common": {
            "resource_type": "report",
            "document_language": "en",
            "year": 2025,
            "themes": ["participation", "data"],
        },
    },
    {
        "en": {
            "slug": "toolkit-migration-in-development-plans",
            "title": "Toolkit: integrating migration into municipal development plans",
            "summary": "Step-by-step exercises, checklists and model indicators to bring "
            "migration into a municipality's development plan and budget.",
        },
        "es": {
            "slug": "caja-herramientas-migracion-planes-desarrollo",
            "title": "Caja de herramientas: la migración en los planes de desarrollo municipal",
            "summary": "Ejercicios paso a paso, listas de verificación e indicadores modelo "
            "para incluir la migración en el plan de desarrollo y el presupuesto municipal.",
        },
        "common": {
            "resource_type": "toolkit",
            "document_language": "es",
            "year": 2024,
            "themes": ["local-development", "participation", "socioeconomic"],
        },
    },
    {
        "en": {
            "slug": "guide-municipal-migrant-offices",
            "title": "Guide to setting up a municipal migrant office",
            "summary": "What a one-stop office for migrants can offer, how to staff it, which "
            "partners to involve and how to measure what it achieves.",
        },
        "fr": {
            "slug": "guide-bureaux-municipaux-migrants",
            "title": "Guide pour créer un bureau municipal d'accueil des migrants",
            "summary": "Ce qu'un guichet unique peut offrir aux personnes migrantes, comment le "
            "doter en personnel, quels partenaires associer et comment mesurer ses résultats.",
        },
        "common": {
            "resource_type": "guide",
            "document_language": "en",
            "year": 2024,
            "themes": ["reception", "documentation", "social-protection"],
        },
    },
    {
        "en": {
            "slug": "needs-assessment-questionnaire",
            "title": "Needs-assessment questionnaire for member authorities",
            "summary": "The questionnaire every member authority fills in to describe its "
            "migrant population, its services and the support it needs from the network.",
        },
        "es": {
            "slug": "cuestionario-diagnostico-necesidades",
            "title": "Cuestionario de diagnóstico de necesidades para autoridades miembro",
            "summary": "El cuestionario que cada autoridad miembro completa para describir su "
            "población migrante, sus servicios y el apoyo que necesita de la red.",
        },
        "common": {
            "resource_type": "questionnaire",
            "document_language": "es",
            "year": 2025,
            "themes": ["data"],
        },
    },
    {
        "en": {
            "slug": "policy-brief-countering-xenophobia",
            "title": "Policy brief: countering xenophobia at the local level",
            "summary": "Evidence on what reduces discrimination against migrants in cities, "
            "and six recommendations for mayors and councils.",
        },
        "pt": {
            "slug": "nota-politica-combate-xenofobia",
            "title": "Nota de política: combater a xenofobia no nível local",
            "summary": "Evidências sobre o que reduz a discriminação contra migrantes nas "
            "cidades e seis recomendações para prefeitos e câmaras municipais.",
        },
        "common": {
            "resource_type": "policy-brief",
            "document_language": "pt",
            "year": 2023,
            "themes": ["anti-xenophobia", "interculturality"],
        },
    },
    {
        "en": {
            "slug": "guide-access-to-health-services",
            "title": "Guide: access to health services for migrants and refugees",
            "summary": "How municipal health services can register newcomers, what they are "
            "entitled to, and how to work with community health promoters.",
        },
        "common": {
            "resource_type": "guide",
            "document_language": "es",
            "year": 2023,
            "themes": ["health", "psychosocial"],
        },
    },
    {
        "en": {
            "slug": "report-labour-inclusion-andean-cities",
            "title": "Labour inclusion of migrants in Andean cities",
            "summary": "A comparative study of employment programmes for migrants in five "
            "Andean cities, with the results of each programme.",
        },
        "common": {
            "resource_type": "report",
            "document_language": "es",
            "year": 2022,
            "themes": ["employment", "socioeconomic"],
        },
    },
    {
        "en": {
            "slug": "toolkit-school-enrolment",
            "title": "Toolkit: school enrolment of migrant children",
            "summary": "Forms, flowcharts and letters a municipality can adapt to enrol "
            "children who arrive without school records.",
        },
        "common": {
            "resource_type": "toolkit",
            "document_language": "pt",
            "year": 2024,
            "themes": ["education", "documentation"],
        },
    },
    {
        "en": {
            "slug": "returnee-reintegration-guide",
            "title": "Welcoming returnees: a reintegration guide for municipalities",
            "summary": "How local services can support people who return to their home "
            "municipality, from the first week to long-term reintegration.",
        },
        "common": {
            "resource_type": "guide",
            "document_language": "fr",
            "year": 2025,
            "themes": ["return", "employment", "psychosocial"],
        },
    },
    {
        "en": {
            "slug": "policy-brief-gender-based-violence",
            "title": "Policy brief: preventing gender-based violence against migrant women",
            "summary": "Risks that migrant women and girls face, and how municipal protection "
            "routes can reach them.",
        },
        "common": {
            "resource_type": "policy-brief",
            "document_language": "en",
            "year": 2022,
            "themes": ["gbv", "social-protection"],
        },
    },
]
