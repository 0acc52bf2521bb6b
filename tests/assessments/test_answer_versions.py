"""Answers of different versions line up by their permanent keys: a draft begun on version 1
goes on with version 1 after the assessment moves to version 2 (a question added, one
removed), new answers use version 2, and both hold the shared questions under the same keys."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessments.models import Element, Response
from assessments.services_editor import version_copy
from network.roles import Role
from tests.factories import UserFactory

from .factories_answer import assessment_make, element_add, invitation_make, version_make

pytestmark = pytest.mark.django_db
Kind = Element.Kind


def test_each_answer_keeps_its_version_and_shared_questions_keep_their_keys(client):
    first = version_make(languages=("en",))
    capacity = element_add(first, "capacity", Kind.GROUP, label="Capacity")
    element_add(first, "staff", Kind.INTEGER, parent=capacity, label="Staff")
    element_add(first, "budget", Kind.DECIMAL, parent=capacity, label="Budget")
    assessment = assessment_make(first)
    _early, early_token = invitation_make(assessment)
    section = reverse("assessments:answer_section", args=[early_token, "capacity"])
    client.post(section, {"q-staff": "12", "q-budget": "3.5", "action": "later"})
    early = Response.objects.get(invitation=_early)
    assert early.version == first

    # Version 2: "budget" goes, "shelters" comes; "staff" is the same question, same key.
    researcher = UserFactory()
    researcher.groups.add(Group.objects.get_or_create(name=Role.RESEARCHER)[0])
    second = version_copy(by=researcher, version=first)
    second.elements.get(key="budget").delete()
    element_add(second, "shelters", Kind.INTEGER, parent=second.elements.get(key="capacity"))
    second.status = second.Status.PUBLISHED
    second.save()
    assessment.version = second
    assessment.save()

    # The early draft goes on with the version it began with...
    page = client.get(section).content.decode()
    assert 'name="q-budget"' in page and 'name="q-shelters"' not in page
    assert 'value="12"' in page
    # ...while a new answer uses version 2.
    late_invitation, late_token = invitation_make(assessment)
    late_section = reverse("assessments:answer_section", args=[late_token, "capacity"])
    assert 'name="q-shelters"' in client.get(late_section).content.decode()
    client.post(late_section, {"q-staff": "30", "q-shelters": "2", "action": "later"})
    late = Response.objects.get(invitation=late_invitation)

    assert (early.version, late.version) == (first, second)
    early.refresh_from_db()
    assert {"staff", "budget"} <= set(early.data) and "shelters" not in early.data
    assert {"staff", "shelters"} <= set(late.data) and "budget" not in late.data
    # The shared question: one key, one meaning, in both versions.
    assert [str(response.data["staff"]) for response in (early, late)] == ["12", "30"]
