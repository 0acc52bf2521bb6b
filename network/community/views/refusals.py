"""The answer to a refused moderator's action, one rule for every forum page: coordinators (and
superusers) moderate only in a session that passed the second factor, so one who has not is
sent to give it (or to set it up) and brought back, rather than refused."""

from django.http import HttpRequest, HttpResponse

from network.permissions import Decision, acting_as
from network.roles import Role
from network.selectors import user_has_role
from network.views import denied


def moderator_refusal(request: HttpRequest, decision: Decision) -> HttpResponse:
    """Answer ``decision``, refused for something only a moderator may do: the second factor's
    prompt (``next`` this page) when that is all a coordinator or superuser lacks to act as
    one, else the refusal with its reason."""
    user = request.user
    if not decision.needs_mfa and (
        user.is_superuser or user_has_role(user=user, role=Role.COORDINATOR)
    ):
        as_coordinator = acting_as(user, Role.COORDINATOR)
        if as_coordinator.needs_mfa:
            return denied(request, as_coordinator)
    return denied(request, decision)
