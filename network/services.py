"""Writes of the network app: roles, join requests, invitations, memberships, profiles, accounts.

Every service that acts on someone's behalf checks ``network.permissions`` itself, so a view
that forgets to cannot open a hole.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from notifications.links import absolute_url
from notifications.models import EmailDelivery
from notifications.services import email_send, notification_send

from . import permissions
from .models import (
    Invitation,
    JoinRequest,
    LocalAuthority,
    Membership,
    PartnerOrganisation,
    User,
)
from .roles import Role
from .selectors import (
    coordinators,
    invitation_get_by_token,
    invitation_token_hash,
    user_facts_forget,
)

Organisation = LocalAuthority | PartnerOrganisation


class InvitationUnusable(Exception):
    """The invitation link is unknown, expired, revoked or already used."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def _require(user: User, action: str, obj=None) -> None:
    decision = permissions.decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


# --- Roles -----------------------------------------------------------------------------------
def role_assign(*, user: User, role: str) -> None:
    """Give ``user`` the role ``role`` (a ``Role`` code). Idempotent."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    user_facts_forget(user=user)


def role_revoke(*, user: User, role: str) -> None:
    """Take the role ``role`` away from ``user``. Idempotent."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    user.groups.remove(*Group.objects.filter(name=role))
    user_facts_forget(user=user)


# --- Organisations and memberships -----------------------------------------------------------
def _unique_slug(model, base: str) -> str:
    base = slugify(base)[:200] or "organisation"
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def membership_add(
    *,
    user: User,
    organisation: Organisation,
    position: str = "",
    is_focal_point: bool = False,
) -> Membership:
    """Make ``user`` part of ``organisation`` (or update their place in it).

    Joining a member authority makes the person an official; joining a partner, a partner.
    """
    is_authority = isinstance(organisation, LocalAuthority)
    membership, _created = Membership.objects.get_or_create(
        user=user,
        local_authority=organisation if is_authority else None,
        partner=None if is_authority else organisation,
        defaults={"position": position, "is_focal_point": is_focal_point},
    )
    changed = []
    if position and membership.position != position:
        membership.position = position
        changed.append("position")
    if is_focal_point and not membership.is_focal_point:
        membership.is_focal_point = True
        changed.append("is_focal_point")
    if changed:
        membership.full_clean()
        membership.save(update_fields=[*changed, "updated_at"])
    if is_authority and organisation.is_member:
        role_assign(user=user, role=Role.OFFICIAL)
    elif not is_authority:
        role_assign(user=user, role=Role.PARTNER)
    user_facts_forget(user=user)
    return membership


# --- Join requests ---------------------------------------------------------------------------
def join_request_submit(*, data: dict) -> JoinRequest:
    """Store a local authority's application, tell every coordinator about it and
    acknowledge it to the contact person, in the language they chose on the form, with what
    happens next and when."""
    join_request = JoinRequest(**data)
    join_request.contact_email = join_request.contact_email.strip().lower()
    join_request.full_clean()
    join_request.save()

    email_send(
        to=join_request.contact_email,
        template_prefix="network/emails/join_request_received",
        context={
            "contact_name": join_request.contact_name,
            "authority_name": join_request.authority_name,
            "review_days": settings.JOIN_REQUEST_REVIEW_DAYS,
        },
        language=join_request.preferred_language,
        key=f"join-request-received:{join_request.pk}",
    )

    recipients = list(coordinators())
    if recipients:
        notification_send(
            recipients=recipients,
            kind="join_request_submitted",
            event_key=f"join_request:{join_request.pk}",
            context={
                "authority_name": join_request.authority_name,
                "country": join_request.country,
                "contact_name": join_request.contact_name,
                "request_id": join_request.pk,
            },
            url=absolute_url(join_request_admin_url(join_request)),
        )
    return join_request


def join_request_admin_url(join_request: JoinRequest) -> str:
    """Where a coordinator reviews ``join_request`` in the Wagtail admin."""
    return reverse("wagtailsnippets_network_joinrequest:inspect", args=[join_request.pk])


def _authority_for(join_request: JoinRequest) -> LocalAuthority:
    existing = (
        LocalAuthority.objects.filter(
            name__iexact=join_request.authority_name.strip(), country=join_request.country
        )
        .order_by("id")
        .first()
    )
    if existing:
        return existing
    authority = LocalAuthority(
        name=join_request.authority_name.strip(),
        slug=_unique_slug(LocalAuthority, f"{join_request.authority_name}-{join_request.country}"),
        level=join_request.level,
        country=join_request.country,
        region=join_request.region,
        population_band=join_request.population_band,
        website=join_request.website,
    )
    authority.full_clean()
    authority.save()
    return authority


