"""Typed blocks of a practice record: indicators, beneficiary groups and attached material.
StreamField blocks rather than child rows so wagtail-localize translates their labels while
numbers and codes stay as they are."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from taxonomy.terms import TARGET_GROUPS, choices, label


class IndicatorBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("What was measured"), max_length=200)
    value = blocks.DecimalBlock(label=_("Number"), decimal_places=2)
    unit = blocks.CharBlock(label=_("Unit"), max_length=60, required=False)
    year = blocks.IntegerBlock(label=_("Year"), min_value=1950, max_value=2100)

    class Meta:
        icon = "table"
        label = _("Indicator")


class BeneficiaryBlock(blocks.StructBlock):
    group = blocks.ChoiceBlock(label=_("Group"), choices=choices(TARGET_GROUPS))
    count = blocks.IntegerBlock(label=_("Number of people"), min_value=0, required=False)
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)

    class Meta:
        icon = "group"
        label = _("Beneficiary group")
        template = "practices/blocks/beneficiary_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["group_label"] = label(TARGET_GROUPS, value["group"])
        return context


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")


class VideoLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Address (URL)"))

    class Meta:
        icon = "media"
        label = _("Video link")


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=250)
    publisher = blocks.CharBlock(label=_("Publisher"), max_length=200, required=False)
    url = blocks.URLBlock(label=_("Address (URL)"), required=False)

    class Meta:
        icon = "link"
        label = _("External source")


class DocumentWithTitleBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title to show"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")


class MaterialBlock(blocks.StreamBlock):
    document = DocumentWithTitleBlock()
    image = ImageWithCaptionBlock()
    video = VideoLinkBlock()
    source = SourceBlock()
