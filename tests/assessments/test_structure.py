"""The one structural check of a questionnaire version (editor, import and publishing use it)."""

import pytest

from assessments.models import Choice, ChoiceList, Element, Questionnaire, QuestionnaireVersion
from assessments.structure import Item, problems, version_problems


def fields(found) -> list[tuple[str, str]]:
    return [(problem.key, problem.field) for problem in found]


def test_a_sound_version_has_no_problem():
    items = [
        Item("capacity", "group"),
        Item("country", "select_one", parent_key="capacity", list_name="countries"),
        Item(
            "region",
            "select_one",
            parent_key="capacity",
            list_name="regions",
            choice_filter="country = ${country}",
        ),
        Item("staff", "integer", parent_key="capacity", constraint=". >= 0"),
        Item("programmes", "repeat", repeat_max=10),
        Item("programme_name", "text", parent_key="programmes"),
        Item(
            "staff_share",
            "calculate",
            calculation="if(${staff} > 0, 1 div ${staff}, 0)",
            relevant="${staff} != ''",
        ),
    ]
    assert problems(items=items, lists={"countries": set(), "regions": {"country"}}) == []


def test_each_mistake_is_named_with_its_question_and_field():
    items = [
        Item("1st", "text"),
        Item("dup", "text"),
        Item("dup", "integer"),
        Item("choose", "select_one"),
        Item("pick", "select_multiple", list_name="missing"),
        Item("broken", "text", relevant="${dup} = "),
        Item("ghost", "text", relevant="${nobody} = 'x'"),
        Item("dot", "text", relevant=". = 'x'"),
        Item("calc", "calculate"),
        Item("looped_a", "calculate", calculation="${looped_b} + 1"),
        Item("looped_b", "calculate", calculation="${looped_a} + 1"),
        Item("filtered", "text", choice_filter="country = 'AR'"),
        Item("column", "select_one", list_name="regions", choice_filter="province = 'x'"),
        Item("inside", "text", parent_key="dup"),
        Item("rows", "text", repeat_max=3),
    ]
    found = problems(items=items, lists={"regions": {"country"}})
    assert fields(found) == [
        ("1st", "key"),
        ("dup", "key"),
        ("choose", "choice_list"),
        ("pick", "choice_list"),
        ("broken", "relevant"),
        ("ghost", "relevant"),
        ("dot", "relevant"),
        ("calc", "calculation"),
        ("filtered", "choice_filter"),
        ("column", "choice_filter"),
        ("inside", "parent"),
        ("rows", "repeat_max"),
        ("looped_a", "calculation"),
        ("looped_b", "calculation"),
    ]
    by_key = {problem.key: problem.message for problem in found}
    assert "${nobody}" in by_key["ghost"]
    assert "position" in by_key["broken"]
    assert "“province”" in by_key["column"]


@pytest.mark.django_db
def test_a_saved_version_is_read_in_the_order_respondents_meet_it():
    questionnaire = Questionnaire.objects.create(form_id="needs")
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    regions = ChoiceList.objects.create(version=version, name="regions")
    Choice.objects.create(choice_list=regions, name="cordoba", filters={"country": "AR"})
    section = Element.objects.create(version=version, key="capacity", kind="group", position=0)
    Element.objects.create(
        version=version,
        key="region",
        kind="select_one",
        parent=section,
        position=1,
        choice_list=regions,
        choice_filter="province = ${later}",
    )
    Element.objects.create(version=version, key="later", kind="text", position=2)
    found = version_problems(version=version)
    assert fields(found) == [("region", "choice_filter")]
    assert "“province”" in found[0].message


def test_a_repeat_in_a_repeat_and_a_key_taken_by_other_specify_are_refused():
    items = [
        Item("programmes", "repeat"),
        Item("section", "group", parent_key="programmes"),
        Item("activities", "repeat", parent_key="section"),
        Item("sector", "select_one", list_name="sectors", or_other=True),
        Item("sector_other", "text"),
    ]
    found = problems(items=items, lists={"sectors": set()})
    assert fields(found) == [("activities", "parent"), ("sector", "or_other")]
    assert "“sector_other”" in found[1].message
