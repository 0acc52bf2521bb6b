"""Only real PDF and office documents, no bigger than MAX_UPLOAD_SIZE, can be published."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from library.pdf import minimal_pdf
from library.validators import validate_library_file
from tests.factories import LibraryDocumentFactory

from . import builders

PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + b"\x00" * 17
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _check(content: bytes, name: str) -> None:
    validate_library_file(ContentFile(content, name=name), name=name)


def test_a_real_pdf_is_accepted():
    _check(minimal_pdf(title="Report", lines=["Text"]), "report.pdf")


def test_office_documents_are_recognised_by_content():
    _check(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "a.docx")
    _check(_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "a.odt")
    _check(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "a.doc")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (PNG, "report.pdf"),
        (EXECUTABLE, "report.pdf"),
        (_zip({"payload.exe": EXECUTABLE}), "toolkit.docx"),
        (minimal_pdf(title="x", lines=[]), "report.docx"),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_rejected(content, name):
    with pytest.raises(ValidationError) as error:
        _check(content, name)
    assert error.value.code == "content"
    assert "not a real" in error.value.messages[0]


@pytest.mark.parametrize("name", ["data.csv", "setup.exe", "picture.png", "no-extension"])
def test_other_extensions_are_rejected(name):
    with pytest.raises(ValidationError) as error:
        _check(minimal_pdf(title="x", lines=[]), name)
    assert error.value.code == "extension"
    assert "Only PDF and office documents" in error.value.messages[0]


def test_an_oversize_file_is_rejected(settings):
    content = minimal_pdf(title="Large", lines=["x" * 80] * 30)
    settings.MAX_UPLOAD_SIZE = len(content) - 1
    with pytest.raises(ValidationError) as error:
        _check(content, "large.pdf")
    assert error.value.code == "size"
    settings.MAX_UPLOAD_SIZE = len(content)
    _check(content, "large.pdf")


@pytest.mark.django_db
def test_the_resource_page_refuses_a_png_disguised_as_a_pdf(library):
    disguised = LibraryDocumentFactory(title="Fake", file=ContentFile(PNG, name="fake.pdf"))
    page = builders.resource(library, slug="good")
    page.document = disguised
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "document" in error.value.message_dict
    assert "not a real .pdf" in error.value.message_dict["document"][0]


@pytest.mark.django_db
def test_the_resource_page_refuses_an_executable_and_an_oversize_file(library, settings):
    page = builders.resource(library, slug="good")
    page.document = LibraryDocumentFactory(
        title="Setup", file=ContentFile(EXECUTABLE, name="setup.pdf")
    )
    with pytest.raises(ValidationError):
        page.full_clean()
    page.document = LibraryDocumentFactory(title="Fine")
    page.full_clean()
    settings.MAX_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "largest file accepted" in error.value.message_dict["document"][0]


@pytest.mark.django_db
def test_a_resource_needs_a_file_or_a_link(library):
    page = builders.resource(library, slug="linked", external_url="https://example.org/doc")
    page.full_clean()
    page.external_url = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Attach a file or give an external link" in error.value.message_dict["document"][0]


def test_the_demo_pdf_writer_produces_a_consistent_cross_reference_table():
    content = minimal_pdf(title="Informe (versión 2)", lines=["Línea \\ uno", "deux"])
    assert content.startswith(b"%PDF-1.4")
    assert content.rstrip().endswith(b"%%EOF")
    xref_at = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[xref_at:].startswith(b"xref\n")
    rows = content[xref_at:].split(b"\n")[3:9]
    for number, row in enumerate(rows, start=1):
        offset = int(row[:10])
        assert content[offset:].startswith(b"%d 0 obj" % number)


@pytest.mark.django_db
def test_a_theme_chosen_twice_is_refused(library):
    from library.models import ResourceTheme

    page = builders.resource(library, slug="twice", themes=("health",))
    page.themes = [ResourceTheme(code="health"), ResourceTheme(code="health")]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "only once" in error.value.messages[0]
