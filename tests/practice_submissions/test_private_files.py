"""A proposal's files are private until a coordinator approves the practice: only its author
and coordinators can download them; approval publishes them, declining never does."""

from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from network.roles import Role
from practice_submissions import services
from practices.models import PracticePage
from tests.factories import PracticeSubmissionFactory, UserFactory
from tests.network.conftest import person, sign_in

from .conftest import attachment_make, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _download_url(attachment) -> str:
    return reverse(
        "practice_submissions:attachment_download",
        args=[attachment.submission_id, attachment.pk],
    )


def _public_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_draft_file_is_not_reachable_by_anyone_else(client, member, settings):
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member))
    url = _download_url(attachment)

    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    for stranger in (person(Role.OFFICIAL), person(Role.JUROR), UserFactory()):
        client.force_login(stranger)
        assert client.get(url).status_code == 404

    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()
    assert _public_files(settings) == []


def test_a_file_is_not_reachable_through_another_proposal(client, member):
    mine = PracticeSubmissionFactory(submitter=member)
    theirs = attachment_make(PracticeSubmissionFactory())
    client.force_login(member)
    url = reverse("practice_submissions:attachment_download", args=[mine.pk, theirs.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["author", "coordinator"])
def test_author_and_coordinators_download_the_file(client, member, coordinator, who):
    upload = pdf_upload("Informe final.pdf")
    original = upload.read()
    upload.seek(0)
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member), upload)
    if who == "coordinator":
        sign_in(client, coordinator)
    else:
        client.force_login(member)

    response = client.get(_download_url(attachment))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == original
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="informe-final.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_an_image_is_downloaded_not_displayed(client, member):
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member), png_upload())
    client.force_login(member)
    response = client.get(_download_url(attachment))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_file_missing_from_disk_is_not_found(client, member):
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member))
    Path(attachment.file.path).unlink()
    client.force_login(member)
    assert client.get(_download_url(attachment)).status_code == 404


def test_the_coordinators_review_page_links_to_the_private_file(client, member, coordinator):
    submission = PracticeSubmissionFactory(submitter=member, state="submitted")
    attachment = attachment_make(PracticeSubmissionFactory(submitter=member))
    attachment.submission = submission
    attachment.save()
    sign_in(client, coordinator)
    page = client.get(reverse("practice_submissions:detail", args=[submission.pk]))
    assert f'href="{_download_url(attachment)}"' in page.content.decode()
    assert "/media/" not in page.content.decode()


def _submitted_with_files(member):
    submission = PracticeSubmissionFactory(submitter=member)
    document = attachment_make(submission, pdf_upload(), title="Evaluation")
    image = attachment_make(submission, png_upload(), title="The desk")
    services.submission_submit(submission=submission, user=member)
    submission.refresh_from_db()
    return submission, document, image


def test_approval_publishes_the_files_into_the_practices_collection(
    client, directory, member, coordinator
):
    submission, pdf, png = _submitted_with_files(member)
    assert len(submission.page.specific.material) == 0

    services.submission_approve(submission=submission, user=coordinator)

    document = get_document_model().objects.get()
    image = get_image_model().objects.get()
    assert document.collection.name == image.collection.name == "Practices"
    assert document.title == "Evaluation"
    assert document.uploaded_by_user == member
    with document.file.open("rb") as public, pdf.file.open("rb") as private:
        assert public.read() == private.read()
    assert (image.width, image.height) == (4, 4)
    pdf.refresh_from_db()
    png.refresh_from_db()
    assert (pdf.document, png.image) == (document, image)
    page = PracticePage.objects.get()
    assert page.live
    assert [(block.block_type, dict(block.value)) for block in page.material] == [
        ("document", {"document": document, "title": "Evaluation"}),
        ("image", {"image": image, "caption": "The desk"}),
    ]
    html = client.get(page.url).content.decode()
    assert document.url in html


def test_approval_keeps_material_an_editor_added(directory, member, coordinator):
    submission, _pdf, _png = _submitted_with_files(member)
    page = submission.page.specific
    page.material = [("video", {"title": "Launch", "url": "https://video.example.org/1"})]
    page.save_revision(user=coordinator)

    services.submission_approve(submission=submission, user=coordinator)

    page = PracticePage.objects.get()
    assert [block.block_type for block in page.material] == ["video", "document", "image"]


def test_a_declined_proposals_files_never_become_public(
    client, directory, member, coordinator, settings
):
    submission, pdf, _png = _submitted_with_files(member)

    services.submission_decline(submission=submission, user=coordinator, reason="Not local.")

    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()
    assert _public_files(settings) == []
    client.force_login(member)
    assert client.get(_download_url(pdf)).status_code == 200
    client.force_login(person(Role.OFFICIAL))
    assert client.get(_download_url(pdf)).status_code == 404


def test_a_failed_approval_leaves_no_public_copy(
    directory, member, coordinator, settings, monkeypatch
):
    from wagtail.models import Revision

    submission, _pdf, _png = _submitted_with_files(member)

    def publish_fails(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Revision, "publish", publish_fails)
    with pytest.raises(RuntimeError):
        services.submission_approve(submission=submission, user=coordinator)

    assert _public_files(settings) == []
