"""The forum's writing forms. They only hold and tidy what was typed: the services decide and
validate (permissions, limits, titles, mentions), and the views put the services' errors back
on these forms so that nothing typed is lost."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES
from .services.posting import MAX_TAGS, SOURCE_MAX_LENGTH, TITLE_MIN_LENGTH

AUTO_LANGUAGE = "auto"
MARKDOWN_HELP = _(
    "Markdown works: **bold**, *italic*, lists (- or 1.), > quotes, `code`, tables, "
    "links [text](https://…) and @name to mention a member."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked by the
    attachment service, which says which one was refused and why."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [file for file in data if file]
        return [data] if data else []


def _language_choices():
    return [(AUTO_LANGUAGE, _("Detect it from the text")), *LANGUAGE_CHOICES]


class PostFields(forms.Form):
    """The text of a post, its language and its files."""

    source = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=SOURCE_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
        strip=False,
    )
    # Not required: the quick reply form at the foot of a topic has no choice of language,
    # and a post without one is detected from its text (the author's language when unsure).
    language = forms.ChoiceField(
        label=_("Language of the post"), choices=_language_choices, required=False
    )
    files = MultipleFileField(
        label=_("Attach files"),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        preferred = getattr(user, "preferred_language", "")
        codes = {code for code, _name in LANGUAGE_CHOICES}
        if "language" not in self.initial:
            self.initial["language"] = preferred if preferred in codes else AUTO_LANGUAGE
        self.fields["files"].help_text = gettext(
            "Up to %(count)s images (JPEG, PNG, WebP) or documents (PDF, DOCX, XLSX, PPTX, "
            "ODT), each at most %(size)s. Pictures are stored without their location and "
            "camera details."
        ) % {
            "count": settings.FORUM_ATTACHMENTS_PER_POST,
            "size": filesizeformat(settings.MAX_UPLOAD_SIZE),
        }
        if "tags" in self.fields:
            self.fields["tags"].help_text = gettext("Separated by commas, at most %(n)s.") % {
                "n": MAX_TAGS
            }

    def language_code(self) -> str | None:
        """The chosen language, or None to detect it."""
        language = self.cleaned_data.get("language")
        return None if language in ("", None, AUTO_LANGUAGE) else language


def tags_parse(text: str) -> list[str]:
    return [tag.strip() for tag in (text or "").split(",") if tag.strip()]


class TagsField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        tags = tags_parse(value)
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                gettext("A topic may have at most %(n)s tags.") % {"n": MAX_TAGS},
                code="max_tags",
            )
        return tags


class TopicForm(PostFields):
    title = forms.CharField(
        label=_("Title"),
        min_length=TITLE_MIN_LENGTH,
        max_length=200,
        help_text=_("A question or a subject others will recognise in a list."),
    )
    tags = TagsField(
        label=_("Tags"),
        required=False,
        max_length=1100,
    )
    field_order = ["title", "source", "language", "tags", "files"]


class ReplyForm(PostFields):
    pass


class PostEditForm(PostFields):
    reason = forms.CharField(
        label=_("Reason for the edit"),
        required=False,
        max_length=300,
        help_text=_("Shown in the post's history."),
    )

    def __init__(self, *args, post=None, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if post is not None and post.is_opening:
            self.fields["title"] = forms.CharField(
                label=_("Title"), min_length=TITLE_MIN_LENGTH, max_length=200
            )
            self.fields["tags"] = TagsField(
                label=_("Tags"),
                required=False,
                max_length=1100,
            )
            self.fields["tags"].help_text = gettext("Separated by commas, at most %(n)s.") % {
                "n": MAX_TAGS
            }
            self.order_fields(["title", "source", "language", "tags", "files", "reason"])
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _(
                "Required when you edit someone else's post: the author and the moderation "
                "log read it."
            )


class PostDeleteForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _(
                "Required when you delete someone else's post: the author and the moderation "
                "log read it."
            )
