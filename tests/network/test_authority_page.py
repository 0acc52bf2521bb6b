"""A member authority's public page: its published practices and the people who chose to be
listed, without email addresses."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import LocalAuthorityFactory, MembershipFactory
from tests.outreach import builders
from tests.practice_submissions.conftest import png_upload
from tests.practices.builders import practice, practice_index, translate

from .conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority():
    return LocalAuthorityFactory(name="Municipio de Ejemplo", slug="ejemplo")


@pytest.fixture
def directories():
    homes = builders.homes()
    english = practice_index(homes["en"])
    spanish = builders.translate(english, homes["es"], code="es", slug="practicas")
    return {"en": english, "es": spanish}


def _page(client, authority, language="en") -> str:
    with_prefix = f"/{language}" + reverse("network:authority_detail", args=[authority.slug])[3:]
    response = client.get(with_prefix)
    assert response.status_code == 200
    return response.content.decode()


def test_lists_the_authoritys_visible_practices_only(client, authority, directories):
    practice(directories["en"], slug="desk", title="Welcome desk", authority=authority)
    hidden = practice(directories["en"], slug="hidden", title="Partners only", authority=authority)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = practice(directories["en"], slug="draft", title="Not yet", authority=authority)
    draft.unpublish()
    practice(directories["en"], slug="other", title="Someone else's")
    html = _page(client, authority)
    assert "Welcome desk" in html
    assert "/en/practices/desk/" in html
    for absent in ("Partners only", "Not yet", "Someone else"):
        assert absent not in html


def test_practices_are_in_the_visitors_language(client, authority, directories):
    desk = practice(directories["en"], slug="desk", title="Welcome desk", authority=authority)
    translate(desk, directories["es"], code="es", slug="ventanilla", title="Ventanilla de acogida")
    html = _page(client, authority, "es")
    assert "Ventanilla de acogida" in html
    assert "Welcome desk" not in html


def test_shows_only_people_who_chose_to_be_listed_and_never_their_email(client, authority):
    listed = person(
        "official",
        first_name="Rosa",
        last_name="Quispe",
        email="rosa@example.org",
        listed_in_directory=True,
    )
    listed.photo.save("rosa.png", png_upload(), save=True)
    MembershipFactory(user=listed, local_authority=authority, position="Head of migrant services")
    quiet = person("official", first_name="Pedro", last_name="Gil", email="pedro@example.org")
    MembershipFactory(user=quiet, local_authority=authority)
    nameless = person(
        "official", first_name="", last_name="", email="x@example.org", listed_in_directory=True
    )
    MembershipFactory(user=nameless, local_authority=authority)
    html = _page(client, authority)
    assert "Rosa Quispe" in html
    assert "Head of migrant services" in html
    assert listed.photo.url in html
    assert "Pedro" not in html
    assert "@example.org" not in html


def test_the_profile_form_lists_a_person(client, authority):
    user = person("official", first_name="Rosa", last_name="Quispe")
    MembershipFactory(user=user, local_authority=authority)
    client.force_login(user)
    data = {
        "first_name": "Rosa",
        "last_name": "Quispe",
        "position": "Adviser",
        "preferred_language": "en",
        "listed_in_directory": "on",
    }
    assert client.post(reverse("network:profile"), data).status_code == 302
    client.logout()
    assert "Rosa Quispe" in _page(client, authority)


def _grow(authority, directories, start: int, count: int):
    def grow():
        for number in range(start, start + count):
            user = person(
                "official", first_name=f"Person{number}", last_name="X", listed_in_directory=True
            )
            user.photo.save(f"p{number}.png", png_upload(), save=True)
            MembershipFactory(user=user, local_authority=authority, position="Adviser")
            practice(directories["en"], slug=f"practice-{number}", authority=authority)

    return grow


def test_query_count_does_not_grow_with_people_and_practices(
    client, authority, directories, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow(authority, directories, 0, 2)()
    url = reverse("network:authority_detail", args=[authority.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    expected = len(small.captured_queries)  # read now: each request resets the query log
    _grow(authority, directories, 2, 8)()
    client.get(url)
    with django_assert_num_queries(expected):
        html = client.get(url).content.decode()
    assert html.count('class="person"') == 10
    assert html.count("practice-card") >= 10
