"""Who manages the forum's structure (categories, their access, private spaces, moderators'
scopes) in the CMS: coordinators acting with two-factor. Moderators enter the CMS too but
moderate in the site's queue; they do not change categories."""

from typing import Any

from network.models import User
from network.permissions import Decision, acting_as, rule
from network.roles import Role

FORUM_ADMIN = "forum.admin"


@rule(FORUM_ADMIN)
def _forum_admin(user: User, obj: Any) -> Decision:
    return acting_as(user, Role.COORDINATOR)
