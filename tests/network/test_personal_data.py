"""The personal data export covers every record tied to a person, and deleting the account
removes or anonymises each of them."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from network import personal_data
from network.models import Invitation, JoinRequest, Membership
from notifications.models import EmailDelivery, Notification
from outreach.models import EventRegistration, NewsPage
from practice_submissions import services as submission_services
from practice_submissions.models import PracticeSubmission, SubmissionAttachment
from practices.models import PracticePage
from tests.factories import (
    EventRegistrationFactory,
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    NotificationFactory,
    PracticeSubmissionFactory,
)
from tests.outreach import builders
from tests.practice_submissions.conftest import attachment_make
from tests.practices.builders import practice_index

from .conftest import person

pytestmark = pytest.mark.django_db

DATA_URL = "/en/network/account/data/"
DELETE_URL = "/en/network/account/delete/"


def _relations_to_people() -> dict[str, list[models.Field]]:
    """Every installed model with a foreign key, one-to-one or many-to-many field of its own
    (not inherited from a parent table) pointing at the user model."""
    user_model = get_user_model()
    found: dict[str, list[models.Field]] = {}
    for model in apps.get_models():
        fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
        for field in fields:
            if field.is_relation and field.related_model is user_model:
                found.setdefault(model._meta.label, []).append(field)
    return found


def test_every_model_tied_to_a_person_is_exported_or_listed_with_a_reason():
    covered = personal_data.covered_models()
    missing = sorted(
        label
        for label in _relations_to_people()
        if label not in covered and label not in personal_data.NOT_EXPORTED
    )
    assert missing == [], f"Not in any personal data exporter nor in NOT_EXPORTED: {missing}"
    # The person's own row too.
    assert covered[get_user_model()._meta.label] == "account"


def test_the_exclusions_name_real_models_not_covered_elsewhere():
    covered = personal_data.covered_models()
    for label, reason in personal_data.NOT_EXPORTED.items():
        assert apps.get_model(label) is not None
        assert label not in covered
        assert reason.strip()
    for label in covered:
        assert apps.get_model(label) is not None, label


def test_every_tie_to_a_person_goes_or_is_cleared_when_the_account_is_deleted():
    """Deleting a user must never fail on a reference nor leave their id behind where the
    database would keep it, except in Wagtail's audit logs, which hold no constraint."""
    kept_ids = []
    for label, fields in _relations_to_people().items():
        for field in fields:
            if field.many_to_many:
                continue  # the link rows go with the user
            on_delete = field.remote_field.on_delete
            if on_delete is models.DO_NOTHING:
                assert field.db_constraint is False, f"{label}.{field.name}"
                kept_ids.append(label)
            else:
                assert on_delete in (models.CASCADE, models.SET_NULL), f"{label}.{field.name}"
    assert sorted(kept_ids) == ["wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry"]


@pytest.fixture
def everything(settings):
    """A member with a record in every part of Convive that keeps one about people."""
    homes = builders.homes()
    event = builders.event_page(builders.event_index(homes["en"]), slug="launch", title="Launch")
    user = person("official", email="ana@example.org", first_name="Ana", last_name="Pérez")
    MembershipFactory(user=user, local_authority__name="Quito", is_focal_point=True)
    practice_index(homes["en"])
    submission = PracticeSubmissionFactory(submitter=user)
    attachment = attachment_make(submission, title="Annual report")
    submission = submission_services.submission_submit(submission=submission, user=user)
    draft_page_id = submission.page_id
    assert draft_page_id
    EventRegistrationFactory(user=user, event=event)
    NotificationFactory(recipient=user, context={"invitee_name": "Rosa"})
    invited = InvitationFactory(invited_by=user, email="colleague@example.org")
    accepted = InvitationFactory(email="ana@example.org", position="Adviser")
    Invitation.objects.filter(pk=accepted.pk).update(
        accepted_by=user, accepted_at=accepted.expires_at
    )
    JoinRequestFactory(contact_email="ana@example.org", authority_name="Quito")
    EmailDelivery.objects.create(
        key="direct:1", kind="direct", to_address="ana@example.org", template_prefix="x"
    )
    news = builders.news_page(
        builders.news_index(homes["en"]), slug="hello", title="Hello", author=user
    )
    return {
        "user": user,
        "submission": submission,
        "attachment": attachment,
        "draft_page_id": draft_page_id,
        "invited": invited,
        "accepted": accepted,
        "news": news,
    }


