import io

import pytest
from PIL import Image

from tests.factories import MembershipFactory

from .conftest import person

pytestmark = pytest.mark.django_db

URL = "/en/network/profile/"


def png(size=(40, 40)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "me.png"
    return buffer


def form(**changes):
    return {
        "first_name": "Ana",
        "last_name": "Souza",
        "position": "Social worker",
        "languages_spoken": ["pt", "es"],
        "other_languages": "Wayuunaiki",
        "preferred_language": "pt",
        **changes,
    }


def test_profile_shows_memberships_and_links(client):
    user = person()
    MembershipFactory(user=user, local_authority__name="Boa Vista", position="Nurse")
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "Boa Vista" in html and "Nurse" in html
    assert "/en/notifications/preferences/" in html
    assert "/en/network/account/delete/" in html
    assert "/en/network/account/data/" in html


def test_person_edits_their_profile_with_a_photo(client):
    user = person()
    client.force_login(user)
    response = client.post(URL, form(photo=png()))
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.position, user.preferred_language) == (
        "Ana",
        "Social worker",
        "pt",
    )
    assert user.languages_spoken == ["pt", "es"]
    assert user.other_languages == "Wayuunaiki"
    assert user.photo.name.startswith("people/photos/")


def test_a_fake_image_is_refused_and_the_rest_is_kept(client):
    user = person(first_name="Old")
    client.force_login(user)
    fake = io.BytesIO(b"<?php echo 'not an image'; ?>")
    fake.name = "photo.png"
    response = client.post(URL, form(photo=fake, position="Typed position"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Upload a valid image" in html or "not an image we can read" in html
    assert 'value="Typed position"' in html
    user.refresh_from_db()
    assert user.first_name == "Old"
    assert not user.photo


def test_a_too_big_photo_is_refused(client, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    user = person()
    client.force_login(user)
    response = client.post(URL, form(photo=png(size=(600, 600))))
    assert response.status_code == 200
    assert "The file is too big" in response.content.decode()
    user.refresh_from_db()
    assert not user.photo


def test_only_the_networks_languages_can_be_ticked(client):
    user = person()
    client.force_login(user)
    response = client.post(URL, form(languages_spoken=["xx"]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_person_gives_their_time_zone_and_it_is_exported(client):
    user = person()
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert '<option value="" selected>Not set</option>' in html
    assert '<option value="Pacific/Galapagos">Galápagos (UTC\u22126)</option>' in html
    response = client.post(URL, form(time_zone="Pacific/Easter"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.time_zone == "Pacific/Easter"
    assert client.get(URL).content.decode().count('value="Pacific/Easter" selected') == 1
    data = client.get("/en/network/account/data/").json()
    assert data["account"]["time_zone"] == "Pacific/Easter"


def test_a_time_zone_outside_the_list_is_refused_with_a_message(client):
    user = person()
    client.force_login(user)
    response = client.post(URL, form(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == ""
