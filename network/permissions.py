"""Every "may this user do X to Y?" question of Convive is answered here.

Views, forms, admin hooks and templates ask ``decide(user, ACTION, obj)`` (or ``can``) and never
look at groups themselves. A decision carries a translated reason that views show to the person;
``needs_mfa`` tells a view that only the second factor is missing (``network.mfa.
second_factor_prompt`` sends them to confirm it, or to set it up when they have no authenticator).

Acting in a role of ``MFA_REQUIRED_ROLES``, and acting as a superuser at all, needs an
authenticator app *and* a session that passed it: ``acting_as`` reads
``user.second_factor_passed``, which ``network.mfa.SecondFactorSessionMiddleware`` sets from
allauth's authentication records. A password alone opens nothing beyond an ordinary member's.

Other apps add their own actions with ``@rule("practices.publish")`` in their own modules; keep the
action strings stable, they are keys, not labels.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .models import Invitation, JoinRequest, LocalAuthority, PartnerOrganisation, User
from .roles import MFA_REQUIRED_ROLES, Role
from .selectors import (
    focal_point_organisations,
    user_has_role,
    user_has_totp,
    user_has_verified_email,
)

# --- Actions (stable codes) ------------------------------------------------------------------
CMS_ACCESS = "cms.access"
DASHBOARD_VIEW = "dashboard.view"
PROFILE_EDIT = "profile.edit"
ACCOUNT_DELETE = "account.delete"
PERSONAL_DATA_EXPORT = "personal_data.export"
JOIN_REQUEST_REVIEW = "join_request.review"
INVITATION_LIST = "invitation.list"
INVITATION_SEND = "invitation.send"
INVITATION_REVOKE = "invitation.revoke"
INVITATION_ACCEPT = "invitation.accept"
ORGANISATION_EDIT = "organisation.edit"
ROLE_ASSIGN = "role.assign"
COMPETITION_SCORE = "competition.score"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    # True when the only thing missing is the second factor for a role that requires one.
    needs_mfa: bool = False
    # With needs_mfa: True when they have an authenticator and must confirm it in this session,
    # False when they must set one up first.
    has_authenticator: bool = False

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)

Rule = Callable[[User, Any], Decision]
_RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register the function deciding ``action`` (one function per action)."""

    def register(function: Rule) -> Rule:
        if action in _RULES and _RULES[action] is not function:
            raise ValueError(f"A rule for {action!r} is already registered.")
        _RULES[action] = function
        return function

    return register


def decide(user, action: str, obj: Any = None) -> Decision:
    """May ``user`` do ``action`` (to ``obj``)?

    Superusers skip no rule: ``acting_as`` gives them every role, always with the second
    factor in this session, and the rules' other conditions (a request already decided, one's
    own proposal) hold for them as for everyone."""
    if action not in _RULES:
        raise ValueError(f"Unknown action {action!r}.")
    if user is None or not user.is_authenticated:
        return Decision(False, _("Sign in to continue."))
    if not user.is_active:
        return Decision(False, _("This account is inactive."))
    return _RULES[action](user, obj)


def can(user, action: str, obj: Any = None) -> bool:
    return decide(user, action, obj).allowed


def _mfa_reason(role: str | None, *, has_authenticator: bool) -> str:
    # Whole sentences per role, so that translators never have to assemble them.
    if has_authenticator:
        if role == Role.COORDINATOR:
            return _("Enter a code from your authenticator app to act as a coordinator.")
        if role == Role.JUROR:
            return _("Enter a code from your authenticator app to act as a juror.")
        return _("Enter a code from your authenticator app to continue.")
    if role == Role.COORDINATOR:
        return _("Set up two-factor authentication to act as a coordinator.")
    if role == Role.JUROR:
        return _("Set up two-factor authentication to act as a juror.")
    return _("Set up two-factor authentication to act in this role.")


def _second_factor_missing(user: User, *, role: str | None = None) -> Decision | None:
    """The refusal when ``user`` has no authenticator, or this session has not passed it."""
    if not user_has_totp(user=user):
        return Decision(False, _mfa_reason(role, has_authenticator=False), needs_mfa=True)
    if not user.second_factor_passed:
        return Decision(
            False,
            _mfa_reason(role, has_authenticator=True),
            needs_mfa=True,
            has_authenticator=True,
        )
    return None


