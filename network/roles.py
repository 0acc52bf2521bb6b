"""The network's roles. Each is a Django group whose *name is the stable code* below; labels are
translated for display only and are never used as keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    OFFICIAL = "official", _("Official")
    COORDINATOR = "coordinator", _("Coordinator")
    RESEARCHER = "researcher", _("Researcher")
    TUTOR = "tutor", _("Tutor")
    JUROR = "juror", _("Juror")
    PARTNER = "partner", _("Partner")
    MODERATOR = "moderator", _("Moderator")


# Roles whose holders must have a TOTP authenticator before they may act in that role.
MFA_REQUIRED_ROLES: frozenset[str] = frozenset({Role.COORDINATOR, Role.JUROR})

# Django permissions each role's group carries, as (app label, codename). Coordinators review
# join requests in the Wagtail admin: they need to reach it and to see the join-request
# snippets; approving and declining are decided by network.permissions, not by these.
# network.permissions.CMS_ACCESS lets moderators in as well, so their group carries
# access_admin too (tests/network/test_roles.py checks that the two agree for every role).
ROLE_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    Role.COORDINATOR: (
        ("wagtailadmin", "access_admin"),
        ("network", "view_joinrequest"),
    ),
    Role.MODERATOR: (("wagtailadmin", "access_admin"),),
}


def role_groups_ensure(*, apps=None) -> None:
    """Create one group per role and give it its permissions. Safe to run repeatedly.

    ``apps`` is a migration's historical app registry; without it the live models are used.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in Role:
        group, _created = group_model.objects.get_or_create(name=role.value)
        for app_label, codename in ROLE_PERMISSIONS.get(role, ()):
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
