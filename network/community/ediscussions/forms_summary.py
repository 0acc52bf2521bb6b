"""The consolidated summary's forms. They only hold what was typed: the services in
``summary.py`` decide and validate, and the views put their errors back on these forms."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .summary import BODY_MAX, COMMENT_MAX

SUMMARY_HELP = _(
    "Markdown: # a heading, **bold**, *italic*, lists (- or 1.), > a quotation, "
    "[text](https://…) a link. The quotations of the draft link to their contributions."
)


class SummaryBodyForm(forms.Form):
    body = forms.CharField(
        label=_("Text of the summary"),
        widget=forms.Textarea(attrs={"rows": 30}),
        max_length=BODY_MAX,
        help_text=SUMMARY_HELP,
        strip=False,
        required=False,
    )


class SummaryShareForm(forms.Form):
    endorse_until = forms.DateField(
        label=_("Participants may answer until"),
        help_text=_("Until the end of that day."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_endorse_until(self) -> datetime:
        """The end of the chosen day, in the current time zone."""
        day = self.cleaned_data["endorse_until"]
        return timezone.make_aware(datetime.combine(day, time(23, 59)))


class EndorsementForm(forms.Form):
    endorsed = forms.BooleanField(label=_("I endorse this summary"), required=False)
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=COMMENT_MAX,
        required=False,
        help_text=_("The facilitator reads it; it is not published."),
    )
