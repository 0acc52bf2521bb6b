"""What a visitor's search words become: the terms searched (accents and case folded, stop
words dropped, a bounded number) and how each database is asked for them.

A practice matches a search when it holds *any* of the terms (``practices.search`` ranks those
holding all of them first), so the little words that every text holds ("la", "de", "the") are
dropped first: otherwise "la migración" would find every Spanish practice. The words of the
four content languages are dropped whatever the visitor's language, since a visitor reads
practices in other languages too (a practice with no version in theirs) and the language a
query is typed in is not known.

Terms are runs of letters and digits only, so nothing a visitor types is ever read as the
syntax of PostgreSQL's ``to_tsquery`` or SQLite's FTS5 ``MATCH`` (quotes, ``*``, ``-``, ``:``,
``AND``, ``NEAR(``...): each term is written quoted (FTS5) or as a bare lexeme (tsquery)."""

import re

from network.inputs import text_fold

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
