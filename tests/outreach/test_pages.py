"""What each page type shows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from base.blocks import video_player_url
from tests.factories import LocalAuthorityFactory, NewsCategoryFactory

from . import builders


@pytest.mark.django_db
def test_home_page_shows_the_network_at_a_glance(client, home):
    LocalAuthorityFactory.create_batch(3, country="CO", is_member=True)
    LocalAuthorityFactory(country="EC", is_member=True)
    LocalAuthorityFactory(country="PE", is_member=False)
    html = client.get("/en/").content.decode()
    assert "The network at a glance" in html
    assert "<strong>4</strong> member authorities in <strong>2</strong> countries" in html
    assert '<a href="/en/network/authorities/?country=CO">Colombia</a></th><td>3</td>' in html
    assert "Peru" not in html


@pytest.mark.django_db
def test_home_page_has_no_empty_sections(client, home):
    html = client.get("/en/").content.decode()
    for heading in ["The network at a glance", "Latest news", "Upcoming events", "Campaigns"]:
        assert heading not in html


@pytest.mark.django_db
def test_home_page_shows_latest_news_upcoming_events_and_live_campaigns(client, homes):
    news = builders.news_index(homes["en"])
    for number in range(4):
        builders.news_page(news, slug=f"news-{number}", title=f"News {number}", days_ago=number)
    events = builders.event_index(homes["en"])
    builders.event_page(events, slug="soon", title="Soon event", starts_in=timedelta(days=2))
    builders.event_page(events, slug="past", title="Past event", starts_in=timedelta(days=-2))
    campaigns = builders.campaign_index(homes["en"])
    builders.campaign_page(campaigns, slug="live", title="Live campaign", hashtag="Together")
    builders.campaign_page(
        campaigns,
        slug="over",
        title="Finished campaign",
        starts_on=timezone.localdate() - timedelta(days=60),
        ends_on=timezone.localdate() - timedelta(days=30),
    )
    html = client.get("/en/").content.decode()
    assert [f"News {n}" in html for n in range(4)] == [True, True, True, False]
    assert "Soon event" in html and "Past event" not in html
    assert "Live campaign" in html and "#Together" in html
    assert "Finished campaign" not in html


@pytest.mark.django_db
def test_news_index_filters_by_category_and_type_and_paginates(client, homes):
    index = builders.news_index(homes["en"])
    policies = NewsCategoryFactory(name="Local policies", slug="local-policies")
    for number in range(12):
        builders.news_page(
            index,
            slug=f"article-{number}",
            title=f"Article {number:02d}",
            days_ago=number,
            news_type="article",
            category=policies if number % 2 == 0 else None,
        )
    builders.news_page(index, slug="release", title="Press release one", news_type="press_release")

    first = client.get("/en/news/").content.decode()
    assert "Page 1 of 2" in first
    assert "Press release one" in first
    second = client.get("/en/news/?page=2").content.decode()
    assert "Article 11" in second
    assert "Page 2 of 2" in second
    # Nonsense page numbers show a real page, not an error.
    assert client.get("/en/news/?page=abc").status_code == 200
    assert client.get("/en/news/?page=999").status_code == 200

    releases = client.get("/en/news/?type=press_release").content.decode()
    assert "Press release one" in releases and "Article 00" not in releases

    by_category = client.get("/en/news/?category=local-policies").content.decode()
    assert "Article 00" in by_category and "Article 01" not in by_category
    assert '<option value="local-policies" selected>Local policies</option>' in by_category
    # An unknown filter value is ignored rather than an error.
    assert "Article 01" in client.get("/en/news/?category=nope&type=nope").content.decode()


@pytest.mark.django_db
def test_news_category_filter_works_across_languages(client, homes):
    index = builders.news_index(homes["en"])
    es_index = builders.translate(index, homes["es"], code="es", slug="noticias")
    category = NewsCategoryFactory(name="Training", slug="training")
    es_category = category.copy_for_translation(builders.locale("es"))
    es_category.name = "Formación"
    es_category.save()
    item = builders.news_page(index, slug="course", title="Course", category=category)
    builders.translate(item, es_index, code="es", slug="curso", title="Curso", category=es_category)
    html = client.get("/es/noticias/?category=training").content.decode()
    assert "Curso" in html
    assert '<option value="training" selected>Formación</option>' in html


@pytest.mark.django_db
def test_news_page_shows_byline_date_type_and_body(client, homes):
    index = builders.news_index(homes["en"])
    builders.news_page(
        index,
        slug="launch",
        title="Launch",
        author_name="Ana Pérez",
        news_type="press_release",
        body=[
            ("heading", {"text": "What happened", "level": "h2"}),
            ("paragraph", "<p>The network was launched.</p>"),
            ("quote", {"text": "A new start.", "attribution": "A mayor"}),
            (
                "video",
                {
                    "url": "https://youtu.be/abcdefghijk",
                    "title": "Launch video",
                    "show_player": True,
                    "caption": "",
                },
            ),
        ],
    )
    html = client.get("/en/news/launch/").content.decode()
    assert "By Ana Pérez" in html
    assert "Press release" in html
    assert "<h2>What happened</h2>" in html
    assert "The network was launched." in html
    assert "— A mayor" in html
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert '<a href="https://youtu.be/abcdefghijk" rel="noopener">' in html


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (
            "https://www.youtube.com/watch?v=abcdefghijk",
            "https://www.youtube-nocookie.com/embed/abcdefghijk",
        ),
        ("https://youtu.be/abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
        ("https://evil.example.com/watch?v=abcdefghijk", ""),
        ("https://youtube.com.evil.example/watch?v=abc", ""),
        ("https://www.youtube.com/watch?v=<script>", ""),
    ],
)
def test_only_known_video_hosts_get_a_player(url, player):
    assert video_player_url(url) == player


@pytest.mark.django_db
def test_campaign_page_shows_key_message_myths_facts_and_stories(client, homes):
    index = builders.campaign_index(homes["en"])
    builders.campaign_page(
        index,
        slug="enriches",
        title="Migration enriches us",
        hashtag="MigrationEnrichesUs",
        key_message="Newcomers make cities stronger.",
        myths=[
            (
                "myth_fact",
                {
                    "myth": "They take jobs.",
                    "fact": "They create jobs.",
                    "source_label": "ILO",
                    "source_url": "https://www.ilo.org/",
                },
            )
        ],
        stories=[
            (
                "story",
                {
                    "title": "A bakery in Quito",
                    "person": "María",
                    "text": "<p>She employs four.</p>",
                },
            )
        ],
    )
    html = client.get("/en/campaigns/enriches/").content.decode()
    assert "Newcomers make cities stronger." in html
    assert "#MigrationEnrichesUs" in html
    assert "They take jobs." in html and "They create jobs." in html
    assert '<a href="https://www.ilo.org/" rel="noopener">ILO</a>' in html
    assert "A bakery in Quito" in html and "She employs four." in html


@pytest.mark.django_db
def test_standard_page_renders_call_to_action_to_a_page(client, homes):
    join = builders.standard_page(homes["en"], slug="how-to-join", title="How to join")
    builders.standard_page(
        homes["en"],
        slug="about",
        title="About",
        intro="Who we are.",
        body=[
            (
                "call_to_action",
                {"heading": "Join us", "text": "", "link_label": "Apply", "page": join, "url": ""},
            )
        ],
    )
    html = client.get("/en/about/").content.decode()
    assert "Who we are." in html
    assert '<a class="button" href="/en/how-to-join/">Apply</a>' in html


@pytest.mark.django_db
def test_page_types_are_placed_where_they_belong():
    from outreach.models import HomePage, NewsIndexPage, NewsPage

    assert NewsPage.parent_page_types == ["outreach.NewsIndexPage"]
    assert "outreach.NewsPage" not in HomePage.subpage_types
    assert NewsIndexPage.can_exist_under(HomePage.objects.first())
    assert not NewsPage.can_exist_under(HomePage.objects.first())
