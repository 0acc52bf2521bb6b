"""Questionnaire versions for the editor's tests, built directly in the database."""

from assessments.models import Choice, ChoiceList, Element, Questionnaire, QuestionnaireVersion

FOUR = ["en", "es", "pt", "fr"]


def texts(en: str, **others: str) -> dict:
    return {"en": en, **others}


def questionnaire_version(
    *,
    form_id: str = "needs",
    status: str = QuestionnaireVersion.Status.DRAFT,
    languages: list[str] | None = None,
    questions: int = 2,
    number: int = 1,
    questionnaire: Questionnaire | None = None,
    translated: bool = True,
) -> QuestionnaireVersion:
    """A version with a section ``capacity`` holding ``questions`` integer questions
    ``staff_<n>`` (labels in every offered language when ``translated``), a single choice
    ``country`` on the list ``countries`` and a cascading ``region`` on ``regions``."""
    languages = languages or FOUR
    questionnaire = questionnaire or Questionnaire.objects.create(
        form_id=form_id, title={"en": "Needs"}
    )

    def all_languages(text: str) -> dict:
        if not translated:
            return {"en": text}
        return {code: f"{text} [{code}]" for code in languages}

    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=number,
        status=status,
        title=all_languages("Needs of local authorities"),
        source_language="en",
        languages=languages,
    )
    countries = ChoiceList.objects.create(version=version, name="countries")
    regions = ChoiceList.objects.create(version=version, name="regions")
    for position, (name, label) in enumerate((("AR", "Argentina"), ("CL", "Chile"))):
        Choice.objects.create(
            choice_list=countries, position=position, name=name, label=all_languages(label)
        )
    Choice.objects.create(
        choice_list=regions,
        name="cordoba",
        label=all_languages("Córdoba"),
        filters={"country": "AR"},
    )
    section = Element.objects.create(
        version=version,
        key="capacity",
        kind=Element.Kind.GROUP,
        label=all_languages("Capacity"),
        position=0,
    )
    Element.objects.create(
        version=version,
        parent=section,
        key="country",
        kind=Element.Kind.SELECT_ONE,
        choice_list=countries,
        label=all_languages("Country"),
        position=0,
        tags=["women-girls"],
    )
    Element.objects.create(
        version=version,
        parent=section,
        key="region",
        kind=Element.Kind.SELECT_ONE,
        choice_list=regions,
        choice_filter="country = ${country}",
        label=all_languages("Region"),
        position=1,
    )
    for n in range(questions):
        Element.objects.create(
            version=version,
            parent=section,
            key=f"staff_{n}",
            kind=Element.Kind.INTEGER,
            label=all_languages(f"Staff {n}"),
            hint=all_languages("Count everyone"),
            constraint=". >= 0",
            constraint_message=all_languages("Zero or more"),
            required=True,
            position=2 + n,
        )
    Element.objects.create(
        version=version,
        key="total",
        kind=Element.Kind.CALCULATE,
        calculation="${staff_0} + 1" if questions else "1",
        position=1,
    )
    return version
