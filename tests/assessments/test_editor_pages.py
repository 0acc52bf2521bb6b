"""The questionnaire editor through its pages: who may do what, creating a questionnaire,
editing with mistakes (nothing typed lost), the review → approval → publishing path with the
language rule, text fixes of a frozen version, a new version, and the version page's cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import DraftComment, Element, QuestionnaireVersion, TextFix
from network.roles import Role
from tests.assessments.editor_helpers import questionnaire_version
from tests.factories import UserFactory
from tests.network.conftest import person, sign_in

pytestmark = pytest.mark.django_db
Status = QuestionnaireVersion.Status


def _url(name: str, pk: int | None = None) -> str:
    return reverse(f"assessments:{name}", kwargs={"pk": pk} if pk is not None else None)


def _element_post(**changes) -> dict:
    data = {
        "kind": "integer",
        "key": "volunteers",
        "parent": "",
        "label_en": "Volunteers",
        "label_es": "Voluntarios",
        "label_pt": "",
        "label_fr": "",
        "relevant": "",
        "constraint": ". >= 0",
        "calculation": "",
        "default": "",
        "appearance": "",
        "choice_list": "",
        "choice_filter": "",
        "repeat_max": "",
        "target_groups": ["children"],
        "themes": ["health"],
        "then": "version",
    }
    return {**data, **changes}


@pytest.fixture
def version():
    return questionnaire_version()


# -- Who may do what ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_and_members_are_refused(client, version):
    for url in (_url("questionnaire_list"), _url("version_detail", version.pk)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(person(Role.MEMBER))
    assert client.get(_url("questionnaire_list")).status_code == 403
    assert client.get(_url("version_detail", version.pk)).status_code == 403
    assert client.post(_url("element_add", version.pk), _element_post()).status_code == 403
    assert not Element.objects.filter(key="volunteers").exists()


def test_a_partner_reads_and_comments_but_does_not_edit(client, version):
    client.force_login(person(Role.PARTNER))
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "capacity" in page and _url("element_add", version.pk) not in page
    assert client.get(_url("element_add", version.pk)).status_code == 403
    assert client.post(_url("element_add", version.pk), _element_post()).status_code == 403
    country = version.elements.get(key="country")
    response = client.post(_url("element_comment_add", country.pk), {"body": "Add Uruguay."})
    assert response.status_code == 302
    response = client.post(_url("version_comment_add", version.pk), {"body": "Looks good."})
    assert response.status_code == 302
    assert DraftComment.objects.filter(version=version).count() == 2
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "Add Uruguay." in page and "Looks good." in page and "1 open comment" in page
    comment = DraftComment.objects.get(element=country)
    assert client.post(_url("comment_resolve", comment.pk)).status_code == 403


def test_a_researcher_edits_a_draft(client, version):
    client.force_login(person(Role.RESEARCHER))
    section = version.elements.get(key="capacity")
    response = client.post(
        _url("element_add", version.pk), _element_post(parent=str(section.pk), required="on")
    )
    assert response.status_code == 302
    added = Element.objects.get(version=version, key="volunteers")
    assert added.parent == section and added.required and added.constraint == ". >= 0"
    assert added.label == {"en": "Volunteers", "es": "Voluntarios"}
    assert added.tags == ["children", "health"]
    assert added.position == section.children.count() - 1
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "volunteers" in page and "Children and adolescents" in page


def test_a_coordinator_without_the_second_factor_is_asked_for_it(client):
    version = questionnaire_version(status=Status.REVIEW)
    client.force_login(person(Role.COORDINATOR))  # a password alone
    for url in (_url("version_detail", version.pk), _url("version_approve", version.pk)):
        response = client.get(url)
        assert response.status_code == 302 and "/2fa/" in response["Location"]
    response = client.post(_url("version_approve", version.pk), {"record": "Meeting"})
    assert response.status_code == 302 and "/2fa/" in response["Location"]
    version.refresh_from_db()
    assert version.status == Status.REVIEW


def test_researchers_do_not_approve_or_publish(client):
    review = questionnaire_version(status=Status.REVIEW)
    approved = questionnaire_version(status=Status.APPROVED, form_id="second")
    client.force_login(person(Role.RESEARCHER))
    assert client.post(_url("version_approve", review.pk), {"record": "x"}).status_code == 403
    assert client.post(_url("version_publish", approved.pk), {}).status_code == 403
    review.refresh_from_db()
    approved.refresh_from_db()
    assert (review.status, approved.status) == (Status.REVIEW, Status.APPROVED)


# -- Creating and editing ------------------------------------------------------------------------


def test_creating_a_questionnaire_makes_its_version_1_a_draft(client):
    client.force_login(person(Role.RESEARCHER))
    response = client.post(
        _url("questionnaire_create"),
        {
            "form_id": "needs-2026",
            "source_language": "es",
            "languages": ["en", "fr"],
            "title_en": "Needs of local authorities",
            "title_es": "Necesidades de los gobiernos locales",
            "title_pt": "",
            "title_fr": "",
        },
    )
    version = QuestionnaireVersion.objects.get(questionnaire__form_id="needs-2026")
    assert response["Location"] == _url("version_detail", version.pk)
    assert (version.number, version.status, version.source_language) == (1, Status.DRAFT, "es")
    assert version.languages == ["en", "es", "fr"]
    page = client.get(_url("questionnaire_list")).content.decode()
    assert "needs-2026" in page and "Version 1" in page and "Draft" in page


def test_a_title_in_the_source_language_is_required_and_nothing_typed_is_lost(client):
    client.force_login(person(Role.RESEARCHER))
    response = client.post(
        _url("questionnaire_create"),
        {"form_id": "needs", "source_language": "fr", "languages": ["fr"], "title_en": "Needs"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the title in the source language." in page and 'value="Needs"' in page


def test_an_invalid_expression_is_shown_with_its_position_and_every_value_is_kept(client, version):
    client.force_login(person(Role.RESEARCHER))
    response = client.post(
        _url("element_add", version.pk),
        _element_post(relevant="${staff_0} > ", label_fr="Bénévoles", hint_es="Cuente a todos"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Expected an expression at position 12." in page
    assert 'aria-invalid="true"' in page
    assert "${staff_0} &gt; </textarea>" in page
    assert 'value="Bénévoles"' in page and "Cuente a todos</textarea>" in page
    assert re.search(r'<input[^>]*value="children"[^>]*checked', page)
    assert re.search(r'<input[^>]*value="health"[^>]*checked', page)
    assert not Element.objects.filter(key="volunteers").exists()


def test_a_published_key_cannot_be_renamed_and_the_page_says_why(client):
    published = questionnaire_version(status=Status.PUBLISHED)
    draft = questionnaire_version(questionnaire=published.questionnaire, number=2)
    staff = draft.elements.get(key="staff_0")
    client.force_login(person(Role.RESEARCHER))
    page = client.get(_url("element_edit", staff.pk)).content.decode()
    assert "cannot be renamed" in page
    response = client.post(
        _url("element_edit", staff.pk), _element_post(key="employees", label_en="Employees")
    )
    assert response.status_code == 200
    assert "line up across versions" in response.content.decode()
    staff.refresh_from_db()
    assert staff.key == "staff_0"


def test_moving_and_deleting_elements(client, version):
    client.force_login(person(Role.RESEARCHER))
    region = version.elements.get(key="region")
    client.post(_url("element_move", region.pk), {"direction": "up"})
    section = version.elements.get(key="capacity")
    assert list(section.children.order_by("position").values_list("key", flat=True))[:2] == [
        "region",
        "country",
    ]
    response = client.post(_url("element_delete", section.pk))
    assert response.status_code == 200 and "holds questions" in response.content.decode()
    assert client.post(_url("element_delete", region.pk)).status_code == 302
    assert not version.elements.filter(key="region").exists()


def test_choice_lists_and_choices_through_their_pages(client, version):
    client.force_login(person(Role.RESEARCHER))
    response = client.post(_url("choice_list_add", version.pk), {"name": "services"})
    services = version.choice_lists.get(name="services")
    assert response["Location"] == _url("choice_list_detail", services.pk)
    response = client.post(
        _url("choice_add", services.pk),
        {"name": "shelter", "label_en": "Shelter", "label_es": "Albergue", "filters": "kind=x\n"},
    )
    assert response.status_code == 302
    choice = services.choices.get()
    assert choice.label == {"en": "Shelter", "es": "Albergue"} and choice.filters == {"kind": "x"}
    response = client.post(
        _url("choice_add", services.pk), {"name": "two words", "filters": "no equals sign"}
    )
    page = response.content.decode()
    assert "Line 1 is not “column=value”." in page and 'value="two words"' in page
    response = client.post(_url("choice_add", services.pk), {"name": "two words"})
    assert "A value has no spaces" in response.content.decode()
    assert services.choices.count() == 1
    countries = version.choice_lists.get(name="countries")
    page = client.get(_url("choice_list_detail", countries.pk)).content.decode()
    assert "Used by" in page and "country" in page


def test_an_editor_reorders_choices_and_resolves_comments(client, version):
    countries = version.choice_lists.get(name="countries")
    chile = countries.choices.get(name="CL")
    comment = DraftComment.objects.create(
        version=version, element=version.elements.get(key="country"), body="Add Uruguay."
    )
    client.force_login(person(Role.RESEARCHER))
    client.post(_url("choice_move", chile.pk), {"direction": "up"})
    assert list(countries.choices.order_by("position").values_list("name", flat=True)) == [
        "CL",
        "AR",
    ]
    assert client.post(_url("comment_resolve", comment.pk)).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "open comment" not in page and "resolved" in page


# -- Review, approval, publishing ----------------------------------------------------------------


def test_from_draft_to_published_through_the_pages(client):
    version = questionnaire_version(languages=["en", "es", "pt"])
    Element.objects.filter(key="staff_0").update(label={"en": "Staff", "es": "Personal"})
    client.force_login(person(Role.RESEARCHER))
    client.post(_url("version_submit", version.pk))
    version.refresh_from_db()
    assert version.status == Status.REVIEW
    coordinator = person(Role.COORDINATOR)
    sign_in(client, coordinator)
    response = client.post(
        _url("version_approve", version.pk), {"record": "Committee meeting, 3 March 2026."}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == Status.APPROVED and version.approved_by == coordinator
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "Committee meeting, 3 March 2026." in page
    assert "1 string is missing:" in page and "staff_0" in page
    response = client.get(_url("version_publish", version.pk))
    assert "Strings are missing in: Portuguese." in response.content.decode()
    response = client.post(_url("version_publish", version.pk), {})
    assert response.status_code == 200
    assert "mark the language as published incomplete" in response.content.decode()
    version.refresh_from_db()
    assert version.status == Status.APPROVED
    response = client.post(_url("version_publish", version.pk), {"incomplete_languages": ["pt"]})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED and version.incomplete_languages == ["pt"]
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "Published incomplete" in page
    client.post(_url("version_retire", version.pk))
    version.refresh_from_db()
    assert version.status == Status.RETIRED


def test_a_draft_with_problems_is_not_sent_for_review(client, version):
    Element.objects.filter(key="region").update(relevant="${ghost} = 1")
    client.force_login(person(Role.RESEARCHER))
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "${ghost} refers to no question" in page
    assert _url("version_submit", version.pk) not in page
    response = client.post(_url("version_submit", version.pk), follow=True)
    assert "cannot be sent for review yet" in response.content.decode()
    version.refresh_from_db()
    assert version.status == Status.DRAFT


def test_a_coordinator_sends_a_version_back_with_a_note(client):
    version = questionnaire_version(status=Status.REVIEW)
    sign_in(client, person(Role.COORDINATOR))
    response = client.post(_url("version_send_back", version.pk), {"note": "Add housing."})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    assert "Add housing." in client.get(_url("version_detail", version.pk)).content.decode()


# -- Frozen versions ---------------------------------------------------------------------------


def test_a_frozen_version_refuses_structural_edits_and_records_text_fixes(client):
    version = questionnaire_version(status=Status.PUBLISHED)
    staff = version.elements.get(key="staff_0")
    researcher = person(Role.RESEARCHER, first_name="Inés", last_name="Rojas")
    client.force_login(researcher)
    response = client.get(_url("element_edit", staff.pk))
    assert response.status_code == 403
    assert "structure can no longer change" in response.content.decode()
    assert client.post(_url("element_add", version.pk), _element_post()).status_code == 403
    assert client.post(_url("element_delete", staff.pk)).status_code == 403
    form = {
        f"{text}_{code}": (getattr(staff, text) or {}).get(code, "")
        for text in ("label", "hint", "required_message", "constraint_message")
        for code in version.languages
    }
    form["label_es"] = "Personal empleado"
    response = client.post(_url("element_text_fix", staff.pk), form)
    assert response.status_code == 302
    fix = TextFix.objects.get()
    assert (fix.element, fix.language, fix.old, fix.new) == (
        staff,
        "es",
        "Staff 0 [es]",
        "Personal empleado",
    )
    page = client.get(_url("version_detail", version.pk)).content.decode()
    assert "Personal empleado" in page and "Inés Rojas" in page
    response = client.post(_url("version_copy", version.pk))
    copy = QuestionnaireVersion.objects.get(number=2)
    assert response["Location"] == _url("version_detail", copy.pk)
    assert copy.elements.get(key="staff_0").label["es"] == "Personal empleado"


# -- Ways in and cost ----------------------------------------------------------------------------


def test_staff_find_the_editor_from_their_dashboard(client):
    client.force_login(person(Role.PARTNER))
    assert _url("questionnaire_list") in client.get(reverse("network:dashboard")).content.decode()
    client.force_login(UserFactory())
    assert (
        _url("questionnaire_list") not in client.get(reverse("network:dashboard")).content.decode()
    )


def test_coordinators_find_the_editor_in_the_cms_menu(client):
    sign_in(client, person(Role.COORDINATOR))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert _url("questionnaire_list") in response.content.decode()


def test_the_version_page_costs_the_same_queries_whatever_the_number_of_questions(
    client, django_assert_num_queries
):
    small = questionnaire_version(form_id="small", questions=2)
    large = questionnaire_version(form_id="large", questions=25)
    for version in (small, large):
        DraftComment.objects.create(
            version=version, element=version.elements.get(key="staff_1"), body="Why?"
        )
    client.force_login(person(Role.RESEARCHER))
    client.get(_url("version_detail", small.pk))  # warm the shared menu and caches
    with CaptureQueriesContext(connection) as measured:
        assert client.get(_url("version_detail", small.pk)).status_code == 200
    with django_assert_num_queries(len(measured.captured_queries)):
        assert client.get(_url("version_detail", large.pk)).status_code == 200


def test_the_questionnaire_list_costs_the_same_queries_however_many_questionnaires(
    client, django_assert_num_queries
):
    questionnaire_version(form_id="list-one", status="published")
    client.force_login(person(Role.RESEARCHER))
    client.get(_url("questionnaire_list"))  # warm the shared menu and caches
    with CaptureQueriesContext(connection) as measured:
        assert client.get(_url("questionnaire_list")).status_code == 200
    for number in range(6):
        questionnaire_version(form_id=f"list-more-{number}")
    with django_assert_num_queries(len(measured.captured_queries)):
        page = client.get(_url("questionnaire_list"))
    assert page.content.decode().count("list-more-") >= 6
