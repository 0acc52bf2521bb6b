"""Images are limited in pixels as well as bytes wherever they are accepted, by one setting
(``MAX_IMAGE_PIXELS``): profile photos here, proposal files in practice_submissions, and
Wagtail's own image uploads in the CMS (library covers, page images)."""

import pytest
from django.conf import settings as django_settings
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from tests.images import png_of_size

from .conftest import person
from .test_profile import URL, form, png

pytestmark = pytest.mark.django_db


def test_a_photo_with_too_many_pixels_is_refused_and_the_rest_kept(client):
    user = person()
    client.force_login(user)
    response = client.post(URL, form(photo=png_of_size(8000, 6000), position="Typed position"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 40 megapixels" in html
    assert 'value="Typed position"' in html
    user.refresh_from_db()
    assert not user.photo


def test_a_decompression_bomb_photo_is_refused(client):
    user = person()
    client.force_login(user)
    response = client.post(URL, form(photo=png_of_size(20000, 20000)))
    assert response.status_code == 200
    user.refresh_from_db()
    assert not user.photo


def test_wagtail_images_follow_the_same_limit():
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == django_settings.MAX_IMAGE_PIXELS


@pytest.mark.parametrize("size", [(8000, 6000), (20000, 20000)])
def test_the_cms_refuses_an_image_with_too_many_pixels(size):
    from wagtail.models import Collection

    image_form = get_image_form(get_image_model())(
        data={"title": "Cover", "collection": Collection.get_first_root_node().pk},
        files={"file": png_of_size(*size)},
    )
    assert not image_form.is_valid()
    assert "file" in image_form.errors


def test_the_cms_still_accepts_an_ordinary_image():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import Collection

    upload = png()
    image_form = get_image_form(get_image_model())(
        data={"title": "Cover", "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile("cover.png", upload.read(), content_type="image/png")},
    )
    assert image_form.is_valid(), image_form.errors
    assert str(image_form["file"].label) == "File"
