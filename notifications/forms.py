from django import forms

from .kinds import Frequency, kinds_all


class PreferencesForm(forms.Form):
    """One frequency choice per registered kind; field names are the kinds' codes.

    A kind absent from the submitted data (registered after the page was rendered) is left as
    it is rather than failing the whole form.
    """

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds_all():
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.help_text,
                choices=Frequency.choices,
                initial=current.get(kind.code, kind.default_frequency),
                required=False,
            )
