"""The PDF of a practice: every part of the record, in the page's language, only for live public
pages, cached per publication, and never fetching anything from the network."""

import io
import re
import socket
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from practices import pdf
from practices.models import PracticePage
from tests.outreach import builders

from .builders import practice, translate

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The text of every page, with runs of whitespace (line breaks, the non-breaking spaces
    that group thousands in Spanish and French) folded into one space."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def squeezed(text: str) -> str:
    """``text`` without any whitespace: addresses broken across lines read whole again."""
    return "".join(text.split())


def pdf_url(page, *, language: str = "en") -> str:
    return f"/{language}/practices/{page.pk}/pdf/"


def _record(index, **fields):
    fields = {
        "slug": "jobs-bridge",
        "title": "A job bridge for asylum seekers",
        "summary": "Matching people waiting for asylum decisions with local factories.",
        "implementing_organisations": "Directorate of Economic Development",
        "partners": "Chamber of industry\nShelter network",
        "end_date": date(2023, 6, 30),
        "status": "completed",
        "budget_band": "50k-250k",
        "funding_sources": "Municipal budget",
        "context": "<p>People waited months without income.</p>",
        "objectives": "<p>Formal jobs within three months.</p>",
        "activities": "<p>Job fairs held in shelters.</p>",
        "results": "<p>Hundreds of people hired.</p>",
        "lessons_learned": "<p>Employers needed a briefing on work permits.</p>",
        "replication": "<p>A staff member at the federal migration office.</p>",
        "indicators": [
            (
                "indicator",
                {
                    "label": "People placed in jobs",
                    "value": "1320.5",
                    "unit": "people",
                    "year": 2022,
                },
            )
        ],
        "beneficiaries": [("beneficiary", {"group": "asylum-seekers", "count": 1320, "note": ""})],
        "material": [
            (
                "source",
                {
                    "title": "Annual report",
                    "publisher": "City council",
                    "url": "https://example.org/report",
                },
            )
        ],
        "contact_name": "Ana Ruiz",
        "contact_role": "Head of employment",
        "contact_email": "ana@example.org",
        "last_verified": date(2024, 5, 2),
        "original_language": "es",
        "themes": ("employment", "documentation"),
        "groups": ("asylum-seekers",),
        **fields,
    }
    return practice(index, **fields)


@pytest.fixture
def french_directory(homes, directory):
    return builders.translate(directory["en"], homes["fr"], code="fr", slug="pratiques")


def test_pdf_holds_every_part_of_the_record(client, directory):
    page = _record(directory["en"], is_illustrative=True)
    page.tags.add("job fairs")
    page.save_revision().publish()
    page.refresh_from_db()

    response = client.get(pdf_url(page))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="jobs-bridge.pdf"'
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "A job bridge for asylum seekers"
    text = pdf_text(response.content)
    for expected in (
        "A job bridge for asylum seekers",
        "Matching people waiting for asylum decisions with local factories.",
        "Illustrative example: this record was written for demonstration and training.",
        "Villa Esperanza, Colombia",
        "March 2022 \u2013 June 2023",  # an en dash between the dates
        "Completed",
        "Directorate of Economic Development",
        "Chamber of industry",
        "Shelter network",
        "USD 50,000 to 250,000",
        "Municipal budget",
        "Context People waited months without income.",
        "Objectives Formal jobs within three months.",
        "Activities Job fairs held in shelters.",
        "Results Hundreds of people hired.",
        "People placed in jobs 1,320.50 people 2022",
        "Beneficiaries",
        "Asylum seekers: 1,320 people",
        "Lessons learned Employers needed a briefing on work permits.",
        "What it takes to replicate A staff member at the federal migration office.",
        "Employment and livelihoods",  # taxonomy labels, not codes
        "Documentation and regularisation",
        "job fairs",
        "Annual report · City council",
        "Ana Ruiz, Head of employment",
        "ana@example.org",
        "Last verified May 2, 2024",
        "Original language Spanish",
        "Originally written in Spanish.",
        "Cite this practice",
        "Villa Esperanza (Colombia).",
    ):
        assert expected in text, expected
    flat = squeezed(text)
    assert "https://example.org/report" in flat
    assert f"Convive.{settings.SITE_URL}/en/practices/jobs-bridge/" in flat


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "es",
            [
                "Un puente laboral para solicitantes de asilo",
                "BUENA PRÁCTICA",  # the kicker is set in capitals
                "Datos clave",
                "Contexto La gente esperaba meses sin ingresos.",
                "Resultados",
                "Indicadores",
                "Personas colocadas en empleos 1 320,50",
                "Lecciones aprendidas",
                "Qué se necesita para replicarla",
                "Empleo y medios de vida",
                "Finalizada",
                "marzo 2022",
                "Citar esta práctica",
            ],
        ),
        (
            "fr",
            [
                "Un pont vers l'emploi pour les demandeurs d'asile",
                "BONNE PRATIQUE",
                "Informations clés",
                "Contexte Les gens attendaient des mois sans revenu.",
                "Résultats",
                "Indicateurs",
                "Personnes placées dans un emploi 1 320,50",
                "Enseignements tirés",
                "Conditions pour la reproduire",
                "Emploi et moyens de subsistance",
                "Terminée",
                "mars 2022",
                "Citer cette pratique",
            ],
        ),
    ],
)
def test_translation_pdf_is_in_its_language(
    client, directory, french_directory, language, expected
):
    source = _record(directory["en"])
    parent = directory["es"] if language == "es" else french_directory
    title, context, label = {
        "es": (
            "Un puente laboral para solicitantes de asilo",
            "<p>La gente esperaba meses sin ingresos.</p>",
            "Personas colocadas en empleos",
        ),
        "fr": (
            "Un pont vers l'emploi pour les demandeurs d'asile",
            "<p>Les gens attendaient des mois sans revenu.</p>",
            "Personnes placées dans un emploi",
        ),
    }[language]
    indicators = [
        ("indicator", {"label": label, "value": "1320.5", "unit": "", "year": 2022}),
    ]
    version = translate(
        source,
        parent,
        code=language,
        slug=f"puente-{language}",
        title=title,
        context=context,
        results="<p>...</p>",
        lessons_learned="<p>...</p>",
        replication="<p>...</p>",
        indicators=indicators,
    )

    response = client.get(pdf_url(version, language=language))

    assert response.status_code == 200
    # Compared without spaces: text extraction splits some kerned pairs ("T erminée").
    text = squeezed(pdf_text(response.content))
    for phrase in expected:
        assert squeezed(phrase) in text, phrase
    for english in ("Key facts", "Lessons learned", "Cite this practice", "Indicators"):
        assert squeezed(english) not in text, english
    assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == language


