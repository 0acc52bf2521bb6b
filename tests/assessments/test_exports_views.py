"""The export pages as coordinators and researchers use them: the form from the assessment's
page, the status page (a progress bar that refreshes itself without JavaScript, then the
download), the file for the requester only, and who is refused."""

import io
import zipfile

import pytest
from django.urls import reverse

from assessments.models import AssessmentExport
from tests.network.conftest import coordinator, person, sign_in  # noqa: F401

from .export_helpers import export_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return export_world()


def _form_url(world) -> str:
    return reverse("assessments:answers_export", args=[world.assessment.slug])


def test_the_assessments_page_links_to_the_export_form(client, world, coordinator):  # noqa: F811
    sign_in(client, coordinator)
    page = client.get(reverse("assessments:assessment_follow", args=[world.assessment.slug]))
    assert _form_url(world) in page.content.decode()


def test_a_coordinator_exports_and_downloads_the_answers(
    client,
    world,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    sign_in(client, coordinator)
    form = client.get(_form_url(world))
    assert form.status_code == 200
    body = form.content.decode()
    for value in ("csv", "xlsx", "sav", "dta"):
        assert f'value="{value}"' in body
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            _form_url(world),
            {"file_format": "csv", "values": "labels", "language": "fr", "answers": "approved"},
        )
    export = AssessmentExport.objects.get()
    assert answer["Location"] == reverse("assessments:export_detail", args=[export.pk])
    assert export.options["labels"] is True and export.options["language"] == "fr"

    page = client.get(answer["Location"]).content.decode()
    download = reverse("assessments:export_download", args=[export.pk])
    assert download in page and 'http-equiv="refresh"' not in page
    assert "<progress" not in page

    file = client.get(download)
    assert file.status_code == 200 and file["Content-Type"] == "application/zip"
    assert "attachment" in file["Content-Disposition"] and "no-store" in file["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(b"".join(file.streaming_content))) as archive:
        rows = archive.read("responses.csv").decode("utf-8-sig").splitlines()
    assert len(rows) == 3  # the header and the two submitted responses


def test_while_it_is_written_the_page_shows_progress_and_refreshes_itself(
    client,
    world,
    coordinator,  # noqa: F811
):
    export = AssessmentExport.objects.create(
        requester=coordinator,
        assessment=world.assessment,
        format="xlsx",
        status=AssessmentExport.Status.RUNNING,
        rows_done=120,
        rows_total=480,
    )
    sign_in(client, coordinator)
    page = client.get(reverse("assessments:export_detail", args=[export.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress id="export-progress" max="100" value="25">' in page
    assert "120 of 480 answers written" in page
    download = reverse("assessments:export_download", args=[export.pk])
    assert download not in page
    assert client.get(download).status_code == 404  # nothing to download yet


def test_an_export_is_its_requesters_only(client, world, coordinator):  # noqa: F811
    export = AssessmentExport.objects.create(
        requester=coordinator,
        assessment=world.assessment,
        format="csv",
        status=AssessmentExport.Status.READY,
    )
    colleague = person("coordinator")
    sign_in(client, colleague)
    for name in ("export_detail", "export_download"):
        assert client.get(reverse(f"assessments:{name}", args=[export.pk])).status_code == 403
    assert client.get(reverse("assessments:export_detail", args=[export.pk + 99])).status_code == (
        404
    )


def test_who_may_open_the_export_form(client, world):
    address = _form_url(world)
    assert "/accounts/login/" in client.get(address)["Location"]
    for role in ("member", "partner", "researcher"):  # a researcher not named on it
        client.force_login(person(role))
        assert client.get(address).status_code == 403
        assert client.post(address, {"file_format": "csv"}).status_code == 403
    named = person("researcher")
    world.assessment.researchers.add(named)
    client.force_login(named)
    assert client.get(address).status_code == 200
    assert not AssessmentExport.objects.exists()


def test_a_wrong_choice_is_shown_again_and_nothing_is_exported(
    client,
    world,
    coordinator,  # noqa: F811
):
    sign_in(client, coordinator)
    page = client.post(_form_url(world), {"file_format": "pdf", "values": "codes"})
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()
    assert not AssessmentExport.objects.exists()


# The session and its person, their roles and second factor, the assessment, the exports.
QUERIES_FORM_PAGE = 9


@pytest.mark.parametrize("count", [1, 6])
def test_the_recent_exports_cost_the_same_queries_however_many(
    client,
    world,
    coordinator,  # noqa: F811
    django_assert_num_queries,
    count,
):
    for _index in range(count):
        AssessmentExport.objects.create(
            requester=coordinator, assessment=world.assessment, format="csv"
        )
    sign_in(client, coordinator)
    client.get(_form_url(world))  # the session's and the site's caches are warm
    with django_assert_num_queries(QUERIES_FORM_PAGE):
        page = client.get(_form_url(world))
    assert page.content.decode().count("/assessments/manage/exports/") == count
