"""XLSForm in and out: a workbook becomes a new draft version of a questionnaire
(``xlsform_import``), and a version becomes a workbook for KoboToolbox and ODK
(``xlsform_export``).

An import is all or nothing. The workbook is read (``xlsform.reading``: pyxform converts it
first, then each row is mapped by sheet and row number), checked by the one structural check of
versions (``structure.problems``) and by the models' own field checks; one problem refuses the
whole import, and the result lists every problem with its sheet and row. Notes (ignored
metadata, columns Convive does not use, pyxform's warnings) do not refuse it: they are listed
with the imported version. Nothing is written until everything has been checked, and then in
one transaction.
"""

import logging
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide

from .models import Choice, ChoiceList, Element, Questionnaire, QuestionnaireVersion
from .permissions import QUESTIONNAIRE_EDIT
from .structure import Item, problems
from .xlsform.reading import (
    PlannedElement,
    Reading,
    expressions_canonical,
    field_column,
    form_id_from_filename,
    usable_form_id,
    workbook_read,
)
from .xlsform.report import WORKBOOK_MAX_SIZE, Finding, findings_sorted
from .xlsform.writing import ExportRefused, workbook_write

__all__ = ["WORKBOOK_MAX_SIZE", "ExportRefused", "ImportResult", "xlsform_export", "xlsform_import"]

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """The new draft version (None when the import was refused) and every finding, problems
    first, then by sheet and row."""

    version: QuestionnaireVersion | None
    findings: list[Finding]

    @property
    def problems(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_problem]

    @property
    def can_leave_out(self) -> list[Finding]:
        """The problems that asking to leave such rows out would turn into notes."""
        return [finding for finding in self.problems if finding.can_leave_out]

    @property
    def notes(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.is_problem]


def _content(workbook: bytes | IO[bytes], reading: Reading) -> bytes | None:
    if isinstance(workbook, bytes | bytearray):
        content = bytes(workbook)
    else:
        workbook.seek(0)
        content = workbook.read(WORKBOOK_MAX_SIZE + 1)
    if len(content) > WORKBOOK_MAX_SIZE:
        reading.problem(
            "",
            None,
            "",
            _("This file is larger than %(limit)s: an XLSForm workbook is much smaller.")
            % {"limit": filesizeformat(WORKBOOK_MAX_SIZE)},
        )
        return None
    if not content:
        reading.problem("", None, "", _("This file is empty."))
        return None
    return content


def _structure_checked(reading: Reading) -> None:
    rows = {}
    for element in reading.elements:
        rows.setdefault(element.key, element.row)
    items = [
        Item(
            key=element.key,
            kind=element.kind,
            parent_key=element.parent_key,
            relevant=element.relevant,
            constraint=element.constraint,
            calculation=element.calculation,
            choice_filter=element.choice_filter,
            list_name=element.list_name,
            repeat_max=element.repeat_max,
            or_other=element.or_other,
        )
        for element in reading.elements
    ]
    lists = {
        name: {column for choice in choice_list.choices for column in choice.filters}
        for name, choice_list in reading.lists.items()
    }
    for problem in problems(items=items, lists=lists):
        reading.problem(
            reading.survey_sheet,
            rows.get(problem.key),
            field_column(problem.field),
            problem.message,
        )


