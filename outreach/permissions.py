"""The outreach site's actions in ``network.permissions`` (imported at start-up by apps.py)."""

from typing import Any

from django.utils.translation import gettext as _

from network.permissions import ALLOW, Decision, rule

EVENT_REGISTER = "event.register"
EVENT_REGISTRATION_CANCEL = "event_registration.cancel"


@rule(EVENT_REGISTER)
def _event_register(user, obj: Any) -> Decision:
    # Any signed-in, active person may register (decide() refuses anonymous/inactive users).
    return ALLOW


@rule(EVENT_REGISTRATION_CANCEL)
def _event_registration_cancel(user, obj: Any) -> Decision:
    if obj is not None and obj.user_id == user.pk:
        return ALLOW
    return Decision(False, _("You can only cancel your own registration."))
