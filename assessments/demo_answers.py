# ruff: noqa: RUF001  (French texts use the typographic apostrophe)
"""The demo assessment's people and answers, written for the demo.

The focal points who receive their authority's invitation, the named respondents (a second
department of a city, an adviser), and what each wrote, in their own language: Spanish for the
Spanish-speaking cities, Portuguese for Brazil, English and French for two advisers. The people
are illustrative; the situations are the everyday ones of the network's members. ``answer``
builds a response's answers as the answering pages post them (numbers as typed, choices by
name); ``demo.py`` writes them through the answering services.
"""

from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class Person:
    authority: str  # slug of the member authority
    first_name: str
    last_name: str
    language: str
    position: str  # in their own language

    @property
    def email_local(self) -> str:
        return f"{slugify(self.first_name)}.{slugify(self.last_name.split()[0])}"


# One focal point for each member authority that has none in the network's demo (Cúcuta's is the
# demo official, Carlos Ramírez).
FOCAL_POINTS = [
    Person("barranquilla-co", "Natalia", "Pérez", "es", "Gerente de población migrante"),
    Person("necocli-co", "Wilmer", "Palacios", "es", "Secretario de gobierno"),
    Person("quito-ec", "Gabriela", "Andrade", "es", "Directora de movilidad humana"),
    Person("huaquillas-ec", "Patricio", "Romero", "es", "Jefe de desarrollo comunitario"),
    Person("catamayo-ec", "Lorena", "Jaramillo", "es", "Técnica de acción social"),
    Person("tapachula-mx", "Ricardo", "Gómez", "es", "Director de atención al migrante"),
    Person("ciudad-juarez-mx", "Alejandra", "Durán", "es", "Coordinadora de asuntos migratorios"),
    Person("tijuana-mx", "Fernando", "Ibarra", "es", "Director de atención al migrante"),
    Person("boa-vista-br", "Juliana", "Macedo", "pt", "Secretária adjunta de assistência social"),
    Person("pacaraima-br", "Edson", "Barbosa", "pt", "Secretário de administração"),
    Person("manaus-br", "Cláudia", "Nascimento", "pt", "Gerente de proteção social especial"),
    Person("santiago-cl", "Javiera", "Muñoz", "es", "Encargada de la oficina de migrantes"),
    Person("san-jose-cr", "Mauricio", "Solano", "es", "Jefe de desarrollo humano"),
    Person("guatemala-city-gt", "Silvia", "Morales", "es", "Directora de desarrollo social"),
    Person("amatitlan-gt", "Otto", "Castañeda", "es", "Concejal segundo"),
    Person("panama-city-pa", "Itzel", "Batista", "es", "Jefa de inclusión social"),
    Person("lima-pe", "Carmen", "Huamán", "es", "Subgerente de bienestar social"),
    Person("tumbes-pe", "Julio", "Zapata", "es", "Gerente de desarrollo social"),
    Person("zacatecoluca-sv", "Karla", "Menjívar", "es", "Encargada de la unidad de la mujer"),
    Person("montevideo-uy", "Sofía", "Rodríguez", "es", "Coordinadora de la secretaría de equidad"),
]

# Named respondents, each invited on their own link besides their authority's focal points.
NAMED = {
    "paola": Person("barranquilla-co", "Paola", "Ortiz", "es", "Secretaría Distrital de Salud"),
    "andres": Person("quito-ec", "Andrés", "Villacís", "es", "Secretaría de Inclusión Social"),
    "sophie": Person("quito-ec", "Sophie", "Laurent", "fr", "Relations internationales"),
    "veronica": Person("ciudad-juarez-mx", "Verónica", "Herrera", "es", "DIF municipal"),
    # Their address bounces: a typing mistake in the authority's directory.
    "hector": Person("tijuana-mx", "Héctor", "Salgado", "es", "Dirección de Salud Municipal"),
    "luciana": Person("manaus-br", "Luciana", "Brito", "pt", "Secretaria Municipal de Educação"),
    "rafael": Person("boa-vista-br", "Rafael", "Nogueira", "pt", "Secretaria Municipal de Saúde"),
    # Left the office in the first week: revoked, and Tomás invited instead.
    "camila": Person("santiago-cl", "Camila", "Reyes", "es", "Oficina de Migrantes"),
    "tomas": Person("santiago-cl", "Tomás", "Fuentes", "es", "Oficina de Migrantes"),
    "rosa": Person("lima-pe", "Rosa", "Quispe", "es", "Gerencia de Desarrollo Social"),
    "daniel": Person("san-jose-cr", "Daniel", "Brenes", "en", "International cooperation office"),
}


