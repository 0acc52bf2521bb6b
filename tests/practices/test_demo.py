"""The demo practices: enough of them, linked to the demo network, translated, and idempotent."""

import io

import pytest
from django.test import override_settings
from wagtail.models import Page

from network.demo import seed_network
from outreach.demo import seed_outreach
from practices.demo import seed_practices
from practices.models import PracticePage
from tests.once import built_once

pytestmark = pytest.mark.django_db


def _seed() -> None:
    out = io.StringIO()
    seed_network(stdout=out)
    seed_outreach(stdout=out)
    seed_practices(stdout=out)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_media):
    """The demo, seeded once for the module's tests (each test's changes are rolled back)."""
    with override_settings(MEDIA_ROOT=str(module_media)):
        yield from built_once(django_db_blocker, _seed)


@pytest.fixture(autouse=True)
def _media_root(settings, module_media):
    """The demo's pictures, written once for the module, stay in every test's media folder."""
    settings.MEDIA_ROOT = str(module_media)


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
