"""Requests that never repeat, for the "directory-varied" page of `make bench`.

A seeded generator draws, for each request, a directory language, maybe a search word (in
English, Spanish, Portuguese or French, with or without its accents, common or rare, taken from
the demo and filler vocabulary), a combination of facets and a page number. wrk cycles through
the list (``wrk_varied.lua``), each thread through its own share, so no request repeats within a
run and no cache of a single address or search term can answer for the others.
"""

import random
import unicodedata
from urllib.parse import urlencode

from taxonomy import terms as taxonomy  # codes only: importable without Django set up

# The directory of each language (practices/demo_real.py).
DIRECTORIES = {
    "en": "/en/practices/",
    "es": "/es/buenas-practicas/",
    "pt": "/pt/boas-praticas/",
    "fr": "/fr/bonnes-pratiques/",
}
# Words of the demo content and of the benchmark filler (benchmarks/datasets.py), by language.
COMMON_WORDS = {
    "en": ["migration", "employment", "housing", "health", "families", "schools", "integration"],
    "es": ["migración", "atención", "salud", "familias", "orientación", "integración", "ruta"],
    "pt": ["integração", "acolhimento", "refugiados", "escolas", "fronteiras", "migrantes"],
    "fr": ["accueil", "médiation", "arrivants", "interculturelle", "quartier", "intégration"],
}
RARE_WORDS = {
    "en": ["returnees", "asylum", "desk", "neighbourhood", "pathway", "borders"],
    "es": ["acompañamiento", "psicosocial", "ferias", "talleres", "secretaría", "mental"],
    "pt": ["prefeitura", "sem", "acolhida", "integrar", "retornados", "cidades"],
    "fr": ["nouveaux", "ville", "réfugiées", "leçons", "gouvernements", "médiateurs"],
}
COUNTRIES = ["MX", "CO", "PE", "EC", "BR", "AR", "CL", "GT", "CR", "CA", "US", "DO", "PA"]
THEMES = [term.code for term in taxonomy.THEMES]
GROUPS = [term.code for term in taxonomy.TARGET_GROUPS]
GCM = [term.code for term in taxonomy.GCM_OBJECTIVES]
STATUSES = ["running", "completed", "planned"]
SORTS = ["", "", "newest", "most_viewed"]


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def varied_paths(*, count: int, seed: int = 20261129) -> list[str]:
    """``count`` distinct directory addresses drawn from ``seed`` (the same list every run)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    paths: list[str] = []
    while len(paths) < count:
        language = rng.choice(list(DIRECTORIES))
        pairs: list[tuple[str, str]] = []
        if rng.random() < 0.7:
            words_language = rng.choice(list(COMMON_WORDS))
            pool = COMMON_WORDS if rng.random() < 0.75 else RARE_WORDS
            word = rng.choice(pool[words_language])
            if rng.random() < 0.5:
                word = _unaccented(word)
            if rng.random() < 0.5:
                word = word.upper() if rng.random() < 0.2 else word.capitalize()
            pairs.append(("q", word))
        for name, values, chance, most in (
            ("country", COUNTRIES, 0.5, 3),
            ("theme", THEMES, 0.4, 2),
            ("group", GROUPS, 0.25, 2),
            ("gcm", GCM, 0.1, 1),
            ("status", STATUSES, 0.2, 1),
            ("year", [str(year) for year in range(2015, 2026)], 0.15, 2),
            ("results", ["yes", "no"], 0.1, 1),
            ("language", list(DIRECTORIES), 0.1, 1),
        ):
            if rng.random() < chance:
                pairs += [(name, value) for value in rng.sample(values, rng.randint(1, most))]
        sort = rng.choice(SORTS)
        if sort:
            pairs.append(("sort", sort))
        pairs.append(("page", str(rng.choice([1, 1, 1, 2, 2, 3, 4, 5, rng.randint(6, 40)]))))
        path = f"{DIRECTORIES[language]}?{urlencode(pairs)}"
        if path not in seen:
            seen.add(path)
            paths.append(path)
    return paths


# -- The forum: any page of the long topic, any page of the crowded category ----------------------
FORUM_PREFIXES = {
    "en": "/en/community",
    "es": "/es/community",
    "pt": "/pt/community",
    "fr": "/fr/community",
}


def _forum_layout() -> dict:
    """What the forum filler made (benchmarks/datasets.py ``fill_forum``)."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent / "results" / "forum-layout.json"
    return json.loads(path.read_text())


def forum_topic_paths(*, count: int, seed: int = 20261129) -> list[str]:
    """Pages of the long topic in the four languages, any page of it, in a seeded order
    (a topic has fewer distinct addresses than wrk asks for: they repeat in a shuffled
    cycle, so that each address is far from its previous request)."""
    layout = _forum_layout()
    rng = random.Random(seed)
    every = [
        f"{prefix}/t/{layout['topic_id']}/{layout['topic_slug']}/?page={page}"
        for prefix in FORUM_PREFIXES.values()
        for page in range(1, layout["topic_pages"] + 1)
    ]
    return _cycled(every, count=count, rng=rng)


def forum_category_paths(*, count: int, seed: int = 20261129) -> list[str]:
    """Pages of the crowded category in the four languages, any page of it."""
    layout = _forum_layout()
    rng = random.Random(seed)
    every = [
        f"{prefix}/c/{layout['category_slug']}/?page={page}"
        for prefix in FORUM_PREFIXES.values()
        for page in range(1, layout["category_pages"] + 1)
    ]
    return _cycled(every, count=count, rng=rng)


def _cycled(every: list[str], *, count: int, rng: random.Random) -> list[str]:
    paths: list[str] = []
    while len(paths) < count:
        batch = every[:]
        rng.shuffle(batch)
        paths += batch
    return paths[:count]


def assessment_section_paths(*, count: int, seed: int = 20261129) -> list[str]:
    """Section pages of the benchmark assessment: every invitation's link (each token derived
    from its invitation's stored nonce by benchmarks/assessment_answer.py), every section its
    answers make relevant, in a seeded order (repeated in shuffled cycles when wrk asks for
    more than there are)."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent / "results" / "assessment-layout.json"
    every = [page["path"] for page in json.loads(path.read_text())["section_pages"]]
    return _cycled(every, count=count, rng=random.Random(seed))


GENERATORS = {
    "directory": varied_paths,
    "forum-topic": forum_topic_paths,
    "forum-category": forum_category_paths,
    "assessment-section": assessment_section_paths,
}
