"""Fixtures for the network app: people with roles, two-factor, organisations."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from network.roles import MFA_REQUIRED_ROLES
from network.services import role_assign
from tests.factories import MembershipFactory, UserFactory

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_add(user) -> None:
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(TEST_TOTP_SECRET)}
    )


def person(*roles: str, mfa: bool | None = None, **fields):
    """A person with a verified email, the given roles and (by default, when a role requires
    it) a TOTP authenticator."""
    user = UserFactory(**fields)
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    for role in roles:
        role_assign(user=user, role=role)
    if mfa is None:
        mfa = any(role in MFA_REQUIRED_ROLES for role in roles)
    if mfa:
        totp_add(user)
    return user


@pytest.fixture
def coordinator(db):
    return person("coordinator", first_name="Lucía", last_name="Fernández")


@pytest.fixture
def coordinator_without_mfa(db):
    return person("coordinator", mfa=False)


@pytest.fixture
def focal_point(db):
    """The focal point (and an official) of a member authority: ``focal_point.authority``."""
    user = person("official", first_name="Carlos", last_name="Ramírez")
    membership = MembershipFactory(user=user, is_focal_point=True)
    user.authority = membership.local_authority
    return user


@pytest.fixture
def official(db):
    user = person("official")
    MembershipFactory(user=user)
    return user


@pytest.fixture
def assert_constant_queries(client, django_assert_num_queries):
    """Check that GET ``url`` costs the same number of queries before and after ``grow()``
    adds more rows: a list view must not run one query per row. (The exact number also
    depends on base.html, owned elsewhere, so it is measured, then asserted.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(url: str, grow) -> None:
        client.get(url)  # warm the shared menu and per-process caches
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        expected = len(small.captured_queries)  # read now: each request resets the query log
        grow()
        client.get(url)  # the first page after publishing rebuilds the shared menu
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200

    return check
