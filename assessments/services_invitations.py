"""Writing assessments and their invitations: creating and editing an assessment, inviting
local authorities (one invitation per authority, plus named respondents), emailing the
invitations, sending them again, renewing a link, extending a due date, revoking, and the
scheduled reminders.

Every coordinator's action is decided by ``network.permissions.decide`` first
(``PermissionDenied`` with the translated reason otherwise); the sends that beat and the workers
run (``invitations_send``, ``reminders_send_due``) act for nobody.

Emails go through ``notifications.services.email_send`` (addresses may have no account), in the
invitation's language, each with a key naming the invitation, the send and the address: a
"send" repeated (a double click, a retried task, two workers) finds its key and sends nothing
more. Each email queued is recorded as an ``InvitationEmail``, which is what makes a bounce from
its address count against the invitation (``selectors_invitations``).
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from network.models import LocalAuthority, User
from network.permissions import decide
from network.roles import Role
from network.selectors import user_has_role
from notifications.services import email_send

from . import permissions
from .models import (
    LANGUAGE_CODES,
    Assessment,
    Invitation,
    InvitationEmail,
    QuestionnaireVersion,
    localised,
)
from .selectors_invitations import (
    focal_points_of,
    invitation_addresses,
    invitation_language_default,
    invitation_link,
    invitations_due_reminder,
)
from .tokens import nonce_new

TITLE_MAX = 200
# Addresses of the back office that an assessment's slug would hide.
RESERVED_SLUGS = frozenset({"new"})
TEMPLATES = {
    InvitationEmail.Kind.INVITATION: "assessments/email/invitation",
    InvitationEmail.Kind.RESENT: "assessments/email/invitation",
    InvitationEmail.Kind.NEW_LINK: "assessments/email/invitation",
    InvitationEmail.Kind.REMINDER: "assessments/email/reminder",
}


def _refuse_unless(user: User, action: str, obj=None) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


# -- Assessments -------------------------------------------------------------------------------


@dataclass
class AssessmentData:
    """What the assessment form gives: a title per language, and the settings."""

    title: dict[str, str]
    slug: str
    version: QuestionnaireVersion
    due_date: date
    reminder_max_count: int
    reminder_interval_days: int
    status: str
    researchers: list[User] = field(default_factory=list)


def _assessment_check(*, data: AssessmentData, assessment: Assessment | None) -> dict:
    errors: dict[str, str] = {}
    title = {code: (data.title.get(code) or "").strip()[:TITLE_MAX] for code in LANGUAGE_CODES}
    title = {code: text for code, text in title.items() if text}
    if not title:
        errors["title_en"] = _("Give the assessment a title in at least one language.")
    version_changed = assessment is None or assessment.version_id != data.version.pk
    if version_changed and data.version.status != QuestionnaireVersion.Status.PUBLISHED:
        errors["version"] = _("Only a published questionnaire version can be sent.")
    if data.reminder_interval_days < 1:
        errors["reminder_interval_days"] = _("Leave at least one day between reminders.")
    if data.status not in Assessment.Status.values:
        errors["status"] = _("Choose a status.")
    not_researchers = [
        user for user in data.researchers if not user_has_role(user=user, role=Role.RESEARCHER)
    ]
    if not_researchers:
        errors["researchers"] = _("Only people with the researcher role can be named.")
    same_slug = Assessment.objects.filter(slug=data.slug)
    if assessment is not None:
        same_slug = same_slug.exclude(pk=assessment.pk)
    if data.slug in RESERVED_SLUGS or same_slug.exists():
        errors["slug"] = _("Another assessment has this address; choose another one.")
    if errors:
        raise ValidationError(errors)
    return title


def assessment_save(
    *, by: User, data: AssessmentData, assessment: Assessment | None = None
) -> Assessment:
    """Create an assessment (``assessment`` None) or change one. Only a published version may
    be chosen (an assessment already sending one keeps it). Changing the due date moves it for
    the invitations that still had the previous one; those extended one by one
    (``invitation_extend``) keep theirs."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, assessment)
    title = _assessment_check(data=data, assessment=assessment)
    previous_due_date = None
    if assessment is None:
        assessment = Assessment(created_by=by)
    else:
        previous_due_date = assessment.due_date
    assessment.title = title
    assessment.slug = data.slug
    assessment.version = data.version
    assessment.due_date = data.due_date
    assessment.reminder_max_count = data.reminder_max_count
    assessment.reminder_interval_days = data.reminder_interval_days
    assessment.status = data.status
    assessment.full_clean()
    with transaction.atomic():
        assessment.save()
        assessment.researchers.set(data.researchers)
        if previous_due_date is not None and previous_due_date != assessment.due_date:
            assessment.invitations.filter(due_date=previous_due_date).update(
                due_date=assessment.due_date
            )
    return assessment


