"""Forms of the questionnaire editor. Texts come as one field per offered language
(``label_en``, ``label_es``...), the source language first; the services decide everything
else and their errors come back on these fields."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taxonomy.terms import TARGET_GROUPS, THEMES

from .models import LANGUAGE_CHOICES, LANGUAGE_CODES, Choice, Element, QuestionnaireVersion
from .services_editor import ElementData, TextChange

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
# The subgroups the analysis breaks out come first among the target groups.
SUBGROUPS = ("women-girls", "children", "indigenous")
TEXT_LABELS = {
    "title": _("Title"),
    "label": _("Label"),
    "hint": _("Help text"),
    "required_message": _("Message when a required answer is missing"),
    "constraint_message": _("Message when the constraint is not met"),
}


def ordered_languages(version: QuestionnaireVersion) -> list[str]:
    """The version's languages, its source language first."""
    source = version.source_language
    return [source, *(code for code in version.languages if code != source)]


def _language_label(text: str, code: str) -> str:
    return f"{TEXT_LABELS[text]} ({LANGUAGE_NAMES[code]})"


class LanguageTextsMixin:
    """Adds, for each text in ``TEXTS``, a field per language, and reads them back."""

    texts: tuple[str, ...] = ()
    multiline: frozenset[str] = frozenset({"hint"})

    def _add_text_fields(self, languages: list[str], initial: dict[str, dict]) -> None:
        self.languages = languages
        for text in self.texts:
            for code in languages:
                widget = (
                    forms.Textarea(attrs={"rows": 3, "lang": code})
                    if text in self.multiline
                    else forms.TextInput(attrs={"lang": code})
                )
                self.fields[f"{text}_{code}"] = forms.CharField(
                    label=_language_label(text, code),
                    required=False,
                    max_length=2000,
                    widget=widget,
                    initial=(initial.get(text) or {}).get(code, ""),
                )

    def text_groups(self) -> list[tuple[str, list]]:
        """(legend, bound fields) per text, for the template's side-by-side fieldsets."""
        return [
            (TEXT_LABELS[text], [self[f"{text}_{code}"] for code in self.languages])
            for text in self.texts
        ]

    def texts_of(self, text: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{text}_{code}", "") for code in self.languages}


class QuestionnaireForm(LanguageTextsMixin, forms.Form):
    """A new questionnaire, or a draft's settings (``creating`` False: no form identifier)."""

    texts = ("title",)
    form_id = forms.SlugField(
        label=_("Form identifier"),
        max_length=80,
        help_text=_(
            "Permanent, letters, digits and hyphens: the form_id of its XLSForm exports, e.g. "
            "needs-2026."
        ),
    )
    source_language = forms.ChoiceField(
        label=_("Source language"),
        choices=LANGUAGE_CHOICES,
        help_text=_("The language the questionnaire is written in; others are translations."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages offered to respondents"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The source language is always offered."),
    )

    def __init__(self, *args, version: QuestionnaireVersion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            del self.fields["form_id"]
            self.fields["source_language"].initial = version.source_language
            self.fields["languages"].initial = version.languages
        self._add_text_fields(list(LANGUAGE_CODES), {"title": version.title if version else {}})


class ElementForm(LanguageTextsMixin, forms.Form):
    texts = ("label", "hint", "required_message", "constraint_message")
    expression_widget = forms.Textarea(attrs={"rows": 2, "spellcheck": "false"})

    kind = forms.ChoiceField(label=_("Type"), choices=Element.Kind.choices)
    key = forms.CharField(
        label=_("Key"),
        max_length=80,
        help_text=_(
            "Permanent name of the question: answers are stored under it in every version. "
            "Letters, digits and underscores, starting with a letter."
        ),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "off"}),
    )
    parent = forms.TypedChoiceField(
        label=_("Section"), coerce=int, empty_value=None, required=False
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    relevant = forms.CharField(
        label=_("Shown when"),
        required=False,
        widget=expression_widget,
        help_text=_("Skip logic, e.g. ${has_programmes} = 'yes'. Empty: always shown."),
    )
    constraint = forms.CharField(
        label=_("Constraint"),
        required=False,
        widget=expression_widget,
        help_text=_("What a valid answer meets, e.g. . >= 0 for no negative number."),
    )
    calculation = forms.CharField(
        label=_("Calculation"),
        required=False,
        widget=expression_widget,
        help_text=_("For a calculated value, e.g. ${staff} + ${volunteers}."),
    )
    default = forms.CharField(label=_("Default answer"), max_length=200, required=False)
    appearance = forms.CharField(
        label=_("Appearance"),
        max_length=80,
        required=False,
        help_text=_("XLSForm's appearance, e.g. minimal or likert."),
    )
    choice_list = forms.ModelChoiceField(
        label=_("Choice list"),
        queryset=None,
        required=False,
        help_text=_("For choice questions; a list may serve several questions."),
    )
    choice_filter = forms.CharField(
        label=_("Choice filter"),
        required=False,
        widget=expression_widget,
        help_text=_("Which choices to offer, e.g. country = ${country}."),
    )
    or_other = forms.BooleanField(label=_("Offer “other, specify”"), required=False)
    repeat_max = forms.IntegerField(
        label=_("Most rows"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Repeatable groups only."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Women and girls, children and adolescents and indigenous peoples are the "
            "subgroups the analysis breaks out."
        ),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), widget=forms.CheckboxSelectMultiple, required=False
    )
    sensitive = forms.BooleanField(
        label=_("Sensitive"),
        required=False,
        help_text=_(
            "Answers are seen only by coordinators, the assessment's researchers and the "
            "authority that gave them."
        ),
    )

    def __init__(
        self,
        *args,
        version: QuestionnaireVersion,
        containers: list[Element],
        element: Element | None = None,
        **kwargs,
    ):
        if element is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": element.kind,
                "key": element.key,
                "parent": element.parent_id,
                "required": element.required,
                "relevant": element.relevant,
                "constraint": element.constraint,
                "calculation": element.calculation,
                "default": element.default,
                "appearance": element.appearance,
                "choice_list": element.choice_list_id,
                "choice_filter": element.choice_filter,
                "or_other": element.or_other,
                "repeat_max": element.repeat_max,
                "target_groups": [t for t in element.tags if t in _TARGET_CODES],
                "themes": [t for t in element.tags if t not in _TARGET_CODES],
                "sensitive": element.sensitive,
            }
        super().__init__(*args, **kwargs)
        self.version = version
        own = {element.pk} if element is not None else set()
        self.fields["parent"].choices = [("", gettext("None: at the top level"))] + [
            (
                container.pk,
                f"{container.key} · {version.text(container.label).text}".rstrip(" ·"),
            )
            for container in containers
            if container.pk not in own
        ]
        self.fields["choice_list"].queryset = version.choice_lists.order_by("name")
        subgroups = [term for term in TARGET_GROUPS if term.code in SUBGROUPS]
        others = [term for term in TARGET_GROUPS if term.code not in SUBGROUPS]
        self.fields["target_groups"].choices = [
            (term.code, term.label) for term in (*subgroups, *others)
        ]
        self.fields["themes"].choices = [(term.code, term.label) for term in THEMES]
        initial = {}
        if element is not None:
            initial = {text: getattr(element, text) for text in self.texts}
        self._add_text_fields(ordered_languages(version), initial)

    def element_data(self) -> ElementData:
        data = self.cleaned_data
        parent_id = data.get("parent")
        parent = self.version.elements.filter(pk=parent_id).first() if parent_id else None
        return ElementData(
            kind=data["kind"],
            key=data["key"].strip(),
            parent=parent,
            label=self.texts_of("label"),
            hint=self.texts_of("hint"),
            required=data["required"],
            required_message=self.texts_of("required_message"),
            relevant=data["relevant"],
            constraint=data["constraint"],
            constraint_message=self.texts_of("constraint_message"),
            calculation=data["calculation"],
            default=data["default"],
            appearance=data["appearance"],
            choice_list=data["choice_list"],
            choice_filter=data["choice_filter"],
            or_other=data["or_other"],
            repeat_max=data["repeat_max"],
            tags=[*data["target_groups"], *data["themes"]],
            sensitive=data["sensitive"],
        )


