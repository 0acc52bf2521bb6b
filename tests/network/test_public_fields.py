"""Forms say, under each field about a person, whether the answer will be shown publicly."""

import re

import pytest
from django.urls import reverse

from tests.factories import PracticeSubmissionFactory

from .conftest import person

pytestmark = pytest.mark.django_db

ON_PRACTICE = "Shown publicly on the practice page."
IF_LISTED = "Shown publicly on your authority's page if you choose to be listed."
NOT_PUBLIC = "Not shown publicly."


def _help_text(html: str, field: str) -> str:
    """The help text a screen reader announces with the field (its aria-describedby)."""
    assert f'aria-describedby="id_{field}_helptext"' in html, field
    match = re.search(rf'<div class="helptext" id="id_{field}_helptext">(.*?)</div>', html, re.S)
    assert match, field
    return match.group(1)


def test_the_profile_says_which_fields_are_public(client):
    user = person("official")
    client.force_login(user)
    html = client.get(reverse("network:profile")).content.decode().replace("&#x27;", "'")
    for field in ("first_name", "last_name", "position"):
        assert IF_LISTED in _help_text(html, field)
    for field in ("other_languages", "preferred_language"):
        assert NOT_PUBLIC in _help_text(html, field)
    # The existing explanation stays, the note follows it.
    assert _help_text(html, "preferred_language").startswith(
        "Emails from Convive are written in this language."
    )
    listed = _help_text(html, "listed_in_directory")
    assert "appear publicly" in listed
    assert "email address is shown only to signed-in members" in listed


def test_the_proposal_says_the_contact_is_public(client):
    member = person("official")
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    url = reverse("practice_submissions:step", args=[submission.pk, "attachments"])
    html = client.get(url).content.decode()
    for field in ("contact_name", "contact_role", "contact_email"):
        assert _help_text(html, field) == ON_PRACTICE


def test_the_invitation_form_says_which_fields_are_public(client):
    from tests.factories import MembershipFactory

    focal_point = person("official")
    MembershipFactory(user=focal_point, is_focal_point=True)
    client.force_login(focal_point)
    html = client.get(reverse("network:invitation_list")).content.decode()
    html = html.replace("&#x27;", "'")
    assert _help_text(html, "email") == NOT_PUBLIC
    assert _help_text(html, "position") == (
        "Shown publicly on the local authority's page if they choose to be listed."
    )


def test_the_join_form_says_the_contact_is_not_public(client):
    html = client.get(reverse("network:join")).content.decode()
    for field in ("contact_name", "contact_email", "contact_position"):
        assert NOT_PUBLIC in _help_text(html, field)
