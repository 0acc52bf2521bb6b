"""Everything Convive knows about a person, gathered for the personal data export.

Each app registers one function ``(user) -> dict`` under a key, usually in its AppConfig.ready()
or in a module imported from it::

    from network import personal_data

    @personal_data.register("notifications")
    def export_notifications(user) -> dict:
        return {"notifications": [...]}

The values must be JSON-serialisable (dates as ISO strings). The network app registers its own
sections below.
"""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

Exporter = Callable[[Any], dict]
_EXPORTERS: dict[str, Exporter] = {}


def register(key: str, exporter: Exporter | None = None):
    """Register ``exporter`` under ``key``; usable as a decorator when ``exporter`` is omitted."""

    def add(function: Exporter) -> Exporter:
        if key in _EXPORTERS and _EXPORTERS[key] is not function:
            raise ValueError(f"A personal data exporter is already registered as {key!r}.")
        _EXPORTERS[key] = function
        return function

    return add(exporter) if exporter is not None else add


def registered_keys() -> list[str]:
    return sorted(_EXPORTERS)


def personal_data_export(*, user) -> dict:
    """One JSON-serialisable dict with every registered section for ``user``."""
    return {
        "exported_at": timezone.now().isoformat(),
        "format_version": 1,
        **{key: _EXPORTERS[key](user) for key in sorted(_EXPORTERS)},
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@register("account")
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
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        # Which kinds of second factor are set up; never their secrets.
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }


@register("network")
def _export_network(user) -> dict:
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
                "since": _iso(membership.created_at),
            }
            for membership in user_memberships(user=user)
        ],
        "invitations_sent": [
            {
                "email": invitation.email,
                "organisation": str(invitation.organisation),
                "role": invitation.role,
                "state": invitation.state,
                "created_at": _iso(invitation.created_at),
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
                "created_at": _iso(invitation.created_at),
            }
            for invitation in Invitation.objects.filter(email__iexact=user.email)
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
                "created_at": _iso(request.created_at),
            }
            for request in JoinRequest.objects.filter(contact_email__iexact=user.email).order_by(
                "created_at", "id"
            )
        ],
    }
