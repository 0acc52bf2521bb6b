"""An assessment with submitted answers from authorities of two countries, and the people of
every role around it, for the review tests."""

from dataclasses import dataclass

from assessments import services_answer
from assessments.models import Assessment, Element, Response
from network.models import LocalAuthority
from tests.factories import LocalAuthorityFactory, MembershipFactory
from tests.network.conftest import person

from .factories_answer import (
    assessment_make,
    choices_add,
    element_add,
    invitation_make,
    structure_of,
    version_make,
)

Kind = Element.Kind
ANSWERS = {
    "name": "Ana Pérez",
    "staff": "12",
    "service": "health",
    "income": "3000",
    "programmes": [{"programme": "Language classes"}],
}


def review_version():
    """Five questions: a required text, a whole number at least 0, a choice with "other", a
    sensitive number and a repeatable group of programmes."""
    version = version_make(languages=("en", "es", "pt", "fr"))
    element_add(version, "name", Kind.TEXT, required=True, label="Your name")
    element_add(version, "staff", Kind.INTEGER, constraint=". >= 0", label="Staff")
    services = choices_add(version, "services", [("health", "Health"), ("housing", "Housing")])
    element_add(version, "service", Kind.SELECT_ONE, choice_list=services, or_other=True)
    element_add(version, "income", Kind.INTEGER, sensitive=True, label="Household income")
    repeat = element_add(version, "programmes", Kind.REPEAT, label="Programmes")
    element_add(version, "programme", Kind.TEXT, parent=repeat, label="Programme")
    return version


def submitted(
    assessment: Assessment,
    *,
    authority: LocalAuthority | None = None,
    language: str = "en",
    data: dict | None = None,
    respondent_email: str = "",
) -> Response:
    """A response submitted through a fresh invitation's link (``response.token``)."""
    invitation, token = invitation_make(assessment, local_authority=authority, language=language)
    response = services_answer.response_draft_save(
        invitation=invitation,
        response=None,
        data=dict(ANSWERS if data is None else data),
        section="",
        language=language,
    )
    services_answer.response_submit(
        response=response,
        structure=structure_of(assessment.version),
        respondent_name="Ana Pérez",
        respondent_email=respondent_email,
        by=None,
        through_invitation=True,
    )
    response.refresh_from_db()
    response.token = token
    return response


@dataclass
class World:
    assessment: Assessment
    colombian: Response
    brazilian: Response
    coordinator: object
    researcher: object
    researcher_limited: object
    researcher_elsewhere: object
    colombian_official: object
    brazilian_official: object
    partner: object


def world_make() -> World:
    """An open assessment with one answer from Colombia and one from Brazil (whose focal point
    reads Portuguese), and a person of every role: a coordinator (second factor passed, for
    direct calls), a researcher of the assessment, one limited to Brazil, one of another
    assessment, an official of each authority and a partner."""
    from assessments.models import ResearcherScope

    assessment = assessment_make(review_version())
    bogota = LocalAuthorityFactory(country="CO", name="Bogotá")
    recife = LocalAuthorityFactory(country="BR", name="Recife")
    colombian_official = person("official", preferred_language="es")
    MembershipFactory(user=colombian_official, local_authority=bogota, is_focal_point=True)
    brazilian_official = person("official", preferred_language="pt")
    MembershipFactory(user=brazilian_official, local_authority=recife, is_focal_point=True)
    coordinator = person("coordinator")
    coordinator.second_factor_passed = True
    researcher = person("researcher")
    researcher_limited = person("researcher")
    assessment.researchers.add(researcher, researcher_limited)
    ResearcherScope.objects.create(assessment=assessment, user=researcher_limited, countries=["BR"])
    researcher_elsewhere = person("researcher")
    other = assessment_make(assessment.version)
    other.researchers.add(researcher_elsewhere)
    partner = person("partner")
    return World(
        assessment=assessment,
        colombian=submitted(assessment, authority=bogota, language="es"),
        brazilian=submitted(assessment, authority=recife, language="pt"),
        coordinator=coordinator,
        researcher=researcher,
        researcher_limited=researcher_limited,
        researcher_elsewhere=researcher_elsewhere,
        colombian_official=colombian_official,
        brazilian_official=brazilian_official,
        partner=partner,
    )