def test_the_export_holds_proposals_files_events_notifications_and_invitations(client, everything):
    user, attachment = everything["user"], everything["attachment"]
    client.force_login(user)
    data = json.loads(client.get(DATA_URL).content)

    proposal = data["practice_proposals"]["proposals"][0]
    assert proposal["title"] == "Welcome desk for newcomers"
    assert proposal["state"] == "submitted"
    assert [event["to_state"] for event in proposal["history"]] == ["submitted"]
    file = proposal["attachments"][0]
    assert file["title"] == "Annual report"
    assert file["file_name"].endswith(".pdf")
    download = reverse(
        "practice_submissions:attachment_download", args=[attachment.submission_id, attachment.pk]
    )
    assert file["download_url"].endswith(download)
    # The link works for the person who exported it.
    assert client.get(download).status_code == 200

    assert data["outreach"]["event_registrations"][0]["event"] == "Launch"
    assert data["outreach"]["news_articles"][0]["title"] == "Hello"
    assert data["notifications"]["notifications"][0]["context"]["invitee_name"] == "Rosa"
    assert data["notifications"]["emails"][0]["address"] == "ana@example.org"
    assert data["network"]["memberships"][0]["organisation"] == "Quito"
    assert data["network"]["invitations_sent"][0]["email"] == "colleague@example.org"
    assert data["network"]["invitations_received"][0]["state"] == "accepted"
    assert data["network"]["join_requests"][0]["authority_name"] == "Quito"
    assert data["account"]["listed_in_directory"] is False


def test_deleting_the_account_removes_or_anonymises_every_record(client, everything, settings):
    user = everything["user"]
    client.force_login(user)
    response = client.post(DELETE_URL, {"password": "correct horse battery", "confirm": "on"})
    assert response.status_code == 302

    assert not PracticeSubmission.objects.exists()
    assert not SubmissionAttachment.objects.exists()
    # The proposal's page was never published: it goes, with the contact details typed in it.
    assert not PracticePage.objects.filter(pk=everything["draft_page_id"]).exists()
    assert not EventRegistration.objects.exists()
    assert not Notification.objects.exists()
    assert not Membership.objects.exists()
    assert not EmailDelivery.objects.filter(to_address__iexact="ana@example.org").exists()
    # The colleague's invitation stays with its organisation, unsigned.
    assert Invitation.objects.get(pk=everything["invited"].pk).invited_by is None
    accepted = Invitation.objects.get(pk=everything["accepted"].pk)
    assert accepted.accepted_by is None
    assert "ana@" not in accepted.email and accepted.position == ""
    assert not JoinRequest.objects.filter(contact_email__iexact="ana@example.org").exists()
    # The article stays the network's, without the account.
    assert NewsPage.objects.get(pk=everything["news"].pk).author is None


def test_a_published_practice_stays_when_its_author_leaves(client, directory_en, member_user):
    submission = PracticeSubmissionFactory(submitter=member_user)
    submission = submission_services.submission_submit(submission=submission, user=member_user)
    page = submission.page.specific
    page.save_revision().publish()
    client.force_login(member_user)
    client.post(DELETE_URL, {"password": "correct horse battery", "confirm": "on"})
    assert PracticePage.objects.filter(pk=page.pk, live=True).exists()


@pytest.fixture
def directory_en(db):
    return practice_index(builders.homes()["en"])


@pytest.fixture
def member_user(db):
    user = person("official", email="leaving@example.org")
    MembershipFactory(user=user)
    return user
