"""The demo's needs-assessment questionnaire: sound, complete in four languages, idempotent."""

import io

import pytest

from assessments.demo import seed_assessments
from assessments.models import Element, QuestionnaireVersion
from assessments.structure import version_problems

pytestmark = pytest.mark.django_db


def test_the_demo_questionnaire_is_published_sound_and_seeded_once():
    seed_assessments(stdout=io.StringIO())
    seed_assessments(stdout=io.StringIO())
    version = QuestionnaireVersion.objects.get()
    assert version.status == QuestionnaireVersion.Status.PUBLISHED
    assert version.approval_note
    assert version_problems(version=version) == []
    sections = version.elements.filter(parent=None).values_list("kind", flat=True)
    assert set(sections) == {Element.Kind.GROUP}
    # Every text a respondent reads is there in the four languages.
    for element in version.elements.all():
        if element.kind != Element.Kind.CALCULATE:
            assert set(element.label) == {"en", "es", "pt", "fr"}, element.key
    for choice_list in version.choice_lists.prefetch_related("choices"):
        for choice in choice_list.choices.all():
            assert set(choice.label) == {"en", "es", "pt", "fr"}, choice.name
    # The subgroups the analysis breaks out are tagged, and sensitive questions marked.
    tags = {tag for element in version.elements.all() for tag in element.tags}
    assert {"women-girls", "children", "indigenous"} <= tags
    assert version.elements.filter(sensitive=True).exists()
