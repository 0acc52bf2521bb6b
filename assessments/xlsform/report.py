"""An XLSForm import's report: each thing found in the workbook, by sheet and row.

A *problem* is something Convive cannot represent (an unsupported question type, an expression
outside the language, a broken structure): one problem refuses the whole import. A row of a
type Convive has no question for is such a problem (``can_leave_out``) unless the importer asked
to leave those rows out: it is then a note, and the rest is imported. A *note* says
what was left out or changed on purpose (ignored metadata, a column Convive does not use,
pyxform's own warnings): the import goes ahead and the note is shown with it. Messages are
worded in the active language when the finding is made."""

from dataclasses import dataclass

# The largest workbook taken (a 300-question workbook in four languages is about 100 KB).
WORKBOOK_MAX_SIZE = 5 * 1024 * 1024

PROBLEM = "problem"
NOTE = "note"


@dataclass(frozen=True)
class Finding:
    """``sheet`` as the workbook spells it ("" for the whole workbook), ``row`` the sheet's row
    number (None for the whole sheet), ``column`` the column at fault ("" for the whole row)."""

    severity: str
    sheet: str
    row: int | None
    column: str
    message: str
    # A row the importer may choose to leave out (a question type Convive has no question for).
    can_leave_out: bool = False

    @property
    def is_problem(self) -> bool:
        return self.severity == PROBLEM


def findings_sorted(findings: list[Finding], *, sheets: list[str]) -> list[Finding]:
    """Problems first, then by the workbook's sheet order and row."""
    order = {name: index for index, name in enumerate(sheets)}

    def key(finding: Finding):
        return (
            not finding.is_problem,
            order.get(finding.sheet, -1),
            finding.row or 0,
        )

    return sorted(findings, key=key)
