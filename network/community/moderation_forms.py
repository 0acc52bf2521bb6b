"""Forms of moderation: flagging a post, the queue's and the log's filters, and the action
forms of the queue. They only check input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES, Category, Flag, ModerationAction
from .services.moderation import NOTE_MAX_LENGTH, REASON_MAX_LENGTH, SUSPENSION_DAYS

Action = ModerationAction.Action

POST_ACTIONS = (Action.HIDE, Action.RESTORE, Action.APPROVE, Action.REJECT, Action.DISMISS_FLAGS)
TOPIC_ACTIONS = (
    Action.PIN,
    Action.UNPIN,
    Action.CLOSE,
    Action.OPEN,
    Action.ARCHIVE,
    Action.UNARCHIVE,
    Action.MOVE,
)
MEMBER_ACTIONS = (Action.WARN, Action.SUSPEND, Action.UNSUSPEND)


def _choices(actions) -> list[tuple[str, str]]:
    labels = dict(Action.choices)
    return [(action.value, labels[action.value]) for action in actions]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _category_choices(categories: list[Category], *, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *[(str(category.pk), category.name) for category in categories]]


class QueueFilterForm(forms.Form):
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int)
    language = forms.ChoiceField(
        label=_("Language of the post"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
    )

    def __init__(self, *args, categories: list[Category], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices(categories, blank=_("All categories"))


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *Action.choices],
    )
    moderator = forms.TypedChoiceField(label=_("Moderator"), required=False, coerce=int)
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int)

    def __init__(self, *args, categories: list[Category], moderators: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices(categories, blank=_("All categories"))
        self.fields["moderator"].choices = [
            ("", _("Any moderator")),
            *[(str(person.pk), person.get_full_name() or person.username) for person in moderators],
        ]


class PostActionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=_choices(POST_ACTIONS))
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=REASON_MAX_LENGTH, widget=forms.Textarea
    )


class TopicActionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=_choices(TOPIC_ACTIONS))
    category = forms.TypedChoiceField(label=_("Move to"), required=False, coerce=int)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=REASON_MAX_LENGTH, widget=forms.Textarea
    )

    def __init__(self, *args, categories: list[Category], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices(categories, blank="---")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == Action.MOVE and not cleaned.get("category"):
            self.add_error("category", _("Choose the category to move the topic to."))
        return cleaned


class DisciplineForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=_choices(MEMBER_ACTIONS))
    days = forms.TypedChoiceField(
        label=_("For how long"),
        required=False,
        coerce=int,
        choices=[
            (1, _("1 day")),
            (7, _("7 days")),
            (30, _("30 days")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=REASON_MAX_LENGTH, widget=forms.Textarea
    )
    post = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == Action.SUSPEND and cleaned.get("days") not in SUSPENSION_DAYS:
            self.add_error("days", _("Choose how long from the list."))
        return cleaned
