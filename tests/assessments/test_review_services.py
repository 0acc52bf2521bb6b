"""Reviewing submitted answers (assessments/services_review.py): the states and who may set
them, "has issues" emailed in each recipient's language and corrected by the authority, staff
corrections kept as revisions and checked like the respondent's answers."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from assessments import services_answer, services_review
from assessments.models import AnswerRevision, Assessment, Response, ResponseEvent, ReviewComment
from assessments.services_review import Correction
from notifications.models import EmailDelivery
from tests.factories import LocalAuthorityFactory, MembershipFactory
from tests.network.conftest import person

from .factories_answer import structure_of
from .review_helpers import submitted, world_make

pytestmark = pytest.mark.django_db
State = Response.ReviewState


@pytest.fixture
def world():
    return world_make()


def test_a_submission_is_received_and_a_reviewer_approves_or_rejects_it(world):
    response = world.colombian
    assert response.review_state == State.RECEIVED
    services_review.review_set(
        response=response, by=world.coordinator, state=State.APPROVED, comment=""
    )
    response.refresh_from_db()
    assert response.review_state == State.APPROVED and response.reviewed_at is not None
    assert response.status == Response.Status.SUBMITTED
    services_review.review_set(
        response=response, by=world.researcher, state=State.REJECTED, comment="Duplicate."
    )
    response.refresh_from_db()
    assert response.review_state == State.REJECTED
    comments = list(ReviewComment.objects.filter(response=response).order_by("pk"))
    assert [(c.state, c.body, c.author) for c in comments] == [
        (State.APPROVED, "", world.coordinator),
        (State.REJECTED, "Duplicate.", world.researcher),
    ]
    reviewed = response.events.filter(kind=ResponseEvent.Kind.REVIEWED)
    assert list(reviewed.values_list("note", flat=True)) == ["approved", "rejected"]


def test_a_comment_alone_keeps_the_state_and_must_say_something(world):
    response = world.colombian
    services_review.review_set(
        response=response, by=world.coordinator, state="", comment="Looks plausible."
    )
    response.refresh_from_db()
    assert response.review_state == State.RECEIVED
    assert ReviewComment.objects.get().state == ""
    with pytest.raises(ValidationError) as refused:
        services_review.review_set(response=response, by=world.coordinator, state="", comment=" ")
    assert "comment" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services_review.review_set(
            response=response, by=world.coordinator, state="accepted", comment="x"
        )


@pytest.mark.parametrize(
    "who", ["researcher_elsewhere", "colombian_official", "partner", "researcher_limited"]
)
def test_only_coordinators_and_the_assessments_researchers_in_their_countries_review(world, who):
    with pytest.raises(PermissionDenied):
        services_review.review_set(
            response=world.colombian, by=getattr(world, who), state=State.APPROVED, comment=""
        )
    world.colombian.refresh_from_db()
    assert world.colombian.review_state == State.RECEIVED
    assert not ReviewComment.objects.exists()


def test_a_researcher_limited_to_brazil_reviews_brazils_answers(world):
    services_review.review_set(
        response=world.brazilian, by=world.researcher_limited, state=State.APPROVED, comment=""
    )
    world.brazilian.refresh_from_db()
    assert world.brazilian.review_state == State.APPROVED


def test_a_coordinator_without_the_second_factor_reviews_nothing(world):
    world.coordinator.second_factor_passed = False
    with pytest.raises(PermissionDenied):
        services_review.review_set(
            response=world.colombian, by=world.coordinator, state=State.APPROVED, comment=""
        )


def test_has_issues_needs_a_comment_and_emails_each_recipient_in_their_language(
    world, django_capture_on_commit_callbacks
):
    response = world.brazilian
    Response.objects.filter(pk=response.pk).update(
        language="en", respondent_email="Nadia@Recife.example.org"
    )
    response.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services_review.review_set(
            response=response, by=world.coordinator, state=State.HAS_ISSUES, comment=""
        )
    assert "comment" in refused.value.message_dict
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        services_review.review_set(
            response=response,
            by=world.coordinator,
            state=State.HAS_ISSUES,
            comment="The staff count looks like the city's, not the department's.",
        )
    response.refresh_from_db()
    assert response.review_state == State.HAS_ISSUES
    assert response.status == Response.Status.DRAFT  # open to the authority again
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {world.brazilian_official.email, "nadia@recife.example.org"}
    focal = by_address[world.brazilian_official.email]
    # The focal point reads Portuguese (their account); the respondent without an account gets
    # the language the answers were given in.
    languages = dict(EmailDelivery.objects.values_list("to_address", "language"))
    assert languages == {world.brazilian_official.email: "pt", "nadia@recife.example.org": "en"}
    assert f"/pt/assessments/a/{response.token}/" in focal.body
    assert "The staff count looks like" in focal.body
    respondent = by_address["nadia@recife.example.org"]
    assert "please correct" in respondent.subject
    assert f"/en/assessments/a/{response.token}/" in respondent.body


def test_has_issues_is_emailed_once_whatever_is_repeated(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = services_review.review_set(
            response=world.colombian,
            by=world.coordinator,
            state=State.HAS_ISSUES,
            comment="Fill in the programmes.",
        )
        services_review.issues_notify(response=world.colombian, comment=comment)
    assert len(mail.outbox) == 1
    with translation.override("es"):
        assert f"/es/assessments/a/{world.colombian.token}/" in mail.outbox[0].body


def test_the_authority_corrects_and_submits_again_which_is_received_and_recorded(
    world, django_capture_on_commit_callbacks
):
    response = world.colombian
    response.assessment.status = Assessment.Status.CLOSED
    response.assessment.save()
    with django_capture_on_commit_callbacks(execute=True):
        services_review.review_set(
            response=response, by=world.coordinator, state=State.HAS_ISSUES, comment="Staff?"
        )
    # Given back, the answers are corrected even though answering has closed.
    response = services_answer.response_draft_save(
        invitation=response.invitation,
        response=response,
        data={**response.data, "staff": "15"},
        section="",
        language="es",
    )
    services_answer.response_submit(
        response=response,
        structure=structure_of(response.version),
        respondent_name="Ana Pérez",
        respondent_email="",
        by=None,
        through_invitation=True,
    )
    response.refresh_from_db()
    assert (response.status, response.review_state) == (Response.Status.SUBMITTED, "received")
    assert response.data["staff"] == 15
    kinds = list(response.events.values_list("kind", flat=True))
    assert kinds[-2:] == [ResponseEvent.Kind.REVIEWED, ResponseEvent.Kind.RESUBMITTED]


def test_nothing_is_reviewed_while_the_authority_corrects(world):
    services_review.review_set(
        response=world.colombian, by=world.coordinator, state=State.HAS_ISSUES, comment="Staff?"
    )
    with pytest.raises(ValidationError):
        services_review.review_set(
            response=world.colombian, by=world.coordinator, state=State.APPROVED, comment=""
        )


def test_a_correction_keeps_old_and_new_values_who_when_and_why(world):
    response = world.colombian
    structure = structure_of(response.version)
    revisions = services_review.answer_correct(
        response=response,
        by=world.researcher,
        structure=structure,
        correction=Correction(key="staff", row=None, value="14", reason="Phoned the city."),
    )
    response.refresh_from_db()
    assert response.data["staff"] == 14
    (revision,) = revisions
    assert (revision.key, revision.row, revision.old_value, revision.new_value) == (
        "staff",
        None,
        12,
        14,
    )
    assert (revision.reason, revision.changed_by) == ("Phoned the city.", world.researcher)
    assert revision.changed_at is not None
    assert response.events.filter(kind=ResponseEvent.Kind.CORRECTED, note="staff").exists()


def test_a_correction_in_a_repeat_row_and_of_other(world):
    response = world.colombian
    structure = structure_of(response.version)
    services_review.answer_correct(
        response=response,
        by=world.coordinator,
        structure=structure,
        correction=Correction(key="programme", row=0, value="Spanish classes", reason="Typo."),
    )
    services_review.answer_correct(
        response=response,
        by=world.coordinator,
        structure=structure,
        correction=Correction(
            key="service", row=None, value="other", other="Legal aid", reason="Said on the phone."
        ),
    )
    response.refresh_from_db()
    assert response.data["programmes"] == [{"programme": "Spanish classes"}]
    assert (response.data["service"], response.data["service_other"]) == ("other", "Legal aid")
    rows = AnswerRevision.objects.order_by("pk").values_list("key", "row", "old_value", "new_value")
    assert list(rows) == [
        ("programme", 0, "Language classes", "Spanish classes"),
        ("service", None, "health", "other"),
        ("service_other", None, None, "Legal aid"),
    ]


@pytest.mark.parametrize(
    ("correction", "field", "message"),
    [
        (Correction(key="staff", row=None, value="twelve", reason="x"), "value", "whole number"),
        (Correction(key="staff", row=None, value="-3", reason="x"), "value", "not accepted"),
        (Correction(key="name", row=None, value="", reason="x"), "value", "needs an answer"),
        (Correction(key="service", row=None, value="parks", reason="x"), "value", "choices"),
        (Correction(key="staff", row=None, value="14", reason="  "), "reason", "Say why"),
        (Correction(key="staff", row=None, value="12", reason="x"), "value", "already given"),
        (Correction(key="programme", row=3, value="x", reason="x"), "value", "row"),
        (Correction(key="nope", row=None, value="x", reason="x"), "value", "cannot be"),
    ],
)
def test_a_bad_correction_says_why_and_changes_nothing(world, correction, field, message):
    response = world.colombian
    before = dict(response.data)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services_review.answer_correct(
            response=response,
            by=world.coordinator,
            structure=structure_of(response.version),
            correction=correction,
        )
    assert message in " ".join(refused.value.message_dict[field])
    response.refresh_from_db()
    assert response.data == before
    assert not AnswerRevision.objects.exists()


def test_a_correction_needs_a_reviewer_of_that_country(world):
    with pytest.raises(PermissionDenied):
        services_review.answer_correct(
            response=world.colombian,
            by=world.researcher_limited,
            structure=structure_of(world.colombian.version),
            correction=Correction(key="staff", row=None, value="14", reason="x"),
        )


def test_an_answer_of_an_authority_without_invitation_reaches_its_focal_points(
    world, django_capture_on_commit_callbacks
):
    authority = LocalAuthorityFactory(country="HT")
    official = person("official", preferred_language="fr")
    MembershipFactory(user=official, local_authority=authority, is_focal_point=True)
    response = submitted(world.assessment, authority=authority, language="fr")
    Response.objects.filter(pk=response.pk).update(invitation=None)
    response.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services_review.review_set(
            response=response, by=world.coordinator, state=State.HAS_ISSUES, comment="Où ?"
        )
    (message,) = mail.outbox
    assert message.to == [official.email]
    assert "/assessments/a/" not in message.body


def test_the_migration_puts_answers_submitted_before_review_in_received(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("assessments.migrations.0004_review")
    Response.objects.filter(pk=world.colombian.pk).update(review_state="")
    Response.objects.filter(pk=world.brazilian.pk).update(
        review_state="", status=Response.Status.DRAFT, submitted_at=None
    )
    migration.submitted_received(apps, None)
    states = dict(Response.objects.values_list("pk", "review_state"))
    assert states == {world.colombian.pk: "received", world.brazilian.pk: ""}
