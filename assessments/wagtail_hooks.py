"""A link from the CMS menu to the questionnaire editor (coordinators work in both)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from network import permissions

from .permissions import QUESTIONNAIRE_VIEW


class _QuestionnairesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return permissions.can(request.user, QUESTIONNAIRE_VIEW)


@hooks.register("register_admin_menu_item")
def questionnaires_menu_item():
    return _QuestionnairesMenuItem(
        _("Questionnaires"),
        reverse("assessments:questionnaire_list"),
        icon_name="form",
        order=360,
    )
