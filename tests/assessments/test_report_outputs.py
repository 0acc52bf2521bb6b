"""The report's PDF (in each language the page exists in, charts included, small counts
protected) and its aggregate data (a zip of the figures' protected tables as CSV and a data
package description), public once the report is published."""

import csv
import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from tests.assessments.report_helpers import report_body, report_page, report_world
from tests.library import builders as library_builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return report_world()


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_is_made_in_each_language_the_report_exists_in(client, world):
    homes = library_builders.homes()
    pages = [world.page]
    for code, title in (("es", "Informe preliminar"), ("fr", "Rapport provisoire")):
        library = library_builders.translate_library(
            world.library, homes[code], code=code, slug=f"library-{code}"
        )
        pages.append(
            report_page(
                library,
                world.assessment,
                body=report_body(quote_response=world.responses[0].pk, practices=[]),
                locale_code=code,
                translation_of=world.page,
                title=title,
                slug=f"report-{code}",
            )
        )
    # The staff figure's lower quartile (4.25), written the page's language's way.
    quartiles = {"en": "4.25", "es": "4,25", "fr": "4,25"}
    for page in pages:
        response = client.get(page.url + "pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        text = _pdf_text(response.content)
        assert page.title in text
        assert quartiles[page.locale.language_code] in text
        # The charts are drawn (their titles are in the SVG) and small counts protected.
        assert "<5" in text
        assert "We opened a shelter with the parish." in text


def test_the_data_is_the_figures_protected_tables_with_a_data_package(client, world, settings):
    response = client.get(world.page.url + "data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(bundle.namelist()) == ["datapackage.json", "figures.csv"]
    rows = list(csv.reader(io.StringIO(bundle.read("figures.csv").decode("utf-8-sig"))))
    header, lines = rows[0], rows[1:]
    package = json.loads(bundle.read("datapackage.json"))
    resource = package["resources"][0]
    assert resource["path"] == "figures.csv"
    fields = resource["schema"]["fields"]
    assert [field["name"] for field in fields] == header
    assert header[:4] == ["figure", "shown_for", "question_key", "question"]
    assert [field["title"] for field in fields][2] == "Question key"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["title"] == world.page.title
    # Four figures, numbered in the report's order; Health's two authorities read "<5".
    assert sorted({line[0] for line in lines}) == ["1", "2", "3", "4"]
    page = client.get(world.page.url).content.decode()
    assert [page.index(f"Figure {n}<") for n in range(1, 5)] == sorted(
        page.index(f"Figure {n}<") for n in range(1, 5)
    )
    health = [line for line in lines if line[2] == "services" and line[5] == "Health"]
    assert health and health[0][7] == f"<{settings.ASSESSMENT_SMALL_CELL_MIN}"
    peru = [line for line in lines if line[0] == "2" and line[6] == "Peru" and line[5] == "Yes"]
    assert peru and peru[0][7] in {"<5", "hidden"}
    # The Colombian staff figure says whom it counts.
    assert any(line[1] == "Only authorities of Colombia" for line in lines if line[2] == "staff")
    # No count that the protected tables hide is written.
    assert not any(line[7] in {"1", "2"} for line in lines if line[4] == "count")


def test_a_changed_answer_is_in_the_next_pdf_at_once(client, world):
    """The PDF is cached per page, publication, language and state of the answers: a changed
    answer is in the next PDF, not after the cache expires."""
    first = _pdf_text(client.get(world.page.url + "pdf/").content)
    assert "We opened a shelter with the parish." in first
    quoted = world.responses[0]
    quoted.data = {**quoted.data, "story": "We opened a second shelter."}
    quoted.save()
    again = _pdf_text(client.get(world.page.url + "pdf/").content)
    assert "We opened a second shelter." in again
