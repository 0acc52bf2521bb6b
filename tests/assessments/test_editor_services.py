"""The questionnaire editor's rules, through its services: language coverage and the publish
rule, key permanence, frozen versions and their recorded text fixes, review and approval, and
new versions that copy everything."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services_editor as services
from assessments.coverage import MissingString, version_coverage
from assessments.models import Choice, DraftComment, Element, QuestionnaireVersion, TextFix
from assessments.services_editor import ElementData, TextChange
from network.roles import Role
from tests.assessments.editor_helpers import questionnaire_version
from tests.network.conftest import person

pytestmark = pytest.mark.django_db
Status = QuestionnaireVersion.Status


@pytest.fixture
def researcher(db):
    return person(Role.RESEARCHER)


@pytest.fixture
def coordinator(db):
    user = person(Role.COORDINATOR)
    user.second_factor_passed = True  # as network.mfa's middleware marks a session
    return user


def _data(element: Element, **changes) -> ElementData:
    fields = {
        name: getattr(element, name)
        for name in (
            "kind",
            "key",
            "parent",
            "label",
            "hint",
            "required",
            "required_message",
            "relevant",
            "constraint",
            "constraint_message",
            "calculation",
            "default",
            "appearance",
            "choice_list",
            "choice_filter",
            "or_other",
            "repeat_max",
            "tags",
            "sensitive",
        )
    }
    return ElementData(**{**fields, **changes})


# -- Coverage and publishing ---------------------------------------------------------------------


def test_coverage_lists_every_missing_string_by_question_and_field():
    version = questionnaire_version(languages=["en", "es", "fr"])
    assert version_coverage(version=version) == {"es": [], "fr": []}
    staff = version.elements.get(key="staff_0")
    staff.label = {"en": "Staff", "es": "Personal"}  # no French label
    staff.hint = {"en": "Count everyone", "fr": "Comptez tout le monde"}  # no Spanish hint
    staff.save()
    country = version.elements.get(key="country")
    country.required_message = {"en": "Say which"}  # the source has one: both lack it
    country.save()
    Choice.objects.filter(name="CL").update(label={"en": "Chile", "es": "Chile"})
    version.title = {"en": "Needs", "es": "Necesidades"}
    version.save()
    found = version_coverage(version=version)
    assert found["es"] == [
        MissingString("es", "hint", key="staff_0"),
        MissingString("es", "required_message", key="country"),
    ] or found["es"] == [
        MissingString("es", "required_message", key="country"),
        MissingString("es", "hint", key="staff_0"),
    ]
    assert set(found["fr"]) == {
        MissingString("fr", "title"),
        MissingString("fr", "label", key="staff_0"),
        MissingString("fr", "required_message", key="country"),
        MissingString("fr", "label", list_name="countries", choice="CL"),
    }
    # A calculated value has no label to translate; a hint the source lacks is not missing.
    assert not any(item.key == "total" for item in found["fr"])


def test_publishing_is_refused_while_a_language_lacks_a_string_unless_marked_incomplete(
    coordinator,
):
    version = questionnaire_version(status=Status.APPROVED, languages=["en", "es", "pt"])
    Element.objects.filter(key="staff_0").update(label={"en": "Staff", "es": "Personal"})
    with pytest.raises(ValidationError) as refused:
        services.version_publish(by=coordinator, version=version, incomplete_languages=[])
    assert "Portuguese" in str(refused.value)
    version.refresh_from_db()
    assert version.status == Status.APPROVED and version.published_at is None
    # Marking a complete language changes nothing: only Portuguese is stored as incomplete.
    services.version_publish(by=coordinator, version=version, incomplete_languages=["pt", "es"])
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED and version.published_at is not None
    assert version.incomplete_languages == ["pt"]


def test_publishing_is_refused_while_the_structure_has_problems(coordinator):
    version = questionnaire_version(status=Status.APPROVED)
    Element.objects.filter(key="region").update(relevant="${nobody} = 1")
    with pytest.raises(ValidationError) as refused:
        services.version_publish(by=coordinator, version=version, incomplete_languages=[])
    assert "${nobody}" in str(refused.value)


def test_only_coordinators_publish_and_only_approved_versions(researcher, coordinator):
    version = questionnaire_version(status=Status.APPROVED)
    with pytest.raises(PermissionDenied):
        services.version_publish(by=researcher, version=version, incomplete_languages=[])
    draft = questionnaire_version(form_id="other")
    with pytest.raises(PermissionDenied, match="Only an approved version"):
        services.version_publish(by=coordinator, version=draft, incomplete_languages=[])


# -- Review and approval -------------------------------------------------------------------------


def test_a_draft_goes_to_review_then_approval_and_can_be_sent_back(researcher, coordinator):
    version = questionnaire_version()
    services.version_submit_for_review(by=researcher, version=version)
    version.refresh_from_db()
    assert version.status == Status.REVIEW and version.submitted_for_review_at
    services.version_send_back(by=coordinator, version=version, note="Add a question on housing.")
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    assert DraftComment.objects.get(version=version).body == "Add a question on housing."
    services.version_submit_for_review(by=researcher, version=version)
    with pytest.raises(PermissionDenied):
        services.version_approve(by=researcher, version=version, record="Meeting")
    services.version_approve(
        by=coordinator, version=version, record="Committee meeting of 3 March, five members."
    )
    version.refresh_from_db()
    assert version.status == Status.APPROVED
    assert version.approved_by == coordinator and version.approved_at
    assert version.approval_note == "Committee meeting of 3 March, five members."


def test_a_draft_with_structure_problems_is_not_sent_for_review(researcher):
    version = questionnaire_version()
    Element.objects.filter(key="total").update(calculation="${total} + 1")
    with pytest.raises(ValidationError, match="depends on itself"):
        services.version_submit_for_review(by=researcher, version=version)
    version.refresh_from_db()
    assert version.status == Status.DRAFT


def test_partners_comment_but_do_not_edit(db):
    partner = person(Role.PARTNER)
    version = questionnaire_version()
    element = version.elements.get(key="country")
    comment = services.comment_add(
        by=partner, version=version, element=element, body="Add Uruguay."
    )
    assert comment.element == element and comment.author == partner
    with pytest.raises(PermissionDenied):
        services.comment_resolve(by=partner, comment=comment)
    with pytest.raises(PermissionDenied):
        services.element_save(by=partner, version=version, data=_data(element, key="nation"))


# -- Keys ----------------------------------------------------------------------------------------


def test_a_key_published_in_an_earlier_version_cannot_be_renamed(researcher):
    published = questionnaire_version(status=Status.PUBLISHED)
    draft = questionnaire_version(questionnaire=published.questionnaire, number=2)
    staff = draft.elements.get(key="staff_0")
    with pytest.raises(ValidationError) as refused:
        services.element_save(
            by=researcher, version=draft, element=staff, data=_data(staff, key="employees")
        )
    assert "cannot be renamed" in str(refused.value.message_dict["key"])
    # Its label still changes, and a key new in this version can be renamed.
    services.element_save(
        by=researcher,
        version=draft,
        element=staff,
        data=_data(staff, label={"en": "People employed"}),
    )
    new = services.element_save(
        by=researcher,
        version=draft,
        data=ElementData(kind="text", key="housing_note", label={"en": "Housing"}),
    )
    renamed = services.element_save(
        by=researcher, version=draft, element=new, data=_data(new, key="housing_notes")
    )
    assert renamed.key == "housing_notes"


def test_a_choice_value_published_in_an_earlier_version_cannot_be_renamed(researcher):
    published = questionnaire_version(status=Status.PUBLISHED)
    draft = questionnaire_version(questionnaire=published.questionnaire, number=2)
    countries = draft.choice_lists.get(name="countries")
    argentina = countries.choices.get(name="AR")
    with pytest.raises(ValidationError, match="cannot be renamed"):
        services.choice_save(
            by=researcher,
            choice_list=countries,
            choice=argentina,
            name="ARG",
            label=argentina.label,
            filters={},
        )
    services.choice_save(
        by=researcher,
        choice_list=countries,
        choice=argentina,
        name="AR",
        label={"en": "Argentine Republic"},
        filters={},
    )
    uruguay = services.choice_save(
        by=researcher, choice_list=countries, name="UY", label={"en": "Uruguay"}, filters={}
    )
    renamed = services.choice_save(
        by=researcher, choice_list=countries, choice=uruguay, name="URY", label={}, filters={}
    )
    assert renamed.name == "URY"


def test_keys_must_be_valid_and_unique_and_expressions_must_parse(researcher):
    version = questionnaire_version()
    with pytest.raises(ValidationError) as refused:
        services.element_save(
            by=researcher,
            version=version,
            data=ElementData(kind="integer", key="2nd", relevant="${staff_0} >"),
        )
    errors = refused.value.message_dict
    assert "not a valid key" in errors["key"][0]
    assert "at position 12" in errors["relevant"][0]
    with pytest.raises(ValidationError, match="already used"):
        services.element_save(
            by=researcher, version=version, data=ElementData(kind="integer", key="staff_0")
        )


def test_a_section_is_not_placed_inside_itself_and_elements_move_among_siblings(researcher):
    version = questionnaire_version(questions=2)
    section = version.elements.get(key="capacity")
    inner = services.element_save(
        by=researcher,
        version=version,
        data=ElementData(kind="group", key="inner", parent=section, label={"en": "Inner"}),
    )
    with pytest.raises(ValidationError, match="inside itself"):
        services.element_save(
            by=researcher, version=version, element=section, data=_data(section, parent=inner)
        )
    keys = lambda: list(  # noqa: E731
        section.children.order_by("position", "pk").values_list("key", flat=True)
    )
    assert keys() == ["country", "region", "staff_0", "staff_1", "inner"]
    assert services.element_move(by=researcher, element=inner, up=True)
    assert keys() == ["country", "region", "staff_0", "inner", "staff_1"]
    country = version.elements.get(key="country")
    assert not services.element_move(by=researcher, element=country, up=True)


# -- Frozen versions -----------------------------------------------------------------------------


def test_a_frozen_version_refuses_structural_edits_but_records_text_fixes(researcher):
    version = questionnaire_version(status=Status.PUBLISHED)
    staff = version.elements.get(key="staff_0")
    with pytest.raises(PermissionDenied, match="structure can no longer change"):
        services.element_save(by=researcher, version=version, data=_data(staff, required=False))
    with pytest.raises(PermissionDenied):
        services.element_delete(by=researcher, element=staff)
    with pytest.raises(PermissionDenied):
        services.choice_list_create(by=researcher, version=version, name="more")
    fixes = services.text_fix_apply(
        by=researcher,
        version=version,
        changes=[
            TextChange("label", "es", "Personal empleado", element=staff),
            TextChange("label", "en", staff.label["en"], element=staff),  # unchanged
            TextChange("label", "fr", "Argentine", choice=Choice.objects.get(name="AR")),
            TextChange("title", "pt", "Necessidades"),
        ],
    )
    assert len(fixes) == 3
    staff.refresh_from_db()
    assert staff.label["es"] == "Personal empleado" and staff.required
    fix = TextFix.objects.get(element=staff)
    assert (fix.field, fix.language, fix.old, fix.new, fix.changed_by) == (
        "label",
        "es",
        "Staff 0 [es]",
        "Personal empleado",
        researcher,
    )
    assert Choice.objects.get(name="AR").label["fr"] == "Argentine"
    version.refresh_from_db()
    assert version.title["pt"] == "Necessidades"
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services.text_fix_apply(
            by=researcher,
            version=version,
            changes=[TextChange("label", "es", "Personal empleado", element=staff)],
        )


def test_a_draft_is_edited_directly_not_fixed(researcher):
    version = questionnaire_version()
    with pytest.raises(PermissionDenied, match="edited directly"):
        services.text_fix_apply(
            by=researcher, version=version, changes=[TextChange("title", "es", "Necesidades")]
        )


def test_a_new_version_copies_everything(researcher, coordinator):
    version = questionnaire_version(status=Status.PUBLISHED)
    Element.objects.filter(key="country").update(sensitive=True, or_other=True, relevant="1 = 1")
    copy = services.version_copy(by=researcher, version=version)
    assert (copy.number, copy.status, copy.based_on) == (2, Status.DRAFT, version)
    assert (copy.title, copy.languages, copy.source_language) == (
        version.title,
        version.languages,
        version.source_language,
    )

    def described(of: QuestionnaireVersion) -> list[tuple]:
        return [
            (
                element.key,
                element.kind,
                element.parent.key if element.parent else "",
                element.position,
                element.label,
                element.hint,
                element.required,
                element.required_message,
                element.relevant,
                element.constraint,
                element.constraint_message,
                element.calculation,
                element.choice_list.name if element.choice_list else "",
                element.choice_filter,
                element.or_other,
                element.repeat_max,
                element.tags,
                element.sensitive,
            )
            for element in of.elements.order_by("key")
        ]

    def lists(of: QuestionnaireVersion) -> list[tuple]:
        return [
            (choice.choice_list.name, choice.position, choice.name, choice.label, choice.filters)
            for choice in Choice.objects.filter(choice_list__version=of).order_by(
                "choice_list__name", "position"
            )
        ]

    assert described(copy) == described(version)
    assert lists(copy) == lists(version)
    assert not copy.elements.filter(pk__in=version.elements.values("pk")).exists()
    with pytest.raises(ValidationError, match="still being prepared"):
        services.version_copy(by=researcher, version=version)


def test_retiring_a_published_version(coordinator, researcher):
    version = questionnaire_version(status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.version_retire(by=researcher, version=version)
    services.version_retire(by=coordinator, version=version)
    version.refresh_from_db()
    assert version.status == Status.RETIRED


def test_choice_lists_are_shared_and_cannot_be_deleted_while_used(researcher):
    version = questionnaire_version()
    countries = version.choice_lists.get(name="countries")
    section = version.elements.get(key="capacity")
    services.element_save(
        by=researcher,
        version=version,
        data=ElementData(
            kind="select_multiple", key="partners", parent=section, choice_list=countries
        ),
    )
    assert sorted(countries.questions.values_list("key", flat=True)) == ["country", "partners"]
    with pytest.raises(ValidationError, match="country, partners"):
        services.choice_list_delete(by=researcher, choice_list=countries)
    services.choice_list_rename(by=researcher, choice_list=countries, name="nations")
    choice = services.choice_save(
        by=researcher,
        choice_list=countries,
        name="UY",
        label={"en": "Uruguay", "es": "Uruguay"},
        filters={},
    )
    assert choice.position == 2
    with pytest.raises(ValidationError, match="cannot name a filter column"):
        services.choice_save(
            by=researcher, choice_list=countries, name="PY", label={}, filters={"name": "x"}
        )