def _questionnaire_checked(
    reading: Reading, questionnaire: Questionnaire | None, filename: str
) -> None:
    sheet = next((name for name in reading.sheets if name.strip().lower() == "settings"), "")
    if questionnaire is not None:
        if reading.form_id and reading.form_id != questionnaire.form_id:
            reading.note(
                sheet,
                2,
                "form_id",
                _(
                    "The workbook's form_id is “%(workbook)s”: it was imported as a new version "
                    "of “%(form_id)s”, as asked."
                )
                % {"workbook": reading.form_id, "form_id": questionnaire.form_id},
            )
        return
    if not reading.form_id and (derived := form_id_from_filename(filename)):
        reading.form_id = derived
        reading.note(
            sheet,
            2 if sheet else None,
            "form_id",
            _(
                "The settings give no form_id: the questionnaire takes “%(form_id)s”, from the "
                "file's name, as KoboToolbox and ODK do."
            )
            % {"form_id": derived},
        )
    if not reading.form_id:
        reading.problem(
            sheet,
            2 if sheet else None,
            "form_id",
            _(
                "Give the form a form_id in the settings sheet, or import the workbook as a new "
                "version of an existing questionnaire."
            ),
        )
        return
    usable = usable_form_id(reading.form_id)
    if usable and usable != reading.form_id:
        reading.note(
            sheet,
            2,
            "form_id",
            _(
                "The form_id “%(form_id)s” has characters a form_id cannot have: the "
                "questionnaire takes “%(usable)s”."
            )
            % {"form_id": reading.form_id, "usable": usable},
        )
        reading.form_id = usable
    try:
        validate_slug(reading.form_id)
        if len(reading.form_id) > 80:
            raise ValidationError("too long")
    except ValidationError:
        reading.problem(
            sheet,
            2,
            "form_id",
            _(
                "The form_id “%(form_id)s” is not usable: use at most 80 letters, digits, "
                "hyphens and underscores."
            )
            % {"form_id": reading.form_id},
        )
        return
    if Questionnaire.objects.filter(form_id=reading.form_id).exists():
        reading.problem(
            sheet,
            2,
            "form_id",
            _(
                "A questionnaire with the form_id “%(form_id)s” exists already: import the "
                "workbook as its new version, or change the form_id."
            )
            % {"form_id": reading.form_id},
        )


def _field_errors(reading: Reading, sheet: str, row: int, error: ValidationError) -> None:
    columns = {"key": "name", "name": "name", "default": "default", "appearance": "appearance"}
    for name, messages in error.message_dict.items():
        for message in messages:
            reading.problem(sheet, row, columns.get(name, name), message)


