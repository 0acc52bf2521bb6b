"""The files an approval published follow their practice: anonymous visitors reach them by
their public addresses only while the practice is live and not restricted; they come back
at the same addresses when it is published again."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from practice_submissions import services
from practices.models import PracticePage
from tests.factories import PracticeSubmissionFactory
from tests.outreach import builders
from tests.practices.builders import practice_index, translate

from .conftest import attachment_make, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _reachable(client, url: str) -> bool:
    """Whether an anonymous visitor gets the file at ``url``. Media files are served by the web
    server straight from MEDIA_ROOT in production: there, a file on disk is a file served."""
    if url.startswith(django_settings.MEDIA_URL):
        return (Path(django_settings.MEDIA_ROOT) / url[len(django_settings.MEDIA_URL) :]).is_file()
    client.logout()
    response = client.get(url)
    if response.status_code != 200:
        return False
    return bool(b"".join(response.streaming_content))


@pytest.fixture
def approved(directory, member, coordinator, django_capture_on_commit_callbacks):
    """An approved practice with a PDF and an image, and the public addresses of its files."""
    submission = PracticeSubmissionFactory(submitter=member)
    attachment_make(submission, pdf_upload(), title="Evaluation")
    attachment_make(submission, png_upload(), title="The desk")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(submission=submission, user=member)
        services.submission_approve(submission=submission, user=coordinator)
    document, image = get_document_model().objects.get(), get_image_model().objects.get()
    rendition = image.get_rendition("width-2")
    urls = [document.url, document.file.url, image.file.url, rendition.url]
    return PracticePage.objects.get(), urls


def _all_reachable(client, urls) -> list[bool]:
    return [_reachable(client, url) for url in urls]


def test_approved_files_are_public(client, approved):
    _page, urls = approved
    assert urls[0].startswith("/documents/")
    assert _all_reachable(client, urls) == [True] * 4


def test_unpublished_practice_files_go_and_come_back(
    client, approved, django_capture_on_commit_callbacks
):
    page, urls = approved

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert _all_reachable(client, urls) == [False] * 4

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    # The rendition is made again on demand, at a new address.
    assert _all_reachable(client, urls[:3]) == [True] * 3
    assert _reachable(client, get_image_model().objects.get().get_rendition("width-2").url)


def test_deleted_practice_files_are_no_longer_public(
    client, approved, django_capture_on_commit_callbacks
):
    page, urls = approved

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    assert _all_reachable(client, urls) == [False] * 4


def test_files_of_a_practice_deleted_with_its_directory_are_no_longer_public(
    client, approved, directory, django_capture_on_commit_callbacks
):
    _page, urls = approved
    with django_capture_on_commit_callbacks(execute=True):
        directory.delete()
    assert _all_reachable(client, urls) == [False] * 4


@pytest.mark.parametrize("restricted", ["practice", "directory"])
def test_restricted_practice_files_are_private_until_the_restriction_goes(
    client, approved, directory, restricted, django_capture_on_commit_callbacks
):
    page, urls = approved
    target = page if restricted == "practice" else directory

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=target, restriction_type=PageViewRestriction.LOGIN
        )
    assert _all_reachable(client, urls) == [False] * 4

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert _all_reachable(client, urls[:3]) == [True] * 3


def test_a_practice_moved_under_a_private_page_takes_its_files_along(
    client, approved, directory, django_capture_on_commit_callbacks
):
    page, urls = approved
    private = builders.standard_page(directory.get_parent(), slug="members-only", title="Members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    with django_capture_on_commit_callbacks(execute=True):
        page.move(private, pos="last-child")

    assert _all_reachable(client, urls) == [False] * 4


def test_files_stay_public_while_a_translation_shows_them(
    client, approved, directory, django_capture_on_commit_callbacks
):
    page, urls = approved
    spanish_directory = practice_index(builders.homes()["es"])
    with django_capture_on_commit_callbacks(execute=True):
        spanish = translate(page, spanish_directory, code="es", slug="escritorio")

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert _all_reachable(client, urls) == [True] * 4

    with django_capture_on_commit_callbacks(execute=True):
        spanish.unpublish()
    assert _all_reachable(client, urls) == [False] * 4

    with django_capture_on_commit_callbacks(execute=True):
        spanish.save_revision().publish()
    assert _all_reachable(client, urls[:3]) == [True] * 3
