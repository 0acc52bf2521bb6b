"""A needs assessment with approved answers, practices sharing its questions' taxonomy codes
and a published report page in the library, for the report's tests."""

from dataclasses import dataclass

from wagtail.models import Locale

from assessments.models import AssessmentReportPage, Element, Response
from library.models import ResourceTheme
from tests.assessments.factories_answer import (
    assessment_make,
    choices_add,
    element_add,
    version_make,
)
from tests.assessments.test_analysis_values import _submitted
from tests.library import builders as library_builders
from tests.practices import builders as practice_builders

Kind = Element.Kind

# (country, level, office, staff, services, consent, story): 12 authorities, so that some
# counts are large enough to be shown and others (Peru's, "health") are small.
ANSWERS = [
    ("CO", "municipality", "yes", 4, ["legal"], "yes", "We opened a shelter with the parish."),
    ("CO", "municipality", "yes", 12, ["legal", "health"], "no", "Secret plan of Villa Norte."),
    ("CO", "city", "yes", 7, ["legal"], "yes", "Mobile legal clinics on market days."),
    ("CO", "city", "no", 3, ["legal"], "yes", ""),
    ("CO", "municipality", "yes", 9, ["legal"], "yes", ""),
    ("CO", "municipality", "no", 5, ["legal"], "yes", ""),
    ("EC", "municipality", "yes", 6, ["legal"], "yes", ""),
    ("EC", "city", "yes", 8, ["legal"], "yes", ""),
    ("EC", "municipality", "no", 2, ["legal"], "yes", ""),
    ("EC", "municipality", "yes", 10, ["legal"], "yes", ""),
    ("PE", "municipality", "no", 1, ["health"], "yes", ""),
    ("PE", "city", "yes", 11, ["legal"], "yes", ""),
]


@dataclass
class ReportWorld:
    assessment: object
    responses: list
    page: AssessmentReportPage
    library: object
    practices: dict


def questionnaire():
    version = version_make(languages=("en", "es", "pt", "fr"))
    yes_no = choices_add(version, "yes_no", [("yes", "Yes"), ("no", "No")])
    services = choices_add(
        version,
        "services",
        [("legal", {"en": "Legal aid", "es": "Asesoría legal"}), ("health", "Health")],
    )
    capacity = element_add(version, "capacity", Kind.GROUP, label="Capacity")
    element_add(
        version,
        "office",
        Kind.YES_NO,
        parent=capacity,
        choice_list=yes_no,
        label={"en": "Office for migrants?", "es": "¿Oficina para migrantes?"},
        tags=["reception", "women-girls"],
    )
    element_add(version, "staff", Kind.INTEGER, parent=capacity, label="Staff", tags=["data"])
    element_add(
        version,
        "services",
        Kind.SELECT_MULTIPLE,
        parent=capacity,
        choice_list=services,
        label="Services",
        tags=["health"],
    )
    element_add(version, "story", Kind.LONG_TEXT, parent=capacity, label="Your practice")
    element_add(
        version, "consent", Kind.YES_NO, parent=capacity, choice_list=yes_no, label="Quote us?"
    )
    element_add(
        version,
        "violence",
        Kind.YES_NO,
        parent=capacity,
        choice_list=yes_no,
        label="Cases of violence?",
        sensitive=True,
    )
    return version


def answers(assessment, version) -> list[Response]:
    responses = []
    for country, level, office, staff, chosen, consent, story in ANSWERS:
        data = {"office": office, "staff": staff, "services": chosen, "consent": consent}
        data["violence"] = "yes"
        if story:
            data["story"] = story
        responses.append(_submitted(assessment, version, data, country=country, level=level))
    return responses


def report_body(*, quote_response: int, practices: list) -> list:
    return [
        ("text", "<h2>What we found</h2><p>Most authorities have an office.</p>"),
        ("figure", {"question": "office", "by": "", "comment": "Most have one."}),
        ("figure", {"question": "office", "by": "country"}),
        ("figure", {"question": "services"}),
        ("figure", {"question": "staff", "country": "CO"}),
        ("quote", {"question": "story", "response": quote_response, "introduction": ""}),
        ("practices", {"heading": "Cases to learn from", "practices": practices}),
        ("methodology", None),
    ]


def report_page(library, assessment, *, body, locale_code="en", translation_of=None, **fields):
    fields.setdefault("title", "Draft report: needs of local authorities")
    fields.setdefault("summary", "What the network's authorities need, from the assessment.")
    page = AssessmentReportPage(
        slug=fields.pop("slug", "needs-report"),
        year=2026,
        assessment=assessment,
        quote_consent_key=fields.pop("quote_consent_key", "consent"),
        intro="<p>A draft report.</p>",
        body=body,
        locale=Locale.objects.get(language_code=locale_code),
        **fields,
    )
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    page.themes = [ResourceTheme(code="reception")]
    return library_builders.publish(library, page)


def report_world() -> ReportWorld:
    version = questionnaire()
    assessment = assessment_make(version)
    responses = answers(assessment, version)
    homes = library_builders.homes()
    library = library_builders.library(homes["en"])
    index = practice_builders.practice_index(homes["en"])
    practices = {
        "shelter": practice_builders.practice(
            index, slug="night-shelter", themes=("reception",), groups=("migrants",)
        ),
        "clinic": practice_builders.practice(
            index, slug="health-clinic", themes=("health",), groups=("migrants",)
        ),
        "girls": practice_builders.practice(
            index, slug="girls-club", themes=("education",), groups=("women-girls",)
        ),
        "unrelated": practice_builders.practice(
            index, slug="job-fair", themes=("employment",), groups=("migrants",)
        ),
    }
    page = report_page(
        library,
        assessment,
        body=report_body(
            quote_response=responses[0].pk, practices=[practices["unrelated"], practices["shelter"]]
        ),
    )
    return ReportWorld(assessment, responses, page, library, practices)
