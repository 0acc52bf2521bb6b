# ruff: noqa: RUF001  (French texts use the typographic apostrophe)
"""The demo's needs-assessment questionnaire, written for the demo in four languages.

Its sections follow the concept note's needs assessment: institutional capacity, services to
migrants and refugees, coordination with the national government, financing, the needs of women
and girls, children and adolescents and indigenous peoples, and good practices to share. Each row
is an element as ``assessments.models.Element`` holds it (``kind``, permanent ``key``, texts per
language, logic in the expression language); ``demo.py`` builds the version from these rows.
"""


def t(en: str, es: str, pt: str, fr: str) -> dict[str, str]:
    return {"en": en, "es": es, "pt": pt, "fr": fr}


FORM_ID = "local-needs-assessment"

TITLE = t(
    "Needs assessment of local authorities: receiving and integrating migrants and refugees",
    "Evaluación de necesidades de los gobiernos locales: acogida e integración de personas "
    "migrantes y refugiadas",
    "Avaliação de necessidades dos governos locais: acolhimento e integração de pessoas "
    "migrantes e refugiadas",
    "Évaluation des besoins des autorités locales : accueil et intégration des personnes "
    "migrantes et réfugiées",
)

CHOICE_LISTS: dict[str, list[tuple[str, dict[str, str]]]] = {
    "yes_no": [
        ("yes", t("Yes", "Sí", "Sim", "Oui")),
        ("no", t("No", "No", "Não", "Non")),
    ],
    "unit": [
        (
            "dedicated",
            t(
                "A unit dedicated to human mobility",
                "Una unidad dedicada a la movilidad humana",
                "Uma unidade dedicada à mobilidade humana",
                "Un service dédié à la mobilité humaine",
            ),
        ),
        (
            "shared",
            t(
                "A unit that handles it among other tasks",
                "Una unidad que lo atiende entre otras tareas",
                "Uma unidade que cuida disso entre outras tarefas",
                "Un service qui s’en charge parmi d’autres tâches",
            ),
        ),
        (
            "none",
            t(
                "No unit is responsible for it",
                "Ninguna unidad es responsable",
                "Nenhuma unidade é responsável",
                "Aucun service n’en est chargé",
            ),
        ),
    ],
    "services": [
        (
            "reception",
            t(
                "Reception and shelter",
                "Acogida y albergue",
                "Acolhimento e abrigo",
                "Accueil et hébergement",
            ),
        ),
        (
            "documentation",
            t(
                "Help with documentation",
                "Apoyo para la documentación",
                "Apoio com documentação",
                "Aide aux démarches de documentation",
            ),
        ),
        (
            "employment",
            t(
                "Employment and livelihoods",
                "Empleo y medios de vida",
                "Emprego e meios de vida",
                "Emploi et moyens de subsistance",
            ),
        ),
        (
            "education",
            t(
                "Enrolment in schools",
                "Matrícula escolar",
                "Matrícula escolar",
                "Inscription scolaire",
            ),
        ),
        ("health", t("Health care", "Atención de salud", "Atenção à saúde", "Soins de santé")),
        (
            "psychosocial",
            t(
                "Psychosocial support",
                "Apoyo psicosocial",
                "Apoio psicossocial",
                "Soutien psychosocial",
            ),
        ),
        (
            "legal",
            t("Legal advice", "Orientación jurídica", "Orientação jurídica", "Conseil juridique"),
        ),
        (
            "language",
            t("Language classes", "Clases de idioma", "Aulas de idioma", "Cours de langue"),
        ),
    ],
    "agreement": [
        (
            "1",
            t(
                "Strongly disagree",
                "Muy en desacuerdo",
                "Discordo totalmente",
                "Pas du tout d’accord",
            ),
        ),
        ("2", t("Disagree", "En desacuerdo", "Discordo", "Pas d’accord")),
        (
            "3",
            t(
                "Neither agree nor disagree",
                "Ni de acuerdo ni en desacuerdo",
                "Nem concordo nem discordo",
                "Ni d’accord ni pas d’accord",
            ),
        ),
        ("4", t("Agree", "De acuerdo", "Concordo", "D’accord")),
        ("5", t("Strongly agree", "Muy de acuerdo", "Concordo totalmente", "Tout à fait d’accord")),
    ],
    "funding": [
        (
            "municipal",
            t(
                "The municipal budget",
                "El presupuesto municipal",
                "O orçamento municipal",
                "Le budget municipal",
            ),
        ),
        (
            "national",
            t(
                "National transfers",
                "Transferencias nacionales",
                "Transferências nacionais",
                "Des transferts nationaux",
            ),
        ),
        (
            "international",
            t(
                "International cooperation",
                "La cooperación internacional",
                "A cooperação internacional",
                "La coopération internationale",
            ),
        ),
        (
            "private",
            t("The private sector", "El sector privado", "O setor privado", "Le secteur privé"),
        ),
    ],
    "needs": [
        (
            "training",
            t(
                "Training of staff",
                "Formación del personal",
                "Capacitação da equipe",
                "Formation du personnel",
            ),
        ),
        (
            "data",
            t(
                "Data on the migrant population",
                "Datos sobre la población migrante",
                "Dados sobre a população migrante",
                "Données sur la population migrante",
            ),
        ),
        ("funding", t("Funding", "Financiamiento", "Financiamento", "Financement")),
        (
            "coordination",
            t(
                "Coordination with other levels of government",
                "Coordinación con otros niveles de gobierno",
                "Coordenação com outros níveis de governo",
                "Coordination avec les autres niveaux de gouvernement",
            ),
        ),
        (
            "peers",
            t(
                "Exchange with peer cities",
                "Intercambio con ciudades pares",
                "Intercâmbio com cidades pares",
                "Échanges avec des villes homologues",
            ),
        ),
    ],
}