def answer(
    *,
    unit: str,
    staff: int | None = None,
    plan: str = "",
    data: int | None = None,
    services: tuple[str, ...],
    other: str = "",
    served: int | None = None,
    programmes: tuple[tuple[str, int | None], ...] = (),
    agreement: str,
    quality: int | None = None,
    obstacles: str = "",
    budget: str = "",
    funding: tuple[str, ...] = (),
    gbv: str = "",
    women: str = "",
    children: int | None = None,
    indigenous: str = "",
    indigenous_services: str = "",
    needs: tuple[str, ...] = (),
    practice: str = "",
) -> dict:
    """A response's answers as the pages post them, only the questions its skip logic shows
    (a draft's stop where its respondent stopped)."""
    values: dict = {"responsible_unit": unit}
    if unit != "none" and staff is not None:
        values["unit_staff"] = str(staff)
    values["has_local_plan"] = "yes" if plan else "no"
    if plan:
        values["local_plan_name"] = plan
    if data is not None:
        values["data_available"] = str(data)
    values["services"] = [*services, "other"] if other else list(services)
    if other:
        values["services_other"] = other
    if served is not None:
        values["people_served"] = str(served)
    if programmes:
        values["programmes"] = [
            {"programme_name": name, "programme_year": "" if year is None else str(year)}
            for name, year in programmes
        ]
    values["national_agreement"] = agreement
    if quality is not None:
        values["coordination_quality"] = str(quality)
        if quality <= 2 and obstacles:
            values["coordination_obstacles"] = obstacles
    if budget:
        values["budget_share"] = budget
    if funding:
        values["funding_sources"] = list(funding)
    if gbv:
        values["gbv_route"] = gbv
    if women:
        values["women_needs"] = women
    if children is not None:
        values["children_out_of_school"] = str(children)
    if indigenous:
        values["indigenous_present"] = indigenous
        if indigenous == "yes" and indigenous_services:
            values["indigenous_services"] = indigenous_services
    if needs:  # the last section, reached
        values["main_needs"] = list(needs)
        values["has_practice"] = "yes" if practice else "no"
        if practice:
            values["practice_summary"] = practice
    return values


