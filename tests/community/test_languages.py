"""The language of a post, detected on forum-like texts in the site's four languages
(tests/community/language_samples.json) and left to the caller's default when unsure."""

import json
import time
from pathlib import Path

import pytest

from network.community.languages import language_detect

SAMPLES = json.loads((Path(__file__).parent / "language_samples.json").read_text("utf-8"))


def _accuracy(length: str) -> float:
    samples = [sample for sample in SAMPLES["samples"] if sample["length"] == length]
    right = [
        sample
        for sample in samples
        if language_detect(text=sample["text"], default="none") == sample["language"]
    ]
    return len(right) / len(samples)


def test_the_samples_cover_each_language_with_long_and_short_texts():
    for language in ("en", "es", "pt", "fr"):
        mine = [sample for sample in SAMPLES["samples"] if sample["language"] == language]
        assert len(mine) >= 20
        assert {sample["length"] for sample in mine} == {"long", "short"}


def test_long_texts_are_recognised():
    assert _accuracy("long") >= 0.95


def test_short_texts_are_mostly_recognised():
    assert _accuracy("short") >= 0.9


@pytest.mark.parametrize("text", [sample["text"] for sample in SAMPLES["unsure"]])
def test_texts_of_fewer_than_four_words_keep_the_default(text):
    assert language_detect(text=text, default="fr") == "fr"
    assert language_detect(text=text, default="es") == "es"


def test_spanish_and_portuguese_saying_the_same_are_told_apart():
    assert (
        language_detect(text="Temos o mesmo problema de moradia no município.", default="en")
        == "pt"
    )
    assert (
        language_detect(text="Tenemos el mismo problema de vivienda en el municipio.", default="en")
        == "es"
    )


def test_a_text_half_in_one_language_half_in_another_keeps_the_default():
    text = (
        "Thanks for the report on the shelter. "
        "Gracias por el informe sobre el albergue municipal de la ciudad."
    )
    assert language_detect(text=text, default="pt") == "pt"


def test_addresses_mentions_and_code_do_not_count_as_words():
    text = "@ana.maria https://example.org/informe `python manage.py migrate` gracias"
    assert language_detect(text=text, default="fr") == "fr"
    post = (
        "Merci @ana, voici le lien https://example.org/rapport pour la réunion de jeudi prochain."
    )
    assert language_detect(text=post, default="en") == "fr"


def test_a_long_run_without_spaces_is_read_in_linear_time():
    # A post may hold 30,000 characters of anything; an address pattern that backtracks took
    # seconds on such a run (quadratic), this takes milliseconds.
    started = time.perf_counter()
    for run in ("[" * 30_000, "a" * 30_000, "x@" * 15_000):
        assert language_detect(text=run, default="pt") == "pt"
    assert time.perf_counter() - started < 1.5
