"""Full-text search shared by every searchable thing (practices, forum topics and posts): what a
visitor's search words become (accents and case folded, stop words dropped, a bounded number),
which PostgreSQL text-search configuration reads each language, and the one expression that
matches and ranks an indexed text on PostgreSQL (a tsvector) or SQLite (an FTS5 table).

A text matches a search when it holds *any* of the terms (``TextMatch`` ranks those holding all
of them first), so the little words that every text holds ("la", "de", "the") are
dropped first: otherwise "la migración" would find every Spanish practice. The words of the
four content languages are dropped whatever the visitor's language, since a visitor reads
content in other languages too and the language a query is typed in is not known.

Terms are runs of letters and digits only, so nothing a visitor types is ever read as the
syntax of PostgreSQL's ``to_tsquery`` or SQLite's FTS5 ``MATCH`` (quotes, ``*``, ``-``, ``:``,
``AND``, ``NEAR(``...): each term is written quoted (FTS5) or as a bare lexeme (tsquery)."""

import re
from dataclasses import dataclass

from django.db import NotSupportedError
from django.db.models import BooleanField, CharField, Expression, FloatField, Func

from network.inputs import text_fold

# PostgreSQL text-search configurations (stemming + unaccent), created by the migrations of the
# apps that index text (practice_search 0001, community's search index).
SEARCH_CONFIGS = {"en": "convive_en", "es": "convive_es", "pt": "convive_pt", "fr": "convive_fr"}
DEFAULT_SEARCH_CONFIG = "simple"
SEARCH_CONFIG_NAMES = sorted({*SEARCH_CONFIGS.values(), DEFAULT_SEARCH_CONFIG})

QUERY_MAX_TERMS = 8
# A term this long or longer is also matched as the start of a longer word (a prefix).
PREFIX_MIN_LENGTH = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The commonest function words (articles, prepositions, conjunctions, pronouns) of each content
# language, accents folded. Words that are also content words in another of the languages are
# left out (Spanish "son" and "sin", French "sur", which names the South in Spanish place names).
STOP_WORDS = {
    "en": _words(
        "a an and are as at be but by for from has have in into is it its of on or that the "
        "their this to was were which with"
    ),
    "es": _words(
        "a al como con de del e el en es la las lo los o para por que se su sus un una unas unos y"
    ),
    "pt": _words(
        "a ao aos as com como da das de do dos e em na nas no nos o os ou para pela pelas pelo "
        "pelos por que se seu sua um uma umas uns"
    ),
    "fr": _words(
        "a au aux avec ce ces d dans de des du en est et il l la le les leur leurs ou par pour "
        "qu que qui se un une"
    ),
}
_STOP = frozenset().union(*STOP_WORDS.values())
_TERM = re.compile(r"[^\W_]+")


def search_config_for(language: str) -> str:
    """The text-search configuration used for content (and queries) in ``language``."""
    return SEARCH_CONFIGS.get(language, DEFAULT_SEARCH_CONFIG)


def search_terms(query: str) -> list[str]:
    """The terms ``query`` is searched for: its words (runs of letters and digits) in lower
    case without accents, each once, in order, without stop words, at most
    ``QUERY_MAX_TERMS``. Empty when the query holds no word but stop words."""
    words = _TERM.findall(text_fold(query))
    return list(dict.fromkeys(word for word in words if word not in _STOP))[:QUERY_MAX_TERMS]


def tsquery_term(term: str) -> str:
    """``term`` for PostgreSQL's ``to_tsquery``: the configuration stems it (and drops it when it
    is one of its stop words); a term of three letters or more also matches the longer words
    that start with its stem ("integra" finds "integração"), and so does its cut form
    (``term_stem``), for the words of another language that a configuration stems its own way
    ("returnee" also finds the "Returnees" a Spanish entry holds, stemmed "return")."""
    forms = dict.fromkeys([term, term_stem(term)])
    parts = [f"{form}:*" if len(form) >= PREFIX_MIN_LENGTH else form for form in forms]
    return parts[0] if len(parts) == 1 else f"({' | '.join(parts)})"


def tsquery_any(terms: list[str]) -> str:
    """A ``to_tsquery`` text matching a text that holds any of ``terms``."""
    return " | ".join(tsquery_term(term) for term in terms)


