"""Whatever a browser sends to a proposal's steps gets a form error and keeps what was typed:
NUL characters (PostgreSQL cannot store them), a non-numeric authority in a stored draft, a
decompression bomb among the files, a page deleted in the CMS before approval."""

import pytest
from django.urls import reverse

from practice_submissions.models import PracticeSubmission
from tests.factories import PracticeSubmissionFactory
from tests.images import png_of_size
from tests.network.conftest import sign_in

from .test_attachments import TYPED, _assert_kept, _upload
from .test_flow import BASICS, CLASSIFICATION

pytestmark = pytest.mark.django_db


def _step_url(submission, step):
    return reverse("practice_submissions:step", args=[submission.pk, step])


def _has_no_nul(value) -> bool:
    if isinstance(value, dict):
        return all(_has_no_nul(item) for item in value.values())
    if isinstance(value, list):
        return all(_has_no_nul(item) for item in value)
    return "\x00" not in str(value)


def test_nul_in_a_text_field_is_refused_and_everything_typed_kept(client, member):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    data = {**BASICS, "title": "Welcome\x00 desk", "place_name": "Villa Nueva", "action": "next"}
    response = client.post(_step_url(submission, "basics"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Null characters are not allowed." in html
    assert 'value="Villa Nueva"' in html
    submission.refresh_from_db()
    assert submission.data["basics"]["title"] == "Welcome desk"
    assert submission.data["basics"]["place_name"] == "Villa Nueva"
    assert submission.step == "review"  # not advanced


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("basics", {**BASICS, "start_date": "2022-03-01\x00", "country": "CO\x00"}),
        ("classification", {**CLASSIFICATION, "themes": ["health\x00"], "tags": "a\x00b"}),
        ("attachments", {**TYPED, "contact_email": "ana@example.org\x00", "action": "next"}),
    ],
)
def test_nul_in_any_field_is_refused_and_the_draft_stored(client, member, step, data):
    """Dates, choices and ticked boxes have no NUL check of their own: what was typed reached
    the database as is (a 500 on PostgreSQL, the step's answers lost)."""
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    response = client.post(_step_url(submission, step), {**data, "action": "next"})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    submission.refresh_from_db()
    assert _has_no_nul(submission.data)


@pytest.mark.postgres
def test_nul_in_proposal_fields_on_postgresql(client, member):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    data = {**BASICS, "title": "Welcome\x00 desk", "start_date": "\x00", "action": "save"}
    response = client.post(_step_url(submission, "basics"), data)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.data["basics"]["title"] == "Welcome desk"


def test_a_draft_with_a_non_numeric_authority_still_opens(client, member, coordinator):
    """A <select> may be sent anything; the draft keeps it as typed, and its page answered 500
    for good, for its author and the coordinators."""
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    client.post(_step_url(submission, "basics"), {**BASICS, "authority": "abc", "action": "save"})
    submission.refresh_from_db()
    assert submission.data["basics"]["authority"] == "abc"
    detail = reverse("practice_submissions:detail", args=[submission.pk])
    for person in (member, coordinator):
        sign_in(client, person)
        response = client.get(detail)
        assert response.status_code == 200
        assert "not a valid choice: choose again" in response.content.decode()
    client.force_login(member)
    step = client.get(_step_url(submission, "basics"))
    assert step.status_code == 200
    advanced = client.post(_step_url(submission, "basics"), {**BASICS, "authority": "abc"})
    assert "Select a valid choice" in advanced.content.decode()


@pytest.mark.parametrize("size", [(8000, 6000), (20000, 20000)])
def test_an_image_with_too_many_pixels_is_refused(client, member, size):
    """Over ~179 megapixels Pillow refuses to open it at all (a 500); over the limit (40) it is
    refused before anyone decodes it."""
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    response = _upload(client, submission, png_of_size(*size))
    _assert_kept(response)
    assert "at most 40 megapixels" in response.content.decode()
    assert not submission.attachments.exists()


def test_a_file_title_that_does_not_validate_keeps_the_file_out(client, member):
    from .conftest import pdf_upload

    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    url = _step_url(submission, "attachments")
    response = client.post(url, {**TYPED, "file_title": "x" * 201, "file": pdf_upload()})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert not submission.attachments.exists()


def test_a_proposal_sent_meanwhile_is_not_saved_over(client, member, monkeypatch):
    """The permission check passed, then another tab sent the proposal: the save is refused
    with a message instead of a 500."""
    from practice_submissions import services

    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    real_save = services.submission_step_save

    def sent_meanwhile(*, submission, **kwargs):
        PracticeSubmission.objects.filter(pk=submission.pk).update(state="submitted")
        submission.state = "submitted"
        return real_save(submission=submission, **kwargs)

    monkeypatch.setattr(services, "submission_step_save", sent_meanwhile)
    response = client.post(_step_url(submission, "basics"), {**BASICS, "title": "Changed"})
    assert response["Location"] == reverse("practice_submissions:detail", args=[submission.pk])
    page = client.get(response["Location"]).content.decode()
    assert "cannot be edited" in page
    submission.refresh_from_db()
    assert submission.title == "Welcome desk for newcomers"


def test_approving_a_proposal_whose_page_was_deleted_in_the_cms(
    client, member, coordinator, directory
):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    client.post(reverse("practice_submissions:submit", args=[submission.pk]))
    submission.refresh_from_db()
    submission.page.delete()
    sign_in(client, coordinator)
    response = client.post(
        reverse("practice_submissions:review", args=[submission.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == "approved"
    assert submission.page.live
