"""The data migration leaves a home page per language at the root of the default site."""

import pytest
from wagtail.models import Locale, Page, Site

from outreach.models import HomePage


@pytest.mark.django_db
def test_every_content_language_has_a_locale_and_a_home_page(client):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en", "es", "pt", "fr"}
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "en"
    translations = site.root_page.get_translations(inclusive=True)
    assert sorted(page.locale.language_code for page in translations) == ["en", "es", "fr", "pt"]
    # Wagtail's welcome page is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Local authorities welcoming migrants"),
        ("es", "Gobiernos locales que acogen"),
        ("pt", "Governos locais que acolhem"),
        ("fr", "Des collectivités locales qui accueillent"),
    ],
)
def test_each_language_renders_its_own_home_page(client, language, heading):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
