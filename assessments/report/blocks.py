"""The report's sections (a StreamField): text, a live figure, a quoted open answer, chosen
good practices and the methodology. Question keys are permanent and the same in every
language, so translations never offer them (``KeyBlock``); the page checks them against its
assessment (``AssessmentReportPage.clean``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from network.countries import COUNTRY_CHOICES
from network.models import LocalAuthority

from ..selectors_analysis import COUNTRY, LEVEL, POPULATION_BAND

BY_QUESTION = "question"
TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class KeyBlock(blocks.CharBlock):
    """A question's permanent key: the same in every language, never offered for translation."""

    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value


class FigureBlock(blocks.StructBlock):
    question = KeyBlock(
        label=_("Question key"),
        max_length=80,
        help_text=_(
            "The permanent key of a choice or number question of the assessment (the keys are "
            "listed under “Questions of the assessment”)."
        ),
    )
    by = blocks.ChoiceBlock(
        label=_("Break down by"),
        required=False,
        choices=[
            (COUNTRY, _("Country")),
            (LEVEL, _("Level of government")),
            (POPULATION_BAND, _("Population")),
            (BY_QUESTION, _("Answer to a question")),
        ],
    )
    by_question = KeyBlock(
        label=_("Break down by the answer to"),
        max_length=80,
        required=False,
        help_text=_("With “Answer to a question”: the key of a single-choice question."),
    )
    country = blocks.ChoiceBlock(
        label=_("Only authorities of"), required=False, choices=COUNTRY_CHOICES
    )
    level = blocks.ChoiceBlock(
        label=_("Only authorities at the level"),
        required=False,
        choices=LocalAuthority.Level.choices,
    )
    comment = blocks.TextBlock(
        label=_("What the figure shows"),
        required=False,
        default="",
        help_text=_("A sentence or two in your words, shown under the figure (optional)."),
    )

    class Meta:
        icon = "table"
        label = _("Figure from the assessment")
        help_text = _(
            "Drawn from the assessment's approved answers whenever the report is read, with "
            "small counts protected, exactly as the analysis shows readers outside the team."
        )


class QuoteBlock(blocks.StructBlock):
    question = KeyBlock(
        label=_("Question key"),
        max_length=80,
        help_text=_("The key of an open (text) question of the assessment."),
    )
    response = blocks.IntegerBlock(
        label=_("Answer number"),
        min_value=1,
        help_text=_(
            "The number in the address of the answers' review page "
            "(…/assessments/manage/responses/<number>/review/)."
        ),
    )
    introduction = blocks.TextBlock(label=_("Introduction"), required=False, default="")

    class Meta:
        icon = "openquote"
        label = _("Quoted answer")
        help_text = _(
            "Shown only if the authority answered “yes” to the report's consent question, and "
            "never with the authority's name."
        )


class PracticesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200, default="")
    practices = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="practices.PracticePage", label=_("Good practice")),
        label=_("Good practices"),
        min_num=1,
    )

    class Meta:
        icon = "list-ul"
        label = _("Good practices")
        help_text = _("Shown as cards, each in the reader's language where it is translated.")


class MethodologyBlock(blocks.StaticBlock):
    class Meta:
        icon = "doc-full"
        label = _("Methodology")
        admin_text = _(
            "Written automatically: questionnaire version, period of the answers, response "
            "rate, which answers are counted and how small counts are protected."
        )


class ReportBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
    figure = FigureBlock()
    quote = QuoteBlock()
    practices = PracticesBlock()
    methodology = MethodologyBlock()
