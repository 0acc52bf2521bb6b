"""A link from the CMS menu to the coordinators' queue of practice proposals."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from network import permissions

from . import rules


class _QueueMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return permissions.can(request.user, rules.SUBMISSION_QUEUE)


@hooks.register("register_admin_menu_item")
def submission_queue_menu_item():
    return _QueueMenuItem(
        _("Practice proposals"),
        reverse("practice_submissions:queue"),
        icon_name="doc-full-inverse",
        order=350,
    )
