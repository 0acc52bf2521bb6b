"""Files attached to posts: checked by their content and size, images re-encoded without their
metadata, kept while a form is previewed or corrected, and served only to the post's readers."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from network.community.models import PostAttachment
from network.community.services.attachments import attachment_upload
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory
from tests.practice_submissions.conftest import pdf_upload

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


def jpeg_with_gps(name: str = "square.jpg", *, size=(60, 30), orientation: int = 1):
    image = Image.new("RGB", size, "blue")
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 25.0, 0.0), 3: "W", 4: (3.0, 42.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_jpeg_comes_out_upright_without_its_exif_and_gps():
    upload = jpeg_with_gps(orientation=6)  # taken sideways: 60x30 shown as 30x60
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(GPS_IFD)
    attachment = attachment_upload(user=UserFactory(), upload=upload)
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
        assert "exif" not in image.info
        assert image.size == (30, 60) == (attachment.width, attachment.height)
    assert attachment.kind == "image" and attachment.content_type == "image/jpeg"
    assert attachment.name == "square.jpg"


def test_a_large_image_is_shrunk_to_the_limit(settings):
    settings.FORUM_IMAGE_MAX_SIDE = 100
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "red").save(buffer, format="PNG")
    attachment = attachment_upload(
        user=UserFactory(), upload=SimpleUploadedFile("map.png", buffer.getvalue())
    )
    assert (attachment.width, attachment.height) == (100, 50)


def _reply(client, topic, **data):
    return client.post(
        reverse("community:reply", args=[topic.pk]),
        {"source": "See the file", "language": "en", "action": "post", **data},
    )


def test_a_text_file_named_pdf_is_refused_and_the_text_kept(client):
    client.force_login(UserFactory())
    topic = ForumTopicFactory()
    fake = SimpleUploadedFile("report.pdf", b"just some text, not a PDF", "application/pdf")
    response = _reply(client, topic, files=[fake])
    html = response.content.decode()
    assert response.status_code == 200
    assert "report.pdf: This file is not a PDF" in html
    assert "See the file" in html
    assert topic.posts.count() == 1 and not PostAttachment.objects.exists()


def test_an_oversized_file_is_refused(client, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    client.force_login(UserFactory())
    topic = ForumTopicFactory()
    response = _reply(client, topic, files=[pdf_upload(size=2000)])
    assert "files may be at most" in response.content.decode()
    assert topic.posts.count() == 1


def test_a_preview_keeps_chosen_files_pending_until_the_post(client):
    user = UserFactory()
    client.force_login(user)
    topic = ForumTopicFactory()
    response = _reply(client, topic, files=[pdf_upload()], action="preview")
    pending = PostAttachment.objects.get()
    assert pending.post is None and pending.uploaded_by == user
    assert f'name="pending" value="{pending.pk}"' in response.content.decode()
    _reply(client, topic, pending=[pending.pk])
    pending.refresh_from_db()
    assert pending.post == topic.posts.get(number=2)


def test_a_pending_file_ticked_for_removal_goes(client):
    client.force_login(UserFactory())
    topic = ForumTopicFactory()
    _reply(client, topic, files=[pdf_upload()], action="preview")
    pending = PostAttachment.objects.get()
    _reply(client, topic, pending=[pending.pk], remove=[pending.pk])
    assert not PostAttachment.objects.exists()
    assert topic.posts.count() == 2


def test_six_files_are_too_many(client):
    client.force_login(UserFactory())
    topic = ForumTopicFactory()
    response = _reply(client, topic, files=[pdf_upload(f"r{n}.pdf") for n in range(6)])
    assert "at most 5 files" in response.content.decode()
    assert not PostAttachment.objects.exists()


def test_a_file_is_served_to_readers_with_its_name_and_no_sniffing(client):
    author = UserFactory()
    client.force_login(author)
    topic = ForumTopicFactory(category=ForumCategoryFactory(access="public"))
    _reply(client, topic, files=[pdf_upload("Annual Report.pdf")])
    attachment = PostAttachment.objects.get()
    url = reverse("community:attachment", args=[attachment.pk, attachment.name])
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Annual_Report.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_private_spaces_file_is_not_found_for_an_outsider(client):
    from django.contrib.auth.models import Group

    from network.community.models import CategoryGrant

    group = Group.objects.create(name="partners-test")
    private = ForumCategoryFactory(access="private")
    CategoryGrant.objects.create(category=private, group=group)
    partner = UserFactory()
    partner.groups.add(group)
    client.force_login(partner)
    topic = ForumTopicFactory(category=private, author=partner)
    _reply(client, topic, files=[pdf_upload()])
    attachment = PostAttachment.objects.get()
    url = reverse("community:attachment", args=[attachment.pk, attachment.name])
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_a_pending_file_is_only_for_its_uploader(client):
    attachment = attachment_upload(user=UserFactory(), upload=pdf_upload())
    url = reverse("community:attachment", args=[attachment.pk, attachment.name])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_files_of_posts_never_written_are_forgotten_after_two_days(
    django_capture_on_commit_callbacks,
):
    from datetime import timedelta

    from django.utils import timezone

    from network.community.attachment_tasks import pending_attachments_purge

    stale = attachment_upload(user=UserFactory(), upload=pdf_upload())
    fresh = attachment_upload(user=UserFactory(), upload=pdf_upload())
    PostAttachment.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=3))
    storage, name = stale.file.storage, stale.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert pending_attachments_purge() == 1
    assert list(PostAttachment.objects.all()) == [fresh]
    assert not storage.exists(name)


def test_an_edit_adds_a_file_and_removes_another(client):
    author = UserFactory()
    client.force_login(author)
    topic = ForumTopicFactory()
    _reply(client, topic, files=[pdf_upload("old.pdf")])
    post = topic.posts.get(number=2)
    old = post.attachments.get()
    url = reverse("community:post_edit", args=[post.pk])
    assert "old.pdf" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "source": "See the new file",
            "language": "en",
            "remove_attached": [old.pk],
            "files": [pdf_upload("new.pdf")],
            "action": "post",
        },
    )
    assert response.status_code == 302
    assert list(post.attachments.values_list("name", flat=True)) == ["new.pdf"]
    assert post.revisions.count() == 1
