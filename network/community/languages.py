"""Which of the site's languages a post is written in, so a reader can be offered a translation
and a topic can be filtered by language.

py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams, shipped in the
package, about 5 MB) restricted to English, Spanish, Portuguese and French. It is read once per
process, on first use, and stays in memory (83 MiB with numpy, measured in a Django process;
docs/architecture.md): it is a model, not content.
The measurements that chose it are in ``tests/community/language_samples.json`` and
``test_languages.py``.

The detector is not asked when it cannot know: below ``MIN_WORDS`` words (``+1``, "Gracias!",
"Merci beaucoup") and when the text mixes languages (two sentences in one language, two in
another), the caller's ``default`` is returned (the author's interface language, usually).
"""

import re
from functools import cache

LANGUAGES = ("en", "es", "pt", "fr")
MIN_WORDS = 4
# Below this probability the detector is guessing (the hardest short texts of the samples score
# 0.8 and up for the right language).
MIN_PROBABILITY = 0.75
# The detected language must have written this share of the words of the sentences long enough
# to be judged on their own, else the text is taken as mixed.
MIN_SHARE = 0.7

# What says nothing about the language: code, addresses, mentions, Markdown punctuation.
_FENCED = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`\n]*`")
_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@cache
def _identifier():
    # Imported and read here, not at import time: only the processes that detect pay for it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _prose(text: str) -> str:
    text = _FENCED.sub(" ", text)
    text = _CODE.sub(" ", text)
    # Word by word (linear in the text's length, whatever it holds): addresses, email addresses
    # and mentions go; the line breaks that end sentences stay.
    return "\n".join(
        " ".join(word for word in line.split() if "@" not in word and not _ADDRESS.search(word))
        for line in text.splitlines()
    )


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def language_detect(*, text: str, default: str) -> str:
    """The language (``en``, ``es``, ``pt`` or ``fr``) ``text`` is written in, or ``default``
    when the text is too short to tell or mixes languages."""
    prose = _prose(text)
    if _words(prose) < MIN_WORDS:
        return default
    identifier = _identifier()
    language, probability = identifier.classify(prose)
    if probability < MIN_PROBABILITY:
        return default
    judged = [
        (identifier.classify(sentence)[0], words)
        for sentence in _SENTENCE_END.split(prose)
        if (words := _words(sentence)) >= MIN_WORDS
    ]
    total = sum(words for _language, words in judged)
    agreeing = sum(words for found, words in judged if found == language)
    if total and agreeing / total < MIN_SHARE:
        return default
    return language
