# ruff: noqa: E501  (translated texts: wrapping them mid-sentence would not make them easier to read)
"""Three documented practices of the network, told in our own words from their public facts, in
English, Spanish, Portuguese and French (see demo.py). Each language maps to the translated
fields of one page; facts that do not change with the language sit under "common"."""

from datetime import date

INDEX = {
    "en": (
        "practices",
        "Good practices",
        "What local governments of the Americas have done to welcome and integrate migrants, "
        "refugees and returnees, told so that other cities can learn from it.",
    ),
    "es": (
        "buenas-practicas",
        "Buenas prácticas",
        "Lo que han hecho los gobiernos locales de las Américas para acoger e integrar a "
        "personas migrantes, refugiadas y retornadas, contado para que otras ciudades aprendan.",
    ),
    "pt": (
        "boas-praticas",
        "Boas práticas",
        "O que os governos locais das Américas fizeram para acolher e integrar migrantes, "
        "refugiados e retornados, contado para que outras cidades possam aprender.",
    ),
    "fr": (
        "bonnes-pratiques",
        "Bonnes pratiques",
        "Ce que les gouvernements locaux des Amériques ont fait pour accueillir et intégrer les "
        "personnes migrantes, réfugiées et de retour, raconté pour que d'autres villes en tirent "
        "des leçons.",
    ),
}


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