# SQLite has no stemmer: a term is cut to a stem by dropping a plural and a final vowel (the
# inflections of the four languages that matter most for searching), and the stem is matched
# as the start of a word, so "retorno" finds "retornadas" and "migraciones" finds "migración".
_PLURALS = ("ies", "oes", "es", "s")  # "communities", Portuguese "integrações", "migraciones"
_VOWELS = "aeiouy"
# What a stem keeps at least: four letters after dropping a plural, five after a final vowel
# ("porto" stays "porto", not "port" of "Port-au-Prince").
_STEM_MIN_LENGTH = 4
_STEM_MIN_LENGTH_VOWEL = 5


def term_stem(term: str) -> str:
    """The start of a word that ``term`` and its usual inflections share ("retornadas" ->
    "retornad", "integração" -> "integrac", "integra" -> "integr"); short terms unchanged."""
    stem = term
    for plural in _PLURALS:
        if stem.endswith(plural) and len(stem) - len(plural) >= _STEM_MIN_LENGTH:
            stem = stem[: -len(plural)]
            break
    if stem.endswith("ao") and len(stem) - 2 >= _STEM_MIN_LENGTH:  # Portuguese "-ção", "-são"
        stem = stem[:-2]
    elif stem[-1] in _VOWELS and len(stem) - 1 >= _STEM_MIN_LENGTH_VOWEL:
        stem = stem[:-1]
    return stem


def fts5_term(term: str) -> str:
    """``term`` for SQLite's FTS5 ``MATCH``: its stem, quoted (so it is never an operator), as
    a prefix when it is long enough."""
    stem = term_stem(term)
    return f'"{stem}"*' if len(stem) >= PREFIX_MIN_LENGTH else f'"{stem}"'


def fts5_any(terms: list[str]) -> str:
    """An FTS5 ``MATCH`` text matching a text that holds any of ``terms``."""
    return " OR ".join(fts5_term(term) for term in terms)


# -- Matching and ranking in SQL ----------------------------------------------------------------
class TextMatch(Expression):
    """A row's match of the search ``terms`` (``rank=False``: a condition), or its rank
    (``rank=True``): the number of terms it holds plus a relevance below 1, so that rows holding
    all of them come first. On PostgreSQL each row's terms are parsed by its own language's
    configuration (the ``config`` column: stemming, unaccent, stop words), one branch per
    configuration so that each parsed query is a constant computed once per statement and the
    GIN index on ``vector`` serves the match; the relevance is ``ts_rank`` (weights A 1.0, B 0.4)
    normalised to rank / (rank + 1). On SQLite the row's ``rowid`` is looked up in the FTS5 table
    ``fts_table`` (two columns: heading, body), each term as a stem and prefix, the relevance
    ``bm25`` with the heading weighing ``heading_weight`` times the body.

    Written as one expression over the columns, it costs a few microseconds where ten nested
    search expressions (Django's ``SearchQuery``, ``SearchRank``) cost about a millisecond per
    search (measured)."""

    def __init__(
        self,
        terms: list[str],
        *,
        rank: bool,
        config: Expression,
        vector: Expression,
        rowid: Expression,
        fts_table: str,
        heading_weight: float,
    ):
        super().__init__(output_field=FloatField() if rank else BooleanField())
        self.terms, self.rank = terms, rank
        self.fts_table, self.heading_weight = fts_table, heading_weight
        self.config, self.vector, self.rowid = config, vector, rowid

    def get_source_expressions(self):
        return [self.config, self.vector, self.rowid]

    def set_source_expressions(self, expressions):
        self.config, self.vector, self.rowid = expressions

    def as_sql(self, compiler, connection):
        raise NotSupportedError("Full-text search runs on PostgreSQL or SQLite.")

    def as_postgresql(self, compiler, connection):
        config_sql, config_params = compiler.compile(self.config)
        vector_sql, vector_params = compiler.compile(self.vector)
        parsed = "to_tsquery(%s::regconfig, %s)"
        any_term = tsquery_any(self.terms)
        branches, params = [], []
        for config in SEARCH_CONFIG_NAMES:
            if not self.rank:
                branches.append(f"({config_sql} = %s AND {vector_sql} @@ {parsed})")
                params += [*config_params, config, *vector_params, config, any_term]
                continue
            held, held_params = [], []
            if len(self.terms) > 1:  # with one term, every match holds all of them
                for term in self.terms:
                    held.append(f"CAST({vector_sql} @@ {parsed} AS integer)")
                    held_params += [*vector_params, config, tsquery_term(term)]
            relevance = f"ts_rank({vector_sql}, {parsed}, 32)"
            branches.append(f"WHEN {config_sql} = %s THEN {' + '.join([*held, relevance])}")
            params += [*config_params, config, *held_params, *vector_params, config, any_term]
        if self.rank:
            return f"CASE {' '.join(branches)} ELSE 0.0 END", params
        return f"({' OR '.join(branches)})", params

    def as_sqlite(self, compiler, connection):
        rowid_sql, rowid_params = compiler.compile(self.rowid)
        table = self.fts_table
        matching = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608
        any_term = fts5_any(self.terms)
        if not self.rank:
            return f"{rowid_sql} IN ({matching})", [*rowid_params, any_term]
        held, params = [], []
        if len(self.terms) > 1:
            for term in self.terms:
                held.append(f"({rowid_sql} IN ({matching}))")
                params += [*rowid_params, fts5_term(term)]
        # bm25 is negative, lower is better: -bm25 / (1 - bm25) lies in [0, 1).
        score = f"bm25({table}, {float(self.heading_weight)}, 1.0)"
        relevance = (
            f"COALESCE((SELECT -{score} / (1.0 - {score}) FROM {table}"  # noqa: S608
            f" WHERE {table} MATCH %s AND rowid = {rowid_sql}), 0.0)"
        )
        params += [any_term, *rowid_params]
        return f"({' + '.join([*held, relevance])})", params