# -- Making invitations --------------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationsMade:
    created: list[Invitation]
    skipped: int


def _assessment_locked(assessment: Assessment) -> Assessment:
    # Serialises the invitations made for one assessment (two coordinators at once).
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def _refuse_closed(assessment: Assessment) -> None:
    if assessment.status == Assessment.Status.CLOSED:
        raise ValidationError(_("This assessment is closed: it takes no more invitations."))


def invitations_create(
    *, by: User, assessment: Assessment, authorities: Iterable[LocalAuthority]
) -> InvitationsMade:
    """One invitation per authority in ``authorities`` that has none for ``assessment`` yet
    (the others are skipped and counted), due on the assessment's due date, in the language
    ``selectors_invitations.invitation_language_default`` gives. Nothing is emailed here
    (``invitations_send_request``)."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, assessment)
    _refuse_closed(assessment)
    wanted = list({authority.pk: authority for authority in authorities}.values())
    with transaction.atomic():
        assessment = _assessment_locked(assessment)
        invited = set(
            Invitation.objects.filter(
                assessment=assessment,
                respondent_email="",
                local_authority__in=wanted,
            ).values_list("local_authority_id", flat=True)
        )
        fresh = [authority for authority in wanted if authority.pk not in invited]
        focal = focal_points_of(authorities=fresh)
        invitations = []
        for authority in fresh:
            nonce, digest = nonce_new()
            invitations.append(
                Invitation(
                    assessment=assessment,
                    local_authority=authority,
                    language=invitation_language_default(
                        authority=authority, focal_points=focal[authority.pk]
                    ),
                    token_nonce=nonce,
                    token_hash=digest,
                    due_date=assessment.due_date,
                )
            )
        created = Invitation.objects.bulk_create(invitations)
    return InvitationsMade(created=created, skipped=len(wanted) - len(fresh))


def invitation_respondent_add(
    *,
    by: User,
    assessment: Assessment,
    authority: LocalAuthority,
    name: str,
    email: str,
    language: str,
) -> Invitation:
    """An invitation for a named respondent of ``authority`` (their own link, emailed to them
    only). The same address twice for one authority is refused."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, assessment)
    _refuse_closed(assessment)
    email = email.strip().lower()
    name = " ".join(name.split())
    errors = {}
    if not name:
        errors["name"] = _("Give the respondent's name.")
    if not email:
        errors["email"] = _("Give the respondent's email address.")
    if language not in LANGUAGE_CODES:
        errors["language"] = _("Choose one of the four languages.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = _assessment_locked(assessment)
        if Invitation.objects.filter(
            assessment=assessment, local_authority=authority, respondent_email=email
        ).exists():
            raise ValidationError(
                {"email": _("This person is already invited for this authority.")}
            )
        nonce, digest = nonce_new()
        invitation = Invitation(
            assessment=assessment,
            local_authority=authority,
            respondent_name=name,
            respondent_email=email,
            language=language,
            token_nonce=nonce,
            token_hash=digest,
            due_date=assessment.due_date,
        )
        invitation.full_clean(exclude=["token_nonce", "token_hash"])
        invitation.save()
    return invitation


# -- Emails ------------------------------------------------------------------------------------


def _address_key(address: str) -> str:
    return hashlib.sha256(address.encode()).hexdigest()[:16]


def invitation_email_context(*, invitation: Invitation, kind: str) -> dict:
    """What an invitation's email says, in the invitation's language: the assessment's title,
    the authority, the respondent's name, the due date and the answering link."""
    assessment = invitation.assessment
    language = invitation.language
    with translation.override(language):
        due_date = formats.date_format(invitation.due_date, "DATE_FORMAT")
    title = localised(
        assessment.title, language=language, source=assessment.version.source_language
    )
    return {
        "kind": kind,
        "assessment_title": title.text or assessment.slug,
        "authority_name": invitation.local_authority.name,
        "respondent_name": invitation.respondent_name,
        "due_date": due_date,
        "answer_url": invitation_link(invitation=invitation),
        "reminder_number": invitation.reminder_count,
    }


def _emails_queue(*, invitation: Invitation, kind: str, event: str) -> int:
    """Queue ``invitation``'s email of ``kind`` to each of its addresses, once per ``event``
    (its key); returns how many addresses it goes to (0: nobody to send it to)."""
    addresses = invitation_addresses(invitation=invitation)
    if not addresses:
        return 0
    context = invitation_email_context(invitation=invitation, kind=kind)
    for address in addresses:
        delivery = email_send(
            to=address,
            template_prefix=TEMPLATES[kind],
            context=context,
            language=invitation.language,
            key=f"assessments-invitation:{invitation.pk}:{event}:{_address_key(address)}",
        )
        InvitationEmail.objects.get_or_create(
            invitation=invitation,
            delivery=delivery,
            defaults={"kind": kind, "address": address},
        )
    return len(addresses)


def _invitation_locked(invitation_id: int) -> Invitation | None:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("assessment__version", "local_authority")
        .filter(pk=invitation_id)
        .first()
    )


