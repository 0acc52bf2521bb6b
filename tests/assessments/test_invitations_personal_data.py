"""A person's invitations in their personal-data export, and forgotten with their account
(assessments/personal_data_invitations.py)."""

import pytest

from assessments import services_invitations
from assessments.models import Invitation, InvitationEmail
from network.personal_data import personal_data_export
from network.services import account_delete
from tests.assessments.invite_helpers import (
    URLCONF,
    assessment_make,
    authority_with_focal_point,
    invite,
)
from tests.factories import UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]


def test_the_export_lists_the_invitations_naming_the_person_and_the_emails_to_them(
    coordinator,  # noqa: F811
):
    assessment = assessment_make()
    authority, focal = authority_with_focal_point()
    [invitation] = invite(coordinator, assessment, authority)
    services_invitations.invitation_send(invitation_id=invitation.pk)
    respondent = UserFactory(email="rosa@city.example.org")
    services_invitations.invitation_respondent_add(
        by=coordinator,
        assessment=assessment,
        authority=authority,
        name="Rosa Quispe",
        email="Rosa@City.example.org",
        language="es",
    )

    focal_export = personal_data_export(user=focal)["assessment_invitations"]
    assert [item["kind"] for item in focal_export["assessment_invitation_emails"]] == ["invitation"]
    assert focal_export["assessment_invitations"] == []
    named = personal_data_export(user=respondent)["assessment_invitations"][
        "assessment_invitations"
    ]
    assert [(item["respondent_name"], item["assessment"]) for item in named] == [
        ("Rosa Quispe", "needs-2026")
    ]


def test_deleting_the_account_takes_its_address_out_of_the_invitations(
    coordinator,  # noqa: F811
):
    assessment = assessment_make()
    authority, focal = authority_with_focal_point()
    [invitation] = invite(coordinator, assessment, authority)
    services_invitations.invitation_send(invitation_id=invitation.pk)
    respondent = UserFactory(email="rosa@city.example.org")
    named = services_invitations.invitation_respondent_add(
        by=coordinator,
        assessment=assessment,
        authority=authority,
        name="Rosa Quispe",
        email="rosa@city.example.org",
        language="es",
    )
    focal_address = focal.email

    account_delete(user=focal)
    account_delete(user=respondent)

    assert not InvitationEmail.objects.filter(address=focal_address).exists()
    assert InvitationEmail.objects.filter(invitation=invitation).count() == 1
    named.refresh_from_db()
    assert named.respondent_name == "" and "rosa" not in named.respondent_email
    assert Invitation.objects.filter(assessment=assessment).count() == 2
