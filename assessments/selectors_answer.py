"""Reads of the answering pages: a questionnaire version loaded whole in a fixed number of
queries whatever its size, a response with what its pages show, the authorities an interview
may be held for."""

from network.models import LocalAuthority

from .answering import VersionStructure, version_structure
from .models import AnswerFile, Assessment, Invitation, QuestionnaireVersion, Response


def version_structure_load(*, version: QuestionnaireVersion) -> VersionStructure:
    """``version`` with all its elements, choice lists and choices (three queries), every
    expression parsed once."""
    elements = list(version.elements.all())
    choice_lists = list(version.choice_lists.prefetch_related("choices"))
    return version_structure(version=version, elements=elements, choice_lists=choice_lists)


def response_of_invitation(*, invitation: Invitation) -> Response | None:
    """The response begun through ``invitation``, if any, with its version."""
    return (
        Response.objects.select_related("version", "interview")
        .filter(invitation=invitation)
        .first()
    )


def response_for_staff(*, response_id: int) -> Response | None:
    return (
        Response.objects.select_related(
            "assessment", "assessment__version", "version", "local_authority", "invitation"
        )
        .select_related("interview", "interview__researcher")
        .filter(pk=response_id)
        .first()
    )


def response_files(*, response: Response | None) -> dict[int, AnswerFile]:
    """The files uploaded as ``response``'s answers, by id."""
    if response is None or response.pk is None:
        return {}
    return {answer_file.pk: answer_file for answer_file in response.files.all()}


def response_file(*, response: Response, file_id: int) -> AnswerFile | None:
    return response.files.filter(pk=file_id).first()


def response_events(*, response: Response) -> list:
    return list(response.events.select_related("actor").order_by("created_at", "pk"))


def interview_authorities(*, assessment: Assessment) -> list[LocalAuthority]:
    """The local authorities invited to ``assessment``, by country and name."""
    return list(
        LocalAuthority.objects.filter(assessment_invitations__assessment=assessment)
        .distinct()
        .order_by("country", "name", "pk")
    )
