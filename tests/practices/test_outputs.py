"""Open outputs of a filtered practice list: feeds, CSV/XLSX exports and the JSON API."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from network.spreadsheets import spreadsheet_safe
from practices.models import PracticeIndexPage, PracticePage
from tests.once import built_once
from tests.outreach import builders

from .builders import practice, practice_index, translate

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _publish(directory: dict) -> dict:
    health = practice(
        directory["en"],
        slug="health-desk",
        title="Health desk",
        themes=("health",),
        country="MX",
    )
    translate(health, directory["es"], code="es", slug="salud", title="Ventanilla de salud")
    jobs = practice(
        directory["en"],
        slug="jobs",
        title="=cmd|' /C calc'!A0",
        themes=("employment",),
        summary="+danger and @sum",
        country="CO",
    )
    builders.add_page(
        directory["en"],
        PracticePage(
            title="Unpublished draft",
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
    return {"health": health, "jobs": jobs}


@pytest.fixture
def published(directory):
    return _publish(directory)


def test_rss_feed_follows_the_filters_and_skips_drafts(client, published):
    response = client.get("/en/practices/feed/rss/?theme=health")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Health desk"]
    assert items[0].findtext("link") == "http://testserver/en/practices/health-desk/"

    everything = client.get("/en/practices/feed/rss/").content.decode()
    assert "Health desk" in everything
    assert "Unpublished draft" not in everything


def test_atom_feed_in_the_visitors_language(client, published):
    response = client.get("/es/practices/feed/atom/?country=MX")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Ventanilla de salud"]


def _address(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)


@pytest.mark.parametrize(
    ("language", "directory_path"), [("en", "/en/practices/"), ("es", "/es/practicas/")]
)
def test_rss_channel_links_to_the_directory_with_the_same_filters(
    client, published, language, directory_path
):
    feed = f"/{language}/practices/feed/rss/?theme=health&country=MX&q=desk&utm_source=x"
    channel = ET.fromstring(client.get(feed).content).find("channel")  # noqa: S314
    link = channel.findtext("link")
    assert _address(link) == (
        f"http://testserver{directory_path}",
        {"theme": ["health"], "country": ["MX"], "q": ["desk"]},
    )
    # The directory at that address lists what the feed lists.
    listing = client.get(link)
    assert listing.status_code == 200
    shown = {"en": "Health desk", "es": "Ventanilla de salud"}[language]
    assert shown in listing.content.decode()
    assert "calc" not in listing.content.decode()
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"http://testserver{feed}"

    unfiltered = ET.fromstring(client.get(f"/{language}/practices/feed/rss/").content)  # noqa: S314
    assert unfiltered.find("channel").findtext("link") == f"http://testserver{directory_path}"


def test_atom_feed_links_keep_the_filters(client, published):
    feed = "/es/practices/feed/atom/?country=MX&theme=health"
    root = ET.fromstring(client.get(feed).content)  # noqa: S314 (our own output)
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == f"http://testserver{feed}"
    assert _address(links["alternate"]) == (
        "http://testserver/es/practicas/",
        {"country": ["MX"], "theme": ["health"]},
    )


def test_spreadsheet_safe_neutralises_formulas():
    assert spreadsheet_safe("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    for dangerous in ("+1", "-1", "@sum", "\tx", "\rx"):
        assert spreadsheet_safe(dangerous) == f"'{dangerous}"
    assert spreadsheet_safe("Health desk") == "Health desk"
    assert spreadsheet_safe(42) == 42


def test_csv_export_is_filtered_escaped_and_without_drafts(client, published):
    response = client.get("/en/practices/export/csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    by_title = {row[header.index("Title")]: row for row in body}
    assert set(by_title) == {"Health desk", "'=cmd|' /C calc'!A0"}
    jobs = by_title["'=cmd|' /C calc'!A0"]
    assert jobs[header.index("Summary")] == "'+danger and @sum"
    assert jobs[header.index("Themes")] == "Employment and livelihoods"
    assert jobs[header.index("Country")] == "Colombia"

    filtered = client.get("/en/practices/export/csv/?country=MX").content.decode()
    assert "Health desk" in filtered
    assert "calc" not in filtered


def test_csv_export_reads_right_in_excel(client, directory):
    # Excel takes a CSV without a byte order mark for the system's code page (Windows-1252):
    # "Amatitlán" would show as "AmatitlÃ¡n". The mark makes it read the file as UTF-8.
    practice(directory["en"], slug="lake", place_name="Amatitlán", country="GT")
    practice(directory["en"], slug="minus", place_name="-1+1", country="GT")
    content = client.get("/en/practices/export/csv/?country=GT").content

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:2] == ["ID", "Title"]  # the mark is not part of the first heading
    places = {row[header.index("Place")] for row in rows[1:]}
    assert places == {"Amatitlán", "'-1+1"}  # formulas stay neutralised
    assert "AmatitlÃ¡n" not in content.decode("utf-8-sig")
    lake = next(row for row in rows[1:] if row[header.index("Place")] == "Amatitlán")
    assert lake[header.index("Start date")] == "2022-03-01"
    assert lake[header.index("End date")] == ""


def test_xlsx_export_opens_in_a_spreadsheet(client, published):
    response = client.get("/en/practices/export/xlsx/?theme=employment&theme=health")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    titles = sorted(row[1] for row in rows[1:])
    assert titles == ["'=cmd|' /C calc'!A0", "Health desk"]
    assert all("draft" not in str(row[1]).lower() for row in rows)


def test_xlsx_export_is_ready_to_sort_and_filter(client, directory):
    long_summary = "A very long summary of what the city did for newcomers. " * 6
    lake = practice(
        directory["en"],
        slug="lake",
        place_name="Amatitlán",
        country="GT",
        summary=long_summary,
        start_date=date(2021, 5, 17),
        end_date=date(2023, 1, 31),
    )
    practice(directory["en"], slug="river", title="=HYPERLINK(1)", country="GT")
    response = client.get("/en/practices/export/xlsx/?country=GT")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    column = {title: index for index, title in enumerate(header)}

    # The header row stays in view and every column can be filtered and sorted.
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}3"
    assert all(cell.font.bold for cell in sheet[1])
    # Columns as wide as their content, within bounds.
    widths = {
        title: sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width
        for title, index in column.items()
    }
    assert widths["Summary"] == 60
    assert 8 <= widths["ID"] < 15
    assert widths["Title"] < widths["Summary"]
    assert all(8 <= width <= 60 for width in widths.values())

    rows = {row[column["Place"]].value: row for row in sheet.iter_rows(min_row=2)}
    lake_row = rows["Amatitlán"]
    # Numbers are numbers and dates are dates that a spreadsheet can sort and compute with.
    assert lake_row[column["ID"]].value == lake.pk
    assert lake_row[column["ID"]].data_type == "n"
    start, end = lake_row[column["Start date"]], lake_row[column["End date"]]
    assert start.is_date and end.is_date
    assert (start.value.date(), end.value.date()) == (date(2021, 5, 17), date(2023, 1, 31))
    assert start.number_format == "yyyy-mm-dd"
    published = lake_row[column["First published"]]
    assert published.is_date and "h" in published.number_format
    river = next(row for place, row in rows.items() if row[column["Title"]].value != "Lake")
    assert river[column["Title"]].value == "'=HYPERLINK(1)"  # formulas stay neutralised
    assert river[column["End date"]].value is None


def test_api_list_filters_and_paginates(client, published, directory):
    for number in range(21):
        practice(directory["en"], slug=f"more-{number}", country="PE")
    response = client.get("/en/api/practices/?country=PE")
    data = response.json()
    assert response.status_code == 200
    assert (data["count"], data["num_pages"], len(data["results"])) == (21, 2, 20)
    assert data["previous"] is None
    assert data["next"] == "http://testserver/en/api/practices/?country=PE&page=2"
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 1

    health = client.get("/en/api/practices/?theme=health").json()
    assert [row["title"] for row in health["results"]] == ["Health desk"]
    assert health["results"][0]["themes"] == ["health"]
    everything = client.get("/en/api/practices/?page=1").json()
    assert "Unpublished draft" not in {row["title"] for row in everything["results"]}


def test_api_detail_returns_live_practices_only(client, published):
    health = published["health"]
    data = client.get(f"/en/api/practices/{health.pk}/").json()
    assert data["title"] == "Health desk"
    assert data["country"] == "MX"
    assert "sections" in data
    draft = PracticePage.objects.get(slug="draft")
    assert client.get(f"/en/api/practices/{draft.pk}/").status_code == 404
    assert client.get("/en/api/practices/999999/").status_code == 404


def _json_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["status"] == status
    assert isinstance(data["error"], str) and data["error"]
    return data


def test_api_errors_are_json(client, published):
    draft = PracticePage.objects.get(slug="draft")
    for path in (
        "/en/api/practices/999999/",
        f"/en/api/practices/{draft.pk}/",
        "/en/api/practices/health-desk/",
        f"/en/api/practices/{published['health'].pk}/sections/",
        "/es/api/practices/nothing/here",
    ):
        _json_error(client.get(path), 404)

    # Browsers send cross-origin writes without the site's CSRF cookie: still a JSON 405.
    strict = Client(enforce_csrf_checks=True)
    for path in ("/en/api/practices/", f"/en/api/practices/{published['health'].pk}/"):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(strict, method)(path, data="{}", content_type="application/json")
            _json_error(response, 405)
            assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_api_can_be_read_from_other_sites(client, published):
    health = published["health"]
    for path in ("/en/api/practices/?theme=health", f"/en/api/practices/{health.pk}/"):
        response = client.get(path, headers={"Origin": "https://data.example.org"})
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response

        preflight = client.options(
            path,
            headers={
                "Origin": "https://data.example.org",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "accept-language",
            },
        )
        assert preflight.status_code == 204
        assert preflight["Access-Control-Allow-Origin"] == "*"
        assert "GET" in preflight["Access-Control-Allow-Methods"].split(", ")
        assert "POST" not in preflight["Access-Control-Allow-Methods"]
        assert "accept-language" in preflight["Access-Control-Allow-Headers"].lower()
    # Only the API: the site's pages and files are not opened to other origins.
    for path in ("/en/practices/export/csv/", "/en/practices/feed/rss/", "/en/practices/"):
        assert "Access-Control-Allow-Origin" not in client.get(path)


@pytest.mark.parametrize(
    "path",
    [
        "/en/practices/feed/rss/",
        "/en/practices/feed/atom/",
        "/en/practices/export/csv/",
        "/en/practices/export/xlsx/",
        "/en/api/practices/",
    ],
)
def test_outputs_are_public_and_read_only(client, published, path):
    # Open data: anonymous visitors may read them; nobody may write through them.
    assert client.get(path).status_code == 200
    if "feed" not in path:
        assert client.post(path).status_code == 405


OUTPUTS = ["/en/api/practices/", "/en/practices/export/csv/"]


def _small_counts_then_grow() -> tuple[PracticeIndexPage, dict[str, int]]:
    """Each output's query count with 10 practices; then 20 more are published."""
    with translation.override(settings.LANGUAGE_CODE):
        index = practice_index(builders.homes()["en"])
        for number in range(10):
            practice(index, slug=f"small-{number}", themes=("health", "education"))
        client = Client()
        small = {}
        for path in OUTPUTS:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            small[path] = len(queries)
        for number in range(10, 30):
            practice(index, slug=f"small-{number}", themes=("health",))
    return index, small


