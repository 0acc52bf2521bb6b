import pytest
from django.contrib.auth.models import Group

from network.roles import Role, role_groups_ensure
from network.selectors import user_has_role
from network.services import role_assign, role_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_named_by_its_stable_code():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_coordinators_may_enter_the_wagtail_admin_and_see_join_requests():
    coordinator = Group.objects.get(name=Role.COORDINATOR)
    codenames = set(coordinator.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_joinrequest"} <= codenames
    assert not {"change_joinrequest", "delete_joinrequest"} & codenames


def test_ensuring_groups_twice_changes_nothing():
    role_groups_ensure()
    before = (Group.objects.count(), Group.objects.get(name="coordinator").permissions.count())
    role_groups_ensure()
    after = (Group.objects.count(), Group.objects.get(name="coordinator").permissions.count())
    assert before == after


def test_assign_and_revoke_a_role():
    user = UserFactory()
    assert not user_has_role(user=user, role=Role.RESEARCHER)
    role_assign(user=user, role=Role.RESEARCHER)
    role_assign(user=user, role=Role.RESEARCHER)
    assert user_has_role(user=user, role=Role.RESEARCHER)
    assert user.groups.filter(name="researcher").count() == 1
    role_revoke(user=user, role=Role.RESEARCHER)
    assert not user_has_role(user=user, role=Role.RESEARCHER)


def test_unknown_role_is_refused():
    with pytest.raises(ValueError):
        role_assign(user=UserFactory(), role="Coordinador")


@pytest.mark.parametrize("role", Role.values)
def test_the_cms_lets_in_exactly_the_roles_the_rules_let_in(client, role):
    """network.permissions.CMS_ACCESS and the groups' Wagtail permissions must agree: a role
    the rules let in gets the CMS (with two-factor where the role requires it), others don't."""
    from network import permissions
    from network.roles import MFA_REQUIRED_ROLES

    from .conftest import person, sign_in

    user = person(role)
    if role in MFA_REQUIRED_ROLES:
        sign_in(client, user)
    else:
        client.force_login(user)
    user.second_factor_passed = True
    allowed = permissions.can(user, permissions.CMS_ACCESS)
    assert allowed == (role in {Role.COORDINATOR, Role.MODERATOR})
    response = client.get("/cms/")
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