REAL_PRACTICES = [
    {
        "common": {
            "authority": "amatitlan-gt",
            "place_name": "Amatitlán",
            "country": "GT",
            "start_date": date(2019, 11, 1),
            "end_date": date(2021, 11, 30),
            "status": "completed",
            "budget_band": "50k-250k",
            "themes": ["employment", "return", "local-development", "anti-xenophobia"],
            "groups": ["returnees", "migrants", "women-girls"],
            "gcm": ["gcm-06", "gcm-17", "gcm-18", "gcm-21"],
            "sdg": ["sdg-4.4", "sdg-8.5", "sdg-10.7", "sdg-16.7"],
            "tags": ["online platform", "municipal planning", "entrepreneurship"],
            "indicators": [
                ("staff", 25, 2020),
                ("registrations", 400, 2021),
                ("course", 75, 2021),
                ("women", 66, 2021),
            ],
            "beneficiaries": [("returnees", 400), ("migrants", 75), ("women-girls", 50)],
        },
        "en": {
            "slug": "amatitlan-reception-and-labour-integration",
            "title": "Amatitlán: reception and labour integration of internal and returning migrants",
            "summary": "Between November 2019 and November 2021, Amatitlán built a municipal "
            "response for people arriving from other parts of Guatemala and for nationals "
            "returning from abroad: trained staff, migration written into the development plan, "
            "a campaign against stereotypes and an online platform that connects returnees with "
            "jobs, skills certification and credit.",
            "implementing_organisations": "A Guatemalan development foundation, with the "
            "Municipality of Amatitlán",
            "partners": "Municipal Development Council (COMUDE)\nLocal employers and training "
            "institutes",
            "funding_sources": "International cooperation grant; municipal staff time",
            "context": _p(
                "Amatitlán, south of Guatemala City, receives families moving from rural "
                "departments and a steady number of nationals deported or returning from the "
                "United States and Mexico. The municipality had no office, plan or data to "
                "respond to them, and returnees were often met with suspicion."
            ),
            "objectives": _p(
                "Give the municipality the skills and the mandate to manage human mobility, and "
                "open concrete routes to work and income for returning and internal migrants."
            ),
            "activities": _p(
                "A diploma course in territorial management of migration for 25 municipal "
                "technical staff; the inclusion of migration in the municipal development plan; "
                "municipal development forums with the development council; a media campaign "
                "against stereotypes about returnees; and an online platform where returnees "
                "register and find employment, skills-certification and credit services."
            ),
            "results": _p(
                "Migration became a line of the municipal development plan. About 400 people "
                "registered on the platform in 2021, and 75 migrants, two thirds of them women, "
                "entered an entrepreneurship course."
            ),
            "lessons_learned": _p(
                "Training the technical staff first made the later steps possible: the people "
                "who wrote the plan were the same people who had taken the course. The platform "
                "only worked once employers and credit providers had agreed to answer through it."
            ),
            "replication": _p(
                "A partner able to run a staff diploma, a development council willing to put "
                "migration on its agenda, and a simple registration platform hosted by the "
                "municipality. The platform needs a staff member who follows up each registration."
            ),
            "labels": {
                "staff": ("Municipal technical staff who completed the diploma", "people"),
                "registrations": ("Returnees registered on the online platform", "people"),
                "course": ("Migrants enrolled in the entrepreneurship course", "people"),
                "women": ("Share of women among course participants", "%"),
            },
        },
        "es": {
            "slug": "amatitlan-acogida-e-insercion-laboral",
            "title": "Amatitlán: acogida e inserción laboral de personas migrantes internas y "
            "retornadas",
            "summary": "Entre noviembre de 2019 y noviembre de 2021, Amatitlán construyó una "
            "respuesta municipal para quienes llegan de otras regiones de Guatemala y para los "
            "connacionales que regresan del exterior: personal formado, la migración en el plan "
            "de desarrollo, una campaña contra los estereotipos y una plataforma en línea que "
            "conecta a las personas retornadas con empleo, certificación de competencias y "
            "crédito.",
            "implementing_organisations": "Una fundación guatemalteca de desarrollo, con la "
            "Municipalidad de Amatitlán",
            "partners": "Consejo Municipal de Desarrollo (COMUDE)\nEmpresas e institutos de "
            "formación locales",
            "funding_sources": "Donación de cooperación internacional; tiempo del personal municipal",
            "context": _p(
                "Amatitlán, al sur de la Ciudad de Guatemala, recibe familias que llegan de "
                "departamentos rurales y un número constante de connacionales deportados o "
                "retornados desde Estados Unidos y México. La municipalidad no tenía oficina, "
                "plan ni datos para atenderlos, y las personas retornadas solían enfrentar "
                "desconfianza."
            ),
            "objectives": _p(
                "Dar a la municipalidad las capacidades y el mandato para gestionar la movilidad "
                "humana, y abrir caminos concretos hacia el trabajo y los ingresos."
            ),
            "activities": _p(
                "Un diplomado en gestión territorial de la migración para 25 técnicos "
                "municipales; la inclusión de la migración en el plan de desarrollo municipal; "
                "foros municipales de desarrollo con el consejo de desarrollo; una campaña en "
                "medios contra los estereotipos; y una plataforma en línea donde las personas "
                "retornadas se registran y encuentran servicios de empleo, certificación de "
                "competencias y crédito."
            ),
            "results": _p(
                "La migración pasó a ser una línea del plan de desarrollo municipal. Unas 400 "
                "personas se registraron en la plataforma en 2021, y 75 migrantes, dos tercios "
                "de ellas mujeres, iniciaron un curso de emprendimiento."
            ),
            "lessons_learned": _p(
                "Formar primero al personal técnico hizo posible lo demás: quienes redactaron el "
                "plan fueron las mismas personas que cursaron el diplomado."
            ),
            "replication": _p(
                "Un socio capaz de impartir un diplomado, un consejo de desarrollo dispuesto a "
                "incluir la migración en su agenda y una plataforma de registro sencilla."
            ),
            "labels": {
                "staff": ("Técnicos municipales que completaron el diplomado", "personas"),
                "registrations": ("Personas retornadas registradas en la plataforma", "personas"),
                "course": ("Migrantes inscritos en el curso de emprendimiento", "personas"),
                "women": ("Proporción de mujeres en el curso", "%"),
            },
        },
        "pt": {
            "slug": "amatitlan-acolhimento-e-insercao-laboral",
            "title": "Amatitlán: acolhimento e inserção laboral de migrantes internos e retornados",
            "summary": "Entre novembro de 2019 e novembro de 2021, Amatitlán construiu uma "
            "resposta municipal para quem chega de outras regiões da Guatemala e para os "
            "nacionais que regressam do exterior: equipe formada, a migração no plano de "
            "desenvolvimento, uma campanha contra estereótipos e uma plataforma online que liga "
            "os retornados a emprego, certificação de competências e crédito.",
            "implementing_organisations": "Uma fundação guatemalteca de desenvolvimento, com o "
            "Município de Amatitlán",
            "partners": "Conselho Municipal de Desenvolvimento (COMUDE)\nEmpresas e institutos "
            "de formação locais",
            "funding_sources": "Doação de cooperação internacional; tempo da equipe municipal",
            "context": _p(
                "Amatitlán, ao sul da Cidade da Guatemala, recebe famílias vindas de "
                "departamentos rurais e um número constante de nacionais deportados ou "
                "retornados dos Estados Unidos e do México, sem que o município tivesse "
                "escritório, plano ou dados para os atender."
            ),
            "objectives": _p(
                "Dar ao município as capacidades e o mandato para gerir a mobilidade humana e "
                "abrir caminhos concretos para o trabalho e a renda."
            ),
            "activities": _p(
                "Um curso de especialização em gestão territorial da migração para 25 técnicos "
                "municipais; a migração no plano de desenvolvimento municipal; fóruns de "
                "desenvolvimento com o conselho; uma campanha de mídia contra estereótipos; e "
                "uma plataforma online onde os retornados se registram e encontram serviços de "
                "emprego, certificação de competências e crédito."
            ),
            "results": _p(
                "A migração passou a fazer parte do plano de desenvolvimento. Cerca de 400 "
                "pessoas se registraram na plataforma em 2021, e 75 migrantes, dois terços "
                "mulheres, entraram num curso de empreendedorismo."
            ),
            "lessons_learned": _p(
                "Formar primeiro a equipe técnica tornou possíveis os passos seguintes."
            ),
            "replication": _p(
                "Um parceiro capaz de oferecer a formação, um conselho de desenvolvimento "
                "disposto a incluir a migração e uma plataforma de registro simples."
            ),
            "labels": {
                "staff": ("Técnicos municipais que concluíram a formação", "pessoas"),
                "registrations": ("Retornados registrados na plataforma", "pessoas"),
                "course": ("Migrantes inscritos no curso de empreendedorismo", "pessoas"),
                "women": ("Proporção de mulheres no curso", "%"),
            },
        },
        "fr": {
            "slug": "amatitlan-accueil-et-insertion-professionnelle",
            "title": "Amatitlán : accueil et insertion professionnelle des migrants internes et "
            "de retour",
            "summary": "De novembre 2019 à novembre 2021, Amatitlán a bâti une réponse "
            "municipale pour les personnes venues d'autres régions du Guatemala et pour les "
            "ressortissants revenant de l'étranger : personnel formé, migration inscrite au plan "
            "de développement, campagne contre les stéréotypes et plateforme en ligne reliant "
            "les personnes de retour à l'emploi, à la certification des compétences et au crédit.",
            "implementing_organisations": "Une fondation guatémaltèque de développement, avec la "
            "municipalité d'Amatitlán",
            "partners": "Conseil municipal de développement (COMUDE)\nEntreprises et instituts "
            "de formation locaux",
            "funding_sources": "Subvention de coopération internationale ; temps du personnel "
            "municipal",
            "context": _p(
                "Amatitlán, au sud de la ville de Guatemala, accueille des familles venues des "
                "départements ruraux et un nombre constant de ressortissants expulsés ou revenus "
                "des États-Unis et du Mexique, sans bureau, plan ni données pour les recevoir."
            ),
            "objectives": _p(
                "Donner à la municipalité les compétences et le mandat pour gérer la mobilité "
                "humaine, et ouvrir des voies concrètes vers le travail et le revenu."
            ),
            "activities": _p(
                "Un diplôme en gestion territoriale des migrations pour 25 techniciens "
                "municipaux ; la migration inscrite au plan de développement municipal ; des "
                "forums de développement avec le conseil ; une campagne médiatique contre les "
                "stéréotypes ; et une plateforme en ligne où les personnes de retour "
                "s'inscrivent et trouvent des services d'emploi, de certification et de crédit."
            ),
            "results": _p(
                "La migration est devenue un axe du plan de développement. Environ 400 personnes "
                "se sont inscrites sur la plateforme en 2021, et 75 migrants, aux deux tiers des "
                "femmes, ont commencé une formation à l'entrepreneuriat."
            ),
            "lessons_learned": _p(
                "Former d'abord le personnel technique a rendu possibles les étapes suivantes."
            ),
            "replication": _p(
                "Un partenaire capable d'assurer la formation, un conseil de développement prêt "
                "à inscrire la migration à son ordre du jour et une plateforme d'inscription simple."
            ),
            "labels": {
                "staff": ("Techniciens municipaux diplômés", "personnes"),
                "registrations": ("Personnes de retour inscrites sur la plateforme", "personnes"),
                "course": ("Migrants inscrits à la formation à l'entrepreneuriat", "personnes"),
                "women": ("Part des femmes parmi les participants", "%"),
            },
        },
    },
    {
        "common": {
            "authority": "zacatecoluca-sv",
            "place_name": "Zacatecoluca",
            "country": "SV",
            "start_date": date(2018, 6, 1),
            "end_date": None,
            "status": "running",
            "budget_band": "250k-1m",
            "themes": ["return", "employment", "participation", "psychosocial"],
            "groups": ["returnees", "children", "host-communities"],
            "gcm": ["gcm-02", "gcm-16", "gcm-21"],
            "sdg": ["sdg-8.5", "sdg-10.7", "sdg-16.7"],
            "tags": ["violence prevention", "municipal office", "youth employment"],
            "indicators": [("violence", 60, 2019)],
            "beneficiaries": [("returnees", None), ("children", None)],
        },
        "en": {
            "slug": "zacatecoluca-municipal-office-for-migrants",
            "title": "Zacatecoluca: the first municipal office for migrants and their families",
            "summary": "Among the ten municipalities of El Salvador receiving the most returnees "
            "in 2018, Zacatecoluca opened the country's first municipal office for migrants and "
            "their families and tied it to violence prevention, workshop schools, youth "
            "employment offices and alliances with business, churches and civil society.",
            "implementing_organisations": "Municipality of Zacatecoluca",
            "partners": "National agencies for returnee assistance\nLocal businesses\nChurches "
            "and community associations",
            "funding_sources": "Municipal budget; international cooperation",
            "context": _p(
                "Returnees arrived in Zacatecoluca with no one to turn to, in neighbourhoods "
                "where violence was one of the reasons people had left in the first place."
            ),
            "objectives": _p(
                "Give returnees and the families of migrants a municipal door to knock on, and "
                "reduce the violence and lack of opportunity that push young people to leave."
            ),
            "activities": _p(
                "A municipal office that receives returnees and migrants' families and refers "
                "them to services; violence-prevention programmes; workshop schools that teach "
                "trades; youth employment offices; and multi-sector alliances with business, "
                "churches and civil society."
            ),
            "results": _p(
                "The municipality reports that violence fell by about 60% while the programmes "
                "ran, and the office became a model studied by other Salvadoran municipalities."
            ),
            "lessons_learned": _p(
                "Return and violence prevention are the same agenda at local level: the young "
                "people in workshop schools are both potential emigrants and returnees."
            ),
            "replication": _p(
                "A small team with a clear municipal mandate, referral agreements with national "
                "agencies, and training partners able to run workshop schools."
            ),
            "labels": {"violence": ("Reduction in violence reported by the municipality", "%")},
        },
        "es": {
            "slug": "zacatecoluca-oficina-municipal-de-migrantes",
            "title": "Zacatecoluca: la primera oficina municipal para personas migrantes y sus "
            "familias",
            "summary": "Entre los diez municipios de El Salvador que más personas retornadas "
            "recibieron en 2018, Zacatecoluca abrió la primera oficina municipal del país para "
            "migrantes y sus familias y la vinculó con la prevención de la violencia, escuelas "
            "taller, oficinas de empleo juvenil y alianzas multisectoriales.",
            "implementing_organisations": "Alcaldía de Zacatecoluca",
            "partners": "Instituciones nacionales de atención a personas retornadas\nEmpresas "
            "locales\nIglesias y asociaciones comunitarias",
            "funding_sources": "Presupuesto municipal; cooperación internacional",
            "context": _p(
                "Las personas retornadas llegaban a Zacatecoluca sin un lugar a donde acudir, a "
                "barrios donde la violencia había sido una de las razones para irse."
            ),
            "objectives": _p(
                "Ofrecer a las personas retornadas y a las familias de migrantes una puerta "
                "municipal, y reducir la violencia y la falta de oportunidades."
            ),
            "activities": _p(
                "Una oficina municipal que recibe y deriva a personas retornadas y familias; "
                "programas de prevención de la violencia; escuelas taller; oficinas de empleo "
                "juvenil; y alianzas con empresas, iglesias y sociedad civil."
            ),
            "results": _p(
                "La alcaldía informa que la violencia bajó alrededor de un 60% mientras "
                "funcionaban los programas."
            ),
            "lessons_learned": _p(
                "Retorno y prevención de la violencia son la misma agenda a nivel local."
            ),
            "replication": _p(
                "Un equipo pequeño con mandato municipal claro, acuerdos de derivación con "
                "instituciones nacionales y socios para las escuelas taller."
            ),
            "labels": {"violence": ("Reducción de la violencia informada por la alcaldía", "%")},
        },
        "pt": {
            "slug": "zacatecoluca-escritorio-municipal-para-migrantes",
            "title": "Zacatecoluca: o primeiro escritório municipal para migrantes e suas famílias",
            "summary": "Entre os dez municípios de El Salvador que mais receberam retornados em "
            "2018, Zacatecoluca abriu o primeiro escritório municipal do país para migrantes e "
            "suas famílias e o ligou à prevenção da violência, escolas-oficina, escritórios de "
            "emprego juvenil e alianças multissetoriais.",
            "implementing_organisations": "Prefeitura de Zacatecoluca",
            "partners": "Instituições nacionais de atenção a retornados\nEmpresas locais\nIgrejas "
            "e associações comunitárias",
            "funding_sources": "Orçamento municipal; cooperação internacional",
            "context": _p(
                "Os retornados chegavam a Zacatecoluca sem ter a quem recorrer, em bairros onde "
                "a violência tinha sido um dos motivos da partida."
            ),
            "objectives": _p(
                "Oferecer aos retornados e às famílias de migrantes uma porta municipal e "
                "reduzir a violência e a falta de oportunidades."
            ),
            "activities": _p(
                "Um escritório municipal de acolhimento e encaminhamento; programas de "
                "prevenção da violência; escolas-oficina; escritórios de emprego juvenil; e "
                "alianças com empresas, igrejas e sociedade civil."
            ),
            "results": _p(
                "A prefeitura informa que a violência caiu cerca de 60% durante os programas."
            ),
            "lessons_learned": _p(
                "Retorno e prevenção da violência são a mesma agenda no nível local."
            ),
            "replication": _p(
                "Uma pequena equipe com mandato municipal claro, acordos de encaminhamento e "
                "parceiros para as escolas-oficina."
            ),
            "labels": {"violence": ("Redução da violência informada pela prefeitura", "%")},
        },
        "fr": {
            "slug": "zacatecoluca-bureau-municipal-des-migrants",
            "title": "Zacatecoluca : le premier bureau municipal pour les migrants et leurs "
            "familles",
            "summary": "Parmi les dix municipalités du Salvador ayant reçu le plus de personnes de "
            "retour en 2018, Zacatecoluca a ouvert le premier bureau municipal du pays pour les "
            "migrants et leurs familles, relié à la prévention de la violence, à des écoles-"
            "ateliers, à des bureaux d'emploi des jeunes et à des alliances multisectorielles.",
            "implementing_organisations": "Mairie de Zacatecoluca",
            "partners": "Institutions nationales d'aide aux personnes de retour\nEntreprises "
            "locales\nÉglises et associations de quartier",
            "funding_sources": "Budget municipal ; coopération internationale",
            "context": _p(
                "Les personnes de retour arrivaient à Zacatecoluca sans interlocuteur, dans des "
                "quartiers où la violence avait été l'une des raisons du départ."
            ),
            "objectives": _p(
                "Offrir aux personnes de retour et aux familles de migrants une porte municipale, "
                "et réduire la violence et le manque de perspectives."
            ),
            "activities": _p(
                "Un bureau municipal d'accueil et d'orientation ; des programmes de prévention de "
                "la violence ; des écoles-ateliers ; des bureaux d'emploi des jeunes ; et des "
                "alliances avec les entreprises, les Églises et la société civile."
            ),
            "results": _p(
                "La mairie indique que la violence a baissé d'environ 60 % pendant les programmes."
            ),
            "lessons_learned": _p(
                "Retour et prévention de la violence forment un même programme à l'échelle locale."
            ),
            "replication": _p(
                "Une petite équipe au mandat municipal clair, des accords d'orientation et des "
                "partenaires pour les écoles-ateliers."
            ),
            "labels": {"violence": ("Baisse de la violence selon la mairie", "%")},
        },
    },
    {
        "common": {
            "authority": "catamayo-ec",
            "place_name": "Catamayo",
            "country": "EC",
            "start_date": date(2019, 9, 1),
            "end_date": date(2021, 6, 30),
            "status": "completed",
            "budget_band": "50k-250k",
            "themes": ["participation", "local-development", "data"],
            "groups": ["migrants", "refugees", "returnees", "host-communities"],
            "gcm": ["gcm-01", "gcm-16", "gcm-23"],
            "sdg": ["sdg-10.7", "sdg-11.3", "sdg-16.7", "sdg-17.18"],
            "tags": ["territorial planning", "toolkit", "municipal association"],
            "indicators": [("plans", 5, 2020), ("reach", 120, 2021)],
            "beneficiaries": [("migrants", None), ("host-communities", None)],
        },
        "en": {
            "slug": "ecuador-migration-in-local-development-plans",
            "title": "Five Ecuadorian municipalities put migration into their development plans",
            "summary": "Catamayo, El Carmen, Huaquillas, Pedernales and Zamora, with the "
            "national association of municipalities, wrote human mobility into their four-year "
            "development and territorial plans and turned the method into a toolkit shared "
            "online with 120 local governments.",
            "implementing_organisations": "Decentralised autonomous governments of Catamayo, El "
            "Carmen, Huaquillas, Pedernales and Zamora",
            "partners": "Association of Ecuadorian Municipalities (AME)\nInternational "
            "cooperation agencies",
            "funding_sources": "International cooperation; municipal planning budgets",
            "context": _p(
                "Ecuador's local governments must adopt a development and territorial plan at "
                "the start of each four-year term. Migration, although visible in every border "
                "and coastal town, rarely appeared in those plans, so it had no budget line."
            ),
            "objectives": _p(
                "Make human mobility a planned, budgeted part of local development, and give "
                "other municipalities a method they can follow on their own."
            ),
            "activities": _p(
                "Local diagnoses of mobility with data from each canton; planning workshops "
                "with municipal departments and migrant organisations; drafting of objectives, "
                "programmes and indicators for the plans; and a methodological toolkit "
                "published online by the association of municipalities."
            ),
            "results": _p(
                "The five plans include mobility objectives and programmes, and the toolkit has "
                "been shared with 120 local governments across the country."
            ),
            "lessons_learned": _p(
                "The planning calendar matters: working at the moment plans are updated is far "
                "cheaper than amending them later."
            ),
            "replication": _p(
                "A national association that can convene municipalities, local data on "
                "mobility, and planning staff given time to take part in the workshops."
            ),
            "labels": {
                "plans": ("Development plans that include human mobility", "plans"),
                "reach": ("Local governments that received the toolkit", "local governments"),
            },
        },
        "es": {
            "slug": "ecuador-migracion-en-planes-de-desarrollo",
            "title": "Cinco municipios ecuatorianos incorporan la migración en sus planes de "
            "desarrollo",
            "summary": "Catamayo, El Carmen, Huaquillas, Pedernales y Zamora, junto con la "
            "asociación nacional de municipalidades, incluyeron la movilidad humana en sus "
            "planes cuatrienales de desarrollo y ordenamiento territorial y convirtieron el "
            "método en una caja de herramientas compartida en línea con 120 gobiernos locales.",
            "implementing_organisations": "Gobiernos autónomos descentralizados de Catamayo, El "
            "Carmen, Huaquillas, Pedernales y Zamora",
            "partners": "Asociación de Municipalidades Ecuatorianas (AME)\nAgencias de "
            "cooperación internacional",
            "funding_sources": "Cooperación internacional; presupuestos municipales de planificación",
            "context": _p(
                "Los gobiernos locales de Ecuador aprueban un plan de desarrollo y ordenamiento "
                "territorial al inicio de cada periodo. La migración rara vez figuraba en esos "
                "planes y por eso no tenía presupuesto."
            ),
            "objectives": _p(
                "Hacer de la movilidad humana una parte planificada y presupuestada del "
                "desarrollo local."
            ),
            "activities": _p(
                "Diagnósticos locales de movilidad; talleres de planificación con las "
                "direcciones municipales y organizaciones de migrantes; redacción de objetivos, "
                "programas e indicadores; y una caja de herramientas metodológica publicada en "
                "línea."
            ),
            "results": _p(
                "Los cinco planes incluyen objetivos y programas de movilidad, y la caja de "
                "herramientas llegó a 120 gobiernos locales."
            ),
            "lessons_learned": _p(
                "El calendario importa: trabajar cuando se actualizan los planes es mucho más "
                "barato que modificarlos después."
            ),
            "replication": _p(
                "Una asociación nacional capaz de convocar a los municipios, datos locales y "
                "tiempo del personal de planificación."
            ),
            "labels": {
                "plans": ("Planes de desarrollo que incluyen la movilidad humana", "planes"),
                "reach": ("Gobiernos locales que recibieron la caja de herramientas", "gobiernos"),
            },
        },
        "pt": {
            "slug": "equador-migracao-nos-planos-de-desenvolvimento",
            "title": "Cinco municípios equatorianos incluem a migração nos seus planos de "
            "desenvolvimento",
            "summary": "Catamayo, El Carmen, Huaquillas, Pedernales e Zamora, com a associação "
            "nacional de municípios, incluíram a mobilidade humana nos seus planos quadrienais "
            "de desenvolvimento e ordenamento territorial e transformaram o método num kit de "
            "ferramentas partilhado online com 120 governos locais.",
            "implementing_organisations": "Governos autônomos descentralizados de Catamayo, El "
            "Carmen, Huaquillas, Pedernales e Zamora",
            "partners": "Associação de Municípios Equatorianos (AME)\nAgências de cooperação "
            "internacional",
            "funding_sources": "Cooperação internacional; orçamentos municipais de planejamento",
            "context": _p(
                "Os governos locais do Equador aprovam um plano de desenvolvimento no início de "
                "cada mandato, e a migração raramente aparecia nesses planos."
            ),
            "objectives": _p(
                "Tornar a mobilidade humana uma parte planejada e orçamentada do desenvolvimento "
                "local."
            ),
            "activities": _p(
                "Diagnósticos locais de mobilidade; oficinas de planejamento; redação de "
                "objetivos, programas e indicadores; e um kit metodológico publicado online."
            ),
            "results": _p(
                "Os cinco planos incluem objetivos de mobilidade, e o kit chegou a 120 governos "
                "locais."
            ),
            "lessons_learned": _p(
                "Trabalhar no momento em que os planos são atualizados custa muito menos."
            ),
            "replication": _p(
                "Uma associação nacional que reúna os municípios, dados locais e tempo da "
                "equipe de planejamento."
            ),
            "labels": {
                "plans": ("Planos de desenvolvimento que incluem a mobilidade humana", "planos"),
                "reach": ("Governos locais que receberam o kit", "governos locais"),
            },
        },
        "fr": {
            "slug": "equateur-migration-dans-les-plans-de-developpement",
            "title": "Cinq municipalités équatoriennes intègrent la migration à leurs plans de "
            "développement",
            "summary": "Catamayo, El Carmen, Huaquillas, Pedernales et Zamora, avec l'association "
            "nationale des municipalités, ont inscrit la mobilité humaine dans leurs plans "
            "quadriennaux de développement et d'aménagement du territoire, puis ont fait de la "
            "méthode une boîte à outils partagée en ligne avec 120 gouvernements locaux.",
            "implementing_organisations": "Gouvernements autonomes décentralisés de Catamayo, El "
            "Carmen, Huaquillas, Pedernales et Zamora",
            "partners": "Association des municipalités équatoriennes (AME)\nAgences de "
            "coopération internationale",
            "funding_sources": "Coopération internationale ; budgets municipaux de planification",
            "context": _p(
                "Les gouvernements locaux équatoriens adoptent un plan de développement au début "
                "de chaque mandat ; la migration y figurait rarement, et n'avait donc pas de budget."
            ),
            "objectives": _p(
                "Faire de la mobilité humaine une partie planifiée et budgétée du développement "
                "local."
            ),
            "activities": _p(
                "Diagnostics locaux de la mobilité ; ateliers de planification ; rédaction "
                "d'objectifs, de programmes et d'indicateurs ; boîte à outils méthodologique "
                "publiée en ligne."
            ),
            "results": _p(
                "Les cinq plans comportent des objectifs de mobilité, et la boîte à outils a "
                "atteint 120 gouvernements locaux."
            ),
            "lessons_learned": _p(
                "Travailler au moment de la mise à jour des plans coûte bien moins cher."
            ),
            "replication": _p(
                "Une association nationale capable de réunir les municipalités, des données "
                "locales et du temps pour les équipes de planification."
            ),
            "labels": {
                "plans": ("Plans de développement intégrant la mobilité humaine", "plans"),
                "reach": ("Gouvernements locaux ayant reçu la boîte à outils", "gouvernements"),
            },
        },
    },
]
