"""Translating pages and snippets with wagtail-localize."""

import pytest
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from outreach.models import CampaignPage, EventPage, NewsCategory, NewsPage
from tests.factories import NewsCategoryFactory

from . import builders


def translate_segments(source: TranslationSource, code: str, texts: dict[str, str]) -> None:
    locale = builders.locale(code)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        if segment.string.data in texts:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=texts[segment.string.data],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )


@pytest.mark.django_db
def test_translating_a_news_page_segment_publishes_spanish_text(
    client, homes, django_capture_on_commit_callbacks
):
    index = builders.news_index(homes["en"])
    news = builders.news_page(
        index,
        slug="launch",
        title="The network is launched",
        summary="Twenty cities join forces.",
        body=[("paragraph", "<p>Mayors signed the declaration.</p>")],
    )
    source, _created = TranslationSource.get_or_create_from_instance(news)
    translation = Translation.objects.create(
        source=source, target_locale=builders.locale("es"), enabled=True
    )
    translate_segments(
        source,
        "es",
        {
            "The network is launched": "La red está en marcha",
            "Twenty cities join forces.": "Veinte ciudades unen fuerzas.",
            "Mayors signed the declaration.": "Los alcaldes firmaron la declaración.",
        },
    )
    # wagtail-localize publishes the new revision once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    spanish = news.get_translation(builders.locale("es"))
    assert spanish.live
    assert spanish.date == news.date  # synchronised, not translated
    response = client.get(spanish.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "La red está en marcha" in html
    assert "Veinte ciudades unen fuerzas." in html
    assert "Los alcaldes firmaron la declaración." in html
    assert "This page is not available" not in html
    # Listed in Spanish on the Spanish home page, once.
    assert client.get("/es/").content.decode().count("La red está en marcha") == 1


@pytest.mark.django_db
def test_news_category_snippet_is_translatable(homes):
    category = NewsCategoryFactory(name="Training", slug="training")
    source, _created = TranslationSource.get_or_create_from_instance(category)
    translation = Translation.objects.create(source=source, target_locale=builders.locale("fr"))
    translate_segments(source, "fr", {"Training": "Formation"})
    translation.save_target()
    french = NewsCategory.objects.get(locale__language_code="fr")
    assert french.name == "Formation"
    assert french.slug == "training"  # synchronised so filters work in every language


@pytest.mark.parametrize(
    ("model", "synchronised", "translated"),
    [
        (NewsPage, {"date", "image", "author_name", "news_type"}, {"title", "summary", "body"}),
        (EventPage, {"start", "end", "capacity", "online_link", "format"}, {"title", "location"}),
        (CampaignPage, {"hashtag", "starts_on", "ends_on"}, {"key_message", "myths", "stories"}),
        (NewsCategory, {"slug"}, {"name"}),
    ],
)
def test_dates_images_and_codes_are_synchronised_and_text_is_translated(
    model, synchronised, translated
):
    fields = {field.field_name: field for field in get_translatable_fields(model)}
    for name in synchronised:
        assert isinstance(fields[name], SynchronizedField), name
    for name in translated:
        assert isinstance(fields[name], TranslatableField), name
