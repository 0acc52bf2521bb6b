"""Search that finds: what visitors type in English, Spanish, Portuguese or French (with or
without accents, singular or plural, a word's start, a theme's or target group's name, a member
authority, a place, a tag, several words) finds the practices it should, the best first, and
not the ones it should not. The same queries hold on SQLite (FTS5) and on PostgreSQL (per-language
stemming): CI runs this module on PostgreSQL, a developer's machine on SQLite.

The corpus is built once for the module: eighteen practices in four languages, modelled on the
network's real cases (Amatitlán, Zacatecoluca, Ecuador's development plans, the reception of
Venezuelans in Brazilian cities, refugees' integration in Montréal...)."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict

from practice_search.models import PracticeSearchEntry
from practice_search.services import SEARCH_TEXT_TABLE, practice_search_rebuild
from practices.search import practice_search
from tests.factories import LocalAuthorityFactory
from tests.once import built_once
from tests.outreach import builders as page_builders

from .builders import practice, practice_index

pytestmark = pytest.mark.django_db

# key: (language, fields of the practice page); every practice names its own organisations so
# that no word is shared by all of them by accident.
CORPUS = {
    "amatitlan": (
        "es",
        {
            "title": "Amatitlán: acogida e inserción laboral de personas migrantes internas y "
            "retornadas",
            "summary": "La municipalidad abrió una ventanilla de empleo y acompañamiento para "
            "familias que llegan del campo o regresan deportadas.",
            "activities": "Ferias de empleo, formación técnica y campañas contra la "
            "discriminación en los mercados.",
            "place_name": "Amatitlán",
            "country": "GT",
            "themes": ("employment", "return", "anti-xenophobia"),
            "groups": ("returnees", "migrants", "women-girls"),
            "tags": ["empleo"],
        },
    ),
    "zacatecoluca": (
        "es",
        {
            "title": "Primera oficina municipal para personas retornadas y sus familias",
            "summary": "Atención psicosocial, orientación laboral y referencia de casos para "
            "quienes regresan tras la migración irregular.",
            "activities": "Un registro municipal de personas retornadas y grupos de apoyo para "
            "adolescentes.",
            "authority": "Zacatecoluca",
            "country": "SV",
            "themes": ("return", "psychosocial", "participation"),
            "groups": ("returnees", "children"),
        },
    ),
    "pdot": (
        "es",
        {
            "title": "Cinco municipios ecuatorianos incorporan la migración en sus planes de "
            "desarrollo",
            "summary": "Catamayo, Huaquillas, Pedernales y Zamora incluyeron la movilidad "
            "humana en su Plan de Desarrollo y Ordenamiento Territorial (PDOT).",
            "activities": "Talleres de planificación participativa, mapas de servicios y una "
            "ordenanza municipal.",
            "place_name": "Catamayo",
            "country": "EC",
            "themes": ("participation", "local-development", "data"),
            "groups": ("migrants", "refugees", "host-communities"),
            "tags": ["PDOT"],
        },
    ),
    "quito": (
        "es",
        {
            "title": "Brigadas de salud para mujeres migrantes en Quito",
            "summary": "Atención en salud sexual y reproductiva para mujeres venezolanas y "
            "colombianas en los barrios del sur.",
            "place_name": "Quito",
            "country": "EC",
            "themes": ("health", "gbv"),
            "groups": ("women-girls", "migrants"),
        },
    ),
    "cucuta": (
        "es",
        {
            "title": "Centro de atención a la población venezolana en Cúcuta",
            "summary": "Orientación jurídica, trámites del Permiso por Protección Temporal y "
            "vacunación para familias venezolanas.",
            "place_name": "Cúcuta",
            "country": "CO",
            "themes": ("documentation", "reception", "health"),
            "groups": ("migrants", "refugees"),
            "tags": ["PPT"],
        },
    ),
    "tijuana": (
        "es",
        {
            "title": "Albergues municipales para solicitantes de asilo en Tijuana",
            "summary": "Coordinación de albergues y comedores durante la espera de citas en la "
            "frontera norte.",
            "place_name": "Tijuana",
            "country": "MX",
            "themes": ("reception", "housing"),
            "groups": ("asylum-seekers",),
        },
    ),
    "medellin": (
        "es",
        {
            "title": "Medellín: datos abiertos sobre migración para planificar la ciudad",
            "summary": "Un observatorio cruza encuestas y registros administrativos para "
            "ubicar servicios en los barrios con más población extranjera.",
            "place_name": "Medellín",
            "country": "CO",
            "themes": ("data", "housing"),
            "groups": ("host-communities",),
        },
    ),
    "sao-paulo": (
        "pt",
        {
            "title": "Centro de referência e acolhida para imigrantes em São Paulo",
            "summary": "Atendimento em vários idiomas, orientação sobre documentos e cursos de "
            "português para imigrantes.",
            "place_name": "São Paulo",
            "country": "BR",
            "themes": ("reception", "documentation", "education"),
            "groups": ("migrants", "refugees"),
        },
    ),
    "boa-vista": (
        "pt",
        {
            "title": "Acolhida de venezuelanos em Boa Vista e interiorização para outras cidades",
            "summary": "Abrigos, vacinação e encaminhamento para vagas de emprego em cidades do "
            "Sul.",
            "place_name": "Boa Vista",
            "country": "BR",
            "themes": ("reception", "employment"),
            "groups": ("refugees", "migrants"),
        },
    ),
    "manaus": (
        "pt",
        {
            "title": "Escolas de Manaus ensinam português a crianças indígenas warao",
            "summary": "Professores bilíngues e materiais na língua warao para a integração "
            "escolar de crianças refugiadas.",
            "place_name": "Manaus",
            "country": "BR",
            "themes": ("education", "interculturality"),
            "groups": ("indigenous", "children", "refugees"),
        },
    ),
    "porto-alegre": (
        "pt",
        {
            "title": "Integração de mulheres migrantes no mercado de trabalho",
            "summary": "Qualificação profissional, creche durante os cursos e mentorias com "
            "empresas locais.",
            "authority": "Porto Alegre",
            "country": "BR",
            "themes": ("employment", "socioeconomic"),
            "groups": ("women-girls", "migrants"),
        },
    ),
    "montreal": (
        "fr",
        {
            "title": "Intégration des personnes réfugiées à Montréal",
            "summary": "Accompagnement vers le logement, francisation et premier emploi pour les "
            "familles réfugiées réinstallées au Québec.",
            "place_name": "Montréal",
            "country": "CA",
            "themes": ("socioeconomic", "housing", "education"),
            "groups": ("refugees",),
        },
    ),
    "quebec": (
        "fr",
        {
            "title": "Lutte contre la xénophobie dans les quartiers de Québec",
            "summary": "Ateliers dans les écoles, formation des agents municipaux et campagne "
            "pour une ville accueillante.",
            "place_name": "Québec",
            "country": "CA",
            "themes": ("anti-xenophobia", "interculturality"),
            "groups": ("host-communities",),
        },
    ),
    "port-au-prince": (
        "fr",
        {
            "title": "Accueil des Haïtiens rapatriés à Port-au-Prince",
            "summary": "Aide d'urgence, transport et réinsertion économique des personnes "
            "rapatriées depuis les pays voisins.",
            "place_name": "Port-au-Prince",
            "country": "HT",
            "themes": ("return", "reception"),
            "groups": ("returnees",),
        },
    ),
    "toronto": (
        "en",
        {
            "title": "Toronto newcomer health clinics",
            "summary": "Walk-in clinics offer primary care and mental health support to "
            "refugees and uninsured newcomers.",
            "place_name": "Toronto",
            "country": "CA",
            "themes": ("health", "psychosocial"),
            "groups": ("refugees", "migrants"),
        },
    ),
    "chicago": (
        "en",
        {
            "title": "Chicago welcoming city fund",
            "summary": "Free immigration lawyers for residents facing deportation, paid for by "
            "the city council.",
            "place_name": "Chicago",
            "country": "US",
            "themes": ("documentation", "social-protection"),
            "groups": ("migrants",),
            "tags": ["legal aid"],
        },
    ),
    "kingston": (
        "en",
        {
            "title": "Kingston returnee reintegration programme",
            "summary": "Deported nationals receive housing, job training and counselling on "
            "arrival in Jamaica.",
            "place_name": "Kingston",
            "country": "JM",
            "themes": ("return", "housing", "employment"),
            "groups": ("returnees",),
        },
    ),
    "buenos-aires": (
        "es",
        {
            "title": "Mesa de integración cultural en los barrios de Buenos Aires",
            "summary": "Festivales, ferias gastronómicas y un consejo consultivo de "
            "colectividades.",
            "place_name": "Buenos Aires",
            "country": "AR",
            "themes": ("interculturality", "participation"),
            "groups": ("migrants",),
        },
    ),
}


def _corpus() -> dict[str, str]:
    homes = page_builders.homes()
    indexes = {code: practice_index(homes[code]) for code in ("en", "es", "pt", "fr")}
    titles = {}
    for key, (language, given) in CORPUS.items():
        fields = dict(given)
        tags = fields.pop("tags", [])
        # Each practice is run by its own city (never a phrase all of them share).
        fields["implementing_organisations"] = fields.get("authority") or fields["place_name"]
        if "authority" in fields:
            fields["authority"] = LocalAuthorityFactory(
                name=fields["authority"], slug=key, country=fields["country"]
            )
        page = practice(
            indexes[language],
            slug=key,
            original_language=language,
            **fields,
        )
        if tags:
            page.tags.add(*tags)
            page.save_revision().publish()
        titles[page.title] = key
    return titles


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _corpus)


def _found(corpus: dict[str, str], query: str, *, language: str = "en") -> list[str]:
    """The keys of the practices ``query`` finds, best first."""
    result = practice_search(params=QueryDict(urlencode({"q": query})), language=language)
    keys = [corpus[item.title] for item in result.items]
    assert result.total == len(keys)
    return keys


ALL_THE_RETURN_THEME = {"amatitlan", "zacatecoluca", "port-au-prince", "kingston"}
ALL_THE_HEALTH_THEME = {"quito", "cucuta", "toronto"}

# (query, visitor language, must return, must return first, must not return)
CASES = [
    # A member authority's name, which the practice's own text never says.
    ("zacatecoluca", "es", {"zacatecoluca"}, "zacatecoluca", {"pdot", "medellin"}),
    # Several words: any of them finds, all of them first.
    ("zacatecoluca migracion", "es", {"zacatecoluca", "pdot", "medellin"}, "zacatecoluca", set()),
    ("Zacatecoluca migración", "en", {"zacatecoluca", "pdot", "medellin"}, "zacatecoluca", set()),
    # A theme's name in Spanish ("Retorno y reintegración"), with and without its accent.
    ("reintegracion", "es", ALL_THE_RETURN_THEME, None, {"sao-paulo", "toronto", "chicago"}),
    ("reintegración", "es", ALL_THE_RETURN_THEME, None, {"sao-paulo", "toronto", "chicago"}),
    # Portuguese, with and without accents; a word's start.
    ("integração", "pt", {"porto-alegre", "montreal", "manaus"}, None, {"tijuana", "chicago"}),
    ("integracao", "pt", {"porto-alegre", "montreal", "manaus"}, None, {"tijuana", "chicago"}),
    ("integra", "pt", {"porto-alegre", "montreal", "manaus", "buenos-aires"}, None, {"tijuana"}),
    # A singular finds a plural ("retornadas") and the theme named "Retorno".
    ("retorno", "es", {"amatitlan", "zacatecoluca", "kingston"}, None, {"toronto"}),
    ("retornadas", "es", {"amatitlan", "zacatecoluca"}, None, {"toronto", "chicago"}),
    # Place names, with and without accents.
    ("amatitlan", "es", {"amatitlan"}, "amatitlan", {"zacatecoluca"}),
    ("Amatitlán", "en", {"amatitlan"}, "amatitlan", {"zacatecoluca"}),
    ("amatitlan empleo", "es", {"amatitlan", "boa-vista", "kingston"}, "amatitlan", set()),
    ("Montréal", "fr", {"montreal"}, "montreal", {"quebec"}),
    ("montreal", "en", {"montreal"}, "montreal", {"quebec"}),
    ("Medellin", "es", {"medellin"}, "medellin", {"cucuta"}),
    ("Zamora", "es", {"pdot"}, "pdot", set()),
    ("Jamaica", "en", {"kingston"}, "kingston", set()),
    ("Porto Alegre", "pt", {"porto-alegre"}, "porto-alegre", {"port-au-prince"}),
    # A tag, and an acronym in the text.
    ("PDOT", "es", {"pdot"}, "pdot", {"medellin"}),
    ("legal aid", "en", {"chicago"}, "chicago", {"toronto"}),
    # Words of a title, stop words left out ("de" would match every Spanish practice). A
    # word's stem also starts longer words: "planes" finds "planificación urbana" (a theme's
    # name) and "humana" finds "humanitaria", after the practice holding both words.
    ("planes de desarrollo", "es", {"pdot"}, "pdot", {"quito", "cucuta"}),
    ("movilidad humana", "es", {"pdot"}, "pdot", {"quito", "medellin"}),
    ("la migración", "es", {"zacatecoluca", "pdot", "medellin"}, None, {"quito", "toronto"}),
    ("datos abiertos", "es", {"medellin"}, "medellin", {"quito"}),
    ("observatorio", "es", {"medellin"}, "medellin", set()),
    # Plurals and feminine forms: "venezolanos" finds "venezolana" and "venezolanas".
    ("venezolanos", "es", {"quito", "cucuta"}, None, {"tijuana"}),
    ("albergue Tijuana", "es", {"tijuana"}, "tijuana", {"quito"}),
    ("asilo", "es", {"tijuana"}, "tijuana", {"quito"}),
    ("salud mujeres", "es", {"quito", *ALL_THE_HEALTH_THEME}, "quito", {"tijuana", "chicago"}),
    # A theme's name in Portuguese and in French finds practices written in other languages.
    ("saúde", "pt", ALL_THE_HEALTH_THEME, None, {"sao-paulo", "chicago"}),
    ("santé", "fr", ALL_THE_HEALTH_THEME, None, {"sao-paulo", "chicago"}),
    # Portuguese.
    ("acolhida", "pt", {"sao-paulo", "boa-vista"}, None, {"toronto", "chicago"}),
    ("acolhida venezuelanos", "pt", {"sao-paulo", "boa-vista"}, "boa-vista", set()),
    ("Boa Vista interiorização", "pt", {"boa-vista"}, "boa-vista", {"manaus"}),
    ("warao", "pt", {"manaus"}, "manaus", {"sao-paulo"}),
    ("crianças indígenas", "pt", {"manaus", "zacatecoluca"}, "manaus", {"tijuana"}),
    ("português", "pt", {"sao-paulo", "manaus"}, None, {"boa-vista"}),
    ("mercado de trabalho", "pt", {"porto-alegre"}, "porto-alegre", {"boa-vista"}),
    # French.
    # (Tijuana's "solicitantes de refúgio" shares the stem.)
    ("réfugiés", "fr", {"montreal", "manaus", "toronto", "cucuta"}, "montreal", {"quebec"}),
    ("refugies", "fr", {"montreal", "manaus", "toronto", "cucuta"}, "montreal", {"quebec"}),
    ("intégration des personnes réfugiées", "fr", {"montreal", "manaus"}, "montreal", set()),
    ("Québec xénophobie", "fr", {"quebec", "montreal", "amatitlan"}, "quebec", set()),
    ("rapatriés", "fr", {"port-au-prince"}, "port-au-prince", {"kingston"}),
    ("haitiens", "fr", {"port-au-prince"}, "port-au-prince", set()),
    ("francisation", "fr", {"montreal"}, "montreal", set()),
    # English: plurals, a word's start, a theme's name.
    ("newcomer", "en", {"toronto"}, "toronto", {"chicago"}),
    ("newcomers health", "en", {"toronto", *ALL_THE_HEALTH_THEME}, "toronto", {"chicago"}),
    ("clinic", "en", {"toronto"}, "toronto", set()),
    ("deportation", "en", {"chicago"}, None, {"toronto"}),
    ("xenophobia", "en", {"quebec", "amatitlan"}, None, {"toronto"}),
    ("returnee", "en", {"kingston", "amatitlan", "zacatecoluca"}, "kingston", {"toronto"}),
    ("Kingston reintegration", "en", {"kingston", *ALL_THE_RETURN_THEME}, "kingston", set()),
    # Across languages: English words for a French practice (its classification's names).
    ("refugee housing", "en", {"montreal"}, "montreal", set()),
]


@pytest.mark.parametrize(
    ("query", "language", "returned", "first", "not_returned"),
    CASES,
    ids=[f"{case[1]}:{case[0]}" for case in CASES],
)
def test_a_query_finds_what_it_should(corpus, query, language, returned, first, not_returned):
    found = _found(corpus, query, language=language)
    assert set(found) >= returned, f"missing {returned - set(found)}"
    assert not set(found) & not_returned, f"should not find {set(found) & not_returned}"
    if first is not None:
        assert found[0] == first, found


def test_the_set_covers_four_languages_and_forty_queries():
    assert len(CASES) >= 40
    assert {case[1] for case in CASES} == {"en", "es", "pt", "fr"}


@pytest.mark.parametrize("query", ["the", "de la", "la de los", "Ø"])
def test_stop_words_alone_find_nothing_rather_than_everything(corpus, query):
    assert _found(corpus, query, language="es") == []


def test_practices_holding_every_word_come_before_those_holding_one(corpus):
    found = _found(corpus, "acolhida venezuelanos", language="pt")
    assert found.index("boa-vista") < found.index("sao-paulo")
    found = _found(corpus, "salud mujeres", language="es")
    # Quito holds both words; Cúcuta and Toronto only "salud" (their theme's name).
    assert found.index("quito") < min(found.index("cucuta"), found.index("toronto"))


def test_counts_and_list_agree_for_several_words(corpus):
    """The result count and every facet's counts use the same match as the list."""
    result = practice_search(
        params=QueryDict(urlencode({"q": "zacatecoluca migracion"})), language="es"
    )
    countries = {option.code: option.count for option in result.facets[0].options}
    assert countries == {"SV": 1, "EC": 1, "CO": 1}
    assert result.total == len(result.items) == 3
    narrowed = practice_search(
        params=QueryDict(urlencode({"q": "zacatecoluca migracion", "country": "CO"})),
        language="es",
    )
    assert [corpus[item.title] for item in narrowed.items] == ["medellin"]
    assert narrowed.total == 1