def acting_as(user: User, role: str) -> Decision:
    """Does ``user`` hold ``role`` and meet its conditions (two-factor in this session for some
    roles)? Superusers hold every role, always with two-factor."""
    if not user.is_superuser and not user_has_role(user=user, role=role):
        return Decision(
            False, _("You need the role “%(role)s” to do this.") % {"role": Role(role).label}
        )
    if user.is_superuser or role in MFA_REQUIRED_ROLES:
        missing = _second_factor_missing(user, role=role)
        if missing is not None:
            return missing
    return ALLOW


def _is_focal_point_of(user: User, organisation: Any) -> bool:
    return organisation in focal_point_organisations(user=user)


# --- Rules -----------------------------------------------------------------------------------
@rule(DASHBOARD_VIEW)
@rule(ACCOUNT_DELETE)
@rule(PERSONAL_DATA_EXPORT)
def _any_signed_in_person(user: User, obj: Any) -> Decision:
    return ALLOW


@rule(INVITATION_ACCEPT)
def _invitation_accept(user: User, obj: Invitation | None) -> Decision:
    # The link is a secret sent to one address: whoever holds it must prove they own that
    # address (a verified email of their account), or a forwarded link grants a stranger the role.
    if obj is None or user_has_verified_email(user=user, email=obj.email):
        return ALLOW
    return Decision(
        False,
        _(
            "This invitation was sent to %(email)s, which is not a confirmed address of the "
            "account you are signed in with. Sign out, then sign in or create an account with "
            "%(email)s to accept it."
        )
        % {"email": obj.email},
    )


@rule(PROFILE_EDIT)
def _own_profile(user: User, obj: Any) -> Decision:
    if obj is None or obj == user:
        return ALLOW
    return Decision(False, _("You may only edit your own profile."))


@rule(CMS_ACCESS)
def _cms_access(user: User, obj: Any) -> Decision:
    # A superuser's CMS is all of it: the second factor, whatever other roles they hold.
    if user_has_role(user=user, role=Role.MODERATOR) and not user.is_superuser:
        return ALLOW
    return acting_as(user, Role.COORDINATOR)


@rule(JOIN_REQUEST_REVIEW)
def _join_request_review(user: User, obj: JoinRequest | None) -> Decision:
    decision = acting_as(user, Role.COORDINATOR)
    if not decision:
        return decision
    if obj is not None and not obj.is_pending:
        return Decision(False, _("This request has already been decided."))
    return ALLOW


@rule(ROLE_ASSIGN)
def _role_assign(user: User, obj: Any) -> Decision:
    return acting_as(user, Role.COORDINATOR)


@rule(INVITATION_LIST)
def _invitation_list(user: User, obj: Any) -> Decision:
    if focal_point_organisations(user=user):
        return ALLOW
    decision = acting_as(user, Role.COORDINATOR)
    if decision or decision.needs_mfa:
        return decision
    return Decision(False, _("Only an organisation's focal point or a coordinator may invite."))


@rule(INVITATION_SEND)
def _invitation_send(user: User, obj: LocalAuthority | PartnerOrganisation | None) -> Decision:
    if obj is None:
        return _invitation_list(user, None)
    if _is_focal_point_of(user, obj):
        return ALLOW
    decision = acting_as(user, Role.COORDINATOR)
    if decision or decision.needs_mfa:
        return decision
    return Decision(
        False,
        _("Only the focal point of %(organisation)s may invite to it.") % {"organisation": obj},
    )


@rule(INVITATION_REVOKE)
def _invitation_revoke(user: User, obj: Invitation) -> Decision:
    if obj.state != Invitation.State.PENDING:
        return Decision(False, _("Only a pending invitation can be revoked."))
    if obj.invited_by_id == user.pk:
        return ALLOW
    return _invitation_send(user, obj.organisation)


@rule(ORGANISATION_EDIT)
def _organisation_edit(user: User, obj: LocalAuthority | PartnerOrganisation | None) -> Decision:
    if obj is not None and _is_focal_point_of(user, obj):
        return ALLOW
    return acting_as(user, Role.COORDINATOR)


@rule(COMPETITION_SCORE)
def _competition_score(user: User, obj: Any) -> Decision:
    return acting_as(user, Role.JUROR)
