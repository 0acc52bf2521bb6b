"""The forum's structure in the CMS (/cms/): categories with their four-language names, order
and access (the groups' grants, edited on the category's own form), private spaces, and the
categories each moderator is limited to.

Coordinators acting with two-factor manage them (``admin_permissions.FORUM_ADMIN``), whatever
Django model permissions their group carries. Moderators enter the CMS too, but neither see nor
open these screens: they moderate in the site's queue.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from network import permissions
from network.roles import Role

from .admin_permissions import FORUM_ADMIN
from .models import LANGUAGE_CHOICES, Category, ModeratorScope, Space

LANGUAGE_TABS = (
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
)


class ForumAdminPolicy(BasePermissionPolicy):
    """Every action on the forum's structure is one question to ``network.permissions``."""

    def user_has_permission(self, user, action) -> bool:
        return permissions.can(user, FORUM_ADMIN)

    def user_has_any_permission(self, user, actions) -> bool:
        return permissions.can(user, FORUM_ADMIN)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=Role.COORDINATOR), is_active=True)
            .distinct()
        )


class TranslatedNameForm(WagtailAdminModelForm):
    """A category or space needs a name in its default language: the one shown when a
    reader's language has none."""

    def clean(self):
        cleaned = super().clean()
        language = cleaned.get("default_language") or "en"
        if not cleaned.get(f"name_{language}"):
            label = dict(LANGUAGE_CHOICES).get(language, language)
            self.add_error(
                f"name_{language}",
                _("Give a name in the default language (%(language)s).") % {"language": label},
            )
        return cleaned


def _language_tabs() -> list[ObjectList]:
    return [
        ObjectList(
            [FieldPanel(f"name_{code}"), FieldPanel(f"description_{code}")],
            heading=label,
        )
        for code, label in LANGUAGE_TABS
    ]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "list-ul"
    menu_label = _("Categories")
    list_display = ["name", "slug", "access", "space", "position", "approve_first_posts"]
    list_filter = ["access", "space", "default_language"]
    search_fields = ["slug", "name_en", "name_es", "name_pt", "name_fr"]
    search_backend_name = None
    ordering = ["position", "slug"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("slug"),
                    FieldPanel("default_language"),
                    FieldPanel("theme"),
                    FieldPanel("position"),
                    FieldPanel("accepts_email_topics"),
                    FieldPanel("approve_first_posts"),
                ],
                heading=_("Settings"),
            ),
            *_language_tabs(),
            ObjectList(
                [
                    FieldPanel("access"),
                    FieldPanel("space"),
                    FieldPanel("who_can_start"),
                    FieldPanel("who_can_reply"),
                    InlinePanel("grants", heading=_("Groups"), label=_("Group")),
                ],
                heading=_("Access"),
            ),
        ],
        base_form_class=TranslatedNameForm,
    )


class SpaceViewSet(SnippetViewSet):
    model = Space
    icon = "lock"
    menu_label = _("Private spaces")
    list_display = ["name", "slug", "position"]
    search_fields = ["slug", "name_en", "name_es", "name_pt", "name_fr"]
    search_backend_name = None
    ordering = ["position", "slug"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("slug"), FieldPanel("default_language"), FieldPanel("position")],
                heading=_("Settings"),
            ),
            *_language_tabs(),
        ],
        base_form_class=TranslatedNameForm,
    )


class ModeratorScopeForm(WagtailAdminModelForm):
    """Only people with the moderator role can be limited to categories."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = (
            get_user_model()
            .objects.filter(groups__name=Role.MODERATOR, is_active=True)
            .order_by("first_name", "last_name", "email")
        )
        field.help_text = _(
            "A moderator limited to some categories moderates only those; one without any "
            "moderates every category they can read."
        )


class ModeratorScopeViewSet(SnippetViewSet):
    model = ModeratorScope
    icon = "user"
    menu_label = _("Moderators' categories")
    list_display = ["user", "category"]
    list_filter = ["category"]
    ordering = ["user", "category"]
    edit_handler = ObjectList(
        [FieldPanel("user", widget=forms.Select), FieldPanel("category")],
        base_form_class=ModeratorScopeForm,
    )


class ForumAdminGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, SpaceViewSet, ModeratorScopeViewSet)
    menu_icon = "group"
    menu_label = _("Forum")
    menu_name = "forum"
    menu_order = 260


for _model in (Category, Space, ModeratorScope):
    register_permission_policy(_model, ForumAdminPolicy(_model))
register_snippet(ForumAdminGroup)
