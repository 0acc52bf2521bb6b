"""A library document is served only to visitors who may open a resource that carries it
(``network.visibility``): drafts' and restricted resources' files stay out of reach."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory

from . import builders

pytestmark = pytest.mark.django_db


def _download(client, page) -> int:
    return client.get(page.document.url).status_code


def test_the_file_of_an_unpublished_resource_is_not_served(client, library):
    page = builders.resource(library, slug="draft-report")
    assert _download(client, page) == 200
    page.unpublish()
    assert _download(client, page) == 404


def test_the_file_of_a_login_restricted_resource_is_for_signed_in_people(client, library):
    page = builders.resource(library, slug="members-report")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert _download(client, page) == 404
    client.force_login(UserFactory())
    assert _download(client, page) == 200


def test_the_file_of_a_password_restricted_resource_needs_the_password(client, library):
    page = builders.resource(library, slug="shared-report")
    restriction = PageViewRestriction.objects.create(
        page=library, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    client.force_login(UserFactory())
    assert _download(client, page) == 404
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, library.pk]),
        {"password": "open sesame", "return_url": library.url},
    )
    assert response.status_code == 302
    assert _download(client, page) == 200


def test_a_file_shared_with_a_public_resource_is_served(client, library):
    public = builders.resource(library, slug="public-report")
    private = builders.resource(library, slug="private-copy", document=public.document)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert _download(client, public) == 200
