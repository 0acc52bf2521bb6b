"""E-discussions in a person's personal data export, and what deleting the account leaves."""

import json

import pytest

from network.community.models import (
    Contribution,
    Endorsement,
    Participant,
    Question,
    Summary,
    WeekReplyKey,
)
from network.community.services.posting import reply_create
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db

DATA_URL = "/en/network/account/data/"
DELETE_URL = "/en/network/account/delete/"


@pytest.fixture
def contributor(coordinator):  # noqa: F811
    """An official of a Colombian city who answered a question on behalf of their mayor's
    office, has a week reply address and commented on the shared summary."""
    ediscussion = running_ediscussion(facilitator=coordinator)
    user = UserFactory(email="official@example.org")
    MembershipFactory(user=user, local_authority=LocalAuthorityFactory(country="CO"))
    question = Question.objects.filter(topic__isnull=False).order_by("number").first()
    post = reply_create(author=user, topic=question.topic, source="En Bogotá...").post
    Contribution.objects.filter(post=post).update(
        on_behalf_name="Ana Pérez",
        on_behalf_position="Secretaria",
        on_behalf_organisation="Alcaldía de Bogotá",
        on_behalf_country="CO",
    )
    WeekReplyKey.objects.create(
        key_hash="h" * 64, user=user, week=question.week, expires_at=ediscussion.ends_at
    )
    summary = Summary.objects.create(ediscussion=ediscussion, language="en")
    Endorsement.objects.create(summary=summary, user=user, comment="Please cite Bogotá's plan.")
    return {"user": user, "ediscussion": ediscussion, "post": post}


def test_the_export_holds_the_members_part_in_e_discussions(client, contributor, coordinator):  # noqa: F811
    client.force_login(contributor["user"])
    data = json.loads(client.get(DATA_URL).content)["ediscussions"]
    (participation,) = data["participations"]
    assert participation["ediscussion"] == "Territorial approaches to migration"
    assert participation["country"] == "CO"
    assert participation["contributions_on_behalf_of"][0]["organisation"] == "Alcaldía de Bogotá"
    assert data["week_reply_addresses"][0]["week"] == 1
    assert "h" * 64 not in json.dumps(data)
    assert data["summary_answers"][0]["comment"] == "Please cite Bogotá's plan."
    client.force_login(coordinator)
    created = json.loads(client.get(DATA_URL).content)["ediscussions"]["created"]
    assert [row["title"] for row in created] == ["Territorial approaches to migration"]


def test_deleting_the_account_keeps_contributions_without_their_author(client, contributor):
    user, post = contributor["user"], contributor["post"]
    client.force_login(user)
    response = client.post(DELETE_URL, {"password": "correct horse battery", "confirm": "on"})
    assert response.status_code == 302
    contribution = Contribution.objects.select_related("post").get(post=post)
    assert contribution.post.author is None
    assert contribution.participant is None
    assert not Participant.objects.filter(user_id=user.pk).exists()
    assert not WeekReplyKey.objects.exists()
    assert not Endorsement.objects.exists()
