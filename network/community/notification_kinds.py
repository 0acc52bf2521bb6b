"""The forum's kinds of notification (found by the notifications app when it is ready).

Context keys, shared by the three kinds: see ``services.notify.post_notification_context``.
Their emails carry a reply address and threading headers (``services.notify.email_headers``);
a post the reader can no longer read is left out of their emails and digests
(``services.notify.notifications_still_valid``).
Templates: ``templates/notifications/forum_post|forum_topic|forum_mention/``.

The e-discussions' two kinds follow (``ediscussions/services_mail.py``).
"""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Frequency, kind_register

from .ediscussions import services_mail
from .services.notify import (
    FORUM_MENTION,
    FORUM_POST,
    FORUM_TOPIC,
    email_headers,
    notifications_still_valid,
)

kind_register(
    code=FORUM_POST,
    label=_("A new reply in a forum topic you watch"),
    help_text=_(
        "Your level for each category, on the forum's watching page, decides for that category."
    ),
    default_frequency=Frequency.IMMEDIATELY,
    email_headers=email_headers,
    still_valid=notifications_still_valid,
)
kind_register(
    code=FORUM_TOPIC,
    label=_("A new topic in a forum category you watch"),
    help_text=_(
        "Your level for each category, on the forum's watching page, decides for that category."
    ),
    default_frequency=Frequency.IMMEDIATELY,
    email_headers=email_headers,
    still_valid=notifications_still_valid,
)
kind_register(
    code=FORUM_MENTION,
    label=_("Someone mentioned you in the forum"),
    default_frequency=Frequency.IMMEDIATELY,
    email_headers=email_headers,
    still_valid=notifications_still_valid,
)

# -- E-discussions (ediscussions/services_mail.py; context keys: ``week_email_context``) -------
# Templates: ``templates/notifications/ediscussion_week|ediscussion_nudge/``.

kind_register(
    code=services_mail.EDISCUSSION_WEEK,
    label=_("The questions of a week of an e-discussion you take part in"),
    help_text=_("With an address to answer each question by email."),
    default_frequency=Frequency.IMMEDIATELY,
    email_headers=services_mail.email_headers,
    email_values=services_mail.email_values,
    still_valid=services_mail.notifications_still_valid,
)
kind_register(
    code=services_mail.EDISCUSSION_NUDGE,
    label=_("A reminder of an e-discussion's week you have not contributed to yet"),
    default_frequency=Frequency.IMMEDIATELY,
    email_headers=services_mail.email_headers,
    still_valid=services_mail.notifications_still_valid,
)
