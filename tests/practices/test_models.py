"""Validation of a practice record: the rules a coordinator meets when saving one in /cms/."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from practices.models import PracticePage
from tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db


def _practice(**fields) -> PracticePage:
    values = {
        "title": "Night school for newcomers",
        "slug": "night-school",
        "summary": "Evening classes for adults.",
        "implementing_organisations": "Municipal education office",
        "start_date": date(2022, 1, 1),
        "place_name": "Villa Esperanza",
        "country": "CO",
    }
    values.update(fields)
    return PracticePage(**values)


def _errors(page: PracticePage) -> dict:
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return caught.value.message_dict


def test_end_date_before_start_is_refused():
    errors = _errors(_practice(start_date=date(2022, 5, 1), end_date=date(2022, 4, 30)))
    assert errors["end_date"] == ["The end date must be on or after the start date."]


def test_end_date_on_or_after_start_is_accepted():
    _practice(start_date=date(2022, 5, 1), end_date=date(2022, 5, 1)).clean()


def test_ongoing_practice_cannot_have_an_end_date():
    errors = _errors(_practice(ongoing=True, end_date=date(2023, 1, 1)))
    assert "ongoing" in errors["end_date"][0]


def test_place_outside_the_network_needs_a_country():
    errors = _errors(_practice(country=""))
    assert errors["country"] == ["Enter the country of a place that is not a member."]


def test_practice_needs_an_authority_or_a_place():
    errors = _errors(_practice(place_name=""))
    assert "place_name" in errors


def test_member_authority_supplies_the_country():
    authority = LocalAuthorityFactory(country="EC")
    page = _practice(authority=authority, place_name="", country="")
    page.clean()
    assert page.country == "EC"
    assert page.place == authority.name


def test_cms_edit_form_has_the_grouped_tabs():
    handler = PracticePage.get_edit_handler()
    headings = [str(child.heading) for child in handler.children]
    assert headings[:4] == [
        "Practice",
        "Story and results",
        "Classification",
        "Material and contact",
    ]
    form_class = handler.get_form_class()
    assert {"summary", "start_date", "indicators", "material", "tags"} <= set(
        form_class.base_fields
    )
    assert {"themes", "target_groups", "gcm_objectives", "sdg_targets"} <= set(form_class.formsets)
