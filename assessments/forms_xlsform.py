"""The form to import an XLSForm workbook (``views_xlsform``). It checks the upload only (size,
and an XLSX or XLS workbook by its content); ``services_xlsform.xlsform_import`` reads and
decides."""

import filetype
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Questionnaire
from .xlsform.report import WORKBOOK_MAX_SIZE

# Enough of an .xlsx for its signature (its first zip entries name the format).
_HEAD_BYTES = 8192


class XLSFormImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("XLSForm workbook (.xlsx or .xls)"),
        help_text=_(
            "Survey, choices and settings sheets, as KoboToolbox, ODK and Convive's exports "
            "write them."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.xls,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                "application/vnd.ms-excel"
            }
        ),
    )
    questionnaire = forms.ModelChoiceField(
        label=_("Import as"),
        queryset=Questionnaire.objects.order_by("form_id"),
        required=False,
        empty_label=_("A new questionnaire (its form_id from the settings sheet)"),
        help_text=_("Or the new draft version of an existing questionnaire."),
    )
    leave_out = forms.BooleanField(
        label=_("Leave out the rows Convive has no question for"),
        required=False,
        help_text=_(
            "Such as locations, times, barcodes and recordings. Each row left out is listed "
            "after the import; without this, such a row stops the import."
        ),
    )

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if not workbook.size:
            raise forms.ValidationError(_("This file is empty."))
        if workbook.size > WORKBOOK_MAX_SIZE:
            raise forms.ValidationError(
                _("This file is %(size)s; a workbook may be at most %(limit)s.")
                % {
                    "size": filesizeformat(workbook.size),
                    "limit": filesizeformat(WORKBOOK_MAX_SIZE),
                }
            )
        workbook.seek(0)
        guess = filetype.guess(workbook.read(_HEAD_BYTES))
        workbook.seek(0)
        if guess is None or guess.extension not in ("xlsx", "xls"):
            raise forms.ValidationError(
                _(
                    "This file is not an XLSX or XLS workbook, whatever its name says: save the "
                    "form as .xlsx (Excel, LibreOffice or Google Sheets) and upload it again."
                )
            )
        return workbook
