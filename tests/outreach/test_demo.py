"""The demo content: four languages, linked translations, idempotent."""

import io

import pytest
from wagtail.models import Page

from outreach.demo import seed_outreach
from outreach.models import CampaignPage, EventPage, NewsCategory, NewsPage
from tests.once import built_once

pytestmark = pytest.mark.module_media


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_media):
    """The demo pages, seeded once for the pages rendered below."""
    yield from built_once(
        django_db_blocker, lambda: seed_outreach(stdout=io.StringIO()), media=module_media
    )


@pytest.mark.django_db
def test_seeding_twice_changes_nothing_and_links_translations(client):
    seed_outreach(stdout=io.StringIO())
    counts = (Page.objects.count(), NewsCategory.objects.count())
    revisions = {page.pk: page.latest_revision_id for page in Page.objects.all()}
    output = io.StringIO()
    seed_outreach(stdout=output)
    assert (Page.objects.count(), NewsCategory.objects.count()) == counts
    assert {page.pk: page.latest_revision_id for page in Page.objects.all()} == revisions
    assert "0 page(s) created" in output.getvalue()

    assert NewsPage.objects.filter(locale__language_code="en").count() == 6
    assert EventPage.objects.filter(locale__language_code="en").count() == 3
    for model in (NewsPage, EventPage, CampaignPage):
        for page in model.objects.filter(locale__language_code="en"):
            languages = {t.locale.language_code for t in page.get_translations(inclusive=True)}
            assert languages == {"en", "es", "pt", "fr"}, page
    campaign = CampaignPage.objects.get(locale__language_code="fr")
    assert campaign.hashtag == "MigrationEnrichesUs"
    assert len(campaign.myths) == 3

    # Past and upcoming webinars exist relative to now.
    events = EventPage.objects.filter(locale__language_code="en")
    assert any(event.is_past for event in events)
    assert sum(not event.is_past for event in events) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/en/", "Virtual launch of the network"),
        ("/es/", "Lanzamiento virtual de la red"),
        ("/pt/noticias/", "Cúcuta abre um escritório municipal para migrantes"),
        ("/fr/campagnes/la-migration-nous-enrichit/", "La migration augmente la délinquance."),
        ("/es/acerca-de/", "¿Por qué una red de ciudades?"),
        ("/en/events/", "Webinar: opening local services to migrants"),
    ],
)
def test_demo_pages_render_in_each_language(client, seeded, url, text):
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()
