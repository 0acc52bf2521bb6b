"""Writes of the analysis: the flat table of a response's answers (``models.AnswerValue``),
replaced whenever the response is submitted (again) or corrected, so that every aggregate reads
answers as they stand the moment the change commits."""

import logging
from dataclasses import asdict

from django.db import transaction

from .analysis.flatten import flattened
from .answering.structure import VersionStructure
from .models import AnswerValue, Assessment, Response
from .selectors_answer import version_structure_load

logger = logging.getLogger(__name__)

BATCH = 1_000


@transaction.atomic
def answer_values_write(*, response: Response, structure: VersionStructure | None = None) -> int:
    """Replace ``response``'s flat rows: its answers when it is submitted, none otherwise.
    ``structure`` is its version's (loaded when None). The number of rows written."""
    AnswerValue.objects.filter(response=response).delete()
    if response.status != Response.Status.SUBMITTED:
        return 0
    if structure is None or structure.version.pk != response.version_id:
        structure = version_structure_load(version=response.version)
    rows = [
        AnswerValue(response=response, assessment_id=response.assessment_id, **asdict(flat))
        for flat in flattened(data=response.data, structure=structure)
    ]
    AnswerValue.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def answer_values_rebuild(*, assessment: Assessment) -> int:
    """Every response of ``assessment`` flattened again (after an upgrade, or to repair): the
    number of rows written. Each response in its own transaction; versions loaded once."""
    structures: dict[int, VersionStructure] = {}
    written = 0
    for response in (
        Response.objects.filter(assessment=assessment).select_related("version").iterator()
    ):
        if response.version_id not in structures:
            structures[response.version_id] = version_structure_load(version=response.version)
        written += answer_values_write(response=response, structure=structures[response.version_id])
    logger.info("Answer values of assessment %s rebuilt: %d rows", assessment.pk, written)
    return written
