"""The shared search words (network.search_text): what is marked as found in a shown text."""

from network.search_text import TextPart, search_terms, text_parts


def _marked(parts: list[TextPart]) -> list[str]:
    return [part.text for part in parts if part.matched]


def test_words_are_marked_whatever_their_accents_case_and_inflection():
    parts = text_parts(
        "Centro de Acogída y acogidas; integração.", search_terms("acogida integracao")
    )
    assert _marked(parts) == ["Acogída", "acogidas", "integração"]
    assert "".join(part.text for part in parts) == "Centro de Acogída y acogidas; integração."


def test_a_long_text_is_cut_around_the_first_match_at_word_boundaries():
    text = " ".join(["filler"] * 100) + " interpreters are scarce " + " ".join(["tail"] * 100)
    parts = text_parts(text, search_terms("interpreters"), length=80)
    shown = "".join(part.text for part in parts)
    assert shown.startswith("…") and shown.endswith("…")
    assert "interpreters" in _marked(parts)
    assert len(shown) <= 84
    assert "fille…" not in shown and "…iller" not in shown


def test_stop_words_and_unrelated_words_are_not_marked():
    assert _marked(text_parts("The desk of the city", search_terms("the desk"))) == ["desk"]