@pytest.fixture(scope="class")
def small(django_db_setup, django_db_blocker):
    """The directory built once for TestOutputQueries (tests/once.py): measured with 10
    practices, then grown to 30; each test publishes one more and measures again."""
    yield from built_once(django_db_blocker, _small_counts_then_grow)


class TestOutputQueries:
    @pytest.mark.parametrize("path", OUTPUTS)
    def test_output_queries_do_not_grow(self, client, small, django_assert_num_queries, path):
        index, counts = small
        client.get(path)
        # The first request after a publish runs no more queries than the small warm one, but
        # for the site lookup (kept in the shared cache, which the publish renewed).
        practice(index, slug="small-30", themes=("health",))
        with django_assert_num_queries(counts[path] + 1):
            assert client.get(path).status_code == 200


def _published_and_translated() -> None:
    """``published``, and a Spanish original translated into English."""
    with translation.override(settings.LANGUAGE_CODE):
        homes = builders.homes()
        english = practice_index(homes["en"])
        directory = {
            "en": english,
            "es": builders.translate(english, homes["es"], code="es", slug="practicas"),
        }
        _publish(directory)
        original = practice(
            directory["es"],
            slug="solo",
            title="Solo en español",
            country="MX",
            original_language="es",
        )
        translate(original, directory["en"], code="en", slug="only-spanish", title="Now in English")


@pytest.fixture(scope="class")
def open_data_catalogue(django_db_setup, django_db_blocker):
    """The practices TestOpenData compares, built once for the class (tests/once.py): the
    tests only read them."""
    yield from built_once(django_db_blocker, _published_and_translated)


@pytest.mark.usefixtures("open_data_catalogue")
class TestOpenData:
    @pytest.mark.parametrize(
        "params",
        [
            "",
            "theme=health",
            "country=CO&country=MX",
            "country=MX&theme=employment",
            "q=desk",
            "status=running&results=no",
            "language=es&sort=most_viewed",
        ],
    )
    @pytest.mark.parametrize("language", ["en", "es", "fr"])
    def test_the_directory_and_its_open_data_list_the_same_practices(
        self, client, params, language
    ):
        # The directory filters on the in-memory index, the outputs in SQL: they must agree.
        from django.http import QueryDict

        from practices.search import practice_search

        shown = practice_search(params=QueryDict(params), language=language)
        api = client.get(f"/{language}/api/practices/?{params}").json()
        assert api["count"] == shown.total
        assert sorted(row["title"] for row in api["results"]) == sorted(
            card.title for card in shown.items
        )
