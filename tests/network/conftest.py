"""Fixtures for the network app: people with roles, two-factor, organisations."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import encrypt
from django.urls import reverse

from network.roles import MFA_REQUIRED_ROLES
from network.services import role_assign
from tests.factories import MembershipFactory, UserFactory

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOTP_PERIOD = 30
TOTP_MARGIN = 3  # seconds: a code read this close to the end of its window waits for the next


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The code an authenticator app shows now. allauth accepts only the current 30-second
    window, so on a busy machine a code read in the last seconds of a window could reach the
    server in the next one: wait for the new window instead."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < TOTP_MARGIN:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


def totp_add(user) -> None:
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(TEST_TOTP_SECRET)}
    )


def sign_in(client, user) -> None:
    """Sign ``user`` in as a person does, through allauth: password, then a code from their
    authenticator app, so that the session has passed the second factor. Gives them a confirmed
    address and an authenticator app first if they have none (a superuser from a factory).
    ``client.force_login`` opens a session that has not passed it."""
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        totp_add(user)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct horse battery"}
    )
    assert response.status_code == 302, "the password was refused"
    assert response["Location"].endswith(reverse("mfa_authenticate")), response["Location"]
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302, "the code was refused (used twice within 30 seconds?)"


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
    """A coordinator with an authenticator app. For direct calls of services and rules, marked
    as network.mfa's middleware marks a session that passed the second factor; a client must
    still ``sign_in`` (``force_login`` opens a session that has not)."""
    user = person("coordinator", first_name="Lucía", last_name="Fernández")
    user.second_factor_passed = True
    return user


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