_TARGET_CODES = frozenset(term.code for term in TARGET_GROUPS)


class TextFixForm(LanguageTextsMixin, forms.Form):
    """The texts of one element, one choice or the title of a frozen version, in every offered
    language; each text that changes is recorded."""

    def __init__(
        self,
        *args,
        version: QuestionnaireVersion,
        texts: tuple[str, ...],
        current: dict[str, dict],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.texts = texts
        self._add_text_fields(ordered_languages(version), current)

    def changes(self, *, element=None, choice=None) -> list[TextChange]:
        return [
            TextChange(
                field=text,
                language=code,
                new=self.cleaned_data.get(f"{text}_{code}", ""),
                element=element,
                choice=choice,
            )
            for text in self.texts
            for code in self.languages
        ]


class ChoiceListForm(forms.Form):
    name = forms.CharField(
        label=_("List name"),
        max_length=80,
        help_text=_("XLSForm's list_name: letters, digits and underscores, e.g. yes_no."),
    )


class ChoiceForm(LanguageTextsMixin, forms.Form):
    texts = ("label",)
    name = forms.CharField(
        label=_("Value"),
        max_length=80,
        help_text=_("Stored in answers and exports, without spaces, e.g. women_shelter."),
    )
    filters = forms.CharField(
        label=_("Filter columns"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_(
            "One “column=value” per line, read by choice filters, e.g. country=AR for a region "
            "of Argentina."
        ),
    )

    def __init__(
        self, *args, version: QuestionnaireVersion, choice: Choice | None = None, **kwargs
    ):
        if choice is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": choice.name,
                "filters": "\n".join(
                    f"{column}={value}" for column, value in choice.filters.items()
                ),
            }
        super().__init__(*args, **kwargs)
        self._add_text_fields(ordered_languages(version), {"label": choice.label if choice else {}})

    def clean_filters(self) -> dict[str, str]:
        filters: dict[str, str] = {}
        problems: list[str] = []
        for number, line in enumerate(self.cleaned_data["filters"].splitlines(), start=1):
            if not line.strip():
                continue
            column, equals, value = line.partition("=")
            if not equals or not column.strip():
                problems.append(
                    gettext("Line %(number)s is not “column=value”.") % {"number": number}
                )
            elif column.strip() in filters:
                problems.append(
                    gettext("Line %(number)s repeats the column “%(column)s”.")
                    % {"number": number, "column": column.strip()}
                )
            else:
                filters[column.strip()] = value.strip()
        if problems:
            raise forms.ValidationError(problems)
        return filters


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ApproveForm(forms.Form):
    record = forms.CharField(
        label=_("Approval record"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The committee's decision as recorded: meeting, date, who took part."),
    )


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("What must change"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Saved as a comment on the version, for its editors."),
    )


class PublishForm(forms.Form):
    incomplete_languages = forms.MultipleChoiceField(
        label=_("Publish these languages incomplete"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Respondents who choose a language marked here see the source language, marked as "
            "such, wherever a string is missing."
        ),
    )

    def __init__(self, *args, lacking: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incomplete_languages"].choices = [
            (code, LANGUAGE_NAMES[code]) for code in lacking
        ]
        if not lacking:
            del self.fields["incomplete_languages"]
