"""The demo library: an index in four languages, about ten resources with real PDF files, some
translated; seeding twice changes nothing."""

import io
import re

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page

from library.demo import seed_library
from library.models import ResourceLibraryPage, ResourcePage
from library.validators import validate_library_file
from network.demo import seed_network
from outreach.demo import seed_outreach
from outreach.models import NewsPage

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        {page.pk: page.latest_revision_id for page in Page.objects.all()},
    )


def test_seeding_twice_changes_nothing(client):
    seed_network(stdout=io.StringIO())
    seed_library(stdout=io.StringIO())
    before = snapshot()
    output = io.StringIO()
    seed_library(stdout=output)
    assert snapshot() == before
    assert "0 page(s) created" in output.getvalue()

    libraries = ResourceLibraryPage.objects.select_related("locale")
    assert {library.locale.language_code for library in libraries} == {"en", "es", "pt", "fr"}
    english = ResourcePage.objects.filter(locale__language_code="en")
    assert english.count() == 10
    assert ResourcePage.objects.exclude(locale__language_code="en").count() >= 4
    titles = " ".join(english.values_list("title", flat=True))
    for words in ("launch report", "development plans", "migrant office", "questionnaire"):
        assert words in titles.lower()
    # Invented documents are never attributed to a real organisation.
    assert not ResourcePage.objects.filter(publisher_organisation__isnull=False).exists()


def test_demo_files_are_valid_pdfs_that_pass_the_library_checks(client):
    seed_library(stdout=io.StringIO())
    for resource in ResourcePage.objects.filter(locale__language_code="en"):
        document = resource.document
        validate_library_file(document.file, name=document.file.name)
        resource.full_clean()
        assert document.file_size and document.file_size < 5000


def test_the_demo_library_renders_in_every_language(client):
    seed_library(stdout=io.StringIO())
    for path in ("/en/library/", "/es/biblioteca/", "/pt/biblioteca/", "/fr/bibliotheque/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert len(response.context["items"]) == 10, path
    spanish = client.get("/es/biblioteca/")
    assert "Informe de lanzamiento de la red Convive" in spanish.text
    assert client.get("/es/biblioteca/informe-lanzamiento-red/").status_code == 200


def test_demo_documents_are_marked_illustrative_in_every_language(client):
    seed_network(stdout=io.StringIO())
    seed_library(stdout=io.StringIO())
    assert not ResourcePage.objects.filter(is_illustrative=False).exists()
    for path, badge in (
        ("/en/library/", "Illustrative example"),
        ("/es/biblioteca/", None),
        ("/fr/bibliotheque/", None),
    ):
        html = client.get(path).text
        assert html.count('class="resource-card__illustrative"') == 10, path
        if badge:
            assert badge in html
    resource = ResourcePage.objects.get(slug="informe-lanzamiento-red")
    html = client.get(resource.url).text
    assert 'class="notice notice--warning resource__illustrative"' in html
    assert "Secretaría técnica de Convive" in html
    assert "Convive technical secretariat" not in html


def test_the_network_figures_agree_on_the_home_page_in_the_news_and_in_the_library(client):
    seed_network(stdout=io.StringIO())
    seed_outreach(stdout=io.StringIO())
    seed_library(stdout=io.StringIO())
    home = client.get("/en/").text
    found = re.search(
        r"<strong>(\d+)</strong> member authorities in <strong>(\d+)</strong> countries", home
    )
    authorities, countries = found.groups()
    for code in ("en", "es", "pt", "fr"):
        launch = NewsPage.objects.get(
            locale__language_code=code,
            slug__in=[
                "network-launch",
                "lanzamiento-de-la-red",
                "lancamento-da-rede",
                "lancement-du-reseau",
            ],
        )
        report = ResourcePage.objects.filter(
            locale__language_code=code,
            slug__in=[
                "network-launch-report",
                "informe-lanzamiento-red",
                "relatorio-lancamento-rede",
            ],
        ).first()
        for text in (launch.summary, report.summary if report else ""):
            if text:
                assert f"{authorities} " in text and f" {countries} " in text, (code, text)
                numbers = set(re.findall(r"\d+", text))
                assert numbers == {authorities, countries}, (code, text)
