"""From a member's first draft to a published practice, through the coordinators' review."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model

from practice_submissions.models import PracticeSubmission, SubmissionEvent
from practices.models import PracticePage
from tests.factories import PracticeSubmissionFactory
from tests.network.conftest import sign_in

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db

BASICS = {
    "title": "Welcome desk for newcomers",
    "summary": "A single desk where newcomers find every municipal service.",
    "place_name": "Villa Esperanza",
    "country": "CO",
    "implementing_organisations": "Social development office",
    "start_date": "2022-03-01",
    "ongoing": "on",
    "status": "running",
}
STORY = {
    "context": "Many people arrived.",
    "objectives": "Make services reachable.",
    "activities": "One desk.\n\nTrained <b>staff</b>.",
    "results": "3,000 people served.",
}
CLASSIFICATION = {
    "themes": ["reception", "health"],
    "target_groups": ["migrants"],
    "gcm_objectives": ["gcm-01"],
    "tags": "welcome, desk",
}
CONTACT = {"contact_name": "Ana Pérez", "contact_email": "ana@example.org"}


def _step_url(submission, step):
    return reverse("practice_submissions:step", args=[submission.pk, step])


def _post(client, capture, url, data):
    with capture(execute=True):
        return client.post(url, data)


def test_proposal_review_changes_and_approval(
    client, directory, member, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    client.force_login(member)
    response = client.post(reverse("practice_submissions:new"), {**BASICS, "action": "next"})
    submission = PracticeSubmission.objects.get(submitter=member)
    assert response["Location"] == _step_url(submission, "practice")
    client.post(_step_url(submission, "practice"), {**STORY, "action": "next"})
    client.post(_step_url(submission, "classification"), {**CLASSIFICATION, "action": "next"})
    response = client.post(
        _step_url(submission, "attachments"),
        {**CONTACT, "file": pdf_upload(), "file_title": "Annual report", "action": "next"},
    )
    assert response["Location"] == reverse("practice_submissions:detail", args=[submission.pk])
    page = client.get(response["Location"])
    assert "Send to the coordinators" in page.content.decode()
    assert "Annual report" in page.content.decode()

    response = _post(
        client, capture, reverse("practice_submissions:submit", args=[submission.pk]), {}
    )
    submission.refresh_from_db()
    assert submission.state == "submitted"
    practice = submission.page.specific
    assert practice.live is False
    assert practice.owner == member
    assert practice.get_parent().pk == directory.pk
    assert practice.activities == "<p>One desk.</p><p>Trained &lt;b&gt;staff&lt;/b&gt;.</p>"
    assert sorted(row.code for row in practice.themes.all()) == ["health", "reception"]
    assert sorted(practice.tags.names()) == ["desk", "welcome"]
    # The file stays private until approval: not in the draft page, not a Wagtail document.
    assert len(practice.material) == 0
    assert not get_document_model().objects.exists()
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]
    assert "Welcome desk for newcomers" in mailoutbox[0].subject

    # The coordinator asks for changes.
    reviewer = Client()  # the coordinator's own browser: one sign-in, one code
    sign_in(reviewer, coordinator)
    queue = reviewer.get(reverse("practice_submissions:queue"))
    assert "Welcome desk for newcomers" in queue.content.decode()
    review_url = reverse("practice_submissions:review", args=[submission.pk])
    _post(reviewer, capture, review_url, {"decision": "request_changes", "message": "Add results."})
    submission.refresh_from_db()
    assert submission.state == "changes_requested"
    assert mailoutbox[-1].to == [member.email]
    assert "Add results." in mailoutbox[-1].body

    # The member edits and sends again; the same page is updated.
    client.force_login(member)
    detail = client.get(reverse("practice_submissions:detail", args=[submission.pk])).content
    assert "Add results." in detail.decode()
    client.post(
        _step_url(submission, "basics"), {**BASICS, "title": "Welcome desk", "action": "next"}
    )
    _post(client, capture, reverse("practice_submissions:submit", args=[submission.pk]), {})
    submission.refresh_from_db()
    assert submission.state == "submitted"
    assert PracticePage.objects.count() == 1
    assert submission.page.specific.title == "Welcome desk"
    assert mailoutbox[-1].to == [coordinator.email]

    # The coordinator approves: the page is published and the member told.
    _post(reviewer, capture, review_url, {"decision": "approve", "message": ""})
    submission.refresh_from_db()
    assert submission.state == "approved"
    published = PracticePage.objects.get()
    assert published.live is True
    document = get_document_model().objects.get()
    assert document.collection.name == "Practices"
    assert [(block.block_type, block.value["document"]) for block in published.material] == [
        ("document", document)
    ]
    assert document.url in client.get(published.url).content.decode()
    assert mailoutbox[-1].to == [member.email]
    assert "published" in mailoutbox[-1].subject
    assert list(SubmissionEvent.objects.values_list("from_state", "to_state")) == [
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "approved"),
    ]
    history = reviewer.get(reverse("practice_submissions:detail", args=[submission.pk]))
    assert "Lucía Fernández" in history.content.decode()


def test_decline_needs_a_reason(
    client, directory, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    submission = PracticeSubmissionFactory()
    from practice_submissions.services import submission_submit

    with capture(execute=True):
        submission_submit(submission=submission, user=submission.submitter)
    sign_in(client, coordinator)
    url = reverse("practice_submissions:review", args=[submission.pk])
    response = _post(client, capture, url, {"decision": "decline", "message": "  "})
    assert response.status_code == 200
    assert "Give the reason for declining." in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == "submitted"

    _post(client, capture, url, {"decision": "decline", "message": "Not a local practice."})
    submission.refresh_from_db()
    assert submission.state == "declined"
    assert submission.page.live is False
    assert mailoutbox[-1].to == [submission.submitter.email]
    assert "Not a local practice." in mailoutbox[-1].body


def test_invalid_basics_keep_what_was_typed(client, directory, member):
    client.force_login(member)
    data = {**BASICS, "start_date": "", "end_date": "2020-01-01", "action": "next"}
    response = client.post(reverse("practice_submissions:new"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required." in content
    assert 'value="Welcome desk for newcomers"' in content
    assert "An ongoing practice has no end date" in content
    assert not PracticeSubmission.objects.exists()


def test_save_draft_keeps_incomplete_answers(client, directory, member):
    client.force_login(member)
    response = client.post(
        reverse("practice_submissions:new"), {"title": "Half-written idea", "action": "save"}
    )
    submission = PracticeSubmission.objects.get()
    assert response["Location"] == _step_url(submission, "basics")
    assert submission.state == "draft"
    page = client.get(_step_url(submission, "basics")).content.decode()
    assert 'value="Half-written idea"' in page
    detail = client.get(reverse("practice_submissions:detail", args=[submission.pk]))
    assert "Before sending, complete these steps" in detail.content.decode()


def test_incomplete_draft_cannot_be_submitted(client, directory, member):
    submission = PracticeSubmissionFactory(submitter=member)
    submission.data["practice"]["context"] = ""
    submission.save()
    client.force_login(member)
    response = client.post(reverse("practice_submissions:submit", args=[submission.pk]))
    assert response["Location"] == _step_url(submission, "practice")
    submission.refresh_from_db()
    assert submission.state == "draft"
    assert submission.page is None


def test_submitted_proposal_cannot_be_edited_by_its_author(client, directory, member):
    submission = PracticeSubmissionFactory(submitter=member, state="submitted")
    client.force_login(member)
    response = client.post(_step_url(submission, "basics"), {**BASICS, "title": "Changed"})
    assert response["Location"] == reverse("practice_submissions:detail", args=[submission.pk])
    submission.refresh_from_db()
    assert submission.title == "Welcome desk for newcomers"


@pytest.mark.parametrize("step", ["basics", "practice", "classification", "attachments"])
def test_each_step_shows_the_saved_answers(client, member, step):
    submission = PracticeSubmissionFactory(submitter=member)
    client.force_login(member)
    content = client.get(_step_url(submission, step)).content.decode()
    expected = {
        "basics": 'value="Villa Esperanza"',
        "practice": "Many people arrived in a few months.",
        "classification": 'value="reception" id="id_themes_11" checked',
        "attachments": 'value="ana@example.org"',
    }[step]
    assert expected in content
    assert content.count("<h1") == 1


def test_practice_in_a_language_without_directory_goes_to_the_default_one(
    client, directory, member
):
    from practice_submissions.services import submission_submit

    submission = PracticeSubmissionFactory(submitter=member, language="fr")
    submission_submit(submission=submission, user=member)
    submission.refresh_from_db()
    assert submission.page.get_parent().pk == directory.pk
    assert submission.page.specific.original_language == "fr"


@pytest.mark.parametrize("kind", ["submitted", "changes_requested", "approved", "declined"])
def test_every_kind_reads_well_in_the_notification_list(client, member, kind):
    from notifications.services import notification_send

    notification_send(
        recipients=[member],
        kind=f"practice_submission_{kind}",
        event_key="test",
        context={
            "submission_id": 1,
            "title": "Welcome desk",
            "submitter_name": "Ana Pérez",
            "message": "Please add figures.",
        },
        url="/en/practices/contribute/1/",
    )
    client.force_login(member)
    content = client.get(reverse("notifications:list")).content.decode()
    assert "Welcome desk" in content