def test_pdf_labels_follow_the_address_language(client, directory):
    # An English record asked for in Spanish (no Spanish version): its text stays English, every
    # label and vocabulary term is Spanish.
    page = _record(directory["en"])
    response = client.get(pdf_url(page, language="es"))
    assert response.status_code == 200
    text = squeezed(pdf_text(response.content))
    for spanish in ("Datos clave", "Lecciones aprendidas", "Empleo y medios de vida", "Finalizada"):
        assert squeezed(spanish) in text, spanish
    for english in ("Key facts", "Lessons learned", "Employment and livelihoods", "Completed"):
        assert squeezed(english) not in text, english
    assert squeezed("A job bridge for asylum seekers") in text
    assert squeezed("Employers needed a briefing on work permits.") in text
    assert f"{settings.SITE_URL}/en/practices/jobs-bridge/" in text
    assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == "es"


def test_pdf_shows_the_version_in_the_address_language(client, directory):
    source = _record(directory["en"])
    version = translate(
        source,
        directory["es"],
        code="es",
        slug="puente",
        title="Un puente laboral para solicitantes de asilo",
        context="<p>La gente esperaba meses sin ingresos.</p>",
    )

    spanish = client.get(pdf_url(source, language="es"))  # the English page's id
    assert spanish.status_code == 200
    assert spanish["Content-Disposition"] == 'inline; filename="puente.pdf"'
    text = squeezed(pdf_text(spanish.content))
    for phrase in ("Un puente laboral para solicitantes de asilo", "Datos clave", "Contexto"):
        assert squeezed(phrase) in text, phrase
    assert squeezed("A job bridge for asylum seekers") not in text
    assert f"{settings.SITE_URL}/es/practicas/puente/" in text

    # And the other way round: the Spanish page's id asked for in English.
    english = squeezed(pdf_text(client.get(pdf_url(version, language="en")).content))
    assert squeezed("A job bridge for asylum seekers") in english
    assert squeezed("Key facts") in english
    # A language without a version: the original text, the labels in that language.
    french = squeezed(pdf_text(client.get(pdf_url(source, language="fr")).content))
    assert squeezed("A job bridge for asylum seekers") in french
    assert squeezed("Informations clés") in french


def test_practice_page_links_to_its_pdf(client, directory):
    page = _record(directory["en"])
    html = client.get(page.url).content.decode()
    link = re.search(r'<a href="([^"]+)" type="application/pdf">Download PDF</a>', html)
    assert link is not None
    response = client.get(link.group(1))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_drafts_unpublished_and_other_pages_are_not_found(client, directory):
    never_published = builders.add_page(
        directory["en"],
        PracticePage(
            title="Draft practice",
            slug="draft",
            summary="Not ready",
            live=False,
            implementing_organisations="Office",
            start_date=date(2024, 1, 1),
            place_name="Quito",
            country="EC",
        ),
        publish=False,
    )
    withdrawn = practice(directory["en"], slug="withdrawn")
    withdrawn.unpublish()

    for address in (
        pdf_url(never_published),
        pdf_url(withdrawn),
        pdf_url(directory["en"]),  # the directory is a page, not a practice
        "/en/practices/999999/pdf/",
    ):
        assert client.get(address).status_code == 404, address


def test_pending_changes_stay_out_of_the_pdf(client, directory):
    page = practice(directory["en"], slug="edited", title="Published title")
    page.title = "Unpublished new title"
    page.save_revision()  # a draft revision, not published

    text = pdf_text(client.get(pdf_url(page)).content)
    assert "Published title" in text
    assert "Unpublished new title" not in text


