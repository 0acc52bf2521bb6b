"""Translating a practice with wagtail-localize: texts are translated, facts and codes copied."""

from datetime import date

import pytest
from wagtail_localize.models import Translation, TranslationSource

from tests.outreach import builders as outreach
from tests.outreach.test_localize import translate_segments

from .builders import practice

pytestmark = pytest.mark.django_db


def test_translated_practice_keeps_facts_and_codes(
    client, directory, django_capture_on_commit_callbacks
):
    page = practice(
        directory["en"],
        slug="night-school",
        title="Night school for newcomers",
        summary="Evening classes for adults who arrived this year.",
        start_date=date(2021, 2, 1),
        country="PE",
        themes=("education", "employment"),
        groups=("refugees",),
        indicators=[
            (
                "indicator",
                {"label": "Adults enrolled", "value": "310", "unit": "people", "year": 2022},
            )
        ],
    )
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=outreach.locale("es"), enabled=True
    )
    translate_segments(
        source,
        "es",
        {
            "Night school for newcomers": "Escuela nocturna para recién llegados",
            "Evening classes for adults who arrived this year.": "Clases nocturnas para adultos.",
            "Adults enrolled": "Adultos inscritos",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    spanish = page.get_translation(outreach.locale("es")).specific
    assert spanish.start_date == page.start_date
    assert spanish.country == "PE"
    assert sorted(spanish.themes.values_list("code", flat=True)) == ["education", "employment"]
    html = client.get(spanish.url).content.decode()
    assert "Escuela nocturna para recién llegados" in html
    assert "Adultos inscritos" in html
    assert "310" in html
