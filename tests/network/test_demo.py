import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.management import call_command

from network.demo import DEMO_ACCOUNTS, DEMO_TOTP_SECRET, seed_network
from network.models import JoinRequest, LocalAuthority, Membership, PartnerOrganisation, User
from network.permissions import JOIN_REQUEST_REVIEW, can
from network.roles import Role

pytestmark = pytest.mark.django_db

MODELS = [
    User,
    LocalAuthority,
    PartnerOrganisation,
    Membership,
    JoinRequest,
    EmailAddress,
    Authenticator,
    Group,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seeding_twice_changes_nothing():
    seed_network(stdout=io.StringIO())
    first = counts()
    seed_network(stdout=io.StringIO())
    assert counts() == first
    assert first["LocalAuthority"] >= 20
    assert LocalAuthority.objects.values("country").distinct().count() >= 8
    assert 4 <= first["PartnerOrganisation"] <= 6


def test_one_demo_account_per_role_that_can_sign_in(client):
    seed_network(stdout=io.StringIO())
    for role in Role.values:
        user = User.objects.get(email=f"{role}@demo.convive.example.org")
        assert user.check_password(f"convive-demo-{role}")
        assert user.groups.filter(name=role).exists()
        assert EmailAddress.objects.get(user=user).verified
    admin = User.objects.get(email="admin@demo.convive.example.org")
    assert admin.is_superuser and admin.check_password("convive-demo-admin")
    assert {u.preferred_language for u in User.objects.all()} >= {"es", "pt", "fr"}
    response = client.post(
        "/en/accounts/login/",
        {"login": "official@demo.convive.example.org", "password": "convive-demo-official"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/me/"


def test_coordinator_and_juror_have_the_documented_totp_secret():
    seed_network(stdout=io.StringIO())
    coordinator = User.objects.get(email="coordinator@demo.convive.example.org")
    totp = Authenticator.objects.get(user=coordinator, type="totp")
    from allauth.mfa.utils import decrypt

    assert decrypt(totp.data["secret"]) == DEMO_TOTP_SECRET
    coordinator.second_factor_passed = True  # as after signing in with a code
    assert can(coordinator, JOIN_REQUEST_REVIEW)
    assert Authenticator.objects.filter(user__email__startswith="juror@").exists()


def test_demo_accounts_command_prints_every_account():
    seed_network(stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.email in text and account.password in text
    assert DEMO_TOTP_SECRET in text
