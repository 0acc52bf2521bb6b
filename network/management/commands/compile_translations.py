"""Compile the project's .po catalogues to .mo with polib, so that a machine without GNU gettext
(a fresh Debian with only Python and make) can still run Convive in four languages.

Each language's compiled catalogue is, in order of precedence:

1. ``locale/<lang>/LC_MESSAGES/overrides.po``: corrections of strings that come from the
   libraries (allauth's "Sign In" in sentence case, a Spanish "Restablecer Contraseña"...),
   kept by hand since ``makemessages`` would drop them from ``django.po``;
2. ``locale/<lang>/LC_MESSAGES/django.po``: Convive's own strings (``makemessages``);
3. for Portuguese, the Brazilian catalogues the installed libraries ship (``pt_BR``: allauth,
   Wagtail, Django...), so that every string is in the one variant most Portuguese speakers of
   the Americas use, where Django would otherwise pick European Portuguese or nothing.

Project catalogues (``LOCALE_PATHS``) take precedence over the libraries' own, so the result is
what every page shows.
"""

import re
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

OVERRIDES = "overrides.po"
# Languages whose strings missing from Convive's catalogue come from a variant's catalogues.
VARIANTS = {"pt": "pt_BR"}


def _plural_count(catalogue: polib._BaseFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def _variant_catalogues(variant: str) -> list[Path]:
    """The compiled catalogues of ``variant`` that the installed apps and Django ship, the
    apps first (in INSTALLED_APPS order), Django's own last."""
    found = [
        Path(config.path) / "locale" / variant / "LC_MESSAGES" / "django.mo"
        for config in apps.get_app_configs()
    ]
    django_locale = Path(django.__file__).parent / "conf" / "locale"
    found.append(django_locale / variant / "LC_MESSAGES" / "django.mo")
    return [path for path in found if path.exists()]


def _key(entry: polib._BaseEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _compiled(folder: Path) -> polib.POFile:
    own = polib.pofile(str(folder / "django.po"))
    catalogue = polib.POFile()
    catalogue.metadata = dict(own.metadata)
    plurals = _plural_count(own)
    entries: dict[tuple[str | None, str], polib.POEntry] = {}
    overrides = folder / OVERRIDES
    if overrides.exists():
        for entry in polib.pofile(str(overrides)).translated_entries():
            entries.setdefault(_key(entry), entry)
    for entry in own.translated_entries():
        entries.setdefault(_key(entry), entry)
    variant = VARIANTS.get(folder.parent.name)
    for path in _variant_catalogues(variant) if variant else []:
        source = polib.mofile(str(path))
        their_plurals = _plural_count(source)
        for entry in source:
            if not entry.msgid or _key(entry) in entries:
                continue
            copy = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgstr)
            if entry.msgid_plural:
                forms = [entry.msgstr_plural.get(index, "") for index in range(their_plurals)]
                # Keep the singular and the general plural (the last form), in our plural rule.
                copy.msgid_plural = entry.msgid_plural
                copy.msgstr_plural = {0: forms[0], **dict.fromkeys(range(1, plurals), forms[-1])}
            entries[_key(entry)] = copy
    for entry in entries.values():
        catalogue.append(entry)
    return catalogue


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files (no gettext needed)."

    def handle(self, *args, **options) -> None:
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for folder in sorted(Path(locale_path).glob("*/LC_MESSAGES")):
                if not (folder / "django.po").exists():
                    continue
                mo_path = folder / "django.mo"
                sources = [folder / "django.po", folder / OVERRIDES]
                variant = VARIANTS.get(folder.parent.name)
                sources += _variant_catalogues(variant) if variant else []
                newest = max(path.stat().st_mtime for path in sources if path.exists())
                if mo_path.exists() and mo_path.stat().st_mtime >= newest:
                    continue
                _compiled(folder).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
