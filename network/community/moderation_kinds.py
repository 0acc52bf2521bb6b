"""The notification kind by which moderators' actions reach the member concerned.

Registered from ``CommunityConfig.ready`` (the notifications app discovers
``notification_kinds.py`` modules, which belong to the forum's watching part). Context keys, the
contract with ``templates/notifications/forum_moderation/``: ``action`` (a
``ModerationAction.Action`` code), ``automatic`` (hidden by members' flags, not by a person),
``topic_title``, ``post_number`` (0 for a topic or a member), ``category_name`` (where a topic
was moved, in the member's language), ``reason`` (the moderator's words, may be empty),
``until`` (end of a suspension, "YYYY-MM-DD HH:MM UTC")."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import kind_register

FORUM_MODERATION = kind_register(
    code="forum_moderation",
    label=_("A moderator acted on your posts or your participation in the forum"),
)