def test_password_protected_practice_is_not_found(client, directory):
    private = practice(directory["en"], slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert client.get(pdf_url(private)).status_code == 404


def test_restriction_on_the_directory_hides_its_practices(client, directory):
    page = practice(directory["en"], slug="under-restricted-directory")
    PageViewRestriction.objects.create(
        page=directory["en"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(pdf_url(page)).status_code == 404


def test_second_request_is_served_from_the_cache(client, directory):
    page = _record(directory["en"])
    with mock.patch.object(pdf, "practice_pdf_render", wraps=pdf.practice_pdf_render) as render:
        first = client.get(pdf_url(page))
        second = client.get(pdf_url(page))
        assert render.call_count == 1
        french = client.get(pdf_url(page, language="fr"))  # other labels: another PDF
        assert render.call_count == 2
    assert second.content == first.content
    assert french.content != first.content
    assert "public" in second["Cache-Control"]
    assert "max-age=600" in second["Cache-Control"]
    assert second["Last-Modified"]


def test_publishing_again_gives_a_new_pdf(client, directory):
    page = _record(directory["en"])
    assert "A job bridge for asylum seekers" in pdf_text(client.get(pdf_url(page)).content)

    page.title = "A job bridge, second edition"
    page.save_revision().publish()

    text = pdf_text(client.get(pdf_url(page)).content)
    assert "A job bridge, second edition" in text
    assert "A job bridge for asylum seekers" not in text


@pytest.fixture
def no_network(monkeypatch):
    """Records (and blocks) every attempt to open a network connection."""
    attempts = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: refuse(address))
    return attempts


def _image(name: str = "workshop.png") -> object:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (240, 120), (8, 63, 83)).save(buffer, "PNG")
    return get_image_model().objects.create(title="Workshop", file=ImageFile(buffer, name=name))


def test_external_addresses_are_never_fetched(client, directory, no_network):
    outside = Path(settings.MEDIA_ROOT).parent / "outside.png"
    outside.write_bytes(b"not media")
    page = _record(
        directory["en"],
        context=(
            '<p>Tracking pixel <img src="https://tracker.example.org/pixel.png"> '
            '<img src="file:///etc/hostname"> '
            f'<img src="file://{settings.MEDIA_ROOT}/../outside.png"> '
            '<a rel="attachment" href="https://example.org/big.zip">a file</a></p>'
        ),
        material=[("image", {"image": _image(), "caption": "Volunteers at work"})],
    )
    fetcher = pdf.LocalFileFetcher()

    content = pdf.practice_pdf_render(practice=page, fetcher=fetcher)

    assert no_network == []
    assert "https://tracker.example.org/pixel.png" in fetcher.refused
    assert "https://example.org/big.zip" in fetcher.refused
    assert "file:///etc/hostname" in fetcher.refused
    assert any(url.endswith("outside.png") for url in fetcher.refused)
    # The record's own image is read from the media storage and embedded; the page renders.
    reader = PdfReader(io.BytesIO(content))
    assert sum(len(page.images) for page in reader.pages) >= 1
    assert "Volunteers at work" in pdf_text(content)
    # Served through the view too, with nothing fetched.
    response = client.get(pdf_url(page))
    assert response.status_code == 200
    assert no_network == []


def test_local_file_for_allows_only_static_files(settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    upload = media / "upload.png"
    upload.write_bytes(b"png")
    stylesheet = Path(settings.STATICFILES_DIRS[0]) / "css" / "convive.css"

    assert pdf.local_file_for(stylesheet.as_uri()) == stylesheet.resolve()
    for refused in (
        "https://example.org/upload.png",
        "http://127.0.0.1:8000/media/upload.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.org/upload.png",
        "file:///etc/passwd",
        upload.as_uri(),  # media are read through their storage (media_image_for)
        f"{Path(settings.STATICFILES_DIRS[0]).as_uri()}/../../../../etc/passwd",
        f"file://example.org{stylesheet}",  # a file on another host
        Path(settings.STATICFILES_DIRS[0]).as_uri(),  # a folder, not a file
    ):
        assert pdf.local_file_for(refused) is None, refused


def test_media_image_for_reads_only_images_of_the_public_storage(settings):
    media = Path(settings.MEDIA_ROOT)
    (media / "documents").mkdir(parents=True)
    (media / "upload.png").write_bytes(b"png")
    (media / "documents" / "minutes.pdf").write_bytes(b"%PDF-1.4")  # may be private: never
    (Path(settings.MEDIA_ROOT).parent / "outside.png").write_bytes(b"not media")

    assert pdf.media_image_for(pdf.media_uri("upload.png")) == (b"png", "image/png")
    for refused in (
        pdf.media_uri("documents/minutes.pdf"),
        pdf.media_uri("../outside.png"),
        pdf.media_uri("/etc/hostname.png"),
        pdf.media_uri("missing.png"),
        "file://" + str(media / "upload.png"),
        "convive-media-other:upload.png",
    ):
        assert pdf.media_image_for(refused) is None, refused