# What each respondent answered (or has typed so far), by invitation: an authority's slug for
# its focal points' invitation, a NAMED key for a named respondent's.
ANSWERS = {
    "cucuta-co": answer(
        unit="dedicated",
        staff=14,
        plan="Política pública de integración socioeconómica de la población migrante 2024-2027",
        data=2,
        services=("reception", "documentation", "employment", "health", "legal"),
        other="Punto de atención en el puente Simón Bolívar",
        served=48200,
        programmes=(
            ("Centro de atención integral al migrante", 2019),
            ("Ruta de empleabilidad Cúcuta te incluye", 2022),
            ("Jornadas de regularización con Migración Colombia", 2023),
        ),
        agreement="yes",
        quality=2,
        obstacles="Los recursos nacionales llegan tarde y los datos del registro no se "
        "comparten con el municipio; cada cambio de gobierno reinicia los acuerdos.",
        budget="2.8",
        funding=("international", "municipal", "national", "private"),
        gbv="yes",
        women="Albergue temporal para mujeres con hijos, cuidado infantil para poder trabajar "
        "y acompañamiento jurídico en casos de violencia.",
        children=3100,
        indigenous="yes",
        indigenous_services="Intérpretes wayuu y yukpa en el centro de atención y un enlace "
        "con las autoridades tradicionales para los asentamientos.",
        needs=("funding", "data", "coordination"),
        practice="El centro de atención integral reúne en un solo lugar registro, salud, "
        "orientación laboral y asesoría jurídica; redujo a la mitad el tiempo de atención.",
    ),
    "barranquilla-co": answer(
        unit="dedicated",
        staff=9,
        plan="Plan Distrital de Integración Migrante",
        data=3,
        services=("reception", "employment", "education", "health", "psychosocial"),
        served=21500,
        programmes=(
            ("Barranquilla te acoge", 2020),
            ("Feria de empleo para personas migrantes y retornadas", 2023),
        ),
        agreement="yes",
        quality=3,
        budget="1.5",
        funding=("municipal", "international", "national"),
        gbv="yes",
        women="Oferta de cuidado infantil y cursos certificados en horarios compatibles con "
        "el trabajo informal.",
        children=1850,
        indigenous="no",
        needs=("data", "training"),
        practice="Las ferias de empleo se organizan con las cajas de compensación: las "
        "empresas entrevistan el mismo día y el distrito acompaña la contratación.",
    ),
    "paola": answer(
        unit="shared",
        staff=4,
        data=2,
        services=("health", "psychosocial"),
        other="Vacunación casa a casa en asentamientos",
        served=36000,
        programmes=(("Salud sin fronteras", 2021),),
        agreement="no",
        quality=2,
        obstacles="La afiliación al sistema de salud depende del permiso de protección "
        "temporal y los trámites nacionales tardan meses.",
        funding=("national", "international"),
        gbv="yes",
        women="Control prenatal para gestantes sin afiliación y atención en salud mental.",
        needs=("funding", "coordination"),
    ),
    "necocli-co": answer(
        unit="shared",
        staff=2,
        data=1,
        services=("reception", "health"),
        other="Orientación a personas en tránsito hacia el Darién",
        served=40000,
        agreement="no",
        quality=1,
        obstacles="Somos un municipio pequeño frente a un flujo muy grande: no hay "
        "presencia permanente de las entidades nacionales.",
        gbv="no",
        women="Espacios seguros para mujeres y niñas en tránsito, que esperan días en la "
        "playa antes de embarcar.",
        needs=("funding", "coordination", "peers"),
    ),
    "quito-ec": answer(
        unit="dedicated",
        staff=11,
        plan="Ordenanza metropolitana de movilidad humana",
        data=3,
        services=("reception", "documentation", "employment", "education", "legal", "language"),
        served=17600,
        programmes=(
            ("Casa de la movilidad humana", 2017),
            ("Escuelas abiertas sin papeles", 2021),
            ("Emprende Quito inclusivo", 2022),
        ),
        agreement="yes",
        quality=3,
        budget="0.9",
        funding=("municipal", "international"),
        gbv="yes",
        women="Acceso a crédito para emprendimientos y casas de acogida para sobrevivientes.",
        children=950,
        indigenous="yes",
        indigenous_services="Atención en kichwa en la Casa de la movilidad humana y mediadores "
        "de las comunidades.",
        needs=("training", "data", "peers"),
        practice="La ordenanza garantiza la inscripción escolar sin documentos: las escuelas "
        "reciben a los niños mientras la familia regulariza su situación.",
    ),
    "sophie": answer(
        unit="dedicated",
        staff=11,
        data=4,
        services=("reception", "documentation", "legal"),
        served=17600,
        agreement="yes",
        quality=4,
        budget="0.9",
        funding=("international", "municipal"),
        gbv="yes",
        women="Des places d’accueil d’urgence en plus grand nombre et un suivi psychologique "
        "dans la durée.",
        needs=("peers", "training"),
        practice="Un guichet unique avec le HCR et l’OIM : les personnes ne répètent leur "
        "histoire qu’une fois et sont orientées le jour même.",
    ),
    "huaquillas-ec": answer(
        unit="shared",
        staff=3,
        data=2,
        services=("reception", "health", "documentation"),
        served=9800,
        programmes=(("Puente solidario", 2019),),
        agreement="yes",
        quality=2,
        obstacles="El centro binacional de atención no comparte información con el municipio.",
        budget="0.4",
        funding=("international", "municipal"),
        gbv="no",
        women="Una ruta de atención a la violencia de género con personal capacitado.",
        children=420,
        indigenous="no",
        needs=("training", "funding", "coordination"),
    ),
    "tapachula-mx": answer(
        unit="dedicated",
        staff=18,
        plan="Programa municipal de atención a personas en contexto de movilidad",
        data=2,
        services=("reception", "documentation", "health", "psychosocial", "legal"),
        served=62000,
        programmes=(
            ("Módulo de orientación en el parque Bicentenario", 2021),
            ("Albergue municipal Belén", 2018),
            ("Brigadas de salud en la frontera sur", 2022),
        ),
        agreement="yes",
        quality=1,
        obstacles="Las personas esperan meses su trámite de refugio sin poder salir del "
        "municipio; los albergues están saturados y no recibimos recursos federales.",
        budget="5.4",
        funding=("municipal", "international", "private"),
        gbv="yes",
        women="Albergues exclusivos para mujeres y niñas y atención a sobrevivientes de trata.",
        children=5200,
        indigenous="yes",
        indigenous_services="Intérpretes de mam y kaqchikel en el módulo de orientación.",
        needs=("funding", "coordination", "data"),
        practice="El módulo de orientación atiende a quien llega en su idioma y agenda la "
        "cita con la comisión de refugiados, lo que evita intermediarios que cobran.",
    ),
    "ciudad-juarez-mx": answer(
        unit="dedicated",
        staff=7,
        plan="Plan municipal de movilidad humana",
        data=3,
        services=("reception", "employment", "health"),
        served=14300,
        programmes=(("Centro integrador para el migrante Leona Vicario", 2019),),
        agreement="yes",
        quality=3,
        budget="1.1",
        funding=("national", "municipal", "international"),
        gbv="yes",
        children=760,
        indigenous="yes",
        indigenous_services="Traductores de rarámuri en coordinación con el estado.",
        needs=("training", "funding"),
    ),
    "tijuana-mx": answer(
        unit="dedicated",
        staff=10,
        plan="Programa municipal de atención al migrante",
        data=3,
        services=("reception", "employment", "health", "legal"),
        served=30500,
        programmes=(("Red de albergues", 2018),),
        agreement="yes",
    ),
    "boa-vista-br": answer(
        unit="shared",
        staff=6,
        plan="Plano municipal de acolhimento de migrantes e refugiados",
        data=3,
        services=("reception", "documentation", "education", "health", "language"),
        other="Abrigo emergencial para famílias recém-chegadas",
        served=27000,
        programmes=(
            ("Português para acolhimento", 2019),
            ("Vagas escolares sem documentos", 2020),
        ),
        agreement="yes",
        quality=4,
        budget="2.5",
        funding=("national", "international", "municipal"),
        gbv="yes",
        women="Creches em tempo integral e acompanhamento para mulheres chefes de família.",
        children=1400,
        indigenous="yes",
        indigenous_services="Atendimento com intérpretes warao e abrigos adaptados ao modo de "
        "vida das famílias indígenas.",
        needs=("funding", "data"),
        practice="A interiorização com a Operação Acolhida: as famílias escolhem a cidade "
        "de destino com uma vaga de emprego já acertada.",
    ),
    "luciana": answer(
        unit="shared",
        staff=5,
        data=3,
        services=("education", "language"),
        served=6400,
        programmes=(("Escola para todos", 2021), ("Classes de acolhimento", 2022)),
        agreement="yes",
        quality=3,
        funding=("national", "municipal"),
        gbv="yes",
        children=880,
        indigenous="yes",
        indigenous_services="Professores bilíngues warao-português em duas escolas.",
        needs=("training", "peers"),
        practice="As classes de acolhimento recebem os alunos recém-chegados por três meses "
        "antes da turma regular, com português e reforço.",
    ),
    "manaus-br": answer(
        unit="dedicated",
        staff=8,
        plan="Política municipal para migrantes, refugiados e apátridas",
        data=2,
        services=("reception", "documentation", "employment", "psychosocial"),
        served=15800,
        programmes=(("Centro de referência para migrantes", 2020),),
        agreement="no",
        quality=2,
        obstacles="Os recursos federais para abrigo são renovados a cada seis meses: não "
        "conseguimos planejar.",
        budget="1.2",
        funding=("national", "municipal", "international"),
        gbv="yes",
        women="Acesso a trabalho formal e proteção contra a exploração no trabalho doméstico.",
        children=620,
        indigenous="yes",
        indigenous_services="Parceria com a FUNAI e lideranças warao para os abrigos.",
        needs=("funding", "coordination", "training"),
    ),
    "santiago-cl": answer(
        unit="dedicated",
        staff=6,
        plan="Plan comunal de interculturalidad",
        data=3,
        services=("reception", "documentation", "employment", "legal", "language"),
        other="Clases de creole haitiano para funcionarios municipales",
        served=11200,
        programmes=(
            ("Oficina de migrantes y refugiados", 2015),
            ("Sello Migrante", 2017),
        ),
        agreement="yes",
        quality=3,
        budget="0.7",
        funding=("municipal", "national"),
        gbv="yes",
        women="Orientación laboral y regularización para trabajadoras de casa particular.",
        children=300,
        indigenous="no",
        needs=("data", "peers"),
        practice="Los funcionarios aprenden creole y los mediadores interculturales "
        "acompañan trámites: menos malentendidos y más confianza.",
    ),
    "tomas": answer(
        unit="dedicated",
        staff=6,
        data=3,
        services=("reception", "legal"),
        agreement="yes",
    ),
    "san-jose-cr": answer(
        unit="shared",
        staff=3,
        data=2,
        services=("reception", "employment"),
        agreement="no",
        quality=3,
        budget="0.3",
    ),
    "daniel": answer(
        unit="shared",
        staff=3,
        plan="Municipal intercultural plan",
        data=3,
        services=("employment", "language"),
        served=2100,
        programmes=(("Language and job readiness courses with INA", 2023),),
        agreement="yes",
        quality=4,
        funding=("international", "municipal"),
        gbv="yes",
        women="Childcare during training courses, and safe routes to night-shift jobs.",
        needs=("peers", "training"),
        practice="Job readiness courses co-designed with employers: 70% of last year's "
        "participants found a formal job within six months.",
    ),
    "guatemala-city-gt": answer(
        unit="dedicated",
        staff=5,
        data=2,
        services=("reception", "psychosocial", "employment"),
        other="Atención a personas retornadas en el aeropuerto",
        served=8700,
        programmes=(("Ventanilla municipal para personas retornadas", 2021),),
        agreement="yes",
        quality=2,
        obstacles="Los datos de retornos llegan sin contacto de las personas, así que no "
        "podemos darles seguimiento.",
        budget="0.5",
        funding=("international", "municipal"),
        gbv="yes",
        children=540,
        indigenous="yes",
        indigenous_services="Atención en k'iche' y kaqchikel con promotores comunitarios.",
        needs=("data", "coordination", "funding"),
    ),
    "amatitlan-gt": answer(
        unit="none",
        data=1,
        services=("reception",),
        served=600,
        agreement="no",
        quality=2,
        obstacles="No hay oficina municipal para el tema; las consultas llegan a la "
        "alcaldía sin ruta definida.",
        funding=("municipal",),
        gbv="no",
        women="Información sobre derechos y acompañamiento a mujeres retornadas con hijos.",
        indigenous="yes",
        indigenous_services="Solo atención informal por funcionarios que hablan poqomam.",
        needs=("training", "peers", "funding"),
    ),
    "panama-city-pa": answer(
        unit="dedicated",
        staff=6,
        plan="Estrategia municipal de integración",
        data=3,
        services=("reception", "employment", "education"),
        served=9400,
        programmes=(("Panamá integra", 2022),),
        agreement="yes",
        quality=3,
        budget="0.6",
        funding=("municipal", "international"),
        gbv="yes",
        children=410,
        indigenous="no",
        needs=("data", "training"),
    ),
    "lima-pe": answer(
        unit="dedicated",
        staff=12,
        plan="Plan metropolitano de integración de la población migrante",
        data=3,
        services=("reception", "documentation", "employment", "health", "psychosocial"),
        served=25300,
        programmes=(
            ("Lima te incluye", 2020),
            ("Defensoría municipal del migrante", 2021),
        ),
        agreement="yes",
        quality=3,
        budget="0.8",
        funding=("municipal", "international", "private"),
        gbv="yes",
        women="Prevención de la trata y acceso a servicios de salud sexual y reproductiva.",
        children=2300,
        indigenous="no",
        needs=("coordination", "data"),
        practice="La defensoría municipal recibe quejas por discriminación en alquileres y "
        "trabajo, y media con los arrendadores.",
    ),
    "rosa": answer(
        unit="dedicated",
        staff=12,
        data=2,
        services=("psychosocial", "health"),
        agreement="yes",
        quality=2,
        obstacles="Falta un protocolo común con el Ministerio de la Mujer.",
    ),
    "montevideo-uy": answer(
        unit="dedicated",
        staff=4,
        plan="Plan de acción de Montevideo para la integración de personas migrantes",
        data=4,
        services=("reception", "employment", "language", "legal"),
        served=5400,
        programmes=(
            ("Montevideo acoge", 2019),
            ("Cursos de español para personas migrantes", None),
        ),
        agreement="yes",
        quality=4,
        budget="0.4",
        funding=("municipal", "national"),
        gbv="yes",
        women="Vivienda asequible para mujeres solas con hijos.",
        children=90,
        indigenous="no",
        needs=("peers",),
        practice="La mesa de migración reúne cada mes a la intendencia, los ministerios y "
        "las organizaciones de migrantes: los casos difíciles se resuelven en la mesa.",
    ),
}

