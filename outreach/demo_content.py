"""The demo site's texts in English, Spanish, Portuguese and French (see demo.py).

Each entry maps a language code to the translated fields of one page. Bodies are lists of
(block type, value) pairs for the page's StreamField.
"""

from datetime import timedelta

from network.demo import MEMBER_AUTHORITY_COUNT as AUTHORITIES
from network.demo import MEMBER_COUNTRY_COUNT as COUNTRIES


def _p(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


CATEGORIES = {
    "local-policies": {
        "en": "Local policies",
        "es": "Políticas locales",
        "pt": "Políticas locais",
        "fr": "Politiques locales",
    },
    "network-life": {
        "en": "Network life",
        "es": "Vida de la red",
        "pt": "Vida da rede",
        "fr": "Vie du réseau",
    },
    "training": {
        "en": "Training",
        "es": "Formación",
        "pt": "Formação",
        "fr": "Formation",
    },
}

HOME_INTRO = {
    "en": "<p>Cities and municipalities are where people on the move look for a home, a school "
    "and a job. Convive helps local governments share what works, train their teams and speak "
    "up together.</p>",
    "es": "<p>Las ciudades y los municipios son donde las personas en movilidad buscan un hogar, "
    "una escuela y un empleo. Convive ayuda a los gobiernos locales a compartir lo que funciona, "
    "formar a sus equipos y hacerse oír juntos.</p>",
    "pt": "<p>As cidades e os municípios são onde as pessoas em mobilidade procuram um lar, uma "
    "escola e um emprego. Convive ajuda os governos locais a partilhar o que funciona, formar as "
    "suas equipes e fazer-se ouvir juntos.</p>",
    "fr": "<p>C'est dans les villes et les municipalités que les personnes en mobilité cherchent "
    "un logement, une école et un emploi. Convive aide les gouvernements locaux à partager ce qui "
    "fonctionne, à former leurs équipes et à se faire entendre ensemble.</p>",
}

HOME_ACTION = {
    "en": (
        "Is your city welcoming newcomers?",
        "Local authorities of the Americas can apply to join the network. Membership is free.",
        "How to join",
    ),
    "es": (
        "¿Su ciudad recibe a personas recién llegadas?",
        "Los gobiernos locales de las "
        "Américas pueden solicitar su ingreso a la red. La membresía es gratuita.",
        "Cómo unirse",
    ),
    "pt": (
        "A sua cidade acolhe pessoas recém-chegadas?",
        "Os governos locais das Américas podem pedir para aderir à rede. A adesão é gratuita.",
        "Como aderir",
    ),
    "fr": (
        "Votre ville accueille-t-elle des nouveaux arrivants ?",
        "Les collectivités locales "
        "des Amériques peuvent demander à rejoindre le réseau. L'adhésion est gratuite.",
        "Comment adhérer",
    ),
}

STANDARD_PAGES = [
    {
        "key": "about",
        "in_menu": True,
        "en": {
            "slug": "about",
            "title": "About the network",
            "intro": "Convive is a network of local authorities of the Americas that receive and "
            "integrate migrants, refugees and returnees.",
            "body": [
                ("heading", {"text": "Why a network of cities?", "level": "h2"}),
                *_p(
                    "Most people who leave their country settle in cities. Mayors and their teams "
                    "answer the first questions: where to sleep, how to enrol the children, how "
                    "to get a work permit. Many of them face these questions for the first time.",
                    "The network lets them learn from peers who have already built welcome "
                    "offices, local integration plans and campaigns against discrimination.",
                ),
                ("heading", {"text": "What we do", "level": "h2"}),
                *_p(
                    "We collect good practices, run online courses and webinars, organise "
                    "regional meetings and support joint campaigns that counter myths about "
                    "migration.",
                ),
                (
                    "quote",
                    {
                        "text": "Integration starts in the neighbourhood, at the school "
                        "gate and at the health centre.",
                        "attribution": "A founding mayor",
                    },
                ),
            ],
        },
        "es": {
            "slug": "acerca-de",
            "title": "Acerca de la red",
            "intro": "Convive es una red de gobiernos locales de las Américas que reciben e "
            "integran a personas migrantes, refugiadas y retornadas.",
            "body": [
                ("heading", {"text": "¿Por qué una red de ciudades?", "level": "h2"}),
                *_p(
                    "La mayoría de las personas que dejan su país se instalan en ciudades. Las "
                    "alcaldías responden a las primeras preguntas: dónde dormir, cómo inscribir a "
                    "los niños en la escuela, cómo obtener un permiso de trabajo. Muchas las "
                    "enfrentan por primera vez.",
                    "La red les permite aprender de pares que ya crearon oficinas de acogida, "
                    "planes locales de integración y campañas contra la discriminación.",
                ),
                ("heading", {"text": "Qué hacemos", "level": "h2"}),
                *_p(
                    "Reunimos buenas prácticas, impartimos cursos en línea y seminarios web, "
                    "organizamos encuentros regionales y apoyamos campañas conjuntas que "
                    "desmienten los mitos sobre la migración.",
                ),
                (
                    "quote",
                    {
                        "text": "La integración empieza en el barrio, a la puerta de la "
                        "escuela y en el centro de salud.",
                        "attribution": "Una alcaldesa fundadora",
                    },
                ),
            ],
        },
        "pt": {
            "slug": "sobre",
            "title": "Sobre a rede",
            "intro": "Convive é uma rede de governos locais das Américas que recebem e integram "
            "pessoas migrantes, refugiadas e retornadas.",
            "body": [
                ("heading", {"text": "Por que uma rede de cidades?", "level": "h2"}),
                *_p(
                    "A maioria das pessoas que deixam o seu país instala-se em cidades. As "
                    "prefeituras respondem às primeiras perguntas: onde dormir, como matricular "
                    "as crianças na escola, como obter uma autorização de trabalho. Muitas "
                    "enfrentam essas perguntas pela primeira vez.",
                    "A rede permite-lhes aprender com pares que já criaram centros de "
                    "acolhimento, planos locais de integração e campanhas contra a discriminação.",
                ),
                ("heading", {"text": "O que fazemos", "level": "h2"}),
                *_p(
                    "Reunimos boas práticas, oferecemos cursos online e webinários, organizamos "
                    "encontros regionais e apoiamos campanhas conjuntas que desmontam os mitos "
                    "sobre a migração.",
                ),
                (
                    "quote",
                    {
                        "text": "A integração começa no bairro, no portão da escola e no "
                        "posto de saúde.",
                        "attribution": "Uma prefeita fundadora",
                    },
                ),
            ],
        },
        "fr": {
            "slug": "a-propos",
            "title": "À propos du réseau",
            "intro": "Convive est un réseau de collectivités locales des Amériques qui accueillent "
            "et intègrent des personnes migrantes, réfugiées et rapatriées.",
            "body": [
                ("heading", {"text": "Pourquoi un réseau de villes ?", "level": "h2"}),
                *_p(
                    "La plupart des personnes qui quittent leur pays s'installent en ville. Les "
                    "mairies répondent aux premières questions : où dormir, comment inscrire les "
                    "enfants à l'école, comment obtenir un permis de travail. Beaucoup y sont "
                    "confrontées pour la première fois.",
                    "Le réseau leur permet d'apprendre de leurs pairs qui ont déjà créé des "
                    "bureaux d'accueil, des plans locaux d'intégration et des campagnes contre "
                    "la discrimination.",
                ),
                ("heading", {"text": "Ce que nous faisons", "level": "h2"}),
                *_p(
                    "Nous rassemblons les bonnes pratiques, proposons des cours en ligne et des "
                    "webinaires, organisons des rencontres régionales et soutenons des campagnes "
                    "communes qui démentent les idées reçues sur la migration.",
                ),
                (
                    "quote",
                    {
                        "text": "L'intégration commence dans le quartier, à la sortie de "
                        "l'école et au centre de santé.",
                        "attribution": "Une maire fondatrice",
                    },
                ),
            ],
        },
    },
    {
        "key": "partners",
        "in_menu": False,
        "en": {
            "slug": "partners",
            "title": "Partners",
            "intro": "International and national organisations support the network with "
            "expertise, training and funding.",
            "body": _p(
                "The Organization of American States (OAS), the International Organization for "
                "Migration (IOM) and the UN Refugee Agency (UNHCR) advise the network on "
                "protection and integration policies.",
                "United Cities and Local Governments (UCLG) and national associations of "
                "municipalities help us reach local governments in every country.",
            ),
        },
        "es": {
            "slug": "socios",
            "title": "Socios",
            "intro": "Organizaciones internacionales y nacionales apoyan a la red con "
            "conocimientos, formación y financiamiento.",
            "body": _p(
                "La Organización de los Estados Americanos (OEA), la Organización Internacional "
                "para las Migraciones (OIM) y la Agencia de la ONU para los Refugiados (ACNUR) "
                "asesoran a la red en políticas de protección e integración.",
                "Ciudades y Gobiernos Locales Unidos (CGLU) y las asociaciones nacionales de "
                "municipios nos ayudan a llegar a los gobiernos locales de cada país.",
            ),
        },
        "pt": {
            "slug": "parceiros",
            "title": "Parceiros",
            "intro": "Organizações internacionais e nacionais apoiam a rede com conhecimento, "
            "formação e financiamento.",
            "body": _p(
                "A Organização dos Estados Americanos (OEA), a Organização Internacional para as "
                "Migrações (OIM) e a Agência da ONU para Refugiados (ACNUR) assessoram a rede em "
                "políticas de proteção e integração.",
                "Cidades e Governos Locais Unidos (CGLU) e as associações nacionais de municípios "
                "ajudam-nos a chegar aos governos locais de cada país.",
            ),
        },
        "fr": {
            "slug": "partenaires",
            "title": "Partenaires",
            "intro": "Des organisations internationales et nationales soutiennent le réseau par "
            "leur expertise, des formations et des financements.",
            "body": _p(
                "L'Organisation des États américains (OEA), l'Organisation internationale pour "
                "les migrations (OIM) et l'Agence des Nations unies pour les réfugiés (HCR) "
                "conseillent le réseau sur les politiques de protection et d'intégration.",
                "Cités et Gouvernements Locaux Unis (CGLU) et les associations nationales de "
                "municipalités nous aident à atteindre les gouvernements locaux de chaque pays.",
            ),
        },
    },
    {
        "key": "how-to-join",
        "in_menu": False,
        # A last paragraph links to the application form in the page's language (demo.py).
        "join_link": {
            "en": "Apply to join the network",
            "es": "Solicitar el ingreso a la red",
            "pt": "Pedir a adesão à rede",
            "fr": "Demander l'adhésion au réseau",
        },
        "en": {
            "slug": "how-to-join",
            "title": "How to join",
            "intro": "Any municipality, city, province or department of the Americas can apply.",
            "body": _p(
                "Fill in the application form with your authority's details and a contact "
                "person. The network's coordinators review each request and answer within a "
                "few weeks.",
                "Once approved, your contact person becomes the focal point and can invite "
                "colleagues to the platform.",
            ),
        },
        "es": {
            "slug": "como-unirse",
            "title": "Cómo unirse",
            "intro": "Cualquier municipio, ciudad, provincia o departamento de las Américas puede "
            "postularse.",
            "body": _p(
                "Complete el formulario de solicitud con los datos de su gobierno local y de una "
                "persona de contacto. La coordinación de la red revisa cada solicitud y responde "
                "en pocas semanas.",
                "Una vez aprobada, su persona de contacto se convierte en punto focal y puede "
                "invitar a sus colegas a la plataforma.",
            ),
        },
        "pt": {
            "slug": "como-aderir",
            "title": "Como aderir",
            "intro": "Qualquer município, cidade, província ou departamento das Américas pode se "
            "candidatar.",
            "body": _p(
                "Preencha o formulário de candidatura com os dados do seu governo local e de uma "
                "pessoa de contato. A coordenação da rede analisa cada pedido e responde em "
                "poucas semanas.",
                "Uma vez aprovado, a sua pessoa de contato torna-se ponto focal e pode convidar "
                "colegas para a plataforma.",
            ),
        },
        "fr": {
            "slug": "comment-adherer",
            "title": "Comment adhérer",
            "intro": "Toute municipalité, ville, province ou département des Amériques peut "
            "déposer une candidature.",
            "body": _p(
                "Remplissez le formulaire de candidature avec les coordonnées de votre "
                "collectivité et d'une personne de contact. La coordination du réseau examine "
                "chaque demande et répond en quelques semaines.",
                "Une fois la demande approuvée, votre contact devient point focal et peut "
                "inviter ses collègues sur la plateforme.",
            ),
        },
    },
]

INDEXES = {
    "news": {
        "en": ("news", "News", "Press releases and articles from the network and its members."),
        "es": (
            "noticias",
            "Noticias",
            "Comunicados de prensa y artículos de la red y sus miembros.",
        ),
        "pt": (
            "noticias",
            "Notícias",
            "Comunicados de imprensa e artigos da rede e dos seus membros.",
        ),
        "fr": (
            "actualites",
            "Actualités",
            "Communiqués de presse et articles du réseau et de ses membres.",
        ),
    },
    "events": {
        "en": ("events", "Events", "Meetings, webinars and launches open to the network."),
        "es": (
            "eventos",
            "Eventos",
            "Encuentros, seminarios web y lanzamientos abiertos a la red.",
        ),
        "pt": ("eventos", "Eventos", "Encontros, webinários e lançamentos abertos à rede."),
        "fr": (
            "evenements",
            "Événements",
            "Rencontres, webinaires et lancements ouverts au réseau.",
        ),
    },
    "campaigns": {
        "en": (
            "campaigns",
            "Campaigns",
            "Campaigns that answer myths about migration with facts and stories.",
        ),
        "es": (
            "campanas",
            "Campañas",
            "Campañas que responden a los mitos sobre la migración con datos e historias.",
        ),
        "pt": (
            "campanhas",
            "Campanhas",
            "Campanhas que respondem aos mitos sobre a migração com fatos e histórias.",
        ),
        "fr": (
            "campagnes",
            "Campagnes",
            "Des campagnes qui répondent aux idées reçues sur la "
            "migration par des faits et des témoignages.",
        ),
    },
}

# (slug-key, type, days ago, category, {lang: (slug, title, summary, [paragraphs])})
NEWS = [
    (
        "network-launch",
        "press_release",
        40,
        "network-life",
        {
            "en": (
                "network-launch",
                "Local authorities of the Americas launch the Convive network",
                f"{AUTHORITIES} local authorities from {COUNTRIES} countries join "
                "forces to welcome and integrate migrants, refugees and returnees.",
                [
                    "Mayors and governors signed the founding declaration online, with the "
                    "support of international partners.",
                    "The network will share practices, train local teams and run joint campaigns.",
                ],
            ),
            "es": (
                "lanzamiento-de-la-red",
                "Gobiernos locales de las Américas lanzan la red Convive",
                f"{AUTHORITIES} gobiernos locales de {COUNTRIES} países unen fuerzas "
                "para "
                "acoger e integrar a personas migrantes, refugiadas y retornadas.",
                [
                    "Alcaldes y gobernadores firmaron en línea la declaración fundacional, con "
                    "el apoyo de socios internacionales.",
                    "La red compartirá prácticas, "
                    "formará equipos locales y llevará adelante campañas conjuntas.",
                ],
            ),
            "pt": (
                "lancamento-da-rede",
                "Governos locais das Américas lançam a rede Convive",
                f"{AUTHORITIES} governos locais de {COUNTRIES} países unem forças "
                "para acolher e "
                "integrar pessoas migrantes, refugiadas e retornadas.",
                [
                    "Prefeitos e governadores assinaram online a declaração fundadora, com o "
                    "apoio de parceiros internacionais.",
                    "A rede vai partilhar práticas, formar "
                    "equipes locais e realizar campanhas conjuntas.",
                ],
            ),
            "fr": (
                "lancement-du-reseau",
                "Les collectivités locales des Amériques lancent le réseau Convive",
                f"{AUTHORITIES} collectivités locales de {COUNTRIES} pays unissent "
                "leurs forces pour accueillir et intégrer les personnes migrantes, réfugiées "
                "et rapatriées.",
                [
                    "Maires et gouverneurs ont signé en ligne la déclaration "
                    "fondatrice, avec le soutien de partenaires internationaux.",
                    "Le réseau "
                    "partagera des pratiques, formera des équipes locales et mènera des "
                    "campagnes communes.",
                ],
            ),
        },
    ),
    (
        "regional-meeting-quito",
        "article",
        25,
        "network-life",
        {
            "en": (
                "regional-meeting-quito",
                "First regional meeting in Quito",
                "Local "
                "officials from the Andean region compared how they register newcomers and "
                "open public services to them.",
                [
                    "For two days, teams from Ecuador, Peru "
                    "and Colombia visited Quito's welcome office and discussed shared "
                    "challenges.",
                    "Participants agreed to publish their procedures on the platform.",
                ],
            ),
            "es": (
                "encuentro-regional-quito",
                "Primer encuentro regional en Quito",
                "Funcionarios locales de la región andina compararon cómo registran a las "
                "personas recién llegadas y les abren los servicios públicos.",
                [
                    "Durante "
                    "dos días, equipos de Ecuador, Perú y Colombia visitaron la oficina de "
                    "acogida de Quito y debatieron desafíos comunes.",
                    "Los participantes acordaron publicar sus procedimientos en la plataforma.",
                ],
            ),
            "pt": (
                "encontro-regional-quito",
                "Primeiro encontro regional em Quito",
                "Servidores locais da região andina compararam como registram as pessoas "
                "recém-chegadas e lhes abrem os serviços públicos.",
                [
                    "Durante dois dias, "
                    "equipes do Equador, do Peru e da Colômbia visitaram o centro de "
                    "acolhimento de Quito e debateram desafios comuns.",
                    "Os participantes concordaram em publicar os seus procedimentos na plataforma.",
                ],
            ),
            "fr": (
                "rencontre-regionale-quito",
                "Première rencontre régionale à Quito",
                "Des responsables locaux de la région andine ont comparé leurs manières "
                "d'enregistrer les nouveaux arrivants et de leur ouvrir les services "
                "publics.",
                [
                    "Pendant deux jours, des équipes d'Équateur, du Pérou et de "
                    "Colombie ont visité le bureau d'accueil de Quito et discuté de défis "
                    "communs.",
                    "Les participants ont convenu de publier leurs procédures sur la plateforme.",
                ],
            ),
        },
    ),
    (
        "cucuta-migrant-office",
        "article",
        18,
        "local-policies",
        {
            "en": (
                "cucuta-opens-office-for-migrants",
                "Cúcuta opens a municipal office for migrants",
                "A single desk now helps newcomers with documents, health care, "
                "school places and job search.",
                [
                    "The office brings together city "
                    "services and partner organisations under one roof.",
                    "In its first month it advised more than a thousand people.",
                ],
            ),
            "es": (
                "cucuta-abre-oficina-para-migrantes",
                "Cúcuta abre una oficina municipal para personas migrantes",
                "Una ventanilla única ayuda ahora a las personas "
                "recién llegadas con documentos, salud, cupos escolares y búsqueda de "
                "empleo.",
                [
                    "La oficina reúne bajo un mismo techo los servicios municipales "
                    "y las organizaciones aliadas.",
                    "En su primer mes asesoró a más de mil personas.",
                ],
            ),
            "pt": (
                "cucuta-abre-escritorio-para-migrantes",
                "Cúcuta abre um escritório municipal para migrantes",
                "Um balcão único ajuda agora as pessoas "
                "recém-chegadas com documentos, saúde, vagas escolares e procura de "
                "emprego.",
                [
                    "O escritório reúne sob o mesmo teto os serviços municipais e "
                    "as organizações parceiras.",
                    "No primeiro mês atendeu mais de mil pessoas.",
                ],
            ),
            "fr": (
                "cucuta-ouvre-un-bureau-pour-les-migrants",
                "Cúcuta ouvre un bureau municipal pour les personnes migrantes",
                "Un guichet unique aide désormais "
                "les nouveaux arrivants pour leurs papiers, la santé, l'inscription scolaire "
                "et la recherche d'emploi.",
                [
                    "Le bureau réunit sous un même toit les "
                    "services municipaux et les organisations partenaires.",
                    "Au cours de son premier mois, il a conseillé plus de mille personnes.",
                ],
            ),
        },
    ),
    (
        "montevideo-guide",
        "article",
        12,
        "local-policies",
        {
            "en": (
                "montevideo-guide-for-newcomers",
                "Montevideo publishes a guide for newcomers",
                "A plain-language guide in Spanish, Portuguese, French and "
                "Haitian Creole explains the first steps in the city.",
                [
                    "The guide covers "
                    "identity documents, health centres, schools and public transport.",
                    "Other members can adapt it to their own city.",
                ],
            ),
            "es": (
                "montevideo-guia-para-recien-llegados",
                "Montevideo publica una guía para personas recién llegadas",
                "Una guía en lenguaje claro, en español, "
                "portugués, francés y criollo haitiano, explica los primeros pasos en la "
                "ciudad.",
                [
                    "La guía trata sobre documentos de identidad, centros de salud, "
                    "escuelas y transporte público.",
                    "Otros miembros pueden adaptarla a su propia ciudad.",
                ],
            ),
            "pt": (
                "montevideu-guia-para-recem-chegados",
                "Montevidéu publica um guia para recém-chegados",
                "Um guia em linguagem simples, em espanhol, português, "
                "francês e crioulo haitiano, explica os primeiros passos na cidade.",
                [
                    "O "
                    "guia aborda documentos de identidade, postos de saúde, escolas e transporte "
                    "público.",
                    "Outros membros podem adaptá-lo à sua própria cidade.",
                ],
            ),
            "fr": (
                "montevideo-guide-des-nouveaux-arrivants",
                "Montevideo publie un guide pour les nouveaux arrivants",
                "Un guide en langage clair, en espagnol, portugais, "
                "français et créole haïtien, explique les premières démarches dans la "
                "ville.",
                [
                    "Le guide porte sur les papiers d'identité, les centres de santé, "
                    "les écoles et les transports publics.",
                    "D'autres membres peuvent l'adapter à leur propre ville.",
                ],
            ),
        },
    ),
    (
        "webinar-announcement",
        "press_release",
        6,
        "training",
        {
            "en": (
                "webinar-access-to-services",
                "Webinar: opening local services to migrants",
                "The network's next webinar looks at how cities make health, "
                "education and housing services accessible.",
                [
                    "Speakers from three member "
                    "cities will present their experience and answer questions.",
                    "The webinar is free; register on the event page.",
                ],
            ),
            "es": (
                "seminario-web-acceso-a-servicios",
                "Seminario web: abrir los servicios locales a las personas migrantes",
                "El próximo seminario web de la red "
                "analiza cómo las ciudades hacen accesibles la salud, la educación y la "
                "vivienda.",
                [
                    "Ponentes de tres ciudades miembro presentarán su experiencia "
                    "y responderán preguntas.",
                    "El seminario es gratuito; inscríbase en la página del evento.",
                ],
            ),
            "pt": (
                "webinario-acesso-a-servicos",
                "Webinário: abrir os serviços locais às pessoas migrantes",
                "O próximo webinário da rede analisa como as cidades "
                "tornam acessíveis a saúde, a educação e a habitação.",
                [
                    "Palestrantes de "
                    "três cidades membro apresentarão a sua experiência e responderão a "
                    "perguntas.",
                    "O webinário é gratuito; inscreva-se na página do evento.",
                ],
            ),
            "fr": (
                "webinaire-acces-aux-services",
                "Webinaire : ouvrir les services locaux aux personnes migrantes",
                "Le prochain webinaire du réseau examine comment les "
                "villes rendent accessibles la santé, l'éducation et le logement.",
                [
                    "Des intervenants de trois villes membres présenteront leur expérience et "
                    "répondront aux questions.",
                    "Le webinaire est gratuit ; inscrivez-vous sur la page de l'événement.",
                ],
            ),
        },
    ),
    (
        "campaign-launch",
        "press_release",
        3,
        "network-life",
        {
            "en": (
                "campaign-migration-enriches-us",
                "#MigrationEnrichesUs: a campaign against myths",
                "Member cities launch a joint campaign that answers common "
                "myths about migration with facts and real stories.",
                [
                    "The campaign runs on social media, in city halls and on public transport.",
                    "Every member can download the materials in four languages.",
                ],
            ),
            "es": (
                "campana-la-migracion-nos-enriquece",
                "#LaMigraciónNosEnriquece: una campaña contra los mitos",
                "Las ciudades miembro lanzan una campaña "
                "conjunta que responde a los mitos sobre la migración con datos e historias "
                "reales.",
                [
                    "La campaña se difunde en redes sociales, en las alcaldías y en "
                    "el transporte público.",
                    "Cada miembro puede descargar los materiales en cuatro idiomas.",
                ],
            ),
            "pt": (
                "campanha-a-migracao-nos-enriquece",
                "#AMigraçãoNosEnriquece: uma campanha contra os mitos",
                "As cidades membro lançam uma campanha conjunta que "
                "responde aos mitos sobre a migração com fatos e histórias reais.",
                [
                    "A "
                    "campanha circula nas redes sociais, nas prefeituras e no transporte "
                    "público.",
                    "Cada membro pode baixar os materiais em quatro idiomas.",
                ],
            ),
            "fr": (
                "campagne-la-migration-nous-enrichit",
                "#LaMigrationNousEnrichit : une campagne contre les idées reçues",
                "Les villes membres lancent une campagne "
                "commune qui répond aux idées reçues sur la migration par des faits et des "
                "témoignages.",
                [
                    "La campagne est diffusée sur les réseaux sociaux, dans les "
                    "mairies et dans les transports publics.",
                    "Chaque membre peut télécharger le matériel en quatre langues.",
                ],
            ),
        },
    ),
]

# (key, start offset from now, duration, format, capacity, location, {lang: (slug, title,
# summary, [paragraphs])})
EVENTS = [
    (
        "virtual-launch",
        timedelta(days=14, hours=3),
        timedelta(hours=2),
        "online",
        500,
        "",
        {
            "en": (
                "virtual-launch-of-the-network",
                "Virtual launch of the network",
                "Join mayors, partners and local teams for the public launch of Convive.",
                [
                    "The programme includes a welcome by the coordination, testimonies from "
                    "member cities and a tour of the platform.",
                    "Interpretation in Spanish, Portuguese, French and English.",
                ],
            ),
            "es": (
                "lanzamiento-virtual-de-la-red",
                "Lanzamiento virtual de la red",
                "Acompañe "
                "a alcaldes, socios y equipos locales en el lanzamiento público de "
                "Convive.",
                [
                    "El programa incluye la bienvenida de la coordinación, "
                    "testimonios de ciudades miembro y un recorrido por la plataforma.",
                    "Interpretación al español, portugués, francés e inglés.",
                ],
            ),
            "pt": (
                "lancamento-virtual-da-rede",
                "Lançamento virtual da rede",
                "Junte-se a "
                "prefeitos, parceiros e equipes locais no lançamento público de Convive.",
                [
                    "O programa inclui as boas-vindas da coordenação, depoimentos de cidades "
                    "membro e uma apresentação da plataforma.",
                    "Interpretação em espanhol, português, francês e inglês.",
                ],
            ),
            "fr": (
                "lancement-virtuel-du-reseau",
                "Lancement virtuel du réseau",
                "Rejoignez "
                "maires, partenaires et équipes locales pour le lancement public de "
                "Convive.",
                [
                    "Au programme : l'accueil par la coordination, des témoignages "
                    "de villes membres et une visite de la plateforme.",
                    "Interprétation en espagnol, portugais, français et anglais.",
                ],
            ),
        },
    ),
    (
        "webinar-integration-plans",
        timedelta(days=-30),
        timedelta(hours=1, minutes=30),
        "online",
        300,
        "",
        {
            "en": (
                "webinar-local-integration-plans",
                "Webinar: writing a local integration plan",
                "How three cities wrote their integration plans with migrants and "
                "local organisations.",
                ["A recording and the slides are available to members on the platform."],
            ),
            "es": (
                "seminario-web-planes-locales-de-integracion",
                "Seminario web: elaborar un plan local de integración",
                "Cómo tres ciudades elaboraron sus planes de "
                "integración junto con personas migrantes y organizaciones locales.",
                [
                    "La grabación y las diapositivas están disponibles para los miembros en la "
                    "plataforma."
                ],
            ),
            "pt": (
                "webinario-planos-locais-de-integracao",
                "Webinário: elaborar um plano local de integração",
                "Como três cidades elaboraram os seus planos de "
                "integração com pessoas migrantes e organizações locais.",
                ["A gravação e os slides estão disponíveis para os membros na plataforma."],
            ),
            "fr": (
                "webinaire-plans-locaux-d-integration",
                "Webinaire : rédiger un plan local d'intégration",
                "Comment trois villes ont rédigé leur plan d'intégration "
                "avec des personnes migrantes et des associations locales.",
                [
                    "L'enregistrement et les diapositives sont disponibles pour les membres "
                    "sur la plateforme."
                ],
            ),
        },
    ),
    (
        "webinar-access-to-services",
        timedelta(days=40, hours=2),
        timedelta(hours=1, minutes=30),
        "hybrid",
        120,
        "City Hall, Montevideo",
        {
            "en": (
                "webinar-opening-local-services",
                "Webinar: opening local services to migrants",
                "Health, education and housing: how member cities remove barriers for newcomers.",
                ["Follow it online or join us at Montevideo's City Hall."],
            ),
            "es": (
                "seminario-web-abrir-los-servicios-locales",
                "Seminario web: abrir los servicios locales a las personas migrantes",
                "Salud, educación y vivienda: "
                "cómo las ciudades miembro eliminan barreras para las personas recién "
                "llegadas.",
                ["Sígalo en línea o acompáñenos en la Intendencia de Montevideo."],
            ),
            "pt": (
                "webinario-abrir-os-servicos-locais",
                "Webinário: abrir os serviços locais às pessoas migrantes",
                "Saúde, educação e habitação: como as cidades "
                "membro eliminam barreiras para os recém-chegados.",
                ["Acompanhe online ou junte-se a nós na Prefeitura de Montevidéu."],
            ),
            "fr": (
                "webinaire-ouvrir-les-services-locaux",
                "Webinaire : ouvrir les services locaux aux personnes migrantes",
                "Santé, éducation et logement : comment "
                "les villes membres lèvent les obstacles pour les nouveaux arrivants.",
                ["Suivez-le en ligne ou rejoignez-nous à l'hôtel de ville de Montevideo."],
            ),
        },
    ),
]

CAMPAIGN = {
    "hashtag": "MigrationEnrichesUs",
    "en": {
        "slug": "migration-enriches-us",
        "title": "Migration enriches us",
        "key_message": "People who arrive bring skills, businesses and culture that make our "
        "cities stronger.",
        "summary": "A joint campaign of member cities that answers myths about migration with "
        "facts and real stories.",
        "myths": [
            (
                "Migrants take jobs away from local people.",
                "Newcomers often fill jobs that stay "
                "vacant and start businesses that hire local people.",
                "ILO, labour migration studies",
            ),
            (
                "Migrants are a burden on public services.",
                "Over time, working migrants pay "
                "taxes and contributions that fund the services everyone uses.",
                "OECD, International Migration Outlook",
            ),
            (
                "Migration increases crime.",
                "Studies in the region find no link between migration and higher crime rates.",
                "IDB, migration and crime in Latin America",
            ),
        ],
        "stories": [
            (
                "A bakery in Quito",
                "María, Quito",
                "Two years after arriving, María runs a "
                "bakery that employs four of her neighbours.",
            ),
            (
                "Teaching in Boa Vista",
                "Jean, Boa Vista",
                "A teacher in Haiti, Jean now helps "
                "newcomer children learn Portuguese at a municipal school.",
            ),
        ],
        "action": (
            "Share the campaign",
            "Use the hashtag and the campaign materials in your city.",
            "Read about the network",
        ),
    },
    "es": {
        "slug": "la-migracion-nos-enriquece",
        "title": "La migración nos enriquece",
        "key_message": "Las personas que llegan traen habilidades, emprendimientos y cultura "
        "que fortalecen nuestras ciudades.",
        "summary": "Una campaña conjunta de las ciudades miembro que responde a los mitos sobre "
        "la migración con datos e historias reales.",
        "myths": [
            (
                "Las personas migrantes quitan el trabajo a la población local.",
                "Las personas "
                "recién llegadas suelen cubrir empleos vacantes y crean negocios que contratan a "
                "personas del lugar.",
                "OIT, estudios sobre migración laboral",
            ),
            (
                "Las personas migrantes son una carga para los servicios públicos.",
                "Con el "
                "tiempo, las personas migrantes que trabajan pagan impuestos y aportes que "
                "financian los servicios que todos usamos.",
                "OCDE, Perspectivas de la Migración Internacional",
            ),
            (
                "La migración aumenta la delincuencia.",
                "Los estudios en la región no encuentran "
                "relación entre la migración y un aumento de la delincuencia.",
                "BID, migración y delito en América Latina",
            ),
        ],
        "stories": [
            (
                "Una panadería en Quito",
                "María, Quito",
                "Dos años después de llegar, María "
                "tiene una panadería que emplea a cuatro de sus vecinos.",
            ),
            (
                "Enseñar en Boa Vista",
                "Jean, Boa Vista",
                "Maestro en Haití, Jean ayuda hoy a "
                "niños recién llegados a aprender portugués en una escuela municipal.",
            ),
        ],
        "action": (
            "Comparta la campaña",
            "Use la etiqueta y los materiales de la campaña en su ciudad.",
            "Conozca la red",
        ),
    },
    "pt": {
        "slug": "a-migracao-nos-enriquece",
        "title": "A migração nos enriquece",
        "key_message": "As pessoas que chegam trazem competências, negócios e cultura que "
        "fortalecem as nossas cidades.",
        "summary": "Uma campanha conjunta das cidades membro que responde aos mitos sobre a "
        "migração com fatos e histórias reais.",
        "myths": [
            (
                "Os migrantes tiram o emprego da população local.",
                "Os recém-chegados costumam "
                "ocupar vagas que ficam em aberto e criam negócios que contratam pessoas do "
                "lugar.",
                "OIT, estudos sobre migração laboral",
            ),
            (
                "Os migrantes são um peso para os serviços públicos.",
                "Com o tempo, os migrantes "
                "que trabalham pagam impostos e contribuições que financiam os serviços usados "
                "por todos.",
                "OCDE, Perspectivas da Migração Internacional",
            ),
            (
                "A migração aumenta a criminalidade.",
                "Os estudos na região não encontram "
                "relação entre a migração e o aumento da criminalidade.",
                "BID, migração e crime na América Latina",
            ),
        ],
        "stories": [
            (
                "Uma padaria em Quito",
                "María, Quito",
                "Dois anos depois de chegar, María tem uma padaria que emprega quatro vizinhos.",
            ),
            (
                "Ensinar em Boa Vista",
                "Jean, Boa Vista",
                "Professor no Haiti, Jean ajuda hoje "
                "crianças recém-chegadas a aprender português numa escola municipal.",
            ),
        ],
        "action": (
            "Partilhe a campanha",
            "Use a hashtag e os materiais da campanha na sua cidade.",
            "Conheça a rede",
        ),
    },
    "fr": {
        "slug": "la-migration-nous-enrichit",
        "title": "La migration nous enrichit",
        "key_message": "Les personnes qui arrivent apportent des compétences, des entreprises "
        "et une culture qui rendent nos villes plus fortes.",
        "summary": "Une campagne commune des villes membres qui répond aux idées reçues sur la "
        "migration par des faits et des témoignages.",
        "myths": [
            (
                "Les migrants prennent le travail de la population locale.",
                "Les nouveaux "
                "arrivants occupent souvent des emplois restés vacants et créent des entreprises "
                "qui embauchent localement.",
                "OIT, études sur les migrations de travail",
            ),
            (
                "Les migrants sont une charge pour les services publics.",
                "Avec le temps, les "
                "migrants qui travaillent paient des impôts et des cotisations qui financent les "
                "services utilisés par tous.",
                "OCDE, Perspectives des migrations internationales",
            ),
            (
                "La migration augmente la délinquance.",
                "Les études menées dans la région ne "
                "trouvent aucun lien entre la migration et une hausse de la délinquance.",
                "BID, migration et criminalité en Amérique latine",
            ),
        ],
        "stories": [
            (
                "Une boulangerie à Quito",
                "María, Quito",
                "Deux ans après son arrivée, María "
                "tient une boulangerie qui emploie quatre de ses voisins.",
            ),
            (
                "Enseigner à Boa Vista",
                "Jean, Boa Vista",
                "Enseignant en Haïti, Jean aide "
                "aujourd'hui des enfants nouvellement arrivés à apprendre le portugais dans une "
                "école municipale.",
            ),
        ],
        "action": (
            "Partagez la campagne",
            "Utilisez le mot-dièse et le matériel de la campagne dans votre ville.",
            "Découvrir le réseau",
        ),
    },
}