class Folded(Func):
    """``expression`` in lower case without accents, in SQL, as ``text_fold`` folds it in
    Python, so that "jose" starts "José": ``lower(unaccent(...))`` on PostgreSQL (the extension
    the search migrations create), and ``convive_fold`` on SQLite, which ``sqlite_fold_register``
    gives every connection (SQLite has no such function)."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("Folding text runs on PostgreSQL or SQLite.")

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="convive_fold")


def _fold_or_null(text: str | None) -> str | None:
    return None if text is None else text_fold(text)


def sqlite_fold_register(sender, connection, **kwargs) -> None:
    """Give a new SQLite connection the ``convive_fold`` function of ``Folded`` (a receiver of
    Django's ``connection_created``, connected by ``NetworkConfig.ready``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("convive_fold", 1, _fold_or_null, deterministic=True)


# -- Showing what matched -----------------------------------------------------------------------
@dataclass(frozen=True)
class TextPart:
    """A piece of a shown text; ``matched`` pieces are words the search found. Templates escape
    every piece and mark the matched ones (no HTML is built in Python)."""

    text: str
    matched: bool = False


def _term_matches(word: str, terms: list[str]) -> bool:
    folded = text_fold(word)
    for term in terms:
        stem = term_stem(term)
        if folded == term or (len(stem) >= PREFIX_MIN_LENGTH and folded.startswith(stem)):
            return True
    return False


def text_parts(text: str, terms: list[str], *, length: int | None = None) -> list[TextPart]:
    """``text`` cut into pieces, the words matching ``terms`` (as the search matches them:
    folded, a stem as the start of a word) apart. With ``length``, only an excerpt of about
    that many characters around the first match (or the start), "…" marking cuts."""
    words = [(found.start(), found.end()) for found in _TERM.finditer(text)]
    matched = [(start, end) for start, end in words if _term_matches(text[start:end], terms)]
    begin, finish = 0, len(text)
    if length is not None and len(text) > length:
        first = matched[0][0] if matched else 0
        begin = max(0, first - length // 4)
        if begin:  # start at a word
            begin = next((start for start, _end in words if start >= begin), begin)
        finish = min(len(text), begin + length)
        if finish < len(text):  # end at a word
            finish = max((end for _start, end in words if end <= finish), default=finish)
    parts = [TextPart("…")] if begin else []
    position = begin
    for start, end in matched:
        if start < begin or end > finish:
            continue
        if start > position:
            parts.append(TextPart(text[position:start]))
        parts.append(TextPart(text[start:end], matched=True))
        position = end
    if position < finish:
        parts.append(TextPart(text[position:finish]))
    if finish < len(text):
        parts.append(TextPart("…"))
    return parts
