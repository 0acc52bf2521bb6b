"""Answering by an invitation's link with the test client, as a respondent does without
JavaScript: drafts kept on the server, errors that keep what was typed, skip logic across and
within sections, repeat rows, files, review and submission."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Assessment, Element, Invitation, Response, ResponseEvent

from .factories_answer import (
    assessment_make,
    choices_add,
    element_add,
    invitation_make,
    version_make,
)

pytestmark = pytest.mark.django_db
Kind = Element.Kind
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def questionnaire():
    version = version_make(languages=("en", "es"))
    element_add(
        version, "name", Kind.TEXT, required=True, label={"en": "Authority", "es": "Autoridad"}
    )
    capacity = element_add(version, "capacity", Kind.GROUP, label={"en": "Capacity"})
    element_add(version, "has_programmes", Kind.YES_NO, parent=capacity, required=True)
    element_add(
        version,
        "programme_count",
        Kind.INTEGER,
        parent=capacity,
        required=True,
        relevant="${has_programmes} = 'yes'",
        constraint=". > 0",
        constraint_message={"en": "At least one programme."},
    )
    programmes = element_add(
        version,
        "programmes",
        Kind.REPEAT,
        parent=capacity,
        repeat_max=2,
        relevant="${has_programmes} = 'yes'",
    )
    element_add(version, "programme_name", Kind.TEXT, parent=programmes, required=True)
    women = element_add(
        version,
        "women",
        Kind.GROUP,
        relevant="${name} != 'Skip town'",
        label={"en": "Women and girls"},
    )
    services = choices_add(version, "services", [("shelter", "Shelter"), ("legal", "Legal aid")])
    element_add(
        version,
        "gbv_services",
        Kind.SELECT_MULTIPLE,
        parent=women,
        choice_list=services,
        or_other=True,
    )
    documents = element_add(version, "documents", Kind.GROUP, label={"en": "Documents"})
    element_add(version, "plan", Kind.FILE, parent=documents)
    assessment = assessment_make(version)
    invitation, token = invitation_make(assessment)
    return {"version": version, "assessment": assessment, "invitation": invitation, "token": token}


def url(token, page="start", section=None):
    if page == "start":
        return reverse("assessments:answer", args=[token])
    if page == "review":
        return reverse("assessments:answer_review", args=[token])
    return reverse("assessments:answer_section", args=[token, section])


def test_an_unknown_or_revoked_link_is_the_same_404(client, questionnaire):
    unknown = client.get(url("x" * 43))
    _invitation, revoked_token = invitation_make(questionnaire["assessment"], revoked=True)
    revoked = client.get(url(revoked_token))
    assert unknown.status_code == revoked.status_code == 404
    assert "This link opens no questionnaire" in unknown.content.decode()
    # The same page, but for the address itself (in the language switcher's links).
    assert unknown.content.replace(b"x" * 43, b"T") == revoked.content.replace(
        revoked_token.encode(), b"T"
    )
    assert client.get(url(revoked_token, "section", "0")).status_code == 404


def test_the_start_page_records_the_first_opening_and_lists_the_sections(client, questionnaire):
    invitation = questionnaire["invitation"]
    page = client.get(url(questionnaire["token"])).content.decode()
    invitation.refresh_from_db()
    first = invitation.opened_at
    assert first is not None
    assert "Needs of local authorities" in page
    assert invitation.local_authority.name in page
    assert "Capacity" in page and "Women and girls" in page
    client.get(url(questionnaire["token"]))
    invitation.refresh_from_db()
    assert invitation.opened_at == first


def test_a_default_answer_is_offered_until_the_question_is_answered(client, questionnaire):
    element_add(
        questionnaire["version"],
        "staff",
        Kind.INTEGER,
        default="5",
        parent=questionnaire["version"].elements.get(key="documents"),
    )
    section = url(questionnaire["token"], "section", "documents")
    assert 'value="5"' in client.get(section).content.decode()
    client.post(section, {"q-staff": ""})
    assert 'value="5"' not in client.get(section).content.decode()
    assert Response.objects.get().data["staff"] == ""


def test_a_closed_assessment_says_so(client, questionnaire):
    Assessment.objects.filter(pk=questionnaire["assessment"].pk).update(
        status=Assessment.Status.CLOSED
    )
    page = client.get(url(questionnaire["token"], "section", "0")).content.decode()
    assert "not open for answers" in page
    response = client.post(url(questionnaire["token"], "section", "0"), {"q-name": "Town"})
    assert not Response.objects.exists()
    assert response.status_code == 200


def test_errors_keep_every_typed_value_and_the_draft_holds_them(client, questionnaire):
    token = questionnaire["token"]
    client.post(url(token, "section", "0"), {"q-name": "Villa Nueva", "action": "continue"})
    response = client.post(
        url(token, "section", "capacity"),
        {"q-has_programmes": "yes", "q-programme_count": "three", "action": "update"},
    )
    page = client.post(
        url(token, "section", "capacity"),
        {"q-has_programmes": "yes", "q-programme_count": "three", "action": "continue"},
    ).content.decode()
    assert response.status_code == 200
    assert "Enter a whole number, such as 12." in page
    assert 'value="three"' in page
    saved = Response.objects.get()
    assert saved.data["programme_count"] == "three"
    assert saved.data["name"] == "Villa Nueva"
    assert saved.local_authority == questionnaire["invitation"].local_authority
    assert saved.version == questionnaire["version"]
    assert list(saved.events.values_list("kind", flat=True)) == [ResponseEvent.Kind.STARTED]


def test_a_draft_is_resumed_from_another_device(questionnaire):
    token = questionnaire["token"]
    first, second = Client(), Client()
    first.post(url(token, "section", "0"), {"q-name": "Villa Nueva", "action": "later"})
    page = second.get(url(token, "section", "0")).content.decode()
    assert 'value="Villa Nueva"' in page
    start = second.get(url(token)).content.decode()
    assert "Go on where you left off" in start


def test_skip_logic_moves_past_sections_that_no_longer_apply(client, questionnaire):
    token = questionnaire["token"]
    response = client.post(url(token, "section", "0"), {"q-name": "Skip town"})
    assert response["Location"] == url(token, "section", "capacity")
    response = client.post(url(token, "section", "capacity"), {"q-has_programmes": "no"})
    # "Women and girls" does not apply to Skip town: straight to the documents.
    assert response["Location"] == url(token, "section", "documents")
    page = client.get(url(token, "section", "documents")).content.decode()
    assert "Section 3 of 3" in page


def test_questions_called_for_on_the_same_page_appear_before_moving_on(client, questionnaire):
    token = questionnaire["token"]
    client.post(url(token, "section", "0"), {"q-name": "Villa Nueva"})
    first = client.get(url(token, "section", "capacity")).content.decode()
    # On the page for the script to show at once, hidden without it.
    assert re.search(r'answer-question--integer" data-condition="programme_count" hidden>', first)
    assert "Update the questions" in first
    response = client.post(url(token, "section", "capacity"), {"q-has_programmes": "yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your answers call for more questions on this page" in page
    assert 'name="q-programme_count"' in page


def test_with_the_script_questions_shown_on_the_page_are_saved_at_once(client, questionnaire):
    token = questionnaire["token"]
    client.post(url(token, "section", "0"), {"q-name": "Villa Nueva"})
    response = client.post(
        url(token, "section", "capacity"),
        {
            "q-has_programmes": "yes",
            "q-programme_count": "1",
            "q-programmes-rows": "1",
            "q-programmes-1-programme_name": "Welcome desk",
            "script": "1",
        },
    )
    assert response["Location"] == url(token, "section", "women")
    saved = Response.objects.get()
    assert saved.data["programme_count"] == "1"
    assert saved.data["programmes"] == [{"programme_name": "Welcome desk"}]


def test_the_pages_script_learns_which_questions_to_show_without_saving(client, questionnaire):
    token = questionnaire["token"]
    address = url(token, "section", "capacity")
    answer = client.post(address, {"q-has_programmes": "yes", "action": "relevance"}).json()
    assert answer == {"shown": {"programme_count": True, "programmes": True}}
    answer = client.post(address, {"q-has_programmes": "no", "action": "relevance"}).json()
    assert answer == {"shown": {"programme_count": False, "programmes": False}}
    assert not Response.objects.exists()


def test_repeat_rows_are_added_and_removed_without_javascript(client, questionnaire):
    token = questionnaire["token"]
    section = url(token, "section", "capacity")
    client.post(section, {"q-has_programmes": "yes", "action": "update"})
    page = client.post(
        section,
        {"q-has_programmes": "yes", "q-programmes-rows": "0", "action": "add:programmes"},
    ).content.decode()
    assert 'name="q-programmes-1-programme_name"' in page
    page = client.post(
        section,
        {
            "q-has_programmes": "yes",
            "q-programmes-rows": "1",
            "q-programmes-1-programme_name": "Welcome desk",
            "action": "add:programmes",
        },
    ).content.decode()
    assert 'value="Welcome desk"' in page
    assert "No more rows can be added." in page  # repeat_max is 2
    client.post(
        section,
        {
            "q-has_programmes": "yes",
            "q-programmes-rows": "3",
            "q-programmes-1-programme_name": "Welcome desk",
            "q-programmes-2-programme_name": "Language classes",
            "action": "remove:programmes:1",
        },
    )
    assert Response.objects.get().data["programmes"] == [{"programme_name": "Language classes"}]


def _answer_all(client, token):
    client.post(url(token, "section", "0"), {"q-name": "Villa Nueva"})
    client.post(
        url(token, "section", "capacity"),
        {
            "q-has_programmes": "yes",
            "q-programme_count": "1",
            "q-programmes-rows": "1",
            "q-programmes-1-programme_name": "Welcome desk",
        },
    )
    client.post(
        url(token, "section", "women"),
        {"q-gbv_services": ["shelter", "other"], "q-gbv_services_other": "Hotline"},
    )


def test_submission_validates_everything_and_locks_the_answers(client, questionnaire):
    token = questionnaire["token"]
    client.post(url(token, "section", "0"), {"q-name": "Villa Nueva"})
    client.post(url(token, "section", "capacity"), {"q-has_programmes": "yes", "action": "later"})
    review = client.get(url(token, "review")).content.decode()
    assert "This question needs an answer." in review  # the number of programmes
    client.post(url(token, "review"), {"respondent_name": "Ana"})
    assert Response.objects.get().status == Response.Status.DRAFT

    _answer_all(client, token)
    response = client.post(
        url(token, "review"), {"respondent_name": "Ana Pérez", "respondent_email": "ana@x.org"}
    )
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.status == Response.Status.SUBMITTED
    assert saved.submitted_at is not None
    assert saved.respondent_name == "Ana Pérez"
    assert saved.data["gbv_services_other"] == "Hotline"
    assert saved.events.filter(kind=ResponseEvent.Kind.SUBMITTED).exists()
    assert "Thank you" in client.get(url(token)).content.decode()

    # Nothing changes them any more, whatever is posted.
    client.post(url(token, "section", "0"), {"q-name": "Changed"})
    client.post(url(token, "review"), {"respondent_name": "Someone else"})
    client.post(url(token), {"language": "es"})
    saved.refresh_from_db()
    assert saved.data["name"] == "Villa Nueva"
    assert saved.respondent_name == "Ana Pérez"
    assert saved.language == "en"
    assert "Your answers as submitted" in client.get(url(token, "review")).content.decode()


def test_the_language_is_chosen_among_the_versions_and_marks_missing_translations(
    client, questionnaire
):
    token = questionnaire["token"]
    client.post(url(token), {"language": "es"})
    assert Response.objects.get().language == "es"
    page = client.get(url(token, "section", "capacity")).content.decode()
    # The section's label has no Spanish text: shown in English, marked.
    assert '<span lang="en">Capacity</span>' in page
    assert "Not yet translated: shown in English" in page
    assert "Autoridad" in client.get(url(token, "section", "0")).content.decode()
    client.post(url(token), {"language": "fr"})  # not offered by this version
    assert Response.objects.get().language == "es"


def test_a_file_answer_is_checked_kept_privately_and_downloaded_with_the_link(
    client, questionnaire, settings
):
    token = questionnaire["token"]
    section = url(token, "section", "documents")
    page = client.post(
        section, {"q-plan": SimpleUploadedFile("plan.pdf", b"just text", "application/pdf")}
    ).content.decode()
    assert "whatever its name says" in page
    settings.MAX_UPLOAD_SIZE = 10
    page = client.post(
        section, {"q-plan": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")}
    ).content.decode()
    assert "files may be at most" in page
    settings.MAX_UPLOAD_SIZE = 1024 * 1024
    client.post(section, {"q-plan": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")})
    saved = Response.objects.get()
    answer_file = saved.files.get()
    assert saved.data["plan"] == answer_file.pk
    download = client.get(reverse("assessments:answer_file", args=[token, answer_file.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    other_invitation, other_token = invitation_make(questionnaire["assessment"])
    assert (
        client.get(
            reverse("assessments:answer_file", args=[other_token, answer_file.pk])
        ).status_code
        == 404
    )
    assert other_invitation.pk


def _sized_questionnaire(questions: int):
    version = version_make(languages=("en",))
    first = element_add(version, "first", Kind.GROUP)
    for number in range(questions):
        element_add(
            version,
            f"q{number}",
            Kind.INTEGER,
            parent=first,
            relevant=f"${{q{number - 1}}} >= 0" if number else "",
        )
    second = element_add(version, "second", Kind.GROUP)
    element_add(version, "last", Kind.TEXT, parent=second)
    assessment = assessment_make(version)
    invitation, token = invitation_make(assessment)
    Response.objects.create(
        assessment=assessment,
        invitation=invitation,
        local_authority=invitation.local_authority,
        version=version,
        data={f"q{number}": number for number in range(questions)},
    )
    return token


def _queries(client, address, **post) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(address, post) if post else client.get(address)
    assert response.status_code in (200, 302)
    return len(captured)


def test_section_pages_cost_the_same_queries_however_much_was_answered(
    client, django_assert_num_queries
):
    """Measured on a questionnaire of 3 answered questions, asserted on one of 40."""
    small, large = _sized_questionnaire(3), _sized_questionnaire(40)
    for page in ("first", "second"):
        expected = _queries(client, url(small, "section", page))
        client.get(url(large, "section", page))
        with django_assert_num_queries(expected):
            client.get(url(large, "section", page))
    expected = _queries(client, url(small, "section", "second"), **{"q-last": "x"})
    with django_assert_num_queries(expected):
        client.post(url(large, "section", "second"), {"q-last": "x"})
    expected = _queries(client, url(small, "review"))
    with django_assert_num_queries(expected):
        client.get(url(large, "review"))
    assert Invitation.objects.filter(opened_at__isnull=False).count() == 2


def test_whatever_is_typed_comes_back_exactly_and_never_breaks_the_page(client, questionnaire):
    token = questionnaire["token"]
    client.post(url(token, "section", "capacity"), {"q-has_programmes": "yes"})
    page = client.post(
        url(token, "section", "capacity"),
        {
            "q-has_programmes": "yes",
            "q-programme_count": " 0012 ",
            "q-programmes-rows": "9",
            "action": "continue",
        },
    )
    assert page.status_code == 200  # the rows' names are missing
    assert 'value=" 0012 "' in page.content.decode()
    page = client.post(url(token, "section", "0"), {"q-name": "a\x00b", "action": "continue"})
    assert "Null characters are not allowed." in page.content.decode()
    assert 'value="a\x00b"' in page.content.decode()
    saved = Response.objects.get()
    assert saved.data["name"] == "ab"  # a JSON column cannot hold NUL
    assert saved.data["programme_count"] == " 0012 "
    assert len(saved.data["programmes"]) == 2  # as many rows as allowed


def test_cascading_choices_on_one_page_are_offered_anew_before_moving_on(client):
    version = version_make(languages=("en",))
    countries = choices_add(version, "countries", [("AR", "Argentina"), ("CO", "Colombia")])
    regions = choices_add(
        version,
        "regions",
        [("mendoza", "Mendoza", {"country": "AR"}), ("antioquia", "Antioquia", {"country": "CO"})],
    )
    element_add(version, "country", Kind.SELECT_ONE, choice_list=countries)
    element_add(
        version,
        "region",
        Kind.SELECT_ONE,
        choice_list=regions,
        choice_filter="country = ${country}",
    )
    _invitation, token = invitation_make(assessment_make(version))
    address = url(token, "section", "0")
    page = client.get(address).content.decode()
    assert "Update the questions" in page
    assert "No choice applies given your earlier answers." in page
    page = client.post(address, {"q-country": "CO"}).content.decode()
    assert "Your answers call for more questions on this page" in page
    assert "Antioquia" in page and "Mendoza" not in page
    response = client.post(address, {"q-country": "CO", "q-region": "antioquia"})
    assert response["Location"] == url(token, "review")


def test_a_guessed_link_costs_what_any_wrong_link_costs(client, questionnaire):
    """Whatever is guessed (a near miss of a real token, random text, an over-long string), the
    answer is the same 404 after the same single indexed lookup: nothing to learn by timing or
    by counting."""
    real = questionnaire["token"]
    near_miss = real[:-1] + ("A" if real[-1] != "A" else "B")
    counts = set()
    for guess in (near_miss, "x" * 43, "0" * 10, "y" * 200):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(guess))
        assert response.status_code == 404
        counts.add(sum("assessments_invitation" in query["sql"] for query in queries))
    assert counts <= {0, 1}
    assert len({count for count in counts if count}) == 1


def test_a_revoked_invitation_writes_nothing_whoever_calls(questionnaire):
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from assessments.services_answer import response_draft_save

    invitation = questionnaire["invitation"]
    response = response_draft_save(
        invitation=invitation, response=None, data={"name": "Quito"}, section="0", language="en"
    )
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    invitation.refresh_from_db()
    for existing in (None, response):
        with pytest.raises(PermissionDenied):
            response_draft_save(
                invitation=invitation,
                response=existing,
                data={"name": "Changed"},
                section="0",
                language="en",
            )
    response.refresh_from_db()
    assert response.data == {"name": "Quito"}
