"""The demo e-discussions' text: two moderated, time-boxed consultations of the network (one
finished, with its consolidated summary and endorsements, one still running), and the few
civil-society members who take part in them besides the demo's existing members.

Pure data, no logic. Every person and civil-society organisation defined here is invented for
demonstrations; the existing members are referred to by their key. In ``SUMMARY``, ``{post:N}``
stands for the address of contribution N (0-based) of ``FINISHED.contributions``, and every
quote is copied verbatim from that contribution."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoPerson:
    key: str  # short lowercase id
    first_name: str
    last_name: str
    language: str  # "en" | "es" | "pt" | "fr"
    position: str  # in their own language
    organisation: str  # organisation name as shown (fictional civil society org)
    country: str  # ISO 3166-1 alpha-2
    organisation_type: str  # "other" for civil society, "partner" for partner organisations


@dataclass(frozen=True)
class DemoContribution:
    question: int  # question number across the e-discussion (1..8); 0 = in the facilitator's tray
    author: str  # a person key
    language: str
    day: float  # days after the question's week opened (0.1 .. 6.9)
    text: str  # Markdown
    # (name, position, organisation, country) signature block when writing for an organisation
    on_behalf: tuple[str, str, str, str] | None = None
    held: bool = False  # waiting for the facilitator's approval (running e-discussion only)


@dataclass(frozen=True)
class DemoWeek:
    titles: dict[str, str]  # en, es, pt, fr
    questions: list[dict[str, str]]  # each {"en", "es", "pt", "fr"}: the question's full text


@dataclass(frozen=True)
class DemoEDiscussion:
    slug: str
    titles: dict[str, str]  # en, es, pt, fr
    framing: dict[str, str]  # en, es, pt, fr: Markdown framing text
    weeks: list[DemoWeek]  # 4 weeks, 2 questions each, questions numbered 1..8 in order
    contributions: list[DemoContribution] = field(default_factory=list)


# The fictional civil-society members who join the demo's existing members.
PEOPLE: list[DemoPerson] = [
    DemoPerson(
        key="fabiola",
        first_name="Fabiola",
        last_name="Dorval",
        language="fr",
        position="Coordonnatrice de programmes",
        organisation="Réseau Solidarité Caraïbes",
        country="HT",
        organisation_type="other",
    ),
    DemoPerson(
        key="etienne",
        first_name="Étienne",
        last_name="Lavoie",
        language="fr",
        position="Directeur général",
        organisation="Carrefour Nouveaux Horizons Estrie",
        country="CA",
        organisation_type="other",
    ),
    DemoPerson(
        key="desmond",
        first_name="Desmond",
        last_name="Baptiste",
        language="en",
        position="Programme Manager",
        organisation="Bridges Migrant Support Trust",
        country="TT",
        organisation_type="other",
    ),
    DemoPerson(
        key="rosa",
        first_name="Rosa",
        last_name="Chacón",
        language="es",
        position="Coordinadora de proyectos",
        organisation="Asociación Caminos de Vuelta Xela",
        country="GT",
        organisation_type="other",
    ),
    DemoPerson(
        key="wilfredo",
        first_name="Wilfredo",
        last_name="Portillo",
        language="es",
        position="Presidente",
        organisation="Asociación Salvadoreña Retorno y Arraigo",
        country="SV",
        organisation_type="other",
    ),
]

# Closed: four weeks of questions and answers, consolidated in SUMMARY. The numbered
# comments are the indexes that SUMMARY's {post:N} placeholders refer to.
FINISHED: DemoEDiscussion = DemoEDiscussion(
    slug="territorial-approaches-migration-development",
    titles={
        "en": "Territorial approaches to migration and development",
        "es": "Enfoques territoriales de la migración y el desarrollo",
        "pt": "Abordagens territoriais da migração e do desenvolvimento",
        "fr": "Approches territoriales de la migration et du développement",
    },
    framing={
        "en": (
            "Local and regional authorities are where migration becomes daily life: a family at "
            "the service desk, a returnee looking for work, a school enrolling new pupils in the "
            "middle of the year. This e-discussion asks how **territorial approaches** (cities "
            "working with each other, with their national governments, with diasporas and with "
            "migrant communities) can turn human mobility into a driver of local development.\n\n"
            "The consultation runs for four weeks. Each week the facilitator publishes two "
            "questions; members answer on the site or by email, in English, Spanish, Portuguese "
            "or French. At the end, the contributions are consolidated into a summary with "
            "recommendations for the network.\n\n"
            "- **Week 1:** decentralised cooperation\n"
            "- **Week 2:** coordination with national strategies\n"
            "- **Week 3:** diaspora engagement\n"
            "- **Week 4:** communication with migrant communities"
        ),
        "es": (
            "Los gobiernos locales y regionales son el lugar donde la migración se vuelve vida "
            "cotidiana: una familia en la ventanilla de atención, una persona retornada que busca "
            "trabajo, una escuela que inscribe a nuevos alumnos a mitad de año. Esta discusión en "
            "línea pregunta cómo los **enfoques territoriales** (ciudades que trabajan entre sí, "
            "con sus gobiernos nacionales, con las diásporas y con las comunidades migrantes) "
            "pueden convertir la movilidad humana en un motor del desarrollo local.\n\n"
            "La consulta dura cuatro semanas. Cada semana la facilitadora publica dos preguntas; "
            "las personas miembro responden en el sitio o por correo electrónico, en español, "
            "inglés, portugués o francés. Al final, las contribuciones se consolidan en un "
            "resumen con recomendaciones para la red.\n\n"
            "- **Semana 1:** cooperación descentralizada\n"
            "- **Semana 2:** coordinación con las estrategias nacionales\n"
            "- **Semana 3:** vinculación con la diáspora\n"
            "- **Semana 4:** comunicación con las comunidades migrantes"
        ),
        "pt": (
            "É nos governos locais e regionais que a migração se torna vida cotidiana: uma "
            "família no balcão de atendimento, uma pessoa retornada procurando trabalho, uma "
            "escola que matricula novos alunos no meio do ano. Esta discussão on-line pergunta "
            "como as **abordagens territoriais** (cidades que trabalham entre si, com os governos "
            "nacionais, com as diásporas e com as comunidades migrantes) podem transformar a "
            "mobilidade humana em um motor do desenvolvimento local.\n\n"
            "A consulta dura quatro semanas. A cada semana a facilitadora publica duas perguntas; "
            "os membros respondem no site ou por e-mail, em português, espanhol, inglês ou "
            "francês. Ao final, as contribuições são consolidadas em um resumo com recomendações "
            "para a rede.\n\n"
            "- **Semana 1:** cooperação descentralizada\n"
            "- **Semana 2:** coordenação com as estratégias nacionais\n"
            "- **Semana 3:** engajamento da diáspora\n"
            "- **Semana 4:** comunicação com as comunidades migrantes"
        ),
        "fr": (
            "C'est dans les collectivités locales et régionales que la migration devient "
            "quotidienne : une famille au guichet d'accueil, une personne de retour qui cherche "
            "du travail, une école qui inscrit de nouveaux élèves en cours d'année. Cette "
            "e-discussion se demande comment les **approches territoriales** (des villes qui "
            "travaillent entre elles, avec leur gouvernement national, avec les diasporas et avec "
            "les communautés migrantes) peuvent faire de la mobilité humaine un moteur du "
            "développement local.\n\n"
            "La consultation dure quatre semaines. Chaque semaine, la facilitatrice publie deux "
            "questions ; les membres répondent sur le site ou par courriel, en français, anglais, "
            "espagnol ou portugais. À la fin, les contributions sont réunies dans une synthèse "
            "assortie de recommandations pour le réseau.\n\n"
            "- **Semaine 1 :** coopération décentralisée\n"
            "- **Semaine 2 :** coordination avec les stratégies nationales\n"
            "- **Semaine 3 :** mobilisation de la diaspora\n"
            "- **Semaine 4 :** communication avec les communautés migrantes"
        ),
    },
    weeks=[
        DemoWeek(
            titles={
                "en": "Decentralised cooperation",
                "es": "Cooperación descentralizada",
                "pt": "Cooperação descentralizada",
                "fr": "Coopération décentralisée",
            },
            questions=[
                {
                    "en": (
                        "Which city-to-city, cross-border or twinning experiences on migration "
                        "has your local authority or organisation been part of? What was actually "
                        "exchanged (staff, protocols, funding, data), and what made the "
                        "cooperation last or fade?"
                    ),
                    "es": (
                        "¿En qué experiencias de cooperación entre ciudades, transfronteriza o de "
                        "hermanamiento sobre migración ha participado su gobierno local u "
                        "organización? ¿Qué se intercambió realmente (personal, protocolos, "
                        "financiamiento, datos) y qué hizo que la cooperación se mantuviera o se "
                        "apagara?"
                    ),
                    "pt": (
                        "De quais experiências de cooperação entre cidades, transfronteiriça ou "
                        "de geminação sobre migração o seu governo local ou organização "
                        "participou? O que foi efetivamente trocado (pessoal, protocolos, "
                        "financiamento, dados) e o que fez a cooperação durar ou se apagar?"
                    ),
                    "fr": (
                        "À quelles expériences de coopération de ville à ville, transfrontalière "
                        "ou de jumelage sur la migration votre autorité locale ou organisation "
                        "a-t-elle participé ? Qu'est-ce qui a réellement été échangé (personnel, "
                        "protocoles, financements, données) et qu'est-ce qui a fait durer ou "
                        "s'essouffler la coopération ?"
                    ),
                },
                {
                    "en": (
                        "What do local authorities need from their partners (national agencies, "
                        "international organisations, other cities, donors) for decentralised "
                        "cooperation on migration to be useful? What should partners stop doing?"
                    ),
                    "es": (
                        "¿Qué necesitan los gobiernos locales de sus socios (instituciones "
                        "nacionales, organismos internacionales, otras ciudades, donantes) para "
                        "que la cooperación descentralizada en materia de migración sea útil? "
                        "¿Qué deberían dejar de hacer los socios?"
                    ),
                    "pt": (
                        "Do que os governos locais precisam de seus parceiros (órgãos nacionais, "
                        "organismos internacionais, outras cidades, doadores) para que a "
                        "cooperação descentralizada em migração seja útil? O que os parceiros "
                        "deveriam deixar de fazer?"
                    ),
                    "fr": (
                        "De quoi les autorités locales ont-elles besoin de la part de leurs "
                        "partenaires (institutions nationales, organisations internationales, "
                        "autres villes, bailleurs) pour que la coopération décentralisée sur la "
                        "migration soit utile ? Que devraient cesser de faire les partenaires ?"
                    ),
                },
            ],
        ),
        DemoWeek(
            titles={
                "en": "Coordination with national strategies",
                "es": "Coordinación con las estrategias nacionales",
                "pt": "Coordenação com as estratégias nacionais",
                "fr": "Coordination avec les stratégies nationales",
            },
            questions=[
                {
                    "en": (
                        "How does your local action fit into your country's national migration "
                        "policy or strategy? Share an example where the local and national levels "
                        "worked well together."
                    ),
                    "es": (
                        "¿Cómo se articula su acción local con la política o estrategia "
                        "migratoria nacional de su país? Comparta un ejemplo en el que el nivel "
                        "local y el nacional hayan trabajado bien juntos."
                    ),
                    "pt": (
                        "Como a sua ação local se articula com a política ou estratégia "
                        "migratória nacional do seu país? Compartilhe um exemplo em que os níveis "
                        "local e nacional trabalharam bem juntos."
                    ),
                    "fr": (
                        "Comment votre action locale s'inscrit-elle dans la politique ou la "
                        "stratégie migratoire nationale de votre pays ? Partagez un exemple où "
                        "les niveaux local et national ont bien travaillé ensemble."
                    ),
                },
                {
                    "en": (
                        "Where are the gaps and overlaps between local and national action "
                        "(registration, data, services, funding)? Which mechanism would help "
                        "close them?"
                    ),
                    "es": (
                        "¿Dónde están los vacíos y las superposiciones entre la acción local y la "
                        "nacional (registro, datos, servicios, financiamiento)? ¿Qué mecanismo "
                        "ayudaría a cerrarlos?"
                    ),
                    "pt": (
                        "Onde estão as lacunas e as sobreposições entre a ação local e a nacional "
                        "(registro, dados, serviços, financiamento)? Que mecanismo ajudaria a "
                        "superá-las?"
                    ),
                    "fr": (
                        "Où se situent les lacunes et les chevauchements entre l'action locale et "
                        "l'action nationale (enregistrement, données, services, financement) ? "
                        "Quel mécanisme aiderait à y remédier ?"
                    ),
                },
            ],
        ),
        DemoWeek(
            titles={
                "en": "Diaspora engagement",
                "es": "Vinculación con la diáspora",
                "pt": "Engajamento da diáspora",
                "fr": "Mobilisation de la diaspora",
            },
            questions=[
                {
                    "en": (
                        "How does your municipality or organisation work with diaspora "
                        "associations, hometown associations or migrant community organisations? "
                        "What makes these relationships trustworthy over time?"
                    ),
                    "es": (
                        "¿Cómo trabaja su municipio u organización con asociaciones de la "
                        "diáspora, comités de oriundos u organizaciones de comunidades migrantes? "
                        "¿Qué hace que estas relaciones sean de confianza a lo largo del tiempo?"
                    ),
                    "pt": (
                        "Como o seu município ou organização trabalha com associações da "
                        "diáspora, associações de conterrâneos ou organizações de comunidades "
                        "migrantes? O que torna essas relações confiáveis ao longo do tempo?"
                    ),
                    "fr": (
                        "Comment votre municipalité ou organisation travaille-t-elle avec les "
                        "associations de la diaspora, les associations de ressortissants ou les "
                        "organisations de communautés migrantes ? Qu'est-ce qui rend ces "
                        "relations durablement dignes de confiance ?"
                    ),
                },
                {
                    "en": (
                        "Have you seen diaspora investment, remittances or the skills of "
                        "returnees and migrants contribute to local development? What conditions "
                        "made it possible, and what got in the way?"
                    ),
                    "es": (
                        "¿Ha visto que la inversión de la diáspora, las remesas o las "
                        "competencias de personas retornadas y migrantes contribuyan al "
                        "desarrollo local? ¿Qué condiciones lo hicieron posible y qué lo "
                        "obstaculizó?"
                    ),
                    "pt": (
                        "Você já viu investimentos da diáspora, remessas ou as competências de "
                        "pessoas retornadas e migrantes contribuírem para o desenvolvimento "
                        "local? Que condições tornaram isso possível e o que atrapalhou?"
                    ),
                    "fr": (
                        "Avez-vous vu l'investissement de la diaspora, les transferts de fonds ou "
                        "les compétences des personnes de retour et migrantes contribuer au "
                        "développement local ? Quelles conditions l'ont rendu possible et "
                        "qu'est-ce qui y a fait obstacle ?"
                    ),
                },
            ],
        ),
        DemoWeek(
            titles={
                "en": "Communication with migrant communities",
                "es": "Comunicación con las comunidades migrantes",
                "pt": "Comunicação com as comunidades migrantes",
                "fr": "Communication avec les communautés migrantes",
            },
            questions=[
                {
                    "en": (
                        "Which communication channels actually reach migrants, refugees and "
                        "returnees in your territory (radio, WhatsApp, community leaders, service "
                        "points…)? How do you know they work?"
                    ),
                    "es": (
                        "¿Qué canales de comunicación llegan realmente a las personas migrantes, "
                        "refugiadas y retornadas en su territorio (radio, WhatsApp, liderazgos "
                        "comunitarios, puntos de atención…)? ¿Cómo sabe que funcionan?"
                    ),
                    "pt": (
                        "Quais canais de comunicação realmente alcançam pessoas migrantes, "
                        "refugiadas e retornadas no seu território (rádio, WhatsApp, lideranças "
                        "comunitárias, pontos de atendimento…)? Como você sabe que funcionam?"
                    ),
                    "fr": (
                        "Quels canaux de communication atteignent réellement les personnes "
                        "migrantes, réfugiées et de retour sur votre territoire (radio, WhatsApp, "
                        "leaders communautaires, points de service…) ? Comment savez-vous qu'ils "
                        "fonctionnent ?"
                    ),
                },
                {
                    "en": (
                        "How do you counter misinformation, rumours and xenophobic narratives, "
                        "both in the host community and among newcomers? What has worked, and "
                        "what has backfired?"
                    ),
                    "es": (
                        "¿Cómo contrarrestan la desinformación, los rumores y los discursos "
                        "xenófobos, tanto en la comunidad de acogida como entre las personas "
                        "recién llegadas? ¿Qué ha funcionado y qué ha tenido el efecto contrario?"
                    ),
                    "pt": (
                        "Como vocês combatem a desinformação, os boatos e os discursos xenófobos, "
                        "tanto na comunidade de acolhida quanto entre as pessoas recém-chegadas? "
                        "O que funcionou e o que teve efeito contrário?"
                    ),
                    "fr": (
                        "Comment contrez-vous la désinformation, les rumeurs et les discours "
                        "xénophobes, dans la communauté d'accueil comme parmi les personnes "
                        "nouvellement arrivées ? Qu'est-ce qui a fonctionné, et qu'est-ce qui a "
                        "eu l'effet inverse ?"
                    ),
                },
            ],
        ),
    ],
    contributions=[
        # 0
        DemoContribution(
            question=1,
            author="carlos",
            language="es",
            day=0.6,
            text=(
                "Buenos días a todas y todos, y gracias a Lucía por abrir este espacio.\n\n"
                "En Cúcuta la cooperación que más nos ha servido no ha sido la más visible. "
                "Durante dos años mantuvimos un hermanamiento técnico con un ayuntamiento "
                "intermedio de Andalucía que había vivido la llegada de población extranjera en "
                "los años 2000. No hubo grandes fondos: lo que intercambiamos fueron "
                "**protocolos**. Su ficha única de acogida, que la persona llena una sola vez y "
                "que comparten servicios sociales, salud y educación, la adaptamos y hoy la usan "
                "nuestros cuatro puntos de atención.\n\n"
                "Lo que hizo que durara:\n\n"
                '- un funcionario de cada lado con tiempo asignado, no un "punto focal" sin '
                "horas;\n"
                "- reuniones virtuales cada mes, cortas, con un acta de una página;\n"
                "- una visita de intercambio por año, con personal técnico y no solo con "
                "autoridades.\n\n"
                "Lo que casi lo hace desaparecer fue el cambio de administración de 2020: "
                "perdimos el contacto durante seis meses. Lo recuperamos porque el convenio "
                "estaba firmado por la alcaldía y no por una persona."
            ),
        ),
        # 1
        DemoContribution(
            question=1,
            author="fabiola",
            language="fr",
            day=1.4,
            text=(
                "Bonjour à toutes et à tous,\n\n"
                "Je partage l'expérience de notre réseau dans le Nord-Est d'Haïti. Depuis 2019, "
                "nous facilitons des rencontres entre deux communes frontalières haïtiennes et "
                "leurs voisines dominicaines. Ce n'est pas un jumelage officiel : c'est une "
                "**table de travail** qui se réunit tous les deux mois, une fois d'un côté de la "
                "frontière, une fois de l'autre.\n\n"
                "Ce qui a été échangé concrètement : les listes de contacts des services d'état "
                "civil, un protocole simple pour orienter les femmes rapatriées enceintes vers le "
                "centre de santé le plus proche, et un calendrier commun des jours de marché, qui "
                "sont aussi les jours où les retours sont les plus nombreux.\n\n"
                "La coopération a tenu parce qu'elle répond à un problème quotidien que les deux "
                "mairies partagent. Elle s'est affaiblie chaque fois que la situation politique "
                "se tendait au niveau national : dans ces moments-là, les élus n'osent plus être "
                "vus ensemble. Notre rôle de société civile est justement de garder le fil "
                "technique quand le fil politique se coupe."
            ),
            on_behalf=(
                "Fabiola Dorval",
                "Coordonnatrice de programmes",
                "Réseau Solidarité Caraïbes",
                "HT",
            ),
        ),
        # 2
        DemoContribution(
            question=1,
            author="mariana",
            language="es",
            day=3.2,
            text=(
                "Saludos desde Tapachula.\n\n"
                "Coincido con Fabiola: la cooperación transfronteriza funciona cuando resuelve "
                "algo del día a día. Nosotros trabajamos con dos municipios vecinos del lado "
                "guatemalteco en algo muy concreto: la atención de niñas, niños y adolescentes no "
                "acompañados que cruzan por el río. Acordamos un directorio compartido y una ruta "
                "de derivación de tres pasos, y hoy los equipos de protección de ambos lados se "
                "conocen por su nombre.\n\n"
                'Lo que no ha funcionado son los hermanamientos "de foto". En 2018 firmamos uno '
                "con una ciudad de Sudamérica: hubo un acto, una placa y ninguna actividad "
                "después. Hoy prefiero acuerdos pequeños, con un objetivo medible y una fecha de "
                "revisión."
            ),
        ),
        # 3
        DemoContribution(
            question=2,
            author="sarah",
            language="en",
            day=0.9,
            text=(
                "Hello everyone. I'm speaking from my own experience supporting municipalities, "
                "not for my organisation as a whole.\n\n"
                'The most useful requests we receive from cities are specific. "We need help" '
                'is hard to act on; "we need a two-day training for the 12 staff at our '
                'reception desk on referring possible trafficking cases" can be organised within '
                "weeks.\n\n"
                "What partners should stop doing, in my view:\n\n"
                "1. **Launching parallel structures.** Every time a partner opens its own help "
                "desk next to the municipal one, people get confused and the municipality looks "
                "absent.\n"
                "2. **Running six-month projects for structural problems.** Housing and "
                "documentation are not solved within one funding cycle.\n"
                "3. **Asking for the same data in five formats.** Harmonising reporting templates "
                "between partners would free days of municipal staff time every quarter.\n\n"
                "And one thing to keep doing: funding a staff position inside the municipal "
                "structure, rather than a consultant who leaves with the knowledge."
            ),
        ),
        # 4
        DemoContribution(
            question=2,
            author="roberto",
            language="es",
            day=2.3,
            text=(
                "Desde Huaquillas quiero sumarme a lo que dice Sarah sobre los plazos.\n\n"
                "Somos un municipio de frontera de unos 60.000 habitantes y en los momentos de "
                "mayor flujo llegamos a recibir a más de 2.000 personas en un solo día en el "
                "puente internacional. Lo que necesitamos de los socios es, en este orden:\n\n"
                "- **financiamiento plurianual**, aunque sea modesto, para no tener que despedir "
                "al equipo psicosocial cada diciembre;\n"
                "- **asistencia técnica para planificar**, no solo para atender emergencias: "
                "cuando incorporamos la movilidad humana en nuestro plan de desarrollo y "
                "ordenamiento territorial (PDOT), el acompañamiento técnico fue lo que nos "
                "permitió pasar del diagnóstico a metas con presupuesto;\n"
                "- **que se respete el liderazgo municipal** en las mesas locales.\n\n"
                "Un pedido más: que los socios nos avisen antes de cerrar un programa. En 2021 un "
                "comedor dejó de funcionar de un día para otro y fue la alcaldía la que tuvo que "
                "dar la cara ante la comunidad."
            ),
        ),
        # 5
        DemoContribution(
            question=2,
            author="etienne",
            language="fr",
            day=4.7,
            text=(
                "Bonjour de Sherbrooke.\n\n"
                "Le contexte québécois est très différent, mais je me reconnais dans ce que "
                "décrit Roberto. Notre organisme accueille environ 900 personnes nouvellement "
                "arrivées par année, dont une majorité de demandeurs d'asile depuis 2022. Ce qui "
                "nous aide vraiment de la part des partenaires :\n\n"
                "- des ententes de financement de trois ans, renouvelables, plutôt que des appels "
                "à projets annuels ;\n"
                "- une reddition de comptes proportionnée : il nous est déjà arrivé de passer "
                "plus de temps à remplir un rapport qu'à offrir le service financé ;\n"
                "- des espaces où la Ville, le réseau de la santé et les organismes "
                "communautaires s'assoient à la même table, avec un ordre du jour partagé.\n\n"
                "J'ajouterais une chose que les partenaires devraient cesser : nous demander d'« "
                "innover » chaque année. Parfois, la meilleure pratique, c'est de continuer ce "
                "qui marche."
            ),
        ),
        # 6
        DemoContribution(
            question=3,
            author="thiago",
            language="pt",
            day=1.1,
            text=(
                "Bom dia a todos.\n\n"
                "Em Manaus, a articulação com a política nacional passa muito pela estratégia "
                "federal de interiorização, que desloca voluntariamente pessoas venezuelanas para "
                "outras cidades do país. Quando funciona bem, o município participa da "
                "identificação das famílias nos abrigos e nos serviços da assistência social, e a "
                "informação acompanha a família até a cidade de destino.\n\n"
                "O exemplo que considero mais positivo foi a inclusão das famílias venezuelanas "
                "no Cadastro Único: com isso elas passaram a acessar os mesmos benefícios que as "
                "famílias brasileiras, sem criar um programa paralelo. Foi preciso treinar os "
                "entrevistadores dos CRAS, traduzir orientações para o espanhol e, no caso dos "
                "indígenas Warao, contar com intérpretes.\n\n"
                "O que ainda falta é previsibilidade: o município fica sabendo tarde das mudanças "
                "de fluxo."
            ),
        ),
        # 7
        DemoContribution(
            question=3,
            author="claire",
            language="fr",
            day=2.8,
            text=(
                "Bonjour à toutes et à tous,\n\n"
                "Je parle ici à titre personnel, à partir de ce que j'observe dans les villes "
                "avec lesquelles je travaille. Les articulations entre le local et le national "
                "qui fonctionnent ont presque toujours trois éléments en commun :\n\n"
                "1. **un mécanisme formel mais léger**, par exemple une table de coordination "
                "départementale qui se réunit tous les mois, avec la municipalité en coprésidence "
                "et non comme simple invitée ;\n"
                "2. **un point focal municipal désigné par arrêté**, dont le nom est connu des "
                "ministères ;\n"
                "3. **des données partagées**, au moins à l'échelle du quartier, même "
                "imparfaites.\n\n"
                "À l'inverse, quand la stratégie nationale est rédigée sans consulter les villes, "
                "elle fixe des objectifs que personne ne finance au niveau local. J'ai vu des "
                "plans nationaux qui confiaient aux municipalités « l'intégration "
                "socio-économique » sans une seule ligne budgétaire.\n\n"
                "Une question aux collègues : qui, dans votre mairie, lit la stratégie nationale ?"
            ),
        ),
        # 8
        DemoContribution(
            question=3,
            author="rosa",
            language="es",
            day=4.1,
            text=(
                "Buenas tardes. Escribo desde Quetzaltenango, donde acompañamos a personas "
                "retornadas y a sus familias.\n\n"
                "Respondiendo a la pregunta de Claire: en muchos municipios nadie lee la "
                "estrategia nacional, porque no hay quien tenga el tiempo. Lo que sí vemos es el "
                "hueco entre el centro de recepción nacional, donde la persona deportada recibe "
                "una primera atención el día de su llegada, y su municipio de origen, donde nadie "
                "la espera.\n\n"
                "Con dos municipalidades del altiplano probamos algo sencillo: con el "
                "consentimiento de la persona, el centro de recepción nos avisa de su llegada y "
                "la oficina municipal la contacta durante la primera semana. En 14 meses "
                "acompañamos así a 312 personas; el 41 % llegó a un empleo o a un curso técnico. "
                "No es una política nacional, pero encaja en ella."
            ),
        ),
        # 9
        DemoContribution(
            question=4,
            author="carlos",
            language="es",
            day=0.8,
            text=(
                "Retomo lo que planteó Thiago sobre la previsibilidad, porque en Cúcuta el vacío "
                "principal está en los **datos**.\n\n"
                "El registro nacional nos dice cuántas personas venezuelanas con permiso de "
                "permanencia hay en el municipio, pero no dónde viven ni qué necesitan. Nuestro "
                "propio registro de los puntos de atención sí tiene barrio, composición del hogar "
                "y necesidades, pero no se cruza con el nacional. Resultado: planificamos con dos "
                "cifras que no coinciden, con diferencias de hasta un 30 %.\n\n"
                "Las superposiciones aparecen sobre todo en la entrega de ayudas: hemos "
                "encontrado familias atendidas por tres programas distintos y otras, a dos "
                "cuadras, por ninguno.\n\n"
                "Un mecanismo que ayudaría: un acuerdo de intercambio de datos anonimizados a "
                "nivel de barrio, con actualización trimestral. No necesitamos nombres; "
                "necesitamos saber dónde abrir el próximo punto de atención."
            ),
        ),
        # 10
        DemoContribution(
            question=4,
            author="kevin",
            language="en",
            day=2.0,
            text=(
                "A short addition to Carlos's point. I've seen the overlap problem from the "
                "volunteer side: in one neighbourhood three organisations were handing out food "
                "vouchers on the same street, while the school two blocks away had no interpreter "
                "for parents' meetings. A shared map of who does what and where, updated monthly "
                "and kept by the municipality rather than by a donor, would already solve half of "
                "it."
            ),
        ),
        # 11
        DemoContribution(
            question=4,
            author="marie",
            language="fr",
            day=3.6,
            text=(
                "Bonjour,\n\n"
                "Dans le cadre d'une recherche menée en 2022-2023, nous avons cartographié les "
                "services offerts aux personnes migrantes dans 14 municipalités de trois pays de "
                "la région. Quelques constats qui rejoignent ceux de Carlos et de Kevin :\n\n"
                "- **Les chevauchements se concentrent sur l'aide d'urgence** (alimentation, "
                "kits, hébergement temporaire) ; les lacunes, sur l'accompagnement à moyen terme "
                "(emploi, logement, santé mentale).\n"
                "- Dans 9 municipalités sur 14, aucun document ne précisait quelle institution "
                "était responsable de l'orientation après la première semaine.\n"
                "- Là où existait un **guichet unique municipal**, même modeste, le nombre de "
                "personnes « perdues » entre deux services diminuait nettement.\n\n"
                "Ma recommandation : définir qui est responsable de chaque étape du parcours, "
                "plutôt que d'ajouter de nouveaux services."
            ),
        ),
        # 12
        DemoContribution(
            question=5,
            author="wilfredo",
            language="es",
            day=1.3,
            text=(
                "Muy buenos días. Escribo en nombre de nuestra asociación, que reúne a personas "
                "retornadas de Estados Unidos y a sus familias en la zona paracentral de El "
                "Salvador.\n\n"
                "Nuestra relación con la diáspora empezó por los comités de oriundos: grupos de "
                "salvadoreños en Los Ángeles y en Houston que desde hace años envían fondos para "
                "las fiestas patronales o para reparar la iglesia. Lo que hicimos fue "
                "proponerles, junto con la alcaldía, proyectos que se pudieran verificar.\n\n"
                "Lo que ha dado confianza:\n\n"
                "- **rendir cuentas con fotos y facturas**, por WhatsApp, cada mes;\n"
                "- que la alcaldía ponga una parte (aunque sea el 20 %) y la cumpla;\n"
                "- reunirnos por videollamada en el horario que les sirve a ellos, es decir, de "
                "noche para nosotros.\n\n"
                "Así se equipó una sala de fisioterapia en la unidad de salud del cantón. Lo que "
                "rompe la confianza es el uso político: cuando un proyecto aparece en la "
                "propaganda de un candidato, la diáspora se retira."
            ),
            on_behalf=(
                "Wilfredo Portillo",
                "Presidente",
                "Asociación Salvadoreña Retorno y Arraigo",
                "SV",
            ),
        ),
        # 13
        DemoContribution(
            question=5,
            author="fabiola",
            language="fr",
            day=3.9,
            text=(
                "Pour Haïti, la diaspora n'est pas un partenaire parmi d'autres : c'est souvent "
                "le premier filet de sécurité des familles. Les associations de ressortissants de "
                "nos communes, à Montréal, à Miami ou à Santiago, connaissent parfois mieux les "
                "besoins du quartier que bien des institutions.\n\n"
                "Je rejoins Wilfredo sur la transparence, et j'ajouterais deux conditions :\n\n"
                "1. **reconnaître formellement** ces associations, par exemple par une convention "
                "avec la mairie, pour qu'elles ne dépendent pas d'un seul élu ;\n"
                "2. **ne pas les solliciter seulement pour de l'argent.** Elles ont des médecins, "
                "des enseignants, des ingénieurs qui veulent contribuer par leurs compétences.\n\n"
                "Dans une commune du Nord, une association de Montréal a financé des kits "
                "scolaires pendant des années. Quand la mairie l'a invitée à concevoir avec elle "
                "le programme de bourses, sa contribution a doublé."
            ),
        ),
        # 14
        DemoContribution(
            question=5,
            author="desmond",
            language="en",
            day=5.2,
            text=(
                "Good afternoon from Port of Spain.\n\n"
                "Our experience is a bit of a mirror image: in Trinidad and Tobago we work with "
                "migrant community organisations, mainly Venezuelan, that are themselves a "
                "diaspora. Over the last three years we've supported four Venezuelan-led "
                "associations to register formally, open bank accounts and keep basic books. That "
                "took longer than any of the services we run.\n\n"
                "What built trust:\n\n"
                "- paying community volunteers a stipend for interpretation instead of assuming "
                "they'd do it for free;\n"
                "- inviting association leaders to the regional corporation's meetings as "
                "speakers, not as an audience;\n"
                "- being honest about what we couldn't do, especially on immigration status.\n\n"
                "Once these associations were recognised, local councillors started calling them "
                "directly when there was a problem in a community. That, for me, is the sign that "
                "the relationship works."
            ),
        ),
        # 15
        DemoContribution(
            question=6,
            author="roberto",
            language="es",
            day=1.7,
            text=(
                "En la provincia de El Oro muchas familias tienen parientes que emigraron a "
                "España e Italia a inicios de los 2000 y que regresaron después de la crisis de "
                "2008. Esa experiencia nos enseñó algo: las remesas sostienen el consumo, pero "
                "rara vez se convierten en inversión productiva si no hay acompañamiento.\n\n"
                "Lo que sí funcionó en Huaquillas fue un programa pequeño con una cooperativa de "
                "ahorro y crédito: las personas retornadas con un oficio (soldadura, "
                "refrigeración, repostería) recibían asesoría para formalizar su negocio y acceso "
                "a un crédito de hasta 3.000 dólares. De 58 negocios apoyados, 39 seguían "
                "abiertos a los dos años.\n\n"
                "Lo que estorbó: la falta de certificación de las competencias adquiridas afuera. "
                "Un técnico con diez años de experiencia en Madrid aquí no tenía ningún papel que "
                "lo demostrara."
            ),
        ),
        # 16
        DemoContribution(
            question=6,
            author="etienne",
            language="fr",
            day=3.3,
            text=(
                "Pour faire écho à Fabiola : à Sherbrooke, plusieurs membres des diasporas "
                "haïtienne et colombienne installés depuis longtemps sont devenus des **mentors** "
                "pour les nouveaux arrivants. Ce n'est pas de l'investissement financier, mais "
                "c'est un transfert de compétences très concret : un comptable d'origine "
                "haïtienne accompagne chaque printemps une trentaine de familles dans leur "
                "première déclaration de revenus.\n\n"
                "Ce qui l'a rendu possible : une petite coordination (une demi-journée par "
                "semaine d'une intervenante) et une reconnaissance publique, une fois par année, "
                "lors d'une soirée organisée avec la Ville. Ce qui freine : l'épuisement des "
                "bénévoles, qui sont toujours les mêmes."
            ),
        ),
        # 17
        DemoContribution(
            question=6,
            author="rosa",
            language="es",
            day=5.6,
            text=(
                "Una experiencia breve desde Guatemala: muchas personas retornadas hablan inglés "
                "y tienen experiencia en construcción o en restaurantes. Con una escuela técnica "
                "municipal armamos una evaluación práctica de dos días: la persona demuestra lo "
                "que sabe hacer y recibe una constancia. Desde 2022 la han obtenido 87 personas, "
                "y varias empresas turísticas de la zona ya la piden directamente.\n\n"
                "Coincido con Roberto: sin un papel que certifique lo aprendido afuera, la "
                "experiencia migratoria se vuelve invisible."
            ),
        ),
        # 18
        DemoContribution(
            question=7,
            author="mariana",
            language="es",
            day=0.7,
            text=(
                "Buenos días. En Tapachula hemos aprendido, a veces a la mala, qué canales llegan "
                "y cuáles no.\n\n"
                "**Lo que funciona:**\n\n"
                "- **Una línea de WhatsApp** con mensajes de voz cortos (menos de un minuto) en "
                "español, francés y criollo haitiano. Muchas personas no leen con facilidad o no "
                "tienen datos para abrir archivos pesados.\n"
                "- **Radio comunitaria** los sábados por la mañana, con un espacio de preguntas "
                "en vivo.\n"
                "- **Promotoras y promotores** de las propias comunidades, capacitados y con "
                "credencial municipal.\n\n"
                "**Lo que no funciona:** los folletos impresos. Imprimimos 10.000 en 2022 y "
                "encontramos cajas enteras sin repartir meses después.\n\n"
                '¿Cómo sabemos qué funciona? En la ventanilla preguntamos "¿cómo se enteró de '
                'este servicio?" y lo registramos. Hoy el 46 % responde "por WhatsApp" y el 28 '
                '% "por una promotora".'
            ),
        ),
        # 19
        DemoContribution(
            question=7,
            author="ana",
            language="pt",
            day=2.6,
            text=(
                "Olá a todas e todos. Em Boa Vista, o canal que mais funciona com as famílias "
                "indígenas Warao e E'ñepá é a **liderança comunitária**: os caciques e as "
                "lideranças femininas dos abrigos. Nenhum cartaz substitui uma conversa com as "
                "lideranças antes de uma campanha de vacinação ou de uma mudança de regra no "
                "abrigo.\n\n"
                "Com as famílias não indígenas, os grupos de WhatsApp por abrigo e por bairro "
                "funcionam bem, mas precisam de alguém da equipe moderando; senão viram espaço de "
                "boatos. Concordo com a Mariana sobre os áudios curtos."
            ),
        ),
        # 20
        DemoContribution(
            question=7,
            author="desmond",
            language="en",
            day=4.4,
            text=(
                "In Trinidad the two channels that reach Venezuelan families best are church "
                "networks and Spanish-language WhatsApp broadcast lists run by trusted community "
                "members. We tested a Facebook page for a year: lots of likes, very few people "
                "actually showing up at services.\n\n"
                "One simple check that works for us: every information session ends with a "
                'three-question survey, and the question "who told you about today\'s session?" '
                "has been more useful than any social media analytics.\n\n"
                "Reaching the host community matters just as much. Our English radio spots on a "
                "local station, featuring a Trinidadian employer talking about his Venezuelan "
                "staff, generated more positive calls than anything else we've done."
            ),
        ),
        # 21
        DemoContribution(
            question=8,
            author="marie",
            language="fr",
            day=1.5,
            text=(
                "Bonjour à toutes et à tous,\n\n"
                "Quelques enseignements de nos travaux sur les rumeurs dans les villes "
                "frontalières :\n\n"
                "- **Répéter une rumeur pour la démentir la renforce souvent.** Les campagnes du "
                "type « Non, les migrants ne volent pas vos emplois » ont parfois produit l'effet "
                "inverse. Mieux vaut affirmer un fait positif et local : le nombre d'entreprises "
                "créées, les enseignants recrutés, etc.\n"
                "- **Le messager compte plus que le message.** Un commerçant, une directrice "
                "d'école ou un pasteur du quartier sont plus crédibles qu'une institution.\n"
                "- **Répondre vite.** Dans une commune étudiée, une fausse information sur une "
                "épidémie dans un centre d'hébergement a circulé pendant quatre jours avant la "
                "première réponse officielle ; il était trop tard.\n\n"
                "Enfin, la désinformation touche aussi les personnes migrantes elles-mêmes : "
                "fausses annonces de régularisation, faux intermédiaires qui font payer des "
                "démarches gratuites. Les mêmes canaux de confiance servent dans les deux sens."
            ),
        ),
        # 22
        DemoContribution(
            question=8,
            author="carlos",
            language="es",
            day=3.0,
            text=(
                "Como dice Marie, el mensajero importa. En Cúcuta la campaña que mejor resultado "
                "dio no fue la más costosa. En lugar de carteles contra la xenofobia, organizamos "
                "ferias de barrio donde vendedores colombianos y venezolanos compartían puesto, y "
                "un torneo de microfútbol con equipos mixtos. Asistieron más de 3.000 personas a "
                "cinco ferias.\n\n"
                "Lo que salió mal: en 2019 publicamos una cifra de atenciones a población "
                "migrante en el hospital sin explicar que buena parte se financiaba con recursos "
                'de cooperación. La noticia se leyó como "los venezolanos se llevan la salud de '
                'los cucuteños". Aprendimos a acompañar cada dato con su contexto y a hablar '
                "primero con los presidentes de las juntas de acción comunal, antes que con la "
                "prensa.\n\n"
                "Gracias a todas y todos por esta discusión: me llevo varias ideas para aplicar."
            ),
        ),
    ],
)

# Open: answers to weeks 1 and 2 so far, one waiting for approval and one email in the
# facilitator's tray that answers two questions at once.
RUNNING: DemoEDiscussion = DemoEDiscussion(
    slug="labour-inclusion-intermediate-cities",
    titles={
        "en": "Labour inclusion of migrants and refugees in intermediate cities",
        "es": "Inclusión laboral de personas migrantes y refugiadas en ciudades intermedias",
        "pt": "Inclusão laboral de pessoas migrantes e refugiadas em cidades intermediárias",
        "fr": (
            "Insertion professionnelle des personnes migrantes et réfugiées dans les villes "
            "intermédiaires"
        ),
    },
    framing={
        "en": (
            "In intermediate cities, work is the first thing most migrants, refugees and "
            "returnees look for, and the main way they become part of the local community. Yet "
            "diplomas go unrecognised, employers hesitate, credit is out of reach, and childcare "
            "or language keep many people, especially women, out of the labour market.\n\n"
            "This e-discussion collects practical experience from local authorities, civil "
            "society and partners on what helps people find decent work. Over four weeks the "
            "facilitator publishes two questions each week. You can answer on the site or by "
            "email, in English, Spanish, Portuguese or French; contributions are moderated before "
            "they appear. A consolidated summary will be shared at the end.\n\n"
            "- **Week 1:** recognition of qualifications and documents\n"
            "- **Week 2:** employer engagement\n"
            "- **Week 3:** entrepreneurship and microcredit\n"
            "- **Week 4:** childcare, language and other barriers"
        ),
        "es": (
            "En las ciudades intermedias, el trabajo es lo primero que buscan la mayoría de las "
            "personas migrantes, refugiadas y retornadas, y la principal vía para formar parte de "
            "la comunidad local. Sin embargo, los títulos no se reconocen, los empleadores dudan, "
            "el crédito queda fuera de alcance y el cuidado de los hijos o el idioma mantienen a "
            "muchas personas, sobre todo mujeres, fuera del mercado laboral.\n\n"
            "Esta discusión en línea reúne la experiencia práctica de gobiernos locales, sociedad "
            "civil y organismos socios sobre lo que ayuda a las personas a encontrar un trabajo "
            "digno. Durante cuatro semanas la facilitadora publica dos preguntas cada semana. "
            "Puede responder en el sitio o por correo electrónico, en español, inglés, portugués "
            "o francés; las contribuciones se moderan antes de publicarse. Al final se compartirá "
            "un resumen consolidado.\n\n"
            "- **Semana 1:** reconocimiento de títulos y documentos\n"
            "- **Semana 2:** vinculación con el sector empleador\n"
            "- **Semana 3:** emprendimiento y microcrédito\n"
            "- **Semana 4:** cuidado infantil, idioma y otras barreras"
        ),
        "pt": (
            "Nas cidades intermediárias, o trabalho é a primeira coisa que a maioria das pessoas "
            "migrantes, refugiadas e retornadas procura, e o principal caminho para fazer parte "
            "da comunidade local. No entanto, os diplomas não são reconhecidos, os empregadores "
            "hesitam, o crédito fica fora de alcance, e o cuidado dos filhos ou o idioma mantêm "
            "muitas pessoas, sobretudo mulheres, fora do mercado de trabalho.\n\n"
            "Esta discussão on-line reúne a experiência prática de governos locais, sociedade "
            "civil e parceiros sobre o que ajuda as pessoas a encontrar trabalho decente. Durante "
            "quatro semanas a facilitadora publica duas perguntas por semana. Você pode responder "
            "no site ou por e-mail, em português, espanhol, inglês ou francês; as contribuições "
            "são moderadas antes de aparecer. Um resumo consolidado será compartilhado no final.\n"
            "\n"
            "- **Semana 1:** reconhecimento de diplomas e documentos\n"
            "- **Semana 2:** engajamento de empregadores\n"
            "- **Semana 3:** empreendedorismo e microcrédito\n"
            "- **Semana 4:** cuidado infantil, idioma e outras barreiras"
        ),
        "fr": (
            "Dans les villes intermédiaires, le travail est la première chose que cherchent la "
            "plupart des personnes migrantes, réfugiées et de retour, et le principal moyen de "
            "trouver sa place dans la communauté locale. Pourtant, les diplômes ne sont pas "
            "reconnus, les employeurs hésitent, le crédit reste hors de portée, et la garde des "
            "enfants ou la langue tiennent de nombreuses personnes, surtout des femmes, à l'écart "
            "du marché du travail.\n\n"
            "Cette e-discussion recueille l'expérience pratique des autorités locales, de la "
            "société civile et des partenaires sur ce qui aide les personnes à trouver un travail "
            "décent. Pendant quatre semaines, la facilitatrice publie deux questions par semaine. "
            "Vous pouvez répondre sur le site ou par courriel, en français, anglais, espagnol ou "
            "portugais ; les contributions sont modérées avant d'être publiées. Une synthèse sera "
            "partagée à la fin.\n\n"
            "- **Semaine 1 :** reconnaissance des qualifications et des documents\n"
            "- **Semaine 2 :** mobilisation des employeurs\n"
            "- **Semaine 3 :** entrepreneuriat et microcrédit\n"
            "- **Semaine 4 :** garde d'enfants, langue et autres obstacles"
        ),
    },
    weeks=[
        DemoWeek(
            titles={
                "en": "Recognition of qualifications and documents",
                "es": "Reconocimiento de títulos y documentos",
                "pt": "Reconhecimento de diplomas e documentos",
                "fr": "Reconnaissance des qualifications et des documents",
            },
            questions=[
                {
                    "en": (
                        "Which documents and qualifications do migrants and refugees in your city "
                        "most often struggle to have recognised (diplomas, professional licences, "
                        "work permits, tax or social security numbers)? What has your local "
                        "authority or organisation done to speed up or simplify these procedures?"
                    ),
                    "es": (
                        "¿Qué documentos y títulos les cuesta más que les reconozcan a las "
                        "personas migrantes y refugiadas en su ciudad (diplomas, licencias "
                        "profesionales, permisos de trabajo, números de identificación tributaria "
                        "o de seguridad social)? ¿Qué ha hecho su gobierno local u organización "
                        "para agilizar o simplificar estos trámites?"
                    ),
                    "pt": (
                        "Quais documentos e diplomas as pessoas migrantes e refugiadas da sua "
                        "cidade têm mais dificuldade em ver reconhecidos (diplomas, registros "
                        "profissionais, autorizações de trabalho, CPF ou número de previdência "
                        "social)? O que o seu governo local ou organização fez para agilizar ou "
                        "simplificar esses procedimentos?"
                    ),
                    "fr": (
                        "Quels documents et quelles qualifications les personnes migrantes et "
                        "réfugiées de votre ville peinent-elles le plus à faire reconnaître "
                        "(diplômes, titres professionnels, permis de travail, numéros fiscaux ou "
                        "de sécurité sociale) ? Qu'a fait votre autorité locale ou organisation "
                        "pour accélérer ou simplifier ces démarches ?"
                    ),
                },
                {
                    "en": (
                        "When formal recognition is not possible, what alternatives have you used "
                        "to make people's skills visible to employers (skills assessments, "
                        "certificates of competence, portfolios, trial periods)?"
                    ),
                    "es": (
                        "Cuando el reconocimiento formal no es posible, ¿qué alternativas han "
                        "usado para que los empleadores vean las competencias de las personas "
                        "(evaluaciones de competencias, constancias, portafolios, periodos de "
                        "prueba)?"
                    ),
                    "pt": (
                        "Quando o reconhecimento formal não é possível, que alternativas vocês "
                        "usaram para tornar as competências das pessoas visíveis para os "
                        "empregadores (avaliações de competências, certificados, portfólios, "
                        "períodos de experiência)?"
                    ),
                    "fr": (
                        "Lorsque la reconnaissance formelle n'est pas possible, quelles solutions "
                        "avez-vous utilisées pour rendre les compétences des personnes visibles "
                        "aux employeurs (évaluations de compétences, attestations, portfolios, "
                        "périodes d'essai) ?"
                    ),
                },
            ],
        ),
        DemoWeek(
            titles={
                "en": "Employer engagement",
                "es": "Vinculación con el sector empleador",
                "pt": "Engajamento de empregadores",
                "fr": "Mobilisation des employeurs",
            },
            questions=[
                {
                    "en": (
                        "How do you reach local employers and convince them to hire migrants and "
                        "refugees? Which arguments, intermediaries or incentives have worked in "
                        "your city?"
                    ),
                    "es": (
                        "¿Cómo llegan a los empleadores locales y los convencen de contratar a "
                        "personas migrantes y refugiadas? ¿Qué argumentos, intermediarios o "
                        "incentivos han funcionado en su ciudad?"
                    ),
                    "pt": (
                        "Como vocês chegam aos empregadores locais e os convencem a contratar "
                        "pessoas migrantes e refugiadas? Que argumentos, intermediários ou "
                        "incentivos funcionaram na sua cidade?"
                    ),
                    "fr": (
                        "Comment joignez-vous les employeurs locaux et les convainquez-vous "
                        "d'embaucher des personnes migrantes et réfugiées ? Quels arguments, "
                        "intermédiaires ou incitations ont fonctionné dans votre ville ?"
                    ),
                },
                {
                    "en": (
                        "How do you prevent and respond to labour exploitation and discrimination "
                        "against migrant workers, including in the informal economy?"
                    ),
                    "es": (
                        "¿Cómo previenen y atienden la explotación laboral y la discriminación "
                        "contra las personas trabajadoras migrantes, también en la economía "
                        "informal?"
                    ),
                    "pt": (
                        "Como vocês previnem e respondem à exploração laboral e à discriminação "
                        "contra trabalhadoras e trabalhadores migrantes, inclusive na economia "
                        "informal?"
                    ),
                    "fr": (
                        "Comment prévenez-vous l'exploitation et la discrimination au travail "
                        "dont sont victimes les travailleuses et travailleurs migrants, y compris "
                        "dans l'économie informelle, et comment y répondez-vous ?"
                    ),
                },
            ],
        ),
        DemoWeek(
            titles={
                "en": "Entrepreneurship and microcredit",
                "es": "Emprendimiento y microcrédito",
                "pt": "Empreendedorismo e microcrédito",
                "fr": "Entrepreneuriat et microcrédit",
            },
            questions=[
                {
                    "en": (
                        "What support for migrant and refugee entrepreneurs exists in your city "
                        "(training, seed capital, microcredit, market spaces)? What results have "
                        "you seen?"
                    ),
                    "es": (
                        "¿Qué apoyos existen en su ciudad para las personas emprendedoras "
                        "migrantes y refugiadas (formación, capital semilla, microcrédito, "
                        "espacios de venta)? ¿Qué resultados han observado?"
                    ),
                    "pt": (
                        "Que apoios existem na sua cidade para empreendedoras e empreendedores "
                        "migrantes e refugiados (capacitação, capital semente, microcrédito, "
                        "espaços de venda)? Que resultados vocês observaram?"
                    ),
                    "fr": (
                        "Quels soutiens existent dans votre ville pour les entrepreneures et "
                        "entrepreneurs migrants et réfugiés (formation, capital d'amorçage, "
                        "microcrédit, espaces de vente) ? Quels résultats avez-vous observés ?"
                    ),
                },
                {
                    "en": (
                        "What stops migrants and refugees from opening a bank account, getting "
                        "credit or formalising a business, and how have local actors tried to "
                        "remove these obstacles?"
                    ),
                    "es": (
                        "¿Qué impide a las personas migrantes y refugiadas abrir una cuenta "
                        "bancaria, obtener un crédito o formalizar un negocio, y cómo han "
                        "intentado los actores locales eliminar esos obstáculos?"
                    ),
                    "pt": (
                        "O que impede pessoas migrantes e refugiadas de abrir uma conta bancária, "
                        "obter crédito ou formalizar um negócio, e como os atores locais tentaram "
                        "remover esses obstáculos?"
                    ),
                    "fr": (
                        "Qu'est-ce qui empêche les personnes migrantes et réfugiées d'ouvrir un "
                        "compte bancaire, d'obtenir un crédit ou de formaliser une entreprise, et "
                        "comment les acteurs locaux ont-ils tenté de lever ces obstacles ?"
                    ),
                },
            ],
        ),
        DemoWeek(
            titles={
                "en": "Childcare, language and other barriers",
                "es": "Cuidado infantil, idioma y otras barreras",
                "pt": "Cuidado infantil, idioma e outras barreiras",
                "fr": "Garde d'enfants, langue et autres obstacles",
            },
            questions=[
                {
                    "en": (
                        "How do childcare, care responsibilities and working hours affect the "
                        "labour inclusion of migrant and refugee women in your city? What "
                        "solutions have you tried?"
                    ),
                    "es": (
                        "¿Cómo afectan el cuidado infantil, las responsabilidades de cuidado y "
                        "los horarios de trabajo a la inclusión laboral de las mujeres migrantes "
                        "y refugiadas en su ciudad? ¿Qué soluciones han probado?"
                    ),
                    "pt": (
                        "Como o cuidado infantil, as responsabilidades de cuidado e os horários "
                        "de trabalho afetam a inclusão laboral das mulheres migrantes e "
                        "refugiadas na sua cidade? Que soluções vocês testaram?"
                    ),
                    "fr": (
                        "Comment la garde des enfants, les responsabilités de soins et les "
                        "horaires de travail pèsent-ils sur l'insertion professionnelle des "
                        "femmes migrantes et réfugiées dans votre ville ? Quelles solutions "
                        "avez-vous essayées ?"
                    ),
                },
                {
                    "en": (
                        "What has worked to overcome language barriers and other practical "
                        "obstacles to employment (transport, housing far from jobs, digital "
                        "access)?"
                    ),
                    "es": (
                        "¿Qué ha funcionado para superar las barreras de idioma y otros "
                        "obstáculos prácticos para el empleo (transporte, vivienda lejos de los "
                        "lugares de trabajo, acceso digital)?"
                    ),
                    "pt": (
                        "O que funcionou para superar as barreiras de idioma e outros obstáculos "
                        "práticos ao emprego (transporte, moradia longe dos locais de trabalho, "
                        "acesso digital)?"
                    ),
                    "fr": (
                        "Qu'est-ce qui a permis de surmonter les barrières linguistiques et "
                        "d'autres obstacles pratiques à l'emploi (transport, logement éloigné des "
                        "lieux de travail, accès numérique) ?"
                    ),
                },
            ],
        ),
    ],
    contributions=[
        DemoContribution(
            question=1,
            author="carlos",
            language="es",
            day=1.0,
            text=(
                "Buenos días. Abro con lo que vemos en Cúcuta.\n\n"
                "Con el Permiso por Protección Temporal muchas personas venezolanas ya pueden "
                "trabajar formalmente, pero el documento no resuelve el segundo problema: **los "
                "títulos**. Para convalidar un título universitario se necesita el diploma "
                "apostillado, y conseguir una apostilla en Venezuela puede tardar meses o "
                "simplemente no ser posible. Tenemos enfermeras, docentes e ingenieros trabajando "
                "en ventas ambulantes.\n\n"
                "Lo que hemos hecho desde la alcaldía:\n\n"
                "- jornadas mensuales de orientación con la oficina de empleo, donde se revisa "
                "cada caso y se explica el trámite real, sin intermediarios que cobran;\n"
                "- un convenio con una universidad local para que docentes venezolanos presenten "
                "pruebas de conocimientos y cursen solo las materias que les faltan;\n"
                "- apoyo para inscribirse en el servicio público de empleo, que es gratuito pero "
                "poco conocido.\n\n"
                "En 2023 pasaron por las jornadas unas 1.100 personas. El cuello de botella sigue "
                "siendo nacional: el costo y la duración de la convalidación."
            ),
        ),
        DemoContribution(
            question=1,
            author="etienne",
            language="fr",
            day=2.2,
            text=(
                "Bonjour à toutes et à tous,\n\n"
                "À Sherbrooke, le permis de travail arrive parfois vite, mais la reconnaissance "
                "des diplômes est un parcours de plusieurs années pour les professions "
                "réglementées. Une infirmière formée en Colombie doit faire évaluer ses études, "
                "s'adresser à son ordre professionnel, souvent suivre une formation d'appoint, "
                "puis réussir un examen. Pendant ce temps, elle travaille comme préposée ou en "
                "usine.\n\n"
                "Ce que nous faisons :\n\n"
                "1. **Un accompagnement individualisé dès l'arrivée**, pour monter un dossier "
                "complet du premier coup (traductions certifiées, relevés de notes, descriptions "
                "de cours).\n"
                "2. **Un petit fonds de dépannage** qui couvre une partie des frais d'évaluation "
                "et de traduction, qui dépassent souvent 1 000 $.\n"
                "3. **Un emploi passerelle** dans le même secteur, par exemple comme préposée "
                "dans un CHSLD, pour que la personne garde le contact avec sa profession.\n\n"
                "Notre constat : plus le dossier est ouvert tôt, moins la personne se décourage."
            ),
            on_behalf=(
                "Étienne Lavoie",
                "Directeur général",
                "Carrefour Nouveaux Horizons Estrie",
                "CA",
            ),
        ),
        DemoContribution(
            question=2,
            author="ana",
            language="pt",
            day=1.5,
            text=(
                "Olá, pessoal. Em Boa Vista muitas pessoas venezuelanas têm experiência, mas "
                "nenhum papel que a comprove: o diploma ficou para trás, a empresa onde "
                "trabalhavam fechou.\n\n"
                "Uma alternativa que funcionou foi o **certificado de participação em oficinas "
                "práticas** que fazemos com o CRAS e parceiros: durante uma semana a pessoa "
                "mostra o que sabe fazer (costura, cozinha, elétrica, cuidado de idosos) e sai "
                "com um documento assinado pela assistência social e por um instrutor. Não é um "
                "diploma, mas os empregadores locais passaram a aceitar.\n\n"
                "Também ajudamos a montar um pequeno portfólio com fotos dos trabalhos feitos, no "
                "celular. Parece simples, mas muda a conversa na entrevista.\n\n"
                "O que falta: que esse tipo de certificado também seja levado em conta quando a "
                "família é interiorizada para outra cidade."
            ),
        ),
        DemoContribution(
            question=2,
            author="desmond",
            language="en",
            day=3.0,
            text=(
                "Hello all,\n\n"
                "In Trinidad and Tobago formal recognition is rarely an option for the people we "
                "work with, so we focus on making skills visible in other ways:\n\n"
                "- **A one-page skills profile** in English, drafted with each person in a "
                "45-minute interview: what they did, for how long, with which tools. Employers "
                "told us they simply didn't understand Venezuelan job titles.\n"
                "- **Paid trial days.** Six small employers (two bakeries, a garage, a cleaning "
                "company and two construction contractors) agreed that a candidate works one or "
                "two paid days before any decision. About two in three trials ended in a job "
                "offer.\n"
                "- **Written references** from community leaders and previous local employers, "
                "rather than a quick phone call.\n\n"
                "The main limit is legal: without the right status, even a good skills profile "
                "doesn't lead to a formal contract."
            ),
            on_behalf=(
                "Desmond Baptiste",
                "Programme Manager",
                "Bridges Migrant Support Trust",
                "TT",
            ),
        ),
        DemoContribution(
            question=1,
            author="fabiola",
            language="fr",
            day=4.5,
            text=(
                "Bonjour,\n\n"
                "Dans notre contexte, la question n'est pas tant la reconnaissance d'un diplôme "
                "étranger que celle des **documents de base**. Beaucoup de personnes rapatriées "
                "ou expulsées de la République dominicaine reviennent sans acte de naissance ni "
                "carte d'identification nationale. Sans ces papiers, impossible d'être embauché "
                "dans une entreprise formelle, d'ouvrir un compte ou de s'inscrire à une "
                "formation.\n\n"
                "Depuis l'an dernier, notre réseau accompagne les personnes auprès des bureaux "
                "d'état civil pour reconstituer leur acte de naissance. Nous avons aussi obtenu "
                "de deux centres de formation professionnelle de la région qu'ils acceptent une "
                "attestation provisoire pendant la démarche. Sur 230 personnes accompagnées, 150 "
                "ont obtenu leurs documents en moins de quatre mois.\n\n"
                "Les compétences acquises de l'autre côté de la frontière (construction, "
                "agriculture, hôtellerie) sont réelles ; encore faut-il que la personne existe "
                "sur le papier."
            ),
            on_behalf=(
                "Fabiola Dorval",
                "Coordonnatrice de programmes",
                "Réseau Solidarité Caraïbes",
                "HT",
            ),
            held=True,
        ),
        DemoContribution(
            question=3,
            author="mariana",
            language="es",
            day=0.5,
            text=(
                "Buenos días desde Tapachula.\n\n"
                "Con los empleadores aprendimos a no empezar por los derechos, sino por sus "
                "necesidades. La región tiene falta de mano de obra en el café, la construcción y "
                "los servicios, y muchas empresas no contrataban a personas refugiadas solo "
                "porque creían que era ilegal.\n\n"
                "Lo que funcionó:\n\n"
                "- **Desayunos con empresarios**, en grupos de 10 a 15, con una empresa que ya "
                "contrata contando su experiencia. Ese testimonio convence más que cualquier "
                "presentación nuestra.\n"
                "- **Una guía de dos páginas** sobre qué documentos son válidos para contratar "
                "(la constancia de la condición de refugiado, la CURP temporal, la tarjeta de "
                "residente) y cómo dar de alta a la persona en la seguridad social.\n"
                "- **Un contacto único en el municipio** que responde a las empresas en menos de "
                "48 horas.\n\n"
                "En la última feria de empleo participaron 42 empresas con 610 vacantes. El reto "
                "ahora es el seguimiento: saber cuántas contrataciones se mantienen a los seis "
                "meses."
            ),
        ),
        DemoContribution(
            question=3,
            author="thiago",
            language="pt",
            day=2.1,
            text=(
                "Em Manaus, um argumento que funciona bem com as empresas é a **redução da "
                "rotatividade**. Uma rede de supermercados local que contratou trabalhadores "
                "venezuelanos em 2021 nos contou que eles permaneceram no emprego mais tempo que "
                "a média. Usamos esse testemunho, com autorização, nos encontros com outras "
                "empresas.\n\n"
                "Também trabalhamos com o SINE municipal para cadastrar as vagas e fazer a "
                "triagem. A empresa não quer receber 200 currículos; quer cinco candidatos "
                "adequados.\n\n"
                "Uma dificuldade específica nossa: muitas vagas com carteira assinada estão em "
                "outras cidades, e a interiorização por vaga de emprego depende de uma "
                "articulação que nem sempre chega a tempo. Às vezes a vaga fecha antes de a "
                "família conseguir viajar."
            ),
        ),
        DemoContribution(
            question=4,
            author="kevin",
            language="en",
            day=1.8,
            text=(
                "From my volunteering with a legal clinic: the most common abuse we hear about is "
                "simply not being paid. Someone works two or three weeks on a building site or in "
                "a restaurant kitchen, and at the end the employer says there's no money, knowing "
                "the person won't go to the authorities.\n\n"
                "Two things helped a bit: a wallet-sized card in Spanish and English listing "
                "basic rights and a hotline number, and encouraging people to keep a simple "
                "record on their phone (dates, hours, a photo of the site, the employer's name). "
                "When a case did reach a labour inspector, that record made the difference.\n\n"
                "What we couldn't solve is fear. As long as people believe a complaint could lead "
                "to deportation, most won't file one."
            ),
        ),
        DemoContribution(
            question=4,
            author="claire",
            language="fr",
            day=3.4,
            text=(
                "Je rejoins entièrement Kevin sur la peur. Dans plusieurs villes, j'ai constaté "
                "que le mécanisme le plus utile est une forme de **« pare-feu »** : un engagement "
                "clair, écrit et public, selon lequel l'inspection du travail ou le service "
                "municipal qui reçoit une plainte ne transmet aucune information sur le statut "
                "migratoire de la personne. Sans cette garantie, les campagnes d'information sur "
                "les droits restent lettre morte.\n\n"
                "Autres pistes observées :\n\n"
                "- des **permanences juridiques mobiles** sur les marchés et les chantiers, en "
                "fin de journée ;\n"
                "- des **conventions entre la mairie et les syndicats locaux** pour que les "
                "travailleurs migrants, y compris informels, puissent être accompagnés ;\n"
                "- une **clause de travail décent** dans les marchés publics municipaux : la "
                "ville est elle-même un grand employeur indirect.\n\n"
                "Les collègues ont-ils des exemples de plaintes collectives qui ont abouti ?"
            ),
        ),
        DemoContribution(
            question=0,
            author="roberto",
            language="es",
            day=2.7,
            text=(
                "Estimada Lucía, estimados colegas:\n\n"
                "Les escribo por correo porque esta semana estoy en terreno y no alcanzo a entrar "
                "a la plataforma. Respondo a dos de las preguntas.\n\n"
                "Pregunta 1:\n\n"
                "En Huaquillas el problema más frecuente no es el título sino el documento de "
                "identidad. Muchas personas venezolanas llegaron con el pasaporte vencido o solo "
                "con la cédula, y sin visa no pueden firmar un contrato formal. Para quienes "
                "tienen título, la apostilla es casi imposible de obtener desde aquí. Lo que "
                "hicimos fue abrir, dos días por semana, una ventanilla de orientación en la "
                "Unidad de Movilidad Humana del municipio, con un abogado de una organización "
                "aliada, para revisar caso por caso qué trámite es posible. En 2023 atendimos 640 "
                "consultas.\n\n"
                "Pregunta 3:\n\n"
                "Con los empleadores nos ha servido hablar su idioma: costos, rotación de "
                "personal, temporada alta. El comercio del centro y las camaroneras necesitan "
                "mano de obra. Organizamos con la cámara de comercio local un desayuno de trabajo "
                "y repartimos una guía de una página sobre cómo contratar legalmente a una "
                "persona extranjera. Dieciocho empresas se inscribieron después en la bolsa de "
                "empleo municipal.\n\n"
                "Un saludo cordial,\n\n"
                "Roberto Aguilar\n"
                "Municipio de Huaquillas"
            ),
        ),
    ],
)

# The facilitator's consolidated summary of FINISHED (English, and its Spanish translation).
SUMMARY: dict[str, str] = {
    "en": (
        "Over four weeks, 14 network members (municipal officials, civil-society organisations, "
        "partner agencies, a researcher and a volunteer) from at least nine countries posted 23 "
        "contributions in four languages. Here are the main ideas, in their own words where "
        "possible.\n\n"
        "## Week 1: Decentralised cooperation\n\n"
        "The cooperation that lasts is rarely the most visible. What travels between cities is "
        "mostly protocols, contact lists and referral routes, not large budgets: Cúcuta adapted a "
        "single intake form from a twinned Spanish municipality; Tapachula shares a referral "
        "route for unaccompanied children with two Guatemalan neighbours; border communes in "
        "north-eastern Haiti meet their Dominican neighbours every two months. Agreements survive "
        "changes of administration when the institution signs them and named staff have time "
        "allocated. Twinnings reduced to a ceremony and a plaque were criticised.\n\n"
        "> “Notre rôle de société civile est justement de garder le fil technique quand le fil "
        "politique se coupe.”\n"
        ">\n"
        "> — [Fabiola Dorval, Réseau Solidarité Caraïbes]({post:1})\n\n"
        "What local authorities need from partners was stated consistently: multi-year funding, "
        "even if modest; technical assistance for planning, not only for emergencies (as when "
        "Huaquillas brought human mobility into its development plan); respect for municipal "
        "leadership; proportionate, harmonised reporting; and advance notice before a programme "
        "closes. Partners were asked to stop opening parallel structures and demanding innovation "
        "for its own sake.\n\n"
        "> “Every time a partner opens its own help desk next to the municipal one, people get "
        "confused and the municipality looks absent.”\n"
        ">\n"
        "> — [Sarah Mitchell, IOM]({post:3})\n\n"
        "## Week 2: Coordination with national strategies\n\n"
        "Good articulation is possible. In Manaus, registering Venezuelan families in Brazil's "
        "unified social registry opened existing benefits to them without a parallel programme. "
        "In the Guatemalan highlands, the national reception centre alerts the municipal office, "
        "with consent, when a returnee arrives (312 people accompanied in 14 months). Mechanisms "
        "that work share three features: a light but formal coordination table co-chaired by the "
        "municipality, a municipal focal point designated by decree, and shared data, even if "
        "imperfect.\n\n"
        "> “J'ai vu des plans nationaux qui confiaient aux municipalités « l'intégration "
        "socio-économique » sans une seule ligne budgétaire.”\n"
        ">\n"
        "> — [Claire Dubois, UNHCR]({post:7})\n\n"
        "Gaps concentrate on data and medium-term support; overlaps, on emergency aid. National "
        "registries say how many people live in a municipality but not where or what they need; "
        "richer municipal records are not connected to them. A mapping of 14 municipalities found "
        "that in 9 no document said who was responsible for referral after the first week, while "
        "municipal one-stop shops reduced the number of people lost between services.\n\n"
        "> “No necesitamos nombres; necesitamos saber dónde abrir el próximo punto de atención.”\n"
        ">\n"
        "> — [Carlos Ramírez, Cúcuta]({post:9})\n\n"
        "## Week 3: Diaspora engagement\n\n"
        "Hometown and diaspora associations are often the first safety net of families, and "
        "partners with skills, not only money. Trust rests on monthly accountability with photos "
        "and invoices, a visible municipal co-contribution, formal recognition through "
        "agreements, and meetings at hours that suit people abroad. In Trinidad and Tobago, once "
        "four Venezuelan-led associations registered formally, local councillors began calling on "
        "them directly.\n\n"
        "> “Lo que rompe la confianza es el uso político: cuando un proyecto aparece en la "
        "propaganda de un candidato, la diáspora se retira.”\n"
        ">\n"
        "> — [Wilfredo Portillo, Asociación Salvadoreña Retorno y Arraigo]({post:12})\n\n"
        "Remittances sustain consumption but rarely become investment without support. A "
        "credit-and-advice programme with a cooperative in Huaquillas kept 39 of 58 businesses "
        "open after two years; a two-day practical assessment with a municipal technical school "
        "in Guatemala has certified 87 returnees since 2022; in Sherbrooke, established diaspora "
        "members mentor newcomers. The main obstacles: uncertified skills acquired abroad, and "
        "volunteer fatigue.\n\n"
        "> “Un técnico con diez años de experiencia en Madrid aquí no tenía ningún papel que lo "
        "demostrara.”\n"
        ">\n"
        "> — [Roberto Aguilar, Huaquillas]({post:15})\n\n"
        "## Week 4: Communication with migrant communities\n\n"
        "The channels that reach people are carried by trusted messengers: short WhatsApp voice "
        "messages in several languages, community radio with live questions, community promoters "
        "with municipal credentials, indigenous and women leaders in the Boa Vista shelters, "
        "church networks in Trinidad. Printed leaflets and social media pages performed poorly. "
        "To measure reach, ask at the service desk how people heard about the service.\n\n"
        "> “Imprimimos 10.000 en 2022 y encontramos cajas enteras sin repartir meses después.”\n"
        ">\n"
        "> — [Mariana Torres, Tapachula]({post:18})\n\n"
        "Repeating a rumour to deny it can reinforce it. Positive local facts, credible local "
        "messengers, a fast response and joint activities such as mixed neighbourhood fairs work "
        "better; figures published without context can backfire. Misinformation also targets "
        "migrants themselves, through false regularisation announcements or intermediaries "
        "charging for free procedures.\n\n"
        "> “Un commerçant, une directrice d'école ou un pasteur du quartier sont plus crédibles "
        "qu'une institution.”\n"
        ">\n"
        "> — [Marie Joseph]({post:21})\n\n"
        "## Recommendations\n\n"
        "- Sign cooperation agreements at institutional level, with named staff, a measurable "
        "objective and a review date.\n"
        "- Ask partners for multi-year funding, staff embedded in municipal structures, "
        "harmonised reporting and advance notice before a programme closes; avoid parallel help "
        "desks.\n"
        "- Set up local-national coordination tables with municipalities as co-chairs, and share "
        "anonymised neighbourhood-level data every quarter.\n"
        "- Define who is responsible for each step of a person's pathway, especially after the "
        "first week, ideally through a municipal one-stop shop.\n"
        "- Recognise diaspora and migrant associations formally, and create simple procedures to "
        "certify skills acquired abroad.\n"
        "- Invest in trusted messengers, measure reach by asking people how they heard, and "
        "always give figures with their context.\n\n"
        "Thank you all for such generous, concrete and candid contributions."
    ),
    "es": (
        "Durante cuatro semanas, 14 integrantes de la red (funcionarias y funcionarios "
        "municipales, organizaciones de la sociedad civil, organismos socios, una investigadora y "
        "un voluntario) de al menos nueve países publicaron 23 contribuciones en cuatro idiomas. "
        "Estas son las ideas principales, en sus propias palabras cuando ha sido posible.\n\n"
        "## Semana 1: Cooperación descentralizada\n\n"
        "La cooperación que perdura rara vez es la más visible. Lo que circula entre ciudades son "
        "sobre todo protocolos, listas de contactos y rutas de derivación, no grandes "
        "presupuestos: Cúcuta adaptó una ficha única de acogida de un municipio español "
        "hermanado; Tapachula comparte con dos municipios vecinos de Guatemala una ruta de "
        "derivación para niñas, niños y adolescentes no acompañados; comunas fronterizas del "
        "noreste de Haití se reúnen cada dos meses con sus vecinas dominicanas. Los acuerdos "
        "sobreviven a los cambios de administración cuando los firma la institución y hay "
        "personal identificado con tiempo asignado. Se criticaron los hermanamientos reducidos a "
        "una ceremonia y una placa.\n\n"
        "> “Notre rôle de société civile est justement de garder le fil technique quand le fil "
        "politique se coupe.”\n"
        ">\n"
        "> — [Fabiola Dorval, Réseau Solidarité Caraïbes]({post:1})\n\n"
        "Lo que los gobiernos locales necesitan de sus socios se expresó de forma coherente: "
        "financiamiento plurianual, aunque sea modesto; asistencia técnica para planificar y no "
        "solo para las emergencias (como cuando Huaquillas incorporó la movilidad humana en su "
        "plan de desarrollo); respeto del liderazgo municipal; informes proporcionados y "
        "armonizados; y aviso previo antes de cerrar un programa. Se pidió a los socios que dejen "
        "de abrir estructuras paralelas y de exigir innovación por la innovación misma.\n\n"
        "> “Every time a partner opens its own help desk next to the municipal one, people get "
        "confused and the municipality looks absent.”\n"
        ">\n"
        "> — [Sarah Mitchell, OIM]({post:3})\n\n"
        "## Semana 2: Coordinación con las estrategias nacionales\n\n"
        "Una buena articulación es posible. En Manaus, la inscripción de las familias venezolanas "
        "en el registro social unificado de Brasil les abrió los beneficios existentes sin un "
        "programa paralelo. En el altiplano guatemalteco, el centro de recepción nacional avisa a "
        "la oficina municipal, con consentimiento, cuando llega una persona retornada (312 "
        "personas acompañadas en 14 meses). Los mecanismos que funcionan comparten tres rasgos: "
        "una mesa de coordinación formal pero ligera copresidida por el municipio, un punto focal "
        "municipal designado por decreto y datos compartidos, aunque sean imperfectos.\n\n"
        "> “J'ai vu des plans nationaux qui confiaient aux municipalités « l'intégration "
        "socio-économique » sans une seule ligne budgétaire.”\n"
        ">\n"
        "> — [Claire Dubois, ACNUR]({post:7})\n\n"
        "Los vacíos se concentran en los datos y en el acompañamiento a mediano plazo; las "
        "superposiciones, en la ayuda de emergencia. Los registros nacionales dicen cuántas "
        "personas viven en un municipio, pero no dónde ni qué necesitan; los registros "
        "municipales, más ricos, no están conectados con ellos. Un mapeo de 14 municipios "
        "encontró que en 9 ningún documento indicaba quién era responsable de la derivación "
        "después de la primera semana, mientras que las ventanillas únicas municipales redujeron "
        "el número de personas que se pierden entre servicios.\n\n"
        "> “No necesitamos nombres; necesitamos saber dónde abrir el próximo punto de atención.”\n"
        ">\n"
        "> — [Carlos Ramírez, Cúcuta]({post:9})\n\n"
        "## Semana 3: Vinculación con la diáspora\n\n"
        "Las asociaciones de oriundos y de la diáspora son a menudo la primera red de protección "
        "de las familias, y socias con competencias, no solo con dinero. La confianza se basa en "
        "una rendición de cuentas mensual con fotos y facturas, un aporte municipal visible, el "
        "reconocimiento formal mediante convenios y reuniones en horarios que convengan a quienes "
        "viven en el exterior. En Trinidad y Tobago, una vez que cuatro asociaciones lideradas "
        "por personas venezolanas se registraron formalmente, los concejales locales empezaron a "
        "recurrir a ellas directamente.\n\n"
        "> “Lo que rompe la confianza es el uso político: cuando un proyecto aparece en la "
        "propaganda de un candidato, la diáspora se retira.”\n"
        ">\n"
        "> — [Wilfredo Portillo, Asociación Salvadoreña Retorno y Arraigo]({post:12})\n\n"
        "Las remesas sostienen el consumo, pero rara vez se convierten en inversión sin "
        "acompañamiento. Un programa de crédito y asesoría con una cooperativa en Huaquillas "
        "mantuvo abiertos 39 de 58 negocios a los dos años; una evaluación práctica de dos días "
        "con una escuela técnica municipal en Guatemala ha certificado a 87 personas retornadas "
        "desde 2022; en Sherbrooke, integrantes de la diáspora ya establecidos son mentores de "
        "quienes llegan. Los principales obstáculos: competencias adquiridas en el exterior sin "
        "certificar y el cansancio del voluntariado.\n\n"
        "> “Un técnico con diez años de experiencia en Madrid aquí no tenía ningún papel que lo "
        "demostrara.”\n"
        ">\n"
        "> — [Roberto Aguilar, Huaquillas]({post:15})\n\n"
        "## Semana 4: Comunicación con las comunidades migrantes\n\n"
        "Los canales que llegan a las personas son los que llevan mensajeros de confianza: "
        "mensajes de voz cortos por WhatsApp en varios idiomas, radio comunitaria con preguntas "
        "en vivo, promotoras y promotores comunitarios con credencial municipal, liderazgos "
        "indígenas y de mujeres en los albergues de Boa Vista, redes de iglesias en Trinidad. Los "
        "folletos impresos y las páginas en redes sociales dieron malos resultados. Para medir el "
        "alcance, basta con preguntar en la ventanilla cómo se enteró la persona del servicio.\n\n"
        "> “Imprimimos 10.000 en 2022 y encontramos cajas enteras sin repartir meses después.”\n"
        ">\n"
        "> — [Mariana Torres, Tapachula]({post:18})\n\n"
        "Repetir un rumor para desmentirlo puede reforzarlo. Funcionan mejor los hechos positivos "
        "y locales, los mensajeros locales creíbles, una respuesta rápida y las actividades "
        "conjuntas, como las ferias de barrio mixtas; las cifras publicadas sin contexto pueden "
        "ser contraproducentes. La desinformación también afecta a las propias personas "
        "migrantes, con falsos anuncios de regularización o intermediarios que cobran por "
        "trámites gratuitos.\n\n"
        "> “Un commerçant, une directrice d'école ou un pasteur du quartier sont plus crédibles "
        "qu'une institution.”\n"
        ">\n"
        "> — [Marie Joseph]({post:21})\n\n"
        "## Recomendaciones\n\n"
        "- Firmar los acuerdos de cooperación a nivel institucional, con personal identificado, "
        "un objetivo medible y una fecha de revisión.\n"
        "- Pedir a los socios financiamiento plurianual, personal integrado en las estructuras "
        "municipales, informes armonizados y aviso previo antes de cerrar un programa; evitar las "
        "ventanillas paralelas.\n"
        "- Crear mesas de coordinación entre el nivel local y el nacional con los municipios en "
        "la copresidencia, y compartir cada trimestre datos anonimizados a nivel de barrio.\n"
        "- Definir quién es responsable de cada etapa del recorrido de la persona, sobre todo "
        "después de la primera semana, idealmente mediante una ventanilla única municipal.\n"
        "- Reconocer formalmente a las asociaciones de la diáspora y de personas migrantes, y "
        "crear procedimientos sencillos para certificar las competencias adquiridas en el "
        "exterior.\n"
        "- Invertir en mensajeros de confianza, medir el alcance preguntando a las personas cómo "
        "se enteraron y presentar siempre las cifras con su contexto.\n\n"
        "Gracias a todas y todos por contribuciones tan generosas, concretas y francas."
    ),
}

# Who endorsed the summary: (person key, endorsed, comment or "").
ENDORSEMENTS: list[tuple[str, bool, str]] = [
    (
        "carlos",
        True,
        "",
    ),
    (
        "mariana",
        True,
        "",
    ),
    (
        "claire",
        True,
        "Synthèse fidèle et très utile. Je la partagerai avec les villes que j'accompagne.",
    ),
    (
        "roberto",
        True,
        (
            "Estoy de acuerdo. Sugiero añadir en las recomendaciones la inclusión de la movilidad "
            "humana en los planes de desarrollo y ordenamiento territorial, como hicimos en "
            "Huaquillas."
        ),
    ),
    (
        "desmond",
        True,
        "",
    ),
    (
        "kevin",
        False,
        "",
    ),
]