# (kind, key, parent key, label, extra fields)
SURVEY: list[dict] = [
    {
        "kind": "group",
        "key": "capacity",
        "label": t(
            "Institutional capacity",
            "Capacidad institucional",
            "Capacidade institucional",
            "Capacités institutionnelles",
        ),
        "tags": ["participation"],
    },
    {
        "kind": "select_one",
        "key": "responsible_unit",
        "parent": "capacity",
        "list": "unit",
        "required": True,
        "label": t(
            "Which unit of your authority is responsible for migrants and refugees?",
            "¿Qué unidad de su gobierno local es responsable de las personas migrantes y "
            "refugiadas?",
            "Qual unidade do seu governo local é responsável pelas pessoas migrantes e refugiadas?",
            "Quel service de votre autorité est chargé des personnes migrantes et réfugiées ?",
        ),
        "tags": ["participation"],
    },
    {
        "kind": "integer",
        "key": "unit_staff",
        "parent": "capacity",
        "relevant": "${responsible_unit} != 'none'",
        "required": True,
        "constraint": ". >= 0 and . <= 500",
        "label": t(
            "How many people work in that unit?",
            "¿Cuántas personas trabajan en esa unidad?",
            "Quantas pessoas trabalham nessa unidade?",
            "Combien de personnes travaillent dans ce service ?",
        ),
        "constraint_message": t(
            "Give a number between 0 and 500.",
            "Indique un número entre 0 y 500.",
            "Informe um número entre 0 e 500.",
            "Indiquez un nombre entre 0 et 500.",
        ),
    },
    {
        "kind": "yes_no",
        "key": "has_local_plan",
        "parent": "capacity",
        "list": "yes_no",
        "required": True,
        "label": t(
            "Does a local plan or policy address human mobility?",
            "¿Algún plan o política local aborda la movilidad humana?",
            "Algum plano ou política local trata da mobilidade humana?",
            "Un plan ou une politique locale traite-t-il de la mobilité humaine ?",
        ),
        "hint": t(
            "For instance a development plan with a chapter on migration.",
            "Por ejemplo, un plan de desarrollo con un capítulo sobre migración.",
            "Por exemplo, um plano de desenvolvimento com um capítulo sobre migração.",
            "Par exemple un plan de développement comportant un chapitre sur la migration.",
        ),
        "tags": ["participation", "local-development"],
    },
    {
        "kind": "text",
        "key": "local_plan_name",
        "parent": "capacity",
        "relevant": "${has_local_plan} = 'yes'",
        "label": t(
            "What is the plan or policy called?",
            "¿Cómo se llama el plan o la política?",
            "Como se chama o plano ou a política?",
            "Comment s’appelle ce plan ou cette politique ?",
        ),
    },
    {
        "kind": "likert",
        "key": "data_available",
        "parent": "capacity",
        "list": "agreement",
        "label": t(
            "We have reliable data on the migrants and refugees living in our territory.",
            "Contamos con datos fiables sobre las personas migrantes y refugiadas que viven en "
            "nuestro territorio.",
            "Temos dados confiáveis sobre as pessoas migrantes e refugiadas que vivem em nosso "
            "território.",
            "Nous disposons de données fiables sur les personnes migrantes et réfugiées qui "
            "vivent sur notre territoire.",
        ),
        "tags": ["data"],
    },
    {
        "kind": "group",
        "key": "services_section",
        "label": t(
            "Services to migrants and refugees",
            "Servicios para personas migrantes y refugiadas",
            "Serviços para pessoas migrantes e refugiadas",
            "Services aux personnes migrantes et réfugiées",
        ),
        "tags": ["reception"],
    },
    {
        "kind": "select_multiple",
        "key": "services",
        "parent": "services_section",
        "list": "services",
        "required": True,
        "or_other": True,
        "label": t(
            "Which services does your authority offer to migrants and refugees?",
            "¿Qué servicios ofrece su gobierno local a las personas migrantes y refugiadas?",
            "Quais serviços seu governo local oferece às pessoas migrantes e refugiadas?",
            "Quels services votre autorité offre-t-elle aux personnes migrantes et réfugiées ?",
        ),
        "tags": ["reception", "social-protection"],
    },
    {
        "kind": "integer",
        "key": "people_served",
        "parent": "services_section",
        "constraint": ". >= 0",
        "label": t(
            "About how many people did these services reach last year?",
            "¿A cuántas personas llegaron aproximadamente estos servicios el año pasado?",
            "Aproximadamente quantas pessoas esses serviços atenderam no ano passado?",
            "Combien de personnes environ ces services ont-ils touchées l’an dernier ?",
        ),
        "constraint_message": t(
            "The number cannot be negative.",
            "El número no puede ser negativo.",
            "O número não pode ser negativo.",
            "Le nombre ne peut pas être négatif.",
        ),
        "tags": ["data"],
    },
    {
        "kind": "repeat",
        "key": "programmes",
        "parent": "services_section",
        "repeat_max": 10,
        "label": t(
            "Programmes your authority runs",
            "Programas que ejecuta su gobierno local",
            "Programas que seu governo local executa",
            "Programmes menés par votre autorité",
        ),
    },
    {
        "kind": "text",
        "key": "programme_name",
        "parent": "programmes",
        "required": True,
        "label": t(
            "Name of the programme", "Nombre del programa", "Nome do programa", "Nom du programme"
        ),
    },
    {
        "kind": "integer",
        "key": "programme_year",
        "parent": "programmes",
        "constraint": ". >= 1990 and . <= 2030",
        "label": t("Year it started", "Año de inicio", "Ano de início", "Année de lancement"),
        "constraint_message": t(
            "Give a year between 1990 and 2030.",
            "Indique un año entre 1990 y 2030.",
            "Informe um ano entre 1990 e 2030.",
            "Indiquez une année entre 1990 et 2030.",
        ),
    },
    {
        "kind": "group",
        "key": "coordination",
        "label": t(
            "Coordination with the national government",
            "Coordinación con el gobierno nacional",
            "Coordenação com o governo nacional",
            "Coordination avec le gouvernement national",
        ),
        "tags": ["participation"],
    },
    {
        "kind": "yes_no",
        "key": "national_agreement",
        "parent": "coordination",
        "list": "yes_no",
        "required": True,
        "label": t(
            "Does your authority have an agreement with national institutions on migration?",
            "¿Tiene su gobierno local un convenio con instituciones nacionales sobre migración?",
            "Seu governo local tem um convênio com instituições nacionais sobre migração?",
            "Votre autorité a-t-elle un accord avec des institutions nationales sur la migration ?",
        ),
    },
    {
        "kind": "likert",
        "key": "coordination_quality",
        "parent": "coordination",
        "list": "agreement",
        "label": t(
            "Coordination with the national level works well.",
            "La coordinación con el nivel nacional funciona bien.",
            "A coordenação com o nível nacional funciona bem.",
            "La coordination avec le niveau national fonctionne bien.",
        ),
    },
    {
        "kind": "long_text",
        "key": "coordination_obstacles",
        "parent": "coordination",
        "relevant": "${coordination_quality} != '' and ${coordination_quality} <= 2",
        "label": t(
            "What gets in the way?",
            "¿Qué lo dificulta?",
            "O que atrapalha?",
            "Qu’est-ce qui fait obstacle ?",
        ),
    },
    {
        "kind": "group",
        "key": "financing",
        "label": t("Financing", "Financiamiento", "Financiamento", "Financement"),
    },
    {
        "kind": "decimal",
        "key": "budget_share",
        "parent": "financing",
        "constraint": ". >= 0 and . <= 100",
        "label": t(
            "What share of the municipal budget (%) goes to migrants and refugees?",
            "¿Qué porcentaje del presupuesto municipal se destina a personas migrantes y "
            "refugiadas?",
            "Qual percentual do orçamento municipal é destinado a pessoas migrantes e refugiadas?",
            "Quelle part du budget municipal (%) est consacrée aux personnes migrantes et "
            "réfugiées ?",
        ),
        "constraint_message": t(
            "Give a percentage between 0 and 100.",
            "Indique un porcentaje entre 0 y 100.",
            "Informe um percentual entre 0 e 100.",
            "Indiquez un pourcentage entre 0 et 100.",
        ),
    },
    {
        "kind": "rank",
        "key": "funding_sources",
        "parent": "financing",
        "list": "funding",
        "label": t(
            "Rank the sources of funding, the largest first.",
            "Ordene las fuentes de financiamiento, de la mayor a la menor.",
            "Ordene as fontes de financiamento, da maior para a menor.",
            "Classez les sources de financement, de la plus importante à la moindre.",
        ),
    },
    {
        "kind": "calculate",
        "key": "budget_band",
        "parent": "financing",
        "calculation": "if(${budget_share} = '', '', if(${budget_share} >= 5, 'high', 'low'))",
        "label": t(
            "Budget band", "Franja de presupuesto", "Faixa de orçamento", "Tranche de budget"
        ),
    },
    {
        "kind": "group",
        "key": "groups_needs",
        "label": t(
            "Women and girls, children and adolescents, indigenous peoples",
            "Mujeres y niñas, niñez y adolescencia, pueblos indígenas",
            "Mulheres e meninas, crianças e adolescentes, povos indígenas",
            "Femmes et filles, enfants et adolescents, peuples autochtones",
        ),
    },
    {
        "kind": "yes_no",
        "key": "gbv_route",
        "parent": "groups_needs",
        "list": "yes_no",
        "required": True,
        "sensitive": True,
        "label": t(
            "Is there a care pathway for migrant women who survive gender-based violence?",
            "¿Existe una ruta de atención para mujeres migrantes sobrevivientes de violencia "
            "de género?",
            "Existe uma rota de atendimento para mulheres migrantes sobreviventes de violência "
            "de gênero?",
            "Existe-t-il un parcours de prise en charge pour les femmes migrantes victimes de "
            "violences fondées sur le genre ?",
        ),
        "tags": ["gbv", "women-girls"],
    },
    {
        "kind": "long_text",
        "key": "women_needs",
        "parent": "groups_needs",
        "label": t(
            "What do migrant women and girls most need in your territory?",
            "¿Qué necesitan más las mujeres y niñas migrantes en su territorio?",
            "Do que as mulheres e meninas migrantes mais precisam em seu território?",
            "De quoi les femmes et les filles migrantes ont-elles le plus besoin sur votre "
            "territoire ?",
        ),
        "tags": ["women-girls"],
    },
    {
        "kind": "integer",
        "key": "children_out_of_school",
        "parent": "groups_needs",
        "constraint": ". >= 0",
        "sensitive": True,
        "label": t(
            "How many migrant children and adolescents are out of school, to your knowledge?",
            "¿Cuántos niños, niñas y adolescentes migrantes están fuera de la escuela, según "
            "su conocimiento?",
            "Quantas crianças e adolescentes migrantes estão fora da escola, até onde você sabe?",
            "Combien d’enfants et d’adolescents migrants ne sont pas scolarisés, à votre "
            "connaissance ?",
        ),
        "constraint_message": t(
            "The number cannot be negative.",
            "El número no puede ser negativo.",
            "O número não pode ser negativo.",
            "Le nombre ne peut pas être négatif.",
        ),
        "tags": ["children", "education"],
    },
    {
        "kind": "yes_no",
        "key": "indigenous_present",
        "parent": "groups_needs",
        "list": "yes_no",
        "label": t(
            "Do indigenous migrants or refugees live in your territory?",
            "¿Viven personas indígenas migrantes o refugiadas en su territorio?",
            "Vivem pessoas indígenas migrantes ou refugiadas em seu território?",
            "Des personnes autochtones migrantes ou réfugiées vivent-elles sur votre territoire ?",
        ),
        "tags": ["indigenous"],
    },
    {
        "kind": "long_text",
        "key": "indigenous_services",
        "parent": "groups_needs",
        "relevant": "${indigenous_present} = 'yes'",
        "label": t(
            "How are services adapted to them (language, culture)?",
            "¿Cómo se adaptan los servicios a ellas (idioma, cultura)?",
            "Como os serviços são adaptados a elas (idioma, cultura)?",
            "Comment les services leur sont-ils adaptés (langue, culture) ?",
        ),
        "tags": ["indigenous", "interculturality"],
    },
    {
        "kind": "group",
        "key": "practices_needs",
        "label": t(
            "Good practices and needs",
            "Buenas prácticas y necesidades",
            "Boas práticas e necessidades",
            "Bonnes pratiques et besoins",
        ),
    },
    {
        "kind": "select_multiple",
        "key": "main_needs",
        "parent": "practices_needs",
        "list": "needs",
        "required": True,
        "constraint": "count-selected(.) <= 3",
        "label": t(
            "What does your authority most need? (at most three)",
            "¿Qué necesita más su gobierno local? (tres como máximo)",
            "Do que seu governo local mais precisa? (no máximo três)",
            "De quoi votre autorité a-t-elle le plus besoin ? (trois au plus)",
        ),
        "constraint_message": t(
            "Choose at most three.",
            "Elija tres como máximo.",
            "Escolha no máximo três.",
            "Choisissez-en trois au plus.",
        ),
        "tags": ["data", "participation"],
    },
    {
        "kind": "yes_no",
        "key": "has_practice",
        "parent": "practices_needs",
        "list": "yes_no",
        "label": t(
            "Would you share a practice of your authority with the network?",
            "¿Compartiría con la red una práctica de su gobierno local?",
            "Você compartilharia com a rede uma prática do seu governo local?",
            "Partageriez-vous une pratique de votre autorité avec le réseau ?",
        ),
    },
    {
        "kind": "long_text",
        "key": "practice_summary",
        "parent": "practices_needs",
        "relevant": "${has_practice} = 'yes'",
        "required": True,
        "constraint": "string-length(.) >= 20",
        "label": t(
            "Describe it in a few sentences: what, for whom, with what result.",
            "Descríbala en pocas frases: qué, para quién, con qué resultado.",
            "Descreva-a em poucas frases: o quê, para quem, com que resultado.",
            "Décrivez-la en quelques phrases : quoi, pour qui, avec quel résultat.",
        ),
        "constraint_message": t(
            "Write at least 20 characters.",
            "Escriba al menos 20 caracteres.",
            "Escreva pelo menos 20 caracteres.",
            "Écrivez au moins 20 caractères.",
        ),
    },
    {
        "kind": "file",
        "key": "practice_document",
        "parent": "practices_needs",
        "relevant": "${has_practice} = 'yes'",
        "label": t(
            "A document about it (optional)",
            "Un documento sobre ella (opcional)",
            "Um documento sobre ela (opcional)",
            "Un document la présentant (facultatif)",
        ),
    },
]
