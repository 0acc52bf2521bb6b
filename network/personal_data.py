"""Everything Convive knows about a person, gathered for the personal data export.

Each app registers one function ``(user) -> dict`` under a key, with the models whose rows about
the person it exports, usually in a ``personal_data`` module imported from its
AppConfig.ready()::

    from network import personal_data

    @personal_data.register("notifications", covers=["notifications.Notification"])
    def export_notifications(user) -> dict:
        return {"notifications": [...]}

The values must be JSON-serialisable (dates as ISO strings). Every model with a relation to the
user model is either covered by an exporter or listed in ``NOT_EXPORTED`` with the reason
(tests/network/test_personal_data.py walks the models to keep it so). The network app registers
its own sections below.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone

Exporter = Callable[[Any], dict]
_EXPORTERS: dict[str, Exporter] = {}
_COVERS: dict[str, frozenset[str]] = {}

# Models related to people that the export leaves out, and why. All of them belong to the
# content management system, which only the network's staff use: what they record is the
# network's editorial work (pages, revisions, images, translations, comments on drafts) or the
# CMS's own bookkeeping, not something Convive knows about a member. Deleting an account
# removes the person's CMS settings and comments and clears their name from the rest.
_CMS_WORK = "Editorial work and settings in the content management system (staff only)."
NOT_EXPORTED: dict[str, str] = {
    "admin.LogEntry": "Django admin's audit trail of staff changes (staff only).",
    "wagtailcore.Page": _CMS_WORK,
    "wagtailcore.Revision": _CMS_WORK,
    "wagtailcore.ModelLogEntry": _CMS_WORK,
    "wagtailcore.PageLogEntry": _CMS_WORK,
    "wagtailcore.WorkflowState": _CMS_WORK,
    "wagtailcore.TaskState": _CMS_WORK,
    "wagtailcore.Comment": _CMS_WORK,
    "wagtailcore.CommentReply": _CMS_WORK,
    "wagtailcore.PageSubscription": _CMS_WORK,
    "wagtailcore.UploadedFile": _CMS_WORK,
    "wagtailcore.APIToken": "Access keys to the CMS's API (staff only): secrets, never exported.",
    "wagtailadmin.EditingSession": _CMS_WORK,
    "wagtailadmin.FormState": _CMS_WORK,
    "wagtailusers.UserProfile": _CMS_WORK,
    "wagtaildocs.Document": _CMS_WORK,
    "wagtailimages.Image": _CMS_WORK,
    "wagtail_localize.StringTranslation": _CMS_WORK,
    "wagtail_localize.SegmentOverride": _CMS_WORK,
}


def register(key: str, exporter: Exporter | None = None, *, covers: Iterable[str] = ()):
    """Register ``exporter`` under ``key``; usable as a decorator when ``exporter`` is omitted.

    ``covers`` names (as ``"app_label.ModelName"``) the models whose rows tied to the person
    this exporter includes."""

    def add(function: Exporter) -> Exporter:
        if key in _EXPORTERS and _EXPORTERS[key] is not function:
            raise ValueError(f"A personal data exporter is already registered as {key!r}.")
        _EXPORTERS[key] = function
        _COVERS[key] = frozenset(covers)
        return function

    return add(exporter) if exporter is not None else add


def registered_keys() -> list[str]:
    return sorted(_EXPORTERS)


def covered_models() -> dict[str, str]:
    """Each model an exporter declared it covers (``"app_label.ModelName"``) → its key."""
    return {label: key for key in sorted(_COVERS) for label in _COVERS[key]}


def personal_data_export(*, user) -> dict:
    """One JSON-serialisable dict with every registered section for ``user``."""
    return {
        "exported_at": timezone.now().isoformat(),
        "format_version": 1,
        **{key: _EXPORTERS[key](user) for key in sorted(_EXPORTERS)},
    }


def iso_or_none(value) -> str | None:
    """A date or datetime as ISO text for an export, None when empty (every exporter's dates)."""
    return value.isoformat() if value else None


@register("account", covers=["network.User", "account.EmailAddress", "mfa.Authenticator"])
def _export_account(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "position": user.position,
        "preferred_language": user.preferred_language,
        "time_zone": user.time_zone,
        "languages_spoken": list(user.languages_spoken or []),
        "other_languages": user.other_languages,
        "photo": user.photo.name if user.photo else None,
        "listed_in_directory": user.listed_in_directory,
        "themes": list(user.themes or []),
        "member_directory_shows": {
            name: getattr(user, f"directory_show_{name}")
            for name in (
                "position",
                "organisation",
                "country",
                "languages",
                "themes",
                "photo",
                "email",
            )
        },
        "date_joined": iso_or_none(user.date_joined),
        "last_login": iso_or_none(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        # Which kinds of second factor are set up; never their secrets.
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }


@register("network", covers=["network.Membership", "network.Invitation", "network.JoinRequest"])
def _export_network(user) -> dict:
    from django.db.models import Q

    from .models import Invitation, JoinRequest
    from .selectors import user_memberships, user_roles

    return {
        "roles": sorted(user_roles(user=user)),
        "memberships": [
            {
                "organisation": str(membership.organisation),
                "organisation_type": "local_authority"
                if membership.local_authority_id
                else "partner",
                "position": membership.position,
                "is_focal_point": membership.is_focal_point,
                "since": iso_or_none(membership.created_at),
            }
            for membership in user_memberships(user=user)
        ],
        "invitations_sent": [
            {
                "email": invitation.email,
                "organisation": str(invitation.organisation),
                "role": invitation.role,
                "state": invitation.state,
                "created_at": iso_or_none(invitation.created_at),
            }
            for invitation in Invitation.objects.filter(invited_by=user)
            .select_related("local_authority", "partner")
            .order_by("created_at", "id")
        ],
        "invitations_received": [
            {
                "organisation": str(invitation.organisation),
                "role": invitation.role,
                "state": invitation.state,
                "created_at": iso_or_none(invitation.created_at),
            }
            for invitation in Invitation.objects.filter(
                Q(email__iexact=user.email) | Q(accepted_by=user)
            )
            .select_related("local_authority", "partner")
            .order_by("created_at", "id")
        ],
        "join_requests": [
            {
                "authority_name": request.authority_name,
                "country": request.country,
                "contact_name": request.contact_name,
                "contact_email": request.contact_email,
                "contact_position": request.contact_position,
                "message": request.message,
                "status": request.status,
                "created_at": iso_or_none(request.created_at),
            }
            for request in JoinRequest.objects.filter(contact_email__iexact=user.email).order_by(
                "created_at", "id"
            )
        ],
        # Applications this person decided on as a coordinator.
        "join_requests_decided": [
            {
                "authority_name": request.authority_name,
                "country": request.country,
                "status": request.status,
                "decided_at": iso_or_none(request.decided_at),
                "decision_reason": request.decision_reason,
            }
            for request in JoinRequest.objects.filter(decided_by=user).order_by("decided_at", "id")
        ],
    }