def invitation_send(*, invitation_id: int) -> int:
    """Email an invitation not sent yet (its assessment open, not revoked) and record
    ``sent_at``; returns to how many addresses (0 when there was nothing to do or nobody to
    send it to: an authority without a focal point stays "not sent"). Safe to run twice."""
    with transaction.atomic():
        invitation = _invitation_locked(invitation_id)
        if (
            invitation is None
            or invitation.sent_at is not None
            or invitation.revoked_at is not None
            or invitation.assessment.status != Assessment.Status.OPEN
        ):
            return 0
        queued = _emails_queue(
            invitation=invitation, kind=InvitationEmail.Kind.INVITATION, event="invitation"
        )
        if queued:
            invitation.sent_at = timezone.now()
            invitation.save(update_fields=["sent_at"])
    return queued


def invitations_unsent(*, assessment: Assessment):
    return Invitation.objects.filter(
        assessment=assessment, sent_at__isnull=True, revoked_at__isnull=True
    ).order_by("pk")


def invitations_send(*, assessment_id: int) -> int:
    """Email every invitation of the assessment that was not sent yet (the task); returns how
    many invitations went out."""
    assessment = Assessment.objects.filter(pk=assessment_id).first()
    if assessment is None:
        return 0
    ids = list(invitations_unsent(assessment=assessment).values_list("pk", flat=True))
    return sum(1 for invitation_id in ids if invitation_send(invitation_id=invitation_id))


def invitations_send_request(*, by: User, assessment: Assessment) -> int:
    """Have the invitations not sent yet emailed, by a worker after the commit; returns how
    many are waiting. The assessment must be open."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, assessment)
    if assessment.status != Assessment.Status.OPEN:
        raise ValidationError(
            _("Open the assessment first: invitations go out only while it is open.")
        )
    waiting = invitations_unsent(assessment=assessment).count()
    if waiting:
        from .tasks import invitations_send_task

        transaction.on_commit(lambda: invitations_send_task.delay(assessment.pk))
    return waiting


def sent_stamp(invitation: Invitation) -> str:
    """Names the invitation's last send, for the "send again" button: two clicks on one page
    are one send."""
    return str(int(invitation.sent_at.timestamp() * 1_000_000)) if invitation.sent_at else ""


def invitation_resend(*, by: User, invitation: Invitation, stamp: str) -> int:
    """Email the invitation again, with the same link, to its current addresses; ``stamp`` is
    ``sent_stamp`` as the coordinator's page showed it: when the invitation was sent again
    since (the same click twice, another coordinator), nothing more is sent. Returns to how
    many addresses it went."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, invitation.assessment)
    with transaction.atomic():
        locked = _invitation_locked(invitation.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("This invitation is revoked: it cannot be sent."))
        if locked.assessment.status != Assessment.Status.OPEN:
            raise ValidationError(
                _("Open the assessment first: invitations go out only while it is open.")
            )
        if sent_stamp(locked) != stamp:
            return 0
        kind = InvitationEmail.Kind.RESENT if locked.sent_at else InvitationEmail.Kind.INVITATION
        event = f"resent-{stamp}" if stamp else "invitation"
        queued = _emails_queue(invitation=locked, kind=kind, event=event)
        if not queued:
            raise ValidationError(
                _("Nobody to send it to: the authority has no focal point with an email address.")
            )
        locked.sent_at = timezone.now()
        locked.save(update_fields=["sent_at"])
    return queued


