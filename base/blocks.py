"""StreamField blocks of the outreach site. Each renders through ``templates/blocks/<name>.html``.

Videos are never fetched from the internet while saving or rendering: ``VideoLinkBlock`` stores a
plain link and only builds a privacy-friendly player for a short list of known hosts.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{4,15}$")


def video_player_url(url: str) -> str:
    """The no-cookie player address for a YouTube or Vimeo link, or "" for any other host.

    Only hosts on this list are ever put in an iframe, so an editor cannot embed arbitrary pages.
    """
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be":
        video_id = parsed.path.strip("/")
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        video_id = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        if _VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return ""


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Our work with local authorities", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Paragraph")
        preview_value = "<p>Cities and municipalities welcome people on the move.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        preview_value = {
            "text": "Integration starts in the neighbourhood.",
            "attribution": "A mayor of the network",
        }


class VideoLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_(
            "A YouTube or Vimeo address shows a player; any other address is shown as a link."
        ),
    )
    title = blocks.CharBlock(label=_("Video title"), max_length=200)
    show_player = blocks.BooleanBlock(
        label=_("Show the player on the page"),
        required=False,
        default=True,
        help_text=_("Uses the privacy-enhanced player; otherwise only a link is shown."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["player_url"] = video_player_url(value["url"]) if value["show_player"] else ""
        return context

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Welcome to the network",
            "show_player": False,
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_label = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page")
        context["href"] = (page.localized.url if page else "") or value.get("url") or ""
        return context

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        preview_value = {
            "heading": "Join the network",
            "text": "Local authorities of the Americas can apply.",
            "link_label": "Apply",
            "url": "https://example.org/",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Defaults to its title.")
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document link")


class MythFactBlock(blocks.StructBlock):
    myth = blocks.TextBlock(label=_("Myth"))
    fact = blocks.TextBlock(label=_("Fact"))
    source_label = blocks.CharBlock(label=_("Source"), required=False, max_length=200)
    source_url = blocks.URLBlock(label=_("Source address"), required=False)

    class Meta:
        icon = "help"
        template = "blocks/myth_fact_block.html"
        label = _("Myth and fact")
        preview_value = {
            "myth": "Migrants take jobs away.",
            "fact": "Newcomers start businesses and fill jobs that stay vacant.",
            "source_label": "A labour market study",
        }


class StoryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    person = blocks.CharBlock(
        label=_("Told by"), required=False, max_length=200, help_text=_("Name and place.")
    )
    text = blocks.RichTextBlock(label=_("Story"), features=PARAGRAPH_FEATURES)
    image = ImageBlock(label=_("Image"), required=False)

    class Meta:
        icon = "user"
        template = "blocks/story_block.html"
        label = _("Story")
        preview_value = {
            "title": "A bakery in Quito",
            "person": "María, Quito",
            "text": "<p>Two years after arriving, María employs four neighbours.</p>",
        }


class BodyBlock(blocks.StreamBlock):
    """The general body of standard pages and news."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoLinkBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/body_block.html"


class MythsBlock(blocks.StreamBlock):
    myth_fact = MythFactBlock()

    class Meta:
        icon = "help"
        template = "blocks/body_block.html"


class StoriesBlock(blocks.StreamBlock):
    story = StoryBlock()

    class Meta:
        icon = "user"
        template = "blocks/body_block.html"


class ActionsBlock(blocks.StreamBlock):
    call_to_action = CallToActionBlock()

    class Meta:
        icon = "pick"
        template = "blocks/body_block.html"