def test_the_open_outputs_list_the_same_practices_in_the_same_order(corpus, client):
    query = "salud mujeres"
    listed = [
        corpus[item.title]
        for item in practice_search(params=QueryDict(urlencode({"q": query})), language="en").items
    ]
    api = client.get("/en/api/practices/", {"q": query}).json()
    assert api["count"] == len(listed)
    assert [corpus[record["title"]] for record in api["results"]] == listed
    assert listed[0] == "quito"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"migración',
        "*",
        "migr*",
        "AND",
        "migración AND",
        "OR OR",
        "NOT salud",
        "NEAR(salud mujeres)",
        "NEAR(",
        "-",
        "-salud",
        ":",
        "title:salud",
        "heading:salud",
        "salud^2",
        "(salud",
        "salud)",
        "{salud}",
        "'salud'",
        "!salud",
        "salud & mujeres",
        "salud | mujeres",
        "salud <-> mujeres",
        "\\",
        "salud:*",
        "é́́́́",
        "²³",
        "a" * 200,
    ],
)
def test_search_syntax_typed_in_the_box_is_read_as_words(corpus, client, query):
    response = client.get("/es/practices/", {"q": query})
    assert response.status_code == 200
    # Sorted by best match too, on the map and through the open outputs.
    for address in (
        "/en/practices/",
        "/en/practices/map/",
        "/en/practices/export/csv/",
        "/en/api/practices/",
    ):
        assert client.get(address, {"q": query, "sort": "relevance"}).status_code == 200
    found = _found(corpus, query, language="es")
    if "salud" in query:
        assert "quito" in found


def _indexed_texts() -> int:
    """How many texts SQLite's FTS5 table holds (PostgreSQL keeps them on the entries)."""
    if connection.vendor != "sqlite":
        return PracticeSearchEntry.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {SEARCH_TEXT_TABLE}")  # noqa: S608
        return cursor.fetchone()[0]


def test_the_index_follows_unpublishing_deleting_and_rebuilding(corpus):
    manaus = PracticeSearchEntry.objects.get(slug="manaus").page
    manaus.unpublish()
    assert _found(corpus, "warao", language="pt") == []
    assert _indexed_texts() == PracticeSearchEntry.objects.count() == len(CORPUS) - 1
    manaus.save_revision().publish()
    assert _found(corpus, "warao", language="pt") == ["manaus"]
    assert practice_search_rebuild() == len(CORPUS)
    assert _indexed_texts() == len(CORPUS)
    assert _found(corpus, "warao", language="pt") == ["manaus"]
    PracticeSearchEntry.objects.get(slug="quebec").page.delete()
    assert _found(corpus, "xénophobie", language="fr") == ["amatitlan"]
    assert _indexed_texts() == len(CORPUS) - 1
