"""Every CSV and XLSX Convive produces passes its cells through ``spreadsheet_safe``.

Several of those cells hold text that strangers typed (the public join form, proposal titles
that appear in the CMS reports): a spreadsheet would run ``=HYPERLINK(...)`` or ``+cmd|...`` as
a formula when a coordinator opens the file. ``practices.outputs`` calls the function for the
open practice exports; Wagtail's list exports call it through ``SpreadsheetSafeExportMixin``,
which every export view of the CMS must use (``tests/test_spreadsheets.py`` walks the URLconf
and fails on one that does not, see also ``network.admin_exports`` for Wagtail's own reports).
"""

from typing import Any

# A spreadsheet treats cells starting with these as formulas (or, for tab and carriage
# return, as the start of a cell it then reads as one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` made harmless in a spreadsheet: text that a spreadsheet would run as a formula
    gets a leading apostrophe, the convention spreadsheets show as "this is text".

    Only text is changed. Numbers, dates and empty values pass unchanged, so a negative number
    in a numeric column stays a number (a number cannot carry a formula). A negative number
    held as *text* ("-5") does get the apostrophe: the export cannot tell it from "-1+cmd"."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class SpreadsheetSafeExportMixin:
    """For subclasses of Wagtail's ``SpreadsheetExportMixin`` views (put it first in the
    bases): every value and heading of the CSV and the XLSX goes through
    ``spreadsheet_safe`` after Wagtail's own preprocessing turned it into text or a number."""

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return spreadsheet_safe(super().get_heading(queryset, field))
