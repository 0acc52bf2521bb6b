"""Admin (/cms/) screens of the outreach site: news categories and event registrations."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network.admin_exports import SafeSnippetIndexView

from .models import EventRegistration, NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]


class EventRegistrationViewSet(SnippetViewSet):
    model = EventRegistration
    icon = "date"
    menu_label = _("Event registrations")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["user", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    list_export = ["user", "event", "status", "created_at", "cancelled_at"]
    index_view_class = SafeSnippetIndexView
    ordering = ["-created_at"]


register_snippet(NewsCategoryViewSet)
register_snippet(EventRegistrationViewSet)
