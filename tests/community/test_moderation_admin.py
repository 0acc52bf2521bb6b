"""The forum's structure in the CMS: coordinators (with two-factor) manage categories with
their names in four languages and their groups' access on one form, private spaces and the
moderators' categories; moderators, who also enter the CMS, do not."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from network.community.models import Category, ModeratorScope
from network.roles import Role
from tests.factories import ForumCategoryFactory
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db

CATEGORIES = "wagtailsnippets_community_category:list"
ADD_CATEGORY = "wagtailsnippets_community_category:add"


@pytest.fixture
def coordinator_client(client):
    sign_in(client, person(Role.COORDINATOR))
    return client


def _category_form(**fields) -> dict:
    partners, _created = Group.objects.get_or_create(name=Role.PARTNER)
    data = {
        "slug": "intranet",
        "default_language": "es",
        "theme": "",
        "position": 3,
        "name_en": "Partners' intranet",
        "description_en": "",
        "name_es": "Intranet de socios",
        "description_es": "Solo para socios.",
        "name_pt": "",
        "description_pt": "",
        "name_fr": "",
        "description_fr": "",
        "access": "private",
        "space": "",
        "who_can_start": "granted",
        "who_can_reply": "readers",
        "grants": inline_formset(
            [{"group": partners.pk, "can_see": "on", "can_reply": "on", "can_start": "on"}]
        ),
    }
    data.update(fields)
    return nested_form_data(data)


def test_a_coordinator_creates_a_private_category_with_its_groups_on_one_form(
    coordinator_client,
):
    client = coordinator_client
    assert client.get(reverse(ADD_CATEGORY)).status_code == 200
    response = client.post(reverse(ADD_CATEGORY), _category_form())
    assert response.status_code == 302, response.context["form"].errors
    category = Category.objects.get(slug="intranet")
    assert (category.name_es, category.default_language, category.position) == (
        "Intranet de socios",
        "es",
        3,
    )
    (grant,) = category.grants.all()
    assert grant.group.name == Role.PARTNER and grant.can_start
    page = client.get(reverse(CATEGORIES)).content.decode()
    assert "intranet" in page


def test_a_category_needs_a_name_in_its_default_language(coordinator_client):
    response = coordinator_client.post(reverse(ADD_CATEGORY), _category_form(name_es=""))
    assert response.status_code == 200
    assert "Give a name in the default language (Español)." in response.content.decode()
    assert not Category.objects.filter(slug="intranet").exists()


def test_a_coordinator_limits_a_moderator_to_some_categories(coordinator_client):
    spanish = ForumCategoryFactory(slug="acogida")
    moderator = person(Role.MODERATOR)
    member = person(Role.MEMBER)
    add = reverse("wagtailsnippets_community_moderatorscope:add")
    page = coordinator_client.get(add).content.decode()
    assert f'value="{moderator.pk}"' in page and f'value="{member.pk}"' not in page
    response = coordinator_client.post(add, {"user": moderator.pk, "category": spanish.pk})
    assert response.status_code == 302
    assert ModeratorScope.objects.filter(user=moderator, category=spanish).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        CATEGORIES,
        ADD_CATEGORY,
        "wagtailsnippets_community_space:list",
        "wagtailsnippets_community_moderatorscope:list",
    ],
)
def test_moderators_enter_the_cms_but_not_the_forums_structure(client, url_name):
    client.force_login(person(Role.MODERATOR))
    assert client.get("/cms/").status_code == 200
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"] == "/cms/"


def test_a_coordinators_password_alone_does_not_open_the_forums_structure(client):
    client.force_login(person(Role.COORDINATOR))
    response = client.get(reverse(CATEGORIES))
    assert response.status_code == 302 and "/cms/" not in response["Location"]
