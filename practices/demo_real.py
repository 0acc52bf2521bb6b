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


# Each case is told only from its public source ("source" below; a copy of its text is kept in
# demo_sources/ and tests/practices/test_demo_sources.py checks every figure against it). What the
# source does not say (a start date, a budget, lessons) is left empty rather than guessed.
REAL_PRACTICES = [
    {
        "common": {
            "authority": "amatitlan-gt",
            "place_name": "Amatitlán",
            "country": "GT",
            "start_date": date(2019, 11, 1),
            "end_date": date(2021, 11, 30),
            "status": "completed",
            "budget_band": "",
            "original_language": "en",
            "source": {
                "title": "Amatitlán Includes You: Reception, Management and Integration of "
                "Labour Migrants in the City",
                "publisher": "Cities Alliance",
                "url": "https://citiesalliance.org/amatitlan-includes-you-reception-management-"
                "and-integration-labour-migrants-city",
                "reference": "case-amatitlan-cities-alliance.txt",
            },
            "themes": ["employment", "return", "local-development", "anti-xenophobia"],
            "groups": ["returnees", "migrants", "women-girls"],
            "gcm": ["gcm-06", "gcm-17", "gcm-18", "gcm-21"],
            "sdg": ["sdg-4.4", "sdg-8.5", "sdg-10.7", "sdg-16.7"],
            "indicators": [("entries", 400, 2021), ("course", 75, 2021)],
            "beneficiaries": [("migrants", 75)],
        },
        "en": {
            "slug": "amatitlan-reception-and-labour-integration",
            "title": "Amatitlán: reception and labour integration of internal and returning migrants",
            "summary": "From November 2019 to November 2021, the project “Amatitlán Includes "
            "You” helped the city treat labour migration as part of its development planning: "
            "training for municipal technical staff, a municipal migration strategy in the "
            "development plan, a campaign against stereotypes and the OportuGuate platform for "
            "returning migrants.",
            "implementing_organisations": "AVINA Foundation, in close coordination with the "
            "Municipality of Amatitlán and the Municipal Development Council (COMUDE)",
            "partners": "Cities Alliance (Global Programme on Cities and Migration)\n"
            "Mancomunidad Gran Ciudad del Sur (MGCS)\nINTECAP\nGuatemalan Migration Institute\n"
            "International Organization for Migration (IOM)",
            "funding_sources": "Swiss Agency for Development and Cooperation (SDC), through the "
            "Cities Alliance Global Programme on Cities and Migration",
            "context": _p(
                "Amatitlán is a fast-growing secondary city about 30 km southwest of Guatemala "
                "City and one of the seven cities of the Mancomunidad Gran Ciudad del Sur. "
                "People come from rural areas for lack of work there, many residents commute "
                "daily to Villa Nueva and Guatemala City, and tougher migration policies in "
                "neighbouring countries have brought a wave of returning migrants."
            ),
            "objectives": _p(
                "Build the capacity of the local authorities to make the most of labour "
                "migration, set up municipal mechanisms through which the city's stakeholders "
                "build a shared vision, and produce the analysis the city needs for a labour "
                "integration strategy."
            ),
            "activities": _p(
                "Technical assistance to the Municipal Office for Territorial and Urban "
                "Development; a Diploma in Territorial Management followed by 25 technical staff "
                "from the municipalities of the Mancomunidad and San Marcos; Municipal "
                "Development Forums; three participatory strategies (local economic "
                "development, access to housing, prevention of violence); a Municipal Migration "
                "Strategy embedded in the Municipal Development Plan; a campaign on social "
                "networks, local television and radio against stereotypes of migration; and "
                "the OportuGuate platform, which registers returning migrants and shows the "
                "services available to them (employment, skill certification, entrepreneurship, "
                "credit)."
            ),
            "results": _p(
                "In 2021 the OportuGuate database recorded 400 entries and enabled 75 migrants, "
                "two thirds of them women, to join an entrepreneurship programme on gastronomy "
                "offered by INTECAP. An agreement with IOM was to enhance the platform in 2022, "
                "and the Guatemalan Migration Institute, which backs it, is to be trained to "
                "host it."
            ),
            "lessons_learned": "",
            "replication": "",
            "tags": ["online platform", "municipal planning", "entrepreneurship"],
            "labels": {
                "entries": ("Entries recorded in the OportuGuate database", "entries"),
                "course": ("Migrants who joined the entrepreneurship programme", "people"),
            },
        },
        "es": {
            "slug": "amatitlan-acogida-e-insercion-laboral",
            "title": "Amatitlán: acogida e inserción laboral de personas migrantes internas y "
            "retornadas",
            "summary": "De noviembre de 2019 a noviembre de 2021, el proyecto «Amatitlán te "
            "incluye» ayudó a la ciudad a tratar la migración laboral como parte de su "
            "planificación del desarrollo: formación del personal técnico municipal, una "
            "estrategia municipal de migración en el plan de desarrollo, una campaña contra los "
            "estereotipos y la plataforma OportuGuate para las personas migrantes retornadas.",
            "implementing_organisations": "Fundación AVINA, en estrecha coordinación con la "
            "Municipalidad de Amatitlán y el Consejo Municipal de Desarrollo (COMUDE)",
            "partners": "Cities Alliance (Programa Global sobre Ciudades y Migración)\n"
            "Mancomunidad Gran Ciudad del Sur (MGCS)\nINTECAP\nInstituto Guatemalteco de "
            "Migración\nOrganización Internacional para las Migraciones (OIM)",
            "funding_sources": "Agencia Suiza para el Desarrollo y la Cooperación (COSUDE), a "
            "través del Programa Global sobre Ciudades y Migración de Cities Alliance",
            "context": _p(
                "Amatitlán es una ciudad intermedia en rápido crecimiento, a unos 30 km al "
                "suroeste de la Ciudad de Guatemala, y una de las siete ciudades de la "
                "Mancomunidad Gran Ciudad del Sur. Llegan personas de zonas rurales por falta "
                "de empleo, muchos habitantes viajan a diario a Villa Nueva y a la Ciudad de "
                "Guatemala, y las políticas migratorias más duras de los países vecinos han "
                "traído una ola de migrantes retornados."
            ),
            "objectives": _p(
                "Fortalecer las capacidades de las autoridades locales para aprovechar la "
                "migración laboral, crear mecanismos municipales con los que los actores de la "
                "ciudad construyan una visión común y producir el análisis que la ciudad "
                "necesita para una estrategia de inserción laboral."
            ),
            "activities": _p(
                "Asistencia técnica a la Oficina Municipal de Desarrollo Territorial y Urbano; "
                "un diplomado en gestión territorial con 25 técnicos de los municipios de la "
                "Mancomunidad y de San Marcos; foros municipales de desarrollo; tres "
                "estrategias participativas (desarrollo económico local, acceso a la vivienda, "
                "prevención de la violencia); una estrategia municipal de migración integrada "
                "en el plan de desarrollo municipal; una campaña en redes sociales, televisión "
                "local y radio contra los estereotipos sobre la migración; y la plataforma "
                "OportuGuate, que registra a las personas retornadas y muestra los servicios a "
                "su alcance (empleo, certificación de competencias, emprendimiento, crédito)."
            ),
            "results": _p(
                "En 2021 la base de datos de OportuGuate registró 400 entradas y permitió que "
                "75 migrantes, dos tercios de ellas mujeres, accedieran a un programa de "
                "emprendimiento en gastronomía del INTECAP. Un acuerdo con la OIM preveía "
                "mejorar la plataforma en 2022, y el Instituto Guatemalteco de Migración, que la "
                "respalda, recibirá formación para alojarla."
            ),
            "lessons_learned": "",
            "replication": "",
            "tags": ["plataforma en línea", "planificación municipal", "emprendimiento"],
            "labels": {
                "entries": ("Entradas registradas en la base de datos de OportuGuate", "entradas"),
                "course": ("Migrantes que accedieron al programa de emprendimiento", "personas"),
            },
        },
        "pt": {
            "slug": "amatitlan-acolhimento-e-insercao-laboral",
            "title": "Amatitlán: acolhimento e inserção laboral de migrantes internos e retornados",
            "summary": "De novembro de 2019 a novembro de 2021, o projeto “Amatitlán te inclui” "
            "ajudou a cidade a tratar a migração laboral como parte do seu planejamento do "
            "desenvolvimento: formação da equipe técnica municipal, uma estratégia municipal de "
            "migração no plano de desenvolvimento, uma campanha contra estereótipos e a "
            "plataforma OportuGuate para migrantes retornados.",
            "implementing_organisations": "Fundação AVINA, em estreita coordenação com o "
            "Município de Amatitlán e o Conselho Municipal de Desenvolvimento (COMUDE)",
            "partners": "Cities Alliance (Programa Global sobre Cidades e Migração)\n"
            "Mancomunidad Gran Ciudad del Sur (MGCS)\nINTECAP\nInstituto Guatemalteco de "
            "Migração\nOrganização Internacional para as Migrações (OIM)",
            "funding_sources": "Agência Suíça para o Desenvolvimento e a Cooperação (SDC), por "
            "meio do Programa Global sobre Cidades e Migração da Cities Alliance",
            "context": _p(
                "Amatitlán é uma cidade intermediária em rápido crescimento, a cerca de 30 km a "
                "sudoeste da Cidade da Guatemala, e uma das sete cidades da Mancomunidad Gran "
                "Ciudad del Sur. Chegam pessoas das zonas rurais por falta de trabalho, muitos "
                "moradores se deslocam todos os dias para Villa Nueva e a Cidade da Guatemala, e "
                "políticas migratórias mais duras nos países vizinhos trouxeram uma onda de "
                "migrantes retornados."
            ),
            "objectives": _p(
                "Fortalecer as capacidades das autoridades locais para aproveitar a migração "
                "laboral, criar mecanismos municipais para que os atores da cidade construam uma "
                "visão comum e produzir a análise de que a cidade precisa para uma estratégia de "
                "inserção laboral."
            ),
            "activities": _p(
                "Assistência técnica ao Escritório Municipal de Desenvolvimento Territorial e "
                "Urbano; um curso de especialização em gestão territorial com 25 técnicos dos "
                "municípios da Mancomunidad e de San Marcos; fóruns municipais de "
                "desenvolvimento; três estratégias participativas (desenvolvimento econômico "
                "local, acesso à moradia, prevenção da violência); uma estratégia municipal de "
                "migração integrada ao plano de desenvolvimento municipal; uma campanha nas "
                "redes sociais, na televisão local e no rádio contra estereótipos sobre a "
                "migração; e a plataforma OportuGuate, que registra os retornados e mostra os "
                "serviços disponíveis (emprego, certificação de competências, empreendedorismo, "
                "crédito)."
            ),
            "results": _p(
                "Em 2021 a base de dados da OportuGuate registrou 400 entradas e permitiu que 75 "
                "migrantes, dois terços delas mulheres, entrassem num programa de "
                "empreendedorismo em gastronomia oferecido pelo INTECAP. Um acordo com a OIM "
                "previa aprimorar a plataforma em 2022, e o Instituto Guatemalteco de Migração, "
                "que a apoia, receberá formação para hospedá-la."
            ),
            "lessons_learned": "",
            "replication": "",
            "tags": ["plataforma online", "planejamento municipal", "empreendedorismo"],
            "labels": {
                "entries": ("Entradas registradas na base de dados da OportuGuate", "entradas"),
                "course": ("Migrantes que entraram no programa de empreendedorismo", "pessoas"),
            },
        },
        "fr": {
            "slug": "amatitlan-accueil-et-insertion-professionnelle",
            "title": "Amatitlán : accueil et insertion professionnelle des migrants internes et "
            "de retour",
            "summary": "De novembre 2019 à novembre 2021, le projet « Amatitlán t'inclut » a "
            "aidé la ville à traiter la migration de travail comme une part de sa planification "
            "du développement : formation du personnel technique municipal, stratégie municipale "
            "de migration inscrite au plan de développement, campagne contre les stéréotypes et "
            "plateforme OportuGuate pour les migrants de retour.",
            "implementing_organisations": "Fondation AVINA, en étroite coordination avec la "
            "municipalité d'Amatitlán et le Conseil municipal de développement (COMUDE)",
            "partners": "Cities Alliance (Programme mondial Villes et migration)\n"
            "Mancomunidad Gran Ciudad del Sur (MGCS)\nINTECAP\nInstitut guatémaltèque des "
            "migrations\nOrganisation internationale pour les migrations (OIM)",
            "funding_sources": "Direction du développement et de la coopération suisse (DDC), "
            "par le Programme mondial Villes et migration de Cities Alliance",
            "context": _p(
                "Amatitlán est une ville secondaire en forte croissance, à environ 30 km au "
                "sud-ouest de la ville de Guatemala, et l'une des sept villes de la Mancomunidad "
                "Gran Ciudad del Sur. Des habitants des zones rurales y arrivent faute d'emploi, "
                "beaucoup de résidents se rendent chaque jour à Villa Nueva et à Guatemala, et "
                "le durcissement des politiques migratoires des pays voisins a entraîné une "
                "vague de retours."
            ),
            "objectives": _p(
                "Renforcer les capacités des autorités locales pour tirer parti de la migration "
                "de travail, créer des mécanismes municipaux qui permettent aux acteurs de la "
                "ville de bâtir une vision commune, et produire l'analyse nécessaire à une "
                "stratégie d'insertion professionnelle."
            ),
            "activities": _p(
                "Assistance technique au Bureau municipal du développement territorial et "
                "urbain ; un diplôme en gestion territoriale suivi par 25 techniciens des "
                "municipalités de la Mancomunidad et de San Marcos ; des forums municipaux de "
                "développement ; trois stratégies participatives (développement économique "
                "local, accès au logement, prévention de la violence) ; une stratégie municipale "
                "de migration intégrée au plan de développement municipal ; une campagne sur les "
                "réseaux sociaux, la télévision locale et la radio contre les stéréotypes sur la "
                "migration ; et la plateforme OportuGuate, qui enregistre les migrants de retour "
                "et présente les services à leur disposition (emploi, certification des "
                "compétences, entrepreneuriat, crédit)."
            ),
            "results": _p(
                "En 2021, la base de données OportuGuate comptait 400 inscriptions et a permis à "
                "75 migrants, aux deux tiers des femmes, de suivre un programme d'entrepreneuriat "
                "en gastronomie proposé par l'INTECAP. Un accord avec l'OIM prévoyait "
                "d'améliorer la plateforme en 2022, et l'Institut guatémaltèque des migrations, "
                "qui la soutient, doit être formé pour l'héberger."
            ),
            "lessons_learned": "",
            "replication": "",
            "tags": ["plateforme en ligne", "planification municipale", "entrepreneuriat"],
            "labels": {
                "entries": ("Inscriptions dans la base de données OportuGuate", "inscriptions"),
                "course": ("Migrants ayant suivi le programme d'entrepreneuriat", "personnes"),
            },
        },
    },
    {
        "common": {
            "authority": "zacatecoluca-sv",
            "place_name": "Zacatecoluca",
            "country": "SV",
            "start_date": None,
            "end_date": None,
            "status": "running",
            "budget_band": "",
            "original_language": "en",
            "source": {
                "title": "Local governments and reintegration: the success of Zacatecoluca",
                "publisher": "IOM Regional Office in San José (blog); author: Francisco Salvador "
                "Hirezi Morataya, Mayor of Zacatecoluca",
                "url": "https://rosanjose.iom.int/site/en/blog/local-governments-and-"
                "reintegration-success-zacatecoluca",
                "reference": "case-zacatecoluca-reintegration.txt",
            },
            "themes": ["return", "employment", "participation", "psychosocial"],
            "groups": ["returnees", "host-communities"],
            "gcm": ["gcm-02", "gcm-16", "gcm-21"],
            "sdg": ["sdg-8.5", "sdg-10.7", "sdg-16.7"],
            "indicators": [],
            "beneficiaries": [],
        },
        "en": {
            "slug": "zacatecoluca-municipal-office-for-migrants",
            "title": "Zacatecoluca: the first municipal office for migrants and their families",
            "summary": "Tenth among the municipalities of El Salvador with the most returnees "
            "from the United States and Mexico in 2018, Zacatecoluca combined violence "
            "prevention, competitiveness, the country's first municipal office for migrants "
            "and their families, and multi-sector alliances in one reintegration strategy.",
            "implementing_organisations": "Municipality of Zacatecoluca",
            "partners": "International Organization for Migration (IOM)\nNational Council for "
            "the Protection and Development of the Migrant Person and their Family "
            "(CONMIGRANTES)",
            "funding_sources": "",
            "context": _p(
                "In 2015 Zacatecoluca was the fourth most violent municipality in El Salvador; "
                "violence and hardship pushed people towards irregular migration. In 2018 it "
                "ranked tenth among the municipalities receiving the most returnees from the "
                "United States and Mexico, according to the General Directorate of Migration "
                "and Immigration."
            ),
            "objectives": _p(
                "Reintegrate returnees fully and address the many causes of migration, with a "
                "national and local strategy for the attention of migrants and returnees."
            ),
            "activities": _p(
                "Four lines of work: prevention of violence (workshop schools, support for "
                "entrepreneurs, flexible ways back into school, youth employment offices, arts "
                "and culture, and a local office for victims of violence); better municipal "
                "competitiveness; with IOM's cooperation and the technical advice of "
                "CONMIGRANTES, the country's first municipal office for migrants and their "
                "families, which advises on preventing irregular migration, assists returnees "
                "and keeps links with Salvadorans abroad; and alliances with the national "
                "government, international and cooperation agencies, academia, the private "
                "sector and civil society."
            ),
            "results": _p(
                "The municipality reports a better local competitiveness index and a 60% "
                "reduction in violence, according to its Municipal Observatory for the "
                "Prevention of Violence, which draws on data from the National Civil Police."
            ),
            "lessons_learned": _p(
                "Local governments, close to the people, can take a greater part in preventing "
                "and managing migration."
            ),
            "replication": "",
            "tags": ["violence prevention", "municipal office", "youth employment"],
            "labels": {},
        },
        "es": {
            "slug": "zacatecoluca-oficina-municipal-de-migrantes",
            "title": "Zacatecoluca: la primera oficina municipal para personas migrantes y sus "
            "familias",
            "summary": "Décimo entre los municipios de El Salvador con más personas retornadas "
            "desde Estados Unidos y México en 2018, Zacatecoluca unió en una estrategia de "
            "reintegración la prevención de la violencia, la competitividad, la primera oficina "
            "municipal del país para migrantes y sus familias, y alianzas multisectoriales.",
            "implementing_organisations": "Alcaldía de Zacatecoluca",
            "partners": "Organización Internacional para las Migraciones (OIM)\nConsejo Nacional "
            "para la Protección y Desarrollo de la Persona Migrante y su Familia (CONMIGRANTES)",
            "funding_sources": "",
            "context": _p(
                "En 2015 Zacatecoluca era el cuarto municipio más violento de El Salvador; la "
                "violencia y las dificultades empujaban a la migración irregular. En 2018 ocupó "
                "el décimo lugar entre los municipios con más personas retornadas desde Estados "
                "Unidos y México, según la Dirección General de Migración y Extranjería."
            ),
            "objectives": _p(
                "Lograr una reintegración integral de las personas retornadas y atender las "
                "múltiples causas de la migración, con una estrategia nacional y local de "
                "atención a la población migrante y retornada."
            ),
            "activities": _p(
                "Cuatro líneas de trabajo: prevención de la violencia (escuelas taller, apoyo a "
                "emprendedores, modalidades flexibles de regreso a la escuela, oficinas de "
                "empleo juvenil, arte y cultura, y una oficina local de atención a víctimas); "
                "mejora de la competitividad municipal; con la cooperación de la OIM y la "
                "asesoría técnica del CONMIGRANTES, la primera oficina municipal del país para "
                "migrantes y sus familias, que orienta sobre la prevención de la migración "
                "irregular, asiste a las personas retornadas y mantiene vínculos con los "
                "salvadoreños en el exterior; y alianzas con el gobierno nacional, agencias "
                "internacionales y de cooperación, la academia, el sector privado y la sociedad "
                "civil."
            ),
            "results": _p(
                "El municipio informa de una mejora de su índice de competitividad local y de "
                "una reducción de la violencia del 60%, según su Observatorio Municipal de "
                "Prevención de la Violencia, alimentado con datos de la Policía Nacional Civil."
            ),
            "lessons_learned": _p(
                "Los gobiernos locales, cercanos a la gente, pueden asumir un papel mayor en la "
                "prevención y la gestión de la migración."
            ),
            "replication": "",
            "tags": ["prevención de la violencia", "oficina municipal", "empleo juvenil"],
            "labels": {},
        },
        "pt": {
            "slug": "zacatecoluca-escritorio-municipal-para-migrantes",
            "title": "Zacatecoluca: o primeiro escritório municipal para migrantes e suas famílias",
            "summary": "Décimo entre os municípios de El Salvador com mais retornados dos "
            "Estados Unidos e do México em 2018, Zacatecoluca reuniu numa estratégia de "
            "reintegração a prevenção da violência, a competitividade, o primeiro escritório "
            "municipal do país para migrantes e suas famílias e alianças multissetoriais.",
            "implementing_organisations": "Prefeitura de Zacatecoluca",
            "partners": "Organização Internacional para as Migrações (OIM)\nConselho Nacional "
            "para a Proteção e o Desenvolvimento da Pessoa Migrante e sua Família "
            "(CONMIGRANTES)",
            "funding_sources": "",
            "context": _p(
                "Em 2015 Zacatecoluca era o quarto município mais violento de El Salvador; a "
                "violência e as dificuldades empurravam as pessoas para a migração irregular. "
                "Em 2018 ficou em décimo lugar entre os municípios que mais receberam "
                "retornados dos Estados Unidos e do México, segundo a Direção-Geral de Migração "
                "e Estrangeiros."
            ),
            "objectives": _p(
                "Reintegrar plenamente os retornados e enfrentar as múltiplas causas da "
                "migração, com uma estratégia nacional e local de atenção a migrantes e "
                "retornados."
            ),
            "activities": _p(
                "Quatro linhas de trabalho: prevenção da violência (escolas-oficina, apoio a "
                "empreendedores, formas flexíveis de voltar à escola, escritórios de emprego "
                "juvenil, arte e cultura, e um escritório local para vítimas de violência); "
                "melhor competitividade municipal; com a cooperação da OIM e a assessoria "
                "técnica do CONMIGRANTES, o primeiro escritório municipal do país para migrantes "
                "e suas famílias, que orienta sobre a prevenção da migração irregular, atende "
                "retornados e mantém laços com os salvadorenhos no exterior; e alianças com o "
                "governo nacional, agências internacionais e de cooperação, universidades, o "
                "setor privado e a sociedade civil."
            ),
            "results": _p(
                "O município informa uma melhora do seu índice de competitividade local e uma "
                "redução de 60% da violência, segundo o seu Observatório Municipal de Prevenção "
                "da Violência, alimentado com dados da Polícia Nacional Civil."
            ),
            "lessons_learned": _p(
                "Os governos locais, próximos das pessoas, podem assumir um papel maior na "
                "prevenção e na gestão da migração."
            ),
            "replication": "",
            "tags": ["prevenção da violência", "escritório municipal", "emprego juvenil"],
            "labels": {},
        },
        "fr": {
            "slug": "zacatecoluca-bureau-municipal-des-migrants",
            "title": "Zacatecoluca : le premier bureau municipal pour les migrants et leurs "
            "familles",
            "summary": "Dixième des municipalités du Salvador ayant reçu le plus de personnes de "
            "retour des États-Unis et du Mexique en 2018, Zacatecoluca a réuni dans une même "
            "stratégie de réintégration la prévention de la violence, la compétitivité, le "
            "premier bureau municipal du pays pour les migrants et leurs familles, et des "
            "alliances multisectorielles.",
            "implementing_organisations": "Mairie de Zacatecoluca",
            "partners": "Organisation internationale pour les migrations (OIM)\nConseil national "
            "pour la protection et le développement de la personne migrante et de sa famille "
            "(CONMIGRANTES)",
            "funding_sources": "",
            "context": _p(
                "En 2015, Zacatecoluca était la quatrième municipalité la plus violente du "
                "Salvador ; la violence et les difficultés poussaient à la migration irrégulière. "
                "En 2018, elle était dixième parmi les municipalités recevant le plus de "
                "personnes de retour des États-Unis et du Mexique, selon la Direction générale "
                "des migrations et des étrangers."
            ),
            "objectives": _p(
                "Réintégrer pleinement les personnes de retour et agir sur les multiples causes "
                "de la migration, par une stratégie nationale et locale d'accueil des migrants "
                "et des personnes de retour."
            ),
            "activities": _p(
                "Quatre axes : prévention de la violence (écoles-ateliers, soutien aux "
                "entrepreneurs, retour à l'école par des formules souples, bureaux d'emploi des "
                "jeunes, arts et culture, et un bureau local d'aide aux victimes) ; meilleure "
                "compétitivité municipale ; avec la coopération de l'OIM et les conseils "
                "techniques du CONMIGRANTES, le premier bureau municipal du pays pour les "
                "migrants et leurs familles, qui informe sur la prévention de la migration "
                "irrégulière, aide les personnes de retour et garde le lien avec les Salvadoriens "
                "de l'étranger ; et des alliances avec le gouvernement national, les agences "
                "internationales et de coopération, l'université, le secteur privé et la "
                "société civile."
            ),
            "results": _p(
                "La municipalité fait état d'un meilleur indice de compétitivité locale et d'une "
                "baisse de 60 % de la violence, selon son Observatoire municipal de prévention de "
                "la violence, alimenté par les données de la Police nationale civile."
            ),
            "lessons_learned": _p(
                "Les gouvernements locaux, proches des habitants, peuvent jouer un plus grand "
                "rôle dans la prévention et la gestion des migrations."
            ),
            "replication": "",
            "tags": ["prévention de la violence", "bureau municipal", "emploi des jeunes"],
            "labels": {},
        },
    },
    {
        "common": {
            "authority": "catamayo-ec",
            "place_name": "Catamayo",
            "country": "EC",
            "start_date": None,
            "end_date": None,
            "status": "completed",
            "budget_band": "",
            "original_language": "en",
            "source": {
                "title": "Integrating migration into local development planning",
                "publisher": "International Organization for Migration (IOM), Mainstreaming "
                "Migration into International Cooperation and Development (MMICD) project",
                "url": "https://migration4development.org/en/projects/integrating-migration-"
                "local-development-planning",
                "reference": "case-ecuador-pdot-mmicd.txt",
            },
            "themes": ["participation", "local-development"],
            "groups": ["migrants"],
            "gcm": ["gcm-23"],
            "sdg": ["sdg-10.7", "sdg-11.3", "sdg-16.7"],
            "indicators": [],
            "beneficiaries": [],
        },
        "en": {
            "slug": "ecuador-migration-in-local-development-plans",
            "title": "Five Ecuadorian municipalities put migration into their development plans",
            "summary": "With technical assistance from IOM and the Association of Ecuadorean "
            "Municipalities (AME), Catamayo, El Carmen, Huaquillas, Pedernales and Zamora "
            "integrated migration into the four-year development and territorial management "
            "plans (PDOTs) they were revising, with a methodological toolkit later shared with "
            "120 local governments.",
            "implementing_organisations": "International Organization for Migration (IOM), with "
            "the Association of Ecuadorean Municipalities (AME)",
            "partners": "Decentralised autonomous governments of Catamayo, El Carmen, "
            "Huaquillas, Pedernales and Zamora\nUN-Habitat\nIOM's M4SD project",
            "funding_sources": "European Union (DG INTPA), through the MMICD project",
            "context": _p(
                "Ecuador's decentralised autonomous governments (GADs) deal with the "
                "opportunities and challenges of migration directly, through local development "
                "planning and the services they provide. Five of them were revising their "
                "four-year development and territorial management plans (PDOTs)."
            ),
            "objectives": _p(
                "Test the draft tools of the MMICD project to strengthen local governments' "
                "capacity to integrate migration into development planning."
            ),
            "activities": _p(
                "Short-term consultants analysed migration, local governance and the needs of "
                "Ecuadorean municipalities; a local methodological toolkit to integrate "
                "migration into PDOTs was written from that analysis; the consultants used it "
                "with the five GADs to find the migration linkages in their plans; online "
                "training and consultations followed, including an online workshop with the "
                "AME that presented the toolkit to 120 GADs nationwide."
            ),
            "results": _p(
                "Migration was integrated at policy level in the five GADs, their staff "
                "learned how to put the migration aspects of their plans into practice, and "
                "through the AME the GADs of Ecuador have permanent access to the toolkit for "
                "implementing its PDOT and for future planning cycles."
            ),
            "lessons_learned": _p(
                "Decentralised governments are well placed to connect migration and "
                "development, because they plan locally and deliver services."
            ),
            "replication": _p(
                "The toolkit, available to GADs through the AME, can guide other "
                "municipalities' plans."
            ),
            "tags": ["territorial planning", "toolkit", "municipal association"],
            "labels": {},
        },
        "es": {
            "slug": "ecuador-migracion-en-planes-de-desarrollo",
            "title": "Cinco municipios ecuatorianos incorporan la migración en sus planes de "
            "desarrollo",
            "summary": "Con asistencia técnica de la OIM y la Asociación de Municipalidades "
            "Ecuatorianas (AME), Catamayo, El Carmen, Huaquillas, Pedernales y Zamora integraron "
            "la migración en los planes cuatrienales de desarrollo y ordenamiento territorial "
            "(PDOT) que estaban actualizando, con una caja de herramientas metodológica "
            "compartida después con 120 gobiernos locales.",
            "implementing_organisations": "Organización Internacional para las Migraciones "
            "(OIM), con la Asociación de Municipalidades Ecuatorianas (AME)",
            "partners": "Gobiernos autónomos descentralizados de Catamayo, El Carmen, "
            "Huaquillas, Pedernales y Zamora\nONU-Hábitat\nProyecto M4SD de la OIM",
            "funding_sources": "Unión Europea (DG INTPA), mediante el proyecto MMICD",
            "context": _p(
                "Los gobiernos autónomos descentralizados (GAD) de Ecuador enfrentan "
                "directamente las oportunidades y los retos de la migración, mediante la "
                "planificación del desarrollo local y los servicios que prestan. Cinco de ellos "
                "estaban actualizando sus planes cuatrienales de desarrollo y ordenamiento "
                "territorial (PDOT)."
            ),
            "objectives": _p(
                "Probar las herramientas preliminares del proyecto MMICD para fortalecer la "
                "capacidad de los gobiernos locales de integrar la migración en la "
                "planificación del desarrollo."
            ),
            "activities": _p(
                "Consultores de corto plazo analizaron la migración, la gobernanza local y las "
                "necesidades de los municipios ecuatorianos; con ese análisis se elaboró una "
                "caja de herramientas metodológica para integrar la migración en los PDOT; los "
                "consultores la aplicaron con los cinco GAD para identificar los vínculos con "
                "la migración en sus planes; siguieron formaciones y consultas en línea, entre "
                "ellas un taller virtual con la AME que presentó la caja de herramientas a 120 "
                "GAD de todo el país."
            ),
            "results": _p(
                "La migración quedó integrada en las políticas de los cinco GAD, su personal "
                "aprendió a poner en práctica los aspectos migratorios de sus planes y, a "
                "través de la AME, los GAD del país tienen acceso permanente a la caja de "
                "herramientas para ejecutar su PDOT y para los próximos ciclos de planificación."
            ),
            "lessons_learned": _p(
                "Los gobiernos descentralizados están bien situados para vincular migración y "
                "desarrollo, porque planifican en lo local y prestan servicios."
            ),
            "replication": _p(
                "La caja de herramientas, disponible para los GAD a través de la AME, puede "
                "guiar los planes de otros municipios."
            ),
            "tags": [
                "ordenamiento territorial",
                "caja de herramientas",
                "asociación de municipios",
            ],
            "labels": {},
        },
        "pt": {
            "slug": "equador-migracao-nos-planos-de-desenvolvimento",
            "title": "Cinco municípios equatorianos incluem a migração nos seus planos de "
            "desenvolvimento",
            "summary": "Com assistência técnica da OIM e da Associação de Municípios "
            "Equatorianos (AME), Catamayo, El Carmen, Huaquillas, Pedernales e Zamora "
            "integraram a migração nos planos quadrienais de desenvolvimento e ordenamento "
            "territorial (PDOT) que estavam revisando, com um kit metodológico depois "
            "compartilhado com 120 governos locais.",
            "implementing_organisations": "Organização Internacional para as Migrações (OIM), "
            "com a Associação de Municípios Equatorianos (AME)",
            "partners": "Governos autônomos descentralizados de Catamayo, El Carmen, Huaquillas, "
            "Pedernales e Zamora\nONU-Habitat\nProjeto M4SD da OIM",
            "funding_sources": "União Europeia (DG INTPA), por meio do projeto MMICD",
            "context": _p(
                "Os governos autônomos descentralizados (GAD) do Equador lidam diretamente com "
                "as oportunidades e os desafios da migração, pelo planejamento do "
                "desenvolvimento local e pelos serviços que prestam. Cinco deles estavam "
                "revisando seus planos quadrienais de desenvolvimento e ordenamento territorial "
                "(PDOT)."
            ),
            "objectives": _p(
                "Testar as ferramentas preliminares do projeto MMICD para fortalecer a "
                "capacidade dos governos locais de integrar a migração ao planejamento do "
                "desenvolvimento."
            ),
            "activities": _p(
                "Consultores de curto prazo analisaram a migração, a governança local e as "
                "necessidades dos municípios equatorianos; a partir dessa análise foi elaborado "
                "um kit metodológico para integrar a migração aos PDOT; os consultores o "
                "aplicaram com os cinco GAD para identificar os vínculos com a migração em seus "
                "planos; seguiram-se formações e consultas online, entre elas uma oficina "
                "virtual com a AME que apresentou o kit a 120 GAD de todo o país."
            ),
            "results": _p(
                "A migração foi integrada às políticas dos cinco GAD, suas equipes aprenderam a "
                "pôr em prática os aspectos migratórios dos planos e, por meio da AME, os GAD do "
                "país têm acesso permanente ao kit para executar seu PDOT e para os "
                "próximos ciclos de planejamento."
            ),
            "lessons_learned": _p(
                "Os governos descentralizados estão bem posicionados para ligar migração e "
                "desenvolvimento, porque planejam no nível local e prestam serviços."
            ),
            "replication": _p(
                "O kit, disponível para os GAD por meio da AME, pode orientar os planos de "
                "outros municípios."
            ),
            "tags": ["ordenamento territorial", "kit de ferramentas", "associação de municípios"],
            "labels": {},
        },
        "fr": {
            "slug": "equateur-migration-dans-les-plans-de-developpement",
            "title": "Cinq municipalités équatoriennes intègrent la migration à leurs plans de "
            "développement",
            "summary": "Avec l'assistance technique de l'OIM et de l'Association des "
            "municipalités équatoriennes (AME), Catamayo, El Carmen, Huaquillas, Pedernales et "
            "Zamora ont intégré la migration aux plans quadriennaux de développement et "
            "d'aménagement du territoire (PDOT) qu'elles révisaient, avec une boîte à outils "
            "méthodologique partagée ensuite avec 120 gouvernements locaux.",
            "implementing_organisations": "Organisation internationale pour les migrations "
            "(OIM), avec l'Association des municipalités équatoriennes (AME)",
            "partners": "Gouvernements autonomes décentralisés de Catamayo, El Carmen, "
            "Huaquillas, Pedernales et Zamora\nONU-Habitat\nProjet M4SD de l'OIM",
            "funding_sources": "Union européenne (DG INTPA), par le projet MMICD",
            "context": _p(
                "Les gouvernements autonomes décentralisés (GAD) de l'Équateur font face "
                "directement aux possibilités et aux défis de la migration, par la planification "
                "du développement local et les services qu'ils assurent. Cinq d'entre eux "
                "révisaient leurs plans quadriennaux de développement et d'aménagement du "
                "territoire (PDOT)."
            ),
            "objectives": _p(
                "Tester les outils provisoires du projet MMICD pour renforcer la capacité des "
                "gouvernements locaux à intégrer la migration à la planification du "
                "développement."
            ),
            "activities": _p(
                "Des consultants de courte durée ont analysé la migration, la gouvernance locale "
                "et les besoins des municipalités équatoriennes ; une boîte à outils "
                "méthodologique pour intégrer la migration aux PDOT en a été tirée ; les "
                "consultants l'ont appliquée avec les cinq GAD pour repérer les liens avec la "
                "migration dans leurs plans ; des formations et consultations en ligne ont "
                "suivi, dont un atelier virtuel avec l'AME qui a présenté la boîte à outils à "
                "120 GAD de tout le pays."
            ),
            "results": _p(
                "La migration a été intégrée aux politiques des cinq GAD, leurs équipes ont "
                "appris à mettre en œuvre les aspects migratoires de leurs plans et, par l'AME, "
                "les GAD du pays ont un accès permanent à la boîte à outils pour exécuter "
                "leur PDOT et pour les prochains cycles de planification."
            ),
            "lessons_learned": _p(
                "Les gouvernements décentralisés sont bien placés pour relier migration et "
                "développement, parce qu'ils planifient localement et fournissent des services."
            ),
            "replication": _p(
                "La boîte à outils, accessible aux GAD par l'AME, peut guider les plans d'autres "
                "municipalités."
            ),
            "tags": ["aménagement du territoire", "boîte à outils", "association de municipalités"],
            "labels": {},
        },
    },
]
