"""Invitations in a person's personal data: the invitations addressed to them by name (named
respondents) and the invitation emails sent to their address, in the export; both forgotten
when their account is deleted (the invitation itself stays: it is their authority's).

An invitation's emails to an authority's focal points are also listed by the notifications
section of the export (``EmailDelivery`` rows to the address), until they are deleted with the
account."""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from network import personal_data
from network.personal_data import iso_or_none

from .models import Invitation, InvitationEmail


@personal_data.register("assessment_invitations")
def invitations_export(user) -> dict:
    address = (user.email or "").strip().lower()
    if not address:
        return {"assessment_invitations": [], "assessment_invitation_emails": []}
    return {
        "assessment_invitations": [
            {
                "assessment": invitation.assessment.slug,
                "local_authority": invitation.local_authority.name,
                "respondent_name": invitation.respondent_name,
                "respondent_email": invitation.respondent_email,
                "language": invitation.language,
                "due_date": invitation.due_date.isoformat(),
                "sent_at": iso_or_none(invitation.sent_at),
                "revoked_at": iso_or_none(invitation.revoked_at),
            }
            for invitation in Invitation.objects.filter(respondent_email__iexact=address)
            .select_related("assessment", "local_authority")
            .order_by("created_at", "pk")
        ],
        "assessment_invitation_emails": [
            {
                "assessment": email.invitation.assessment.slug,
                "local_authority": email.invitation.local_authority.name,
                "kind": email.kind,
                "address": email.address,
                "queued_at": iso_or_none(email.created_at),
            }
            for email in InvitationEmail.objects.filter(address=address)
            .select_related("invitation__assessment", "invitation__local_authority")
            .order_by("created_at", "pk")
        ],
    }


def forgotten_address(user) -> str:
    return f"deleted-{user.pk}@deleted.invalid"


@receiver(
    pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="assessments_invitations_forget"
)
def _account_deleted(sender, instance, **kwargs) -> None:
    """Before an account goes, its address leaves the invitations' records: the emails sent
    to it and the invitations naming it as respondent keep their place (the authority's
    follow-up counts them) without the person's name or address."""
    address = (instance.email or "").strip().lower()
    if not address:
        return
    placeholder = forgotten_address(instance)
    InvitationEmail.objects.filter(address=address).update(address=placeholder)
    Invitation.objects.filter(respondent_email__iexact=address).update(
        respondent_email=placeholder, respondent_name=""
    )
