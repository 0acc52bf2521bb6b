"""A reviewer's comments, corrections and limits to countries in their personal-data export,
and what deleting their account leaves (assessments/personal_data.py)."""

import json

import pytest

from assessments import services_review
from assessments.models import AnswerRevision, ResearcherScope, Response, ReviewComment
from assessments.services_review import Correction
from network.personal_data import personal_data_export
from network.services import account_delete

from .factories_answer import structure_of
from .review_helpers import world_make

pytestmark = pytest.mark.django_db


def test_review_comments_and_corrections_are_exported_and_outlive_the_account(client):
    world = world_make()
    reviewer = world.researcher_limited
    services_review.review_set(
        response=world.brazilian,
        by=reviewer,
        state=Response.ReviewState.APPROVED,
        comment="Checked with the city.",
    )
    services_review.answer_correct(
        response=world.brazilian,
        by=reviewer,
        structure=structure_of(world.brazilian.version),
        correction=Correction(key="staff", row=None, value="20", reason="Phoned Recife."),
    )
    client.force_login(reviewer)
    export = json.loads(client.get("/en/network/account/data/").content)["assessments"]
    assert export["review_comments"] == [
        {
            "assessment": str(world.assessment),
            "local_authority": "Recife",
            "state_set": "approved",
            "comment": "Checked with the city.",
            "at": export["review_comments"][0]["at"],
        }
    ]
    (correction,) = export["answer_corrections"]
    assert (correction["question"], correction["before"], correction["after"]) == ("staff", 12, 20)
    assert correction["reason"] == "Phoned Recife."
    assert export["researcher_countries"] == [
        {"assessment": str(world.assessment), "countries": ["BR"]}
    ]
    # Nobody else's review appears in it.
    others = personal_data_export(user=world.researcher)["assessments"]
    assert others["review_comments"] == [] and others["answer_corrections"] == []

    account_delete(user=reviewer)
    comment = ReviewComment.objects.get()
    revision = AnswerRevision.objects.get()
    assert comment.author is None and comment.body == "Checked with the city."
    assert revision.changed_by is None and revision.new_value == 20
    assert not ResearcherScope.objects.filter(user_id=reviewer.pk).exists()