# The interview: Marie Joseph, the demo researcher, filled Amatitlán's answers with its council
# member over a video call.
INTERVIEW = {
    "authority": "amatitlan-gt",
    "interviewee_name": "Otto Castañeda",
    "interviewee_role": "Concejal segundo, a cargo de la comisión de desarrollo social",
    "organisation": "Municipalidad de Amatitlán",
    "mode": "video",
    "notes": (
        "Entrevista en español por videollamada (55 minutos). El municipio no tiene oficina "
        "para movilidad humana: las respuestas sobre servicios describen la atención que da la "
        "oficina municipal de la mujer. El concejal pidió que se le envíen las buenas prácticas "
        "de municipios pequeños de la red."
    ),
}

REOPEN_REASON = (
    "El presupuesto indicado (60 %) parece ser el de todo el programa social y no la parte "
    "dedicada a la población migrante: ¿pueden verificarlo y corregirlo?"
)

# -- The review of the submitted answers (issue 14) ----------------------------------------------
# Marie Joseph, the assessment's researcher, reviews each answer about a day after it arrives:
# most are approved; two are given back to their authority ("has issues") with what to check;
# one is rejected by the coordinator; one is corrected after a phone call, then approved. The
# two submitted last wait for review. Keys: the authorities' slugs (their focal points'
# invitations); named respondents' answers are all approved.
REVIEW_AFTER_DAYS = 1.2
REVIEW_WAITING = ("manaus-br", "guatemala-city-gt")
REVIEW_ISSUES = {
    "quito-ec": (
        "Indican 950 niñas y niños fuera de la escuela: ¿es la cifra de este año, después del "
        "programa Escuelas abiertas sin papeles, o la de antes? Precisen la respuesta, por favor."
    ),
    "huaquillas-ec": (
        "Indican que no existe una ruta de atención a la violencia de género, pero la necesidad "
        "descrita habla de personal capacitado: ¿hay una ruta en preparación? Precisen la "
        "respuesta, por favor."
    ),
}
REVIEW_REJECTED = {
    "lima-pe": (
        "Estas respuestas describen el plan metropolitano y no la municipalidad invitada. Rosa "
        "Quispe, de la Gerencia de Desarrollo Social, está respondiendo por la municipalidad: "
        "se tendrán en cuenta sus respuestas."
    ),
}
# (authority, question, new value, why): corrected by the researcher, then approved.
REVIEW_CORRECTION = (
    "barranquilla-co",
    "people_served",
    "25100",
    "La Secretaría confirmó por teléfono que 21 500 era la cifra del año anterior; la del año "
    "pasado es 25 100.",
)