def _models_built(reading: Reading):
    """Unsaved lists, choices and elements, each checked field by field (problems by row)."""
    choices_sheet = next((n for n in reading.sheets if n.strip().lower() == "choices"), "")
    lists: list[ChoiceList] = []
    choices: list[tuple[str, Choice]] = []
    for name, planned in reading.lists.items():
        choice_list = ChoiceList(name=name)
        try:
            choice_list.full_clean(exclude=["version"], validate_constraints=False)
        except ValidationError as error:
            _field_errors(reading, choices_sheet, planned.row, error)
        lists.append(choice_list)
        for position, planned_choice in enumerate(planned.choices):
            choice = Choice(
                position=position,
                name=planned_choice.name,
                label=planned_choice.label,
                filters=planned_choice.filters,
            )
            try:
                choice.full_clean(exclude=["choice_list"], validate_constraints=False)
            except ValidationError as error:
                _field_errors(reading, choices_sheet, planned_choice.row, error)
            choices.append((name, choice))
    elements: list[tuple[PlannedElement, Element]] = []
    positions: dict[str, int] = {}
    for planned in reading.elements:
        position = positions.get(planned.parent_key, 0)
        positions[planned.parent_key] = position + 1
        element = Element(
            position=position,
            key=planned.key,
            kind=planned.kind,
            label=planned.label,
            hint=planned.hint,
            required=planned.required,
            required_message=planned.required_message,
            relevant=planned.relevant,
            constraint=planned.constraint,
            constraint_message=planned.constraint_message,
            calculation=planned.calculation,
            default=planned.default,
            appearance=planned.appearance,
            choice_filter=planned.choice_filter,
            or_other=planned.or_other,
            repeat_max=planned.repeat_max,
            tags=planned.tags,
            sensitive=planned.sensitive,
        )
        try:
            element.full_clean(
                exclude=["version", "parent", "choice_list"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            _field_errors(reading, reading.survey_sheet, planned.row, error)
        elements.append((planned, element))
    return lists, choices, elements


def _saved(
    *, reading: Reading, by: User, questionnaire: Questionnaire | None, built
) -> QuestionnaireVersion:
    lists, choices, elements = built
    title = {reading.source_language: reading.title} if reading.title else {}
    if questionnaire is None:
        questionnaire = Questionnaire.objects.create(
            form_id=reading.form_id, title=title, created_by=by
        )
    else:
        # Locked, so that two imports into one questionnaire take two numbers.
        questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    number = (questionnaire.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=number,
        status=QuestionnaireVersion.Status.DRAFT,
        title=title or dict(questionnaire.title),
        source_language=reading.source_language,
        languages=reading.languages,
        created_by=by,
    )
    for choice_list in lists:
        choice_list.version = version
    ChoiceList.objects.bulk_create(lists)
    list_ids = dict(version.choice_lists.values_list("name", "pk"))
    for name, choice in choices:
        choice.choice_list_id = list_ids[name]
    Choice.objects.bulk_create([choice for _name, choice in choices])
    # Level by level, so that each parent has its id before its children are written.
    depth: dict[str, int] = {}
    for planned, _element in elements:
        depth[planned.key] = depth[planned.parent_key] + 1 if planned.parent_key else 0
    element_ids: dict[str, int] = {}
    for level in range(max(depth.values(), default=-1) + 1):
        batch = []
        for planned, element in elements:
            if depth[planned.key] != level:
                continue
            element.version = version
            element.parent_id = element_ids[planned.parent_key] if planned.parent_key else None
            element.choice_list_id = list_ids[planned.list_name] if planned.list_name else None
            batch.append(element)
        Element.objects.bulk_create(batch)
        element_ids.update(
            version.elements.filter(key__in=[e.key for e in batch]).values_list("key", "pk")
        )
    return version


def xlsform_import(
    *,
    workbook: bytes | IO[bytes],
    by: User,
    questionnaire: Questionnaire | None = None,
    filename: str = "",
    leave_out: bool = False,
) -> ImportResult:
    """Import an XLSForm ``workbook`` (.xlsx or .xls) as a new draft version of
    ``questionnaire`` (a new questionnaire with the settings' form_id and form_title when None;
    without a form_id, one made of ``filename``), made by ``by``. With ``leave_out``, rows of
    types Convive has no question for are left out, each with a note, instead of refusing.

    ``PermissionDenied`` unless ``by`` may edit questionnaires. Everything else is in the
    result: the version, or None with the problems that refused it (see the module's
    docstring)."""
    decision = decide(by, QUESTIONNAIRE_EDIT, None)
    if not decision:
        raise PermissionDenied(decision.reason)
    reading = Reading()
    content = _content(workbook, reading)
    if content is not None:
        reading = workbook_read(content, leave_out=leave_out)
    if not reading.refused:
        _structure_checked(reading)
    if not reading.refused:
        _questionnaire_checked(reading, questionnaire, filename)
    built = _models_built(reading) if not reading.refused else None
    version = None
    if not reading.refused:
        expressions_canonical(reading)
        for planned, element in built[2]:
            element.relevant, element.constraint = planned.relevant, planned.constraint
            element.calculation = planned.calculation
            element.choice_filter = planned.choice_filter
        try:
            with transaction.atomic():
                version = _saved(reading=reading, by=by, questionnaire=questionnaire, built=built)
        except IntegrityError:
            # Another import took the form_id between the check and the write.
            _questionnaire_checked(reading, questionnaire, filename)
            if not reading.refused:
                raise
            return ImportResult(None, findings_sorted(reading.findings, sheets=reading.sheets))
        logger.info(
            "XLSForm imported by %s as version %s (%d elements, %d notes)",
            by.pk,
            version.pk,
            len(reading.elements),
            len(reading.findings),
        )
    return ImportResult(version, findings_sorted(reading.findings, sheets=reading.sheets))


def xlsform_export(*, version: QuestionnaireVersion) -> bytes:
    """``version`` as an XLSForm workbook (.xlsx) that pyxform converts without an error or a
    warning (``xlsform.writing``); ``ExportRefused`` says what to fix first when pyxform would
    refuse it (a question without a label, a choice without one). The caller checks that the
    reader may see it."""
    return workbook_write(version=version)


def xlsform_filename(*, version: QuestionnaireVersion) -> str:
    """The export's file name: the form_id and the version number."""
    return f"{version.questionnaire.form_id}-v{version.number}.xlsx"
