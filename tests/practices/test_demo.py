"""The demo practices: enough of them, linked to the demo network, translated, and idempotent."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.utils.html import escape
from wagtail.models import Page

from network.demo import seed_network
from outreach.demo import seed_outreach
from practices.demo import seed_practices
from practices.demo_real import REAL_PRACTICES
from practices.models import PracticePage
from tests.once import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.module_media]


def _seed() -> None:
    out = io.StringIO()
    seed_network(stdout=out)
    seed_outreach(stdout=out)
    seed_practices(stdout=out)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_media):
    """The demo, seeded once for the module's tests (each test's changes are rolled back)."""
    yield from built_once(django_db_blocker, _seed, media=module_media)


def test_seed_creates_varied_translated_practices_once(seeded):
    english = PracticePage.objects.filter(locale__language_code="en")
    assert english.count() >= 40
    assert english.values("country").distinct().count() >= 10
    assert english.values("themes__code").distinct().count() >= 12
    assert not english.filter(title__icontains="lorem").exists()

    for slug, authority in (
        ("amatitlan-reception-and-labour-integration", "amatitlan-gt"),
        ("zacatecoluca-municipal-office-for-migrants", "zacatecoluca-sv"),
        ("ecuador-migration-in-local-development-plans", "catamayo-ec"),
    ):
        source = PracticePage.objects.get(slug=slug, locale__language_code="en")
        assert source.authority.slug == authority
        languages = set(
            Page.objects.filter(translation_key=source.translation_key).values_list(
                "locale__language_code", flat=True
            )
        )
        assert languages == {"en", "es", "pt", "fr"}
        # Codes are synchronised across translations.
        spanish = PracticePage.objects.get(
            translation_key=source.translation_key, locale__language_code="es"
        )
        assert set(spanish.themes.values_list("code", flat=True)) == set(
            source.themes.values_list("code", flat=True)
        )

    assert PracticePage.objects.filter(
        slug="tijuana-modulo-de-bienvenida-a-repatriados",
        translation_key=PracticePage.objects.get(
            slug="tijuana-returnee-welcome-desk"
        ).translation_key,
    ).exists()

    # Seeding again creates nothing new.
    before = Page.objects.count()
    out = io.StringIO()
    seed_practices(stdout=out)
    assert Page.objects.count() == before
    assert "0 page(s) created" in out.getvalue()


def test_seeded_pages_render_in_every_language(client, seeded):
    html = client.get("/en/").content.decode()
    assert "Five Ecuadorian municipalities put migration" in html.split("Latest practices")[1]
    assert client.get("/en/practices/").status_code == 200
    html = client.get("/fr/bonnes-pratiques/").content.decode()
    assert "Amatitlán : accueil et insertion professionnelle" in html
    page = PracticePage.objects.get(
        slug="zacatecoluca-oficina-municipal-de-migrantes", locale__language_code="es"
    )
    html = client.get(page.url).content.decode()
    assert '<article class="practice" lang="es">' in html
    assert "Zacatecoluca" in html
    assert "60" in html


def test_only_documented_demo_cases_are_presented_as_real(seeded, client):
    documented = PracticePage.objects.get(
        slug="zacatecoluca-municipal-office-for-migrants", locale__language_code="en"
    )
    invented = PracticePage.objects.filter(locale__language_code="en", is_illustrative=True)
    assert not documented.is_illustrative
    assert invented.count() >= 35
    # Translations carry the flag of their source.
    assert not PracticePage.objects.filter(
        translation_key__in=invented.values("translation_key"), is_illustrative=False
    ).exists()

    warning = "It does not describe a documented programme."
    assert warning in client.get(invented.first().url).content.decode()
    assert warning not in client.get(documented.url).content.decode()
    directory = client.get(documented.get_parent().url).content.decode()
    assert 'class="practice-card__illustrative"' in directory


# -- The documented cases tell only what their public sources say -------------------------------

SOURCES = Path(__file__).resolve().parents[2] / "practices" / "demo_sources"
# A number standing alone: "400", "2021", "60" in "60%", not the 4 of "M4SD".
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")


def _case_figures(spec: dict, code: str) -> set[str]:
    texts = [value for key, value in spec[code].items() if isinstance(value, str) and key != "slug"]
    texts += [label for pair in spec[code]["labels"].values() for label in pair]
    texts += spec[code]["tags"]
    figures = {number for text in texts for number in NUMBER.findall(text)}
    common = spec["common"]
    figures |= {str(value) for _key, value, _year in common["indicators"]}
    figures |= {str(year) for _key, _value, year in common["indicators"]}
    figures |= {str(count) for _group, count in common["beneficiaries"] if count is not None}
    figures |= {str(day.year) for day in (common["start_date"], common["end_date"]) if day}
    return figures


@pytest.mark.parametrize("spec", REAL_PRACTICES, ids=lambda spec: spec["common"]["authority"])
def test_every_figure_of_a_documented_case_is_in_its_source(spec):
    source = spec["common"]["source"]
    reference = (SOURCES / source["reference"]).read_text()
    assert source["title"] in reference
    assert source["url"].startswith("https://")
    in_source = set(NUMBER.findall(reference))
    for code in ("en", "es", "pt", "fr"):
        figures = _case_figures(spec, code)
        assert figures, code
        assert figures <= in_source, (code, figures - in_source)


def test_documented_cases_cite_their_source_and_when_it_was_checked(client, seeded):
    for spec in REAL_PRACTICES:
        source = spec["common"]["source"]
        for code in ("en", "es", "pt", "fr"):
            page = PracticePage.objects.get(slug=spec[code]["slug"], locale__language_code=code)
            assert page.last_verified == date(2026, 11, 29)
            html = client.get(page.url).content.decode()
            assert f'<a href="{source["url"]}">{escape(source["title"])}</a>' in html, code
            assert escape(source["publisher"]) in html
            assert '<time datetime="2026-11-29">' in html
            assert "Convive secretariat" not in html
    spanish = PracticePage.objects.get(
        slug="zacatecoluca-oficina-municipal-de-migrantes", locale__language_code="es"
    )
    # The source gives no start date: none is made up.
    assert spanish.start_date is None
    # Illustrative records were never checked against a source.
    assert not PracticePage.objects.filter(
        is_illustrative=True, last_verified__isnull=False
    ).exists()


def test_tags_of_a_translation_are_in_its_language(client, seeded):
    page = PracticePage.objects.get(
        slug="zacatecoluca-oficina-municipal-de-migrantes", locale__language_code="es"
    )
    html = client.get(page.url).content.decode()
    assert "prevención de la violencia" in html
    assert "violence prevention" not in html


# Words so common that a paragraph of the language cannot do without them (and the others rarely
# use): enough to tell a Spanish, Portuguese, French or English text apart.
COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "with"},
    "es": {"el", "los", "las", "del", "y", "con", "para"},
    "pt": {"os", "das", "dos", "com", "para", "não", "ao"},
    "fr": {"le", "les", "des", "et", "du", "pour", "aux"},
}


def _language_of(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return max(COMMON_WORDS, key=lambda code: sum(word in COMMON_WORDS[code] for word in words))


def test_illustrative_practices_are_written_in_the_language_of_their_place(seeded, client):
    from practices.demo_catalogue import original_language

    invented = PracticePage.objects.filter(is_illustrative=True).select_related("locale")
    by_key: dict = {}
    for page in invented:
        by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
    assert len(by_key) >= 40
    for versions in by_key.values():
        english = versions["en"]
        expected = original_language(english.country)
        assert english.original_language == expected, english.slug
        # The original exists, and every version reads as its own language.
        assert expected in versions, english.slug
        for code, page in versions.items():
            text = " ".join([page.summary, page.context, page.activities])
            assert _language_of(text) == code, (code, page.slug)
            assert page.original_language == expected
    assert {"pt", "fr", "es"} <= {page.original_language for page in invented}
    # Each language's directory has several practices of its own to find.
    for code in ("es", "pt", "fr"):
        in_language = PracticePage.objects.filter(locale__language_code=code)
        assert in_language.filter(is_illustrative=True).count() >= 4, code

    brazilian = PracticePage.objects.get(slug="manaus-moradia-comunitaria-com-familias-warao")
    html = client.get(brazilian.url).content.decode()
    assert "Prefeitura de Manaus" in html
    assert "Municipality of Manaus" not in html


def test_the_pdf_of_a_documented_case_cites_its_source(seeded):
    from django.template.loader import render_to_string

    from practices.pdf import PDF_TEMPLATE, practice_pdf_context

    spec = REAL_PRACTICES[2]
    page = PracticePage.objects.get(slug=spec["en"]["slug"], locale__language_code="en")
    html = render_to_string(PDF_TEMPLATE, practice_pdf_context(practice=page))
    assert f'href="{spec["common"]["source"]["url"]}"' in html
    assert "Last verified" in html
    assert "Dates not stated in the source" in html