def _lock_pending(join_request: JoinRequest, by: User) -> JoinRequest:
    _require(by, permissions.JOIN_REQUEST_REVIEW, join_request)
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    # Two coordinators deciding at once: the second one sees the first one's decision.
    _require(by, permissions.JOIN_REQUEST_REVIEW, locked)
    return locked


@transaction.atomic
def join_request_approve(
    *, join_request: JoinRequest, by: User, authority: LocalAuthority | None = None
) -> Invitation:
    """Approve an application: the authority becomes a member (created, or ``authority`` /
    an existing one of the same name and country is linked), and the contact person is
    emailed, in their language, an invitation to become its focal point."""
    join_request = _lock_pending(join_request, by)
    authority = authority or _authority_for(join_request)
    if not authority.is_member:
        authority.is_member = True
        authority.joined_at = timezone.now()
        authority.save(update_fields=["is_member", "joined_at", "updated_at"])

    join_request.status = JoinRequest.Status.APPROVED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.local_authority = authority
    join_request.full_clean()
    join_request.save()

    invitation, token = _invitation_make(
        email=join_request.contact_email,
        organisation=authority,
        role=Role.OFFICIAL,
        make_focal_point=True,
        position=join_request.contact_position,
        language=join_request.preferred_language,
        invited_by=by,
        join_request=join_request,
    )
    email_send(
        to=join_request.contact_email,
        template_prefix="network/emails/join_request_approved",
        context={
            "contact_name": join_request.contact_name,
            "authority_name": authority.name,
            "accept_url": _accept_url(invitation, token),
            "ttl_days": settings.INVITATION_TTL_DAYS,
        },
        language=join_request.preferred_language,
    )
    return invitation


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, by: User, reason: str) -> JoinRequest:
    """Decline an application with a reason, which is emailed to the contact person."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"decision_reason": _("Please give a reason for declining.")})
    join_request = _lock_pending(join_request, by)
    join_request.status = JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.decision_reason = reason
    join_request.full_clean()
    join_request.save()
    email_send(
        to=join_request.contact_email,
        template_prefix="network/emails/join_request_declined",
        context={
            "contact_name": join_request.contact_name,
            "authority_name": join_request.authority_name,
            "reason": reason,
        },
        language=join_request.preferred_language,
    )
    return join_request


# --- Invitations -----------------------------------------------------------------------------
def invitation_roles(*, user: User, organisation: Organisation | None = None) -> list[str]:
    """The roles ``user`` may grant through an invitation (to ``organisation``)."""
    if permissions.acting_as(user, Role.COORDINATOR):
        roles = list(Role.values)
    else:
        roles = [Role.OFFICIAL, Role.PARTNER, Role.MEMBER]
    if organisation is not None:
        unfit = Role.PARTNER if isinstance(organisation, LocalAuthority) else Role.OFFICIAL
        roles = [role for role in roles if role != unfit]
    return roles


def _accept_url(invitation: Invitation, token: str) -> str:
    with translation.override(invitation.language):
        return absolute_url(reverse("network:invitation_accept", kwargs={"token": token}))


def _invitation_make(
    *,
    email: str,
    organisation: Organisation,
    role: str,
    make_focal_point: bool,
    position: str,
    language: str,
    invited_by: User | None,
    join_request: JoinRequest | None = None,
) -> tuple[Invitation, str]:
    is_authority = isinstance(organisation, LocalAuthority)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email.strip().lower(),
        local_authority=organisation if is_authority else None,
        partner=None if is_authority else organisation,
        role=role,
        make_focal_point=make_focal_point,
        position=position,
        language=language,
        invited_by=invited_by,
        join_request=join_request,
        token_hash=invitation_token_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    return invitation, token


@transaction.atomic
def invitation_send(
    *,
    invited_by: User,
    email: str,
    organisation: Organisation,
    role: str = Role.OFFICIAL,
    position: str = "",
    language: str = "",
) -> Invitation:
    """Invite a colleague to ``organisation`` by email; they get a single-use link."""
    _require(invited_by, permissions.INVITATION_SEND, organisation)
    email = email.strip().lower()
    if role not in invitation_roles(user=invited_by, organisation=organisation):
        raise ValidationError({"role": _("You may not grant this role to this organisation.")})
    is_authority = isinstance(organisation, LocalAuthority)
    org_filter = {"local_authority": organisation} if is_authority else {"partner": organisation}
    if Membership.objects.filter(user__email__iexact=email, **org_filter).exists():
        raise ValidationError(
            {
                "email": _("This person is already part of %(organisation)s.")
                % {"organisation": organisation}
            }
        )
    pending = Invitation.objects.filter(
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        **org_filter,
    )
    if pending.exists():
        raise ValidationError(
            {
                "email": _("This person already has a pending invitation to %(organisation)s.")
                % {"organisation": organisation}
            }
        )
    invitation, token = _invitation_make(
        email=email,
        organisation=organisation,
        role=role,
        make_focal_point=False,
        position=position,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        invited_by=invited_by,
    )
    email_send(
        to=invitation.email,
        template_prefix="network/emails/invitation",
        context={
            "inviter_name": str(invited_by),
            "organisation_name": str(organisation),
            "role_code": role,
            "accept_url": _accept_url(invitation, token),
            "ttl_days": settings.INVITATION_TTL_DAYS,
        },
        language=invitation.language,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Use an invitation link: ``user`` joins the organisation and gets the invited role.

    Raises ``InvitationUnusable`` (with the invitation's state, or "unknown") when the link
    cannot be used.
    """
    found = invitation_get_by_token(token=token)
    if found is None:
        raise InvitationUnusable("unknown")
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.state != Invitation.State.PENDING:
        raise InvitationUnusable(invitation.state)
    _require(user, permissions.INVITATION_ACCEPT, invitation)

    membership = membership_add(
        user=user,
        organisation=invitation.organisation,
        position=invitation.position,
        is_focal_point=invitation.make_focal_point,
    )
    role_assign(user=user, role=invitation.role)
    if invitation.position and not user.position:
        user.position = invitation.position
        user.save(update_fields=["position", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])

    if invitation.invited_by_id and invitation.invited_by_id != user.pk:
        notification_send(
            recipients=[invitation.invited_by],
            kind="invitation_accepted",
            event_key=f"invitation:{invitation.pk}:accepted",
            context={
                "invitee_name": str(user),
                "organisation_name": str(invitation.organisation),
            },
            url=absolute_url(reverse("network:invitation_list")),
        )
    return membership


