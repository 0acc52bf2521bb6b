"""Reads of the network app: roles, organisations, invitations, join requests.

Per-person facts that permission checks ask repeatedly (roles, two-factor, focal-point
organisations) are cached on the user instance for the duration of a request; services that
change them call ``user_facts_forget``.
"""

import hashlib

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from .countries import AMERICAS, countries_sorted, country_name, country_sort_key
from .models import Invitation, JoinRequest, LocalAuthority, Membership, PartnerOrganisation, User
from .roles import Role

_ROLES_ATTR = "_network_roles"
_TOTP_ATTR = "_network_has_totp"
_FOCAL_ATTR = "_network_focal_organisations"


def user_facts_forget(*, user: User) -> None:
    """Drop the per-instance caches after roles, memberships or authenticators changed."""
    for attribute in (_ROLES_ATTR, _TOTP_ATTR, _FOCAL_ATTR):
        if hasattr(user, attribute):
            delattr(user, attribute)


def user_roles(*, user: User) -> frozenset[str]:
    """The stable codes of the roles ``user`` holds (one query per request at most)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, _ROLES_ATTR):
        codes = user.groups.filter(name__in=Role.values).values_list("name", flat=True)
        setattr(user, _ROLES_ATTR, frozenset(codes))
    return getattr(user, _ROLES_ATTR)


def user_has_role(*, user: User, role: str) -> bool:
    """Does ``user`` hold ``role`` (a ``network.roles.Role`` code)?"""
    return role in user_roles(user=user)


def user_has_totp(*, user: User) -> bool:
    """Has ``user`` set up an authenticator app (TOTP)?"""
    if not user.is_authenticated:
        return False
    if not hasattr(user, _TOTP_ATTR):
        from allauth.mfa.models import Authenticator

        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        setattr(user, _TOTP_ATTR, has_totp)
    return getattr(user, _TOTP_ATTR)


def user_has_verified_email(*, user: User, email: str) -> bool:
    """Has ``user`` confirmed that they own ``email`` (any of their addresses, any case)?"""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def user_memberships(*, user: User) -> QuerySet[Membership]:
    """The organisations a person belongs to, local authorities first."""
    return (
        Membership.objects.filter(user=user)
        .select_related("local_authority", "partner")
        .order_by("partner_id", "local_authority__name", "partner__name", "id")
    )


def focal_point_organisations(*, user: User) -> list[LocalAuthority | PartnerOrganisation]:
    """The organisations for which ``user`` is the focal point."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, _FOCAL_ATTR):
        memberships = user_memberships(user=user).filter(is_focal_point=True)
        setattr(user, _FOCAL_ATTR, [membership.organisation for membership in memberships])
    return getattr(user, _FOCAL_ATTR)


def coordinators() -> QuerySet[User]:
    """Active people holding the coordinator role."""
    return User.objects.filter(is_active=True, groups__name=Role.COORDINATOR).order_by("email")


# --- Local authorities -----------------------------------------------------------------------
def authorities_public() -> QuerySet[LocalAuthority]:
    """The local authorities anyone may see and find: the network's members (applicants are
    not public). The directory, each authority's page, the counts and the sitemap use it."""
    return LocalAuthority.objects.filter(is_member=True)


def _member_counts() -> list[tuple[str, str, int]]:
    rows = authorities_public().values("country").annotate(total=Count("id")).order_by()
    return [(row["country"], country_name(row["country"]), row["total"]) for row in rows]


def authority_counts_by_country() -> list[tuple[str, str, int]]:
    """Member authorities per country: (code, translated name, count), most members first, then
    by name in the active language."""
    return sorted(_member_counts(), key=lambda row: (-row[2], country_sort_key(row[1])))


def authority_countries() -> list[tuple[str, str, int]]:
    """The countries with member authorities, as in ``authority_counts_by_country``, sorted by
    name in the active language (the directory's country choice)."""
    return sorted(_member_counts(), key=lambda row: country_sort_key(row[1]))


def authority_list(*, country: str = "", language: str | None = None) -> QuerySet[LocalAuthority]:
    """Member authorities, optionally of one country, ordered by country name in ``language``
    (the active language when None) then by name."""
    authorities = authorities_public()
    if country:
        return authorities.filter(country=country).order_by("name", "id")
    position = Case(
        *(
            When(country=code, then=Value(index))
            for index, (code, _name) in enumerate(countries_sorted(language=language))
        ),
        default=Value(len(AMERICAS)),
        output_field=IntegerField(),
    )
    return authorities.order_by(position, "name", "id")


def authority_get(*, slug: str) -> LocalAuthority | None:
    """A member authority by slug (applicants are not public)."""
    return authorities_public().filter(slug=slug).first()


def authority_listed_people(*, authority: LocalAuthority) -> QuerySet[Membership]:
    """The people of a member authority who chose to be listed on its public page (and have a
    name to show: the email address never is), focal points first, then by name."""
    return (
        Membership.objects.filter(
            local_authority=authority, user__is_active=True, user__listed_in_directory=True
        )
        .exclude(user__first_name="", user__last_name="")
        .select_related("user")
        .order_by("-is_focal_point", "user__last_name", "user__first_name", "id")
    )


def authority_people(*, authority: LocalAuthority) -> QuerySet[Membership]:
    """The people of a member authority, focal points first."""
    return (
        Membership.objects.filter(local_authority=authority, user__is_active=True)
        .select_related("user")
        .order_by("-is_focal_point", "user__last_name", "user__first_name", "id")
    )


# --- Join requests ---------------------------------------------------------------------------
def join_request_pending_count() -> int:
    return JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count()


# --- Invitations -----------------------------------------------------------------------------
def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """The invitation a link's token belongs to, whatever its state, or None."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("local_authority", "partner", "invited_by")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def _acting_as_coordinator(user: User) -> bool:
    # Asked of network.permissions (which imports this module): the coordinator's wider view
    # needs the role *and* the second factor in this session, like every coordinator's action.
    from .permissions import acting_as

    return acting_as(user, Role.COORDINATOR).allowed


def invitation_list(*, user: User) -> QuerySet[Invitation]:
    """Invitations ``user`` may see: all for coordinators, else those of their organisations."""
    invitations = Invitation.objects.select_related(
        "local_authority", "partner", "invited_by", "accepted_by"
    ).order_by("-created_at", "-id")
    if _acting_as_coordinator(user):
        return invitations
    organisations = focal_point_organisations(user=user)
    authority_ids = [org.pk for org in organisations if isinstance(org, LocalAuthority)]
    partner_ids = [org.pk for org in organisations if isinstance(org, PartnerOrganisation)]
    return invitations.filter(
        Q(local_authority_id__in=authority_ids) | Q(partner_id__in=partner_ids)
    )


def invitable_organisations(*, user: User) -> list[LocalAuthority | PartnerOrganisation]:
    """Organisations ``user`` may invite people to: all for coordinators, else their own."""
    if _acting_as_coordinator(user):
        authorities = list(authorities_public().order_by("name", "id"))
        partners = list(PartnerOrganisation.objects.order_by("name", "id"))
        return [*authorities, *partners]
    return list(focal_point_organisations(user=user))
