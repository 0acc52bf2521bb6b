"""The resource page: every field, the download link with format and size, the themes, and up
to four other resources on the same themes."""

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat

from library.pdf import minimal_pdf
from tests.factories import LibraryDocumentFactory, PartnerOrganisationFactory

from . import builders

pytestmark = pytest.mark.django_db


def test_the_page_shows_every_field_and_the_download(client, library):
    partner = PartnerOrganisationFactory(name="Organization of States", acronym="OOS")
    content = minimal_pdf(title="Toolkit", lines=["x" * 80] * 40)
    document = LibraryDocumentFactory(
        title="Toolkit", file=ContentFile(content, name="toolkit.pdf"), file_size=len(content)
    )
    builders.resource(
        library,
        slug="toolkit",
        title="Municipal planning toolkit",
        summary="Exercises for planners.",
        resource_type="toolkit",
        document_language="pt",
        year=2024,
        publisher_organisation=partner,
        document=document,
        external_url="https://example.org/toolkit",
        themes=("local-development", "data"),
    )
    response = client.get("/en/library/toolkit/")
    html = response.text
    assert response.status_code == 200
    assert '<h1 lang="en">Municipal planning toolkit</h1>' in html
    assert "Exercises for planners." in html
    for text in ("Toolkit", "2024", "Portuguese", "OOS", "Local development and diaspora"):
        assert text in html
    assert "Data and evidence" in html
    assert f'href="{document.url}"' in html
    assert f"(PDF, {filesizeformat(len(content))})" in html
    assert 'href="https://example.org/toolkit"' in html


def test_the_file_can_be_downloaded(client, library):
    page = builders.resource(library, slug="report")
    response = client.get(page.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_related_resources_share_a_theme_and_are_at_most_four(client, library):
    current = builders.resource(library, slug="current", themes=("health", "education"))
    for number in range(5):
        builders.resource(library, slug=f"health-{number}", year=2010 + number, themes=("health",))
    builders.resource(library, slug="housing", year=2030, themes=("housing",))
    response = client.get(current.url)
    related = response.context["related_resources"]
    assert [item.slug for item in related] == ["health-4", "health-3", "health-2", "health-1"]
    assert "Other resources on these themes" in response.text
    assert "Housing" not in response.text.split("Other resources on these themes")[1]


def test_without_related_resources_the_section_is_hidden(client, library):
    page = builders.resource(library, slug="alone", themes=("gbv",))
    builders.resource(library, slug="elsewhere", themes=("housing",))
    response = client.get(page.url)
    assert response.context["related_resources"] == []
    assert "Other resources on these themes" not in response.text


def test_an_unpublished_resource_is_not_found(client, library):
    page = builders.resource(library, slug="hidden")
    page.unpublish()
    assert client.get("/en/library/hidden/").status_code == 404
