"""The coordinators' form to import an archived e-discussion (``views/imports.py``). It checks
the input only: ``imports.files`` reads the files and ``imports.archive_import`` decides."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..models import LANGUAGE_CHOICES, Category

QUESTIONS_MAX_SIZE = 1024 * 1024
# The page imports while the coordinator waits (about a tenth of a second a message): larger
# archives go through the ediscussion_import command.
PAGE_MAX_MESSAGES = 1000


class ArchiveImportForm(forms.Form):
    archive = forms.FileField(
        label=_("Archive of the messages"),
        help_text=_("An mbox file, or a zip of .eml files."),
    )
    into = forms.TypedChoiceField(
        label=_("Import into"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "A new e-discussion, or one imported before: only the messages not yet imported "
            "are added to it."
        ),
    )
    questions = forms.FileField(
        label=_("Weekly questions"),
        required=False,
        help_text=_(
            "CSV or XLSX with the columns week, opens, question, en, es, pt, fr (one row per "
            "question). Not needed to add messages to an e-discussion imported before."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Facilitator's language"), choices=LANGUAGE_CHOICES, initial="en"
    )
    access = forms.ChoiceField(
        label=_("Who can read it"),
        choices=Category.Access.choices,
        initial=Category.Access.MEMBERS,
    )
    dry_run = forms.BooleanField(
        label=_("Only check: report what the import would do, without importing anything"),
        required=False,
    )

    def __init__(self, *args, imported: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [
            ("", _("A new e-discussion")),
            *((str(ediscussion.pk), ediscussion.title) for ediscussion in imported),
        ]

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if archive.size > settings.EDISCUSSION_IMPORT_MAX_SIZE:
            raise forms.ValidationError(
                _(
                    "This archive is %(size)s; upload at most %(limit)s here (larger ones are "
                    "imported with the ediscussion_import command)."
                )
                % {
                    "size": filesizeformat(archive.size),
                    "limit": filesizeformat(settings.EDISCUSSION_IMPORT_MAX_SIZE),
                }
            )
        return archive

    def clean_questions(self):
        questions = self.cleaned_data.get("questions")
        if questions and questions.size > QUESTIONS_MAX_SIZE:
            raise forms.ValidationError(_("A questions file may be at most 1 MB."))
        return questions

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("into") is None and "into" not in self.errors:
            if not cleaned.get("questions") and "questions" not in self.errors:
                self.add_error("questions", _("Give the weeks and their questions."))
            if not cleaned.get("title") and "title" not in self.errors:
                self.add_error("title", _("Give the e-discussion a title."))
        return cleaned