def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw a pending invitation: its link stops working at once."""
    _require(by, permissions.INVITATION_REVOKE, invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


# --- Profiles and accounts -------------------------------------------------------------------
# One checkbox per field of the member directory (signed-in members only): shown or not.
DIRECTORY_SHOW_FIELDS = (
    "directory_show_position",
    "directory_show_organisation",
    "directory_show_country",
    "directory_show_languages",
    "directory_show_themes",
    "directory_show_photo",
    "directory_show_email",
)
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "photo",
    "position",
    "languages_spoken",
    "other_languages",
    "preferred_language",
    "time_zone",
    "listed_in_directory",
    "themes",
    *DIRECTORY_SHOW_FIELDS,
)


def profile_update(*, user: User, by: User, changes: dict) -> User:
    """Change the person's own profile fields (only those in ``PROFILE_FIELDS``)."""
    _require(by, permissions.PROFILE_EDIT, user)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    # Read from the database: a bound form may already have changed the instance in memory.
    old_photo = User.objects.filter(pk=user.pk).values_list("photo", flat=True).first() or ""
    for name, value in changes.items():
        # save_form_data understands a cleared file (False) and an untouched one (None).
        User._meta.get_field(name).save_form_data(user, value)
    user.full_clean()
    user.save()
    new_photo = user.photo.name if user.photo else ""
    if old_photo and old_photo != new_photo:
        storage = user.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return user


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a person's account and everything that is theirs alone.

    Records the network still needs (a join request they sent for their authority, an
    invitation they accepted) are kept but stripped of the person's details. Other apps' rows
    go with the user through their foreign keys (CASCADE, or SET_NULL where the content
    belongs to the network).
    """
    JoinRequest.objects.filter(contact_email__iexact=user.email).update(
        contact_name=_("Deleted person"),
        contact_email=f"deleted-{user.pk}@deleted.invalid",
        contact_position="",
        message="",
        updated_at=timezone.now(),
    )
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    # Used invitations stay in their organisation's list, without the address they went to.
    Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)).update(
        email=f"deleted-{user.pk}@deleted.invalid", position="", updated_at=timezone.now()
    )
    # Emails sent to the address before it had an account (an invitation, a join request's
    # answer); those sent to the account go with it.
    EmailDelivery.objects.filter(to_address__iexact=user.email).delete()
    photo = user.photo.name if user.photo else ""
    storage = user.photo.storage
    user.delete()
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))