def invitation_link_renew(*, by: User, invitation: Invitation, stamp: str) -> bool:
    """Give the invitation a new link (the old one stops working at once) and, if it had been
    sent, email the new one. ``stamp`` is the start of the token digest the confirmation page
    showed: a second click renews nothing more. Returns whether the link changed."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, invitation.assessment)
    with transaction.atomic():
        locked = _invitation_locked(invitation.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("This invitation is revoked: it has no link."))
        if locked.token_hash[:16] != stamp:
            return False
        locked.token_nonce, locked.token_hash = nonce_new()
        locked.save(update_fields=["token_nonce", "token_hash"])
        if locked.sent_at is not None and locked.assessment.status == Assessment.Status.OPEN:
            queued = _emails_queue(
                invitation=locked,
                kind=InvitationEmail.Kind.NEW_LINK,
                event=f"link-{locked.token_hash[:16]}",
            )
            if queued:
                locked.sent_at = timezone.now()
                locked.save(update_fields=["sent_at"])
    invitation.token_nonce, invitation.token_hash = locked.token_nonce, locked.token_hash
    return True


def invitation_extend(*, by: User, invitation: Invitation, due_date: date) -> Invitation:
    """Give the invitation a new due date (today or later)."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, invitation.assessment)
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("Choose today or a later date.")})
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation is revoked."))
    Invitation.objects.filter(pk=invitation.pk).update(due_date=due_date)
    invitation.due_date = due_date
    return invitation


def invitation_revoke(*, by: User, invitation: Invitation) -> Invitation:
    """Revoke the invitation: its link opens nothing any more, no reminder goes out. What was
    answered stays."""
    _refuse_unless(by, permissions.ASSESSMENT_MANAGE, invitation.assessment)
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(revoked_at=now)
    invitation.refresh_from_db(fields=["revoked_at"])
    return invitation


# -- Reminders (beat) --------------------------------------------------------------------------


def invitation_remind(*, invitation_id: int, now: datetime | None = None) -> int:
    """Send the invitation its next reminder if one is still due (``selectors_invitations.
    invitations_due_reminder``, checked again under the invitation's row lock) and count it;
    returns to how many addresses it went. Two workers on the same invitation send one: the
    second waits for the lock, then finds it reminded; the count is raised by a conditional
    UPDATE and the email's key names the reminder's number."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = _invitation_locked(invitation_id)
        if invitation is None:
            return 0
        if not invitations_due_reminder(now=now, ids=[invitation_id]).exists():
            return 0
        if not invitation_addresses(invitation=invitation):
            return 0
        number = invitation.reminder_count + 1
        counted = Invitation.objects.filter(
            pk=invitation.pk, reminder_count=invitation.reminder_count
        ).update(reminder_count=number, reminded_at=now)
        if not counted:
            return 0
        invitation.reminder_count, invitation.reminded_at = number, now
        return _emails_queue(
            invitation=invitation, kind=InvitationEmail.Kind.REMINDER, event=f"reminder-{number}"
        )


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Send every reminder due now (beat, daily); returns how many invitations were reminded."""
    now = now or timezone.now()
    ids = list(invitations_due_reminder(now=now).values_list("pk", flat=True))
    return sum(
        1 for invitation_id in ids if invitation_remind(invitation_id=invitation_id, now=now)
    )
