"""Every string a user can see has a translation in each of Convive's other languages.

The strings are extracted afresh with ``makemessages`` in a temporary copy of the project (the
repository is never touched) and looked up in the committed catalogues. Without GNU gettext the
committed catalogues alone are checked, except under CONVIVE_REQUIRE_SERVICES=1 (CI), where a
missing xgettext is an error: CI must check the code, not only the catalogues.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.utils import translation

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("es", "pt", "fr")
DOMAIN = "django"
# Never part of the user interface, or not ours.
IGNORED = (".venv", "node_modules", "tests", "benchmarks", "staticfiles", "media")
REQUIRE_SERVICES = os.environ.get("CONVIVE_REQUIRE_SERVICES") == "1"

PERCENT_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def placeholders(text: str) -> Counter:
    """The interpolation slots of a message: ``%(name)s``, ``%s``, ``{name}``, ``{}``."""
    text = text.replace("%%", "")
    found: Counter = Counter()
    for match in PERCENT_PLACEHOLDER.finditer(text):
        found[f"%({match.group(1)})" if match.group(1) else "%"] += 1
    for match in BRACE_PLACEHOLDER.finditer(text):
        found[f"{{{match.group(1)}}}"] += 1
    return found


def catalogue_path(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract_messages(workdir: Path) -> dict[str, polib.POFile]:
    """Run makemessages in a copy of the project and return the merged catalogue per language."""
    copy = workdir / "project"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(*IGNORED, ".git", "*.mo", "__pycache__", ".env", "*.sqlite3"),
    )
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    command = [sys.executable, "manage.py", "makemessages", "--domain", DOMAIN, "--no-wrap"]
    command += [f"--locale={language}" for language in LANGUAGES]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    return {
        language: polib.pofile(str(catalogue_path(copy, language)), wrapwidth=0)
        for language in LANGUAGES
    }


def entry_problems(entry: polib.POEntry, committed: polib.POEntry | None) -> list[str]:
    """What is wrong with the committed translation of one extracted message, if anything."""
    if committed is None:
        return ["no entry in the catalogue"]
    if "fuzzy" in committed.flags:
        return ["marked fuzzy"]
    if committed.msgid_plural:
        forms = [committed.msgstr_plural[index] for index in sorted(committed.msgstr_plural)]
        if not forms or not all(form.strip() for form in forms):
            return ["a plural form is empty"]
        expected = placeholders(committed.msgid) | placeholders(committed.msgid_plural)
        found: Counter = Counter()
        for form in forms:
            if not set(placeholders(form)) <= set(expected):
                return [f"unknown placeholder in {form!r}"]
            found |= placeholders(form)
        if set(found) != set(expected):
            return [f"placeholders {sorted(found)} differ from {sorted(expected)}"]
        return []
    if not committed.msgstr.strip():
        return ["empty translation"]
    expected, found = placeholders(committed.msgid), placeholders(committed.msgstr)
    if expected != found:
        return [
            f"placeholders {sorted(found.elements())} differ from {sorted(expected.elements())}"
        ]
    return []


def describe(language: str, entry: polib.POEntry, problem: str) -> str:
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2]) or "catalogue"
    context = f" [context {entry.msgctxt!r}]" if entry.msgctxt else ""
    return f"{language}: {entry.msgid!r}{context} ({where}): {problem}"


def load_committed(language: str) -> polib.POFile | None:
    path = catalogue_path(REPO, language)
    return polib.pofile(str(path), wrapwidth=0) if path.exists() else None


def test_every_interface_string_is_translated(tmp_path):
    has_gettext = shutil.which("xgettext") and shutil.which("msgmerge")
    if not has_gettext and REQUIRE_SERVICES:
        pytest.fail(
            "GNU gettext (xgettext) is missing: install Debian's gettext package "
            "(CONVIVE_REQUIRE_SERVICES=1 forbids the catalogue-only fallback)",
            pytrace=False,
        )
    extracted = extract_messages(tmp_path) if has_gettext else None

    problems: list[str] = []
    for language in LANGUAGES:
        committed = load_committed(language)
        if committed is None:
            problems.append(
                f"{language}: {catalogue_path(REPO, language).relative_to(REPO)} is missing"
            )
            continue
        entries = extracted[language] if extracted else committed
        for entry in entries:
            if entry.obsolete or not entry.msgid:
                continue
            found = committed.find(entry.msgid, msgctxt=entry.msgctxt or False)
            for problem in entry_problems(entry, found):
                problems.append(describe(language, entry, problem))

    assert not problems, f"{len(problems)} untranslated message(s):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello %(name)s, you have %(count)d", {"%(name)": 1, "%(count)": 1}),
        ("%s of %s (100%%)", {"%": 2}),
        ("Welcome {name}", {"{name}": 1}),
        ("Nothing to replace", {}),
    ],
)
def test_placeholders_are_recognised(text, expected):
    assert placeholders(text) == Counter(expected)


def test_a_translation_with_a_wrong_placeholder_is_reported():
    entry = polib.POEntry(msgid="Hello %(name)s", msgstr="Hola %(nombre)s")

    assert entry_problems(entry, entry) == ["placeholders ['%(nombre)'] differ from ['%(name)']"]
    fuzzy = polib.POEntry(msgid="Hello", msgstr="Hola", flags=["fuzzy"])
    assert entry_problems(fuzzy, fuzzy) == ["marked fuzzy"]
    assert entry_problems(fuzzy, None) == ["no entry in the catalogue"]


@pytest.fixture
def fresh_catalogues(settings):
    """Compiled catalogues, loaded afresh (Django caches them per process)."""
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)
    # Assigning LOCALE_PATHS makes Django's test signals drop the cached translations.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_speaks_each_language(client, fresh_catalogues, language):
    with translation.override(language):
        skip_link = translation.gettext("Skip to content")
    assert skip_link != "Skip to content", f"'Skip to content' is not translated into {language}"

    response = client.get(f"/{language}/", follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert skip_link in html
