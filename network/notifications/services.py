"""Writes for notifications. Every app notifies people only through ``notification_send`` (an
in-app notification, emailed per the recipient's preferences) and ``email_send`` (an email to an
address that may have no account yet).

Emails always leave through Celery tasks enqueued with ``transaction.on_commit``; the task finds
an ``EmailDelivery`` row by its unique key, locks it, and sends nothing if it is already sent.
"""

import datetime
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.template.loader import get_template
from django.utils import timezone

from . import selectors
from .emails import RenderedEmail, email_render, email_send_now
from .kinds import DIGEST_FREQUENCIES, Frequency, kind_get
from .models import EmailDelivery, Notification, NotificationPreference
from .rendering import digest_render_email, notification_render_email, unsubscribe_url

MAX_ERROR_LENGTH = 2000


# -- Sending ----------------------------------------------------------------------------------


def _language_or_default(language: str) -> str:
    codes = {code for code, _ in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def _can_receive_email(user) -> bool:
    return bool(user.is_active and user.email)


def notification_send(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: str,
    event_key: str,
    context: dict,
    url: str = "",
) -> list[Notification]:
    """Store one notification per recipient for an event and arrange its email.

    Idempotent per (recipient, kind, event_key): sending the same event again returns the
    existing notifications and emails nobody a second time. People whose preference for
    ``kind`` is "immediately" get an email enqueued after the transaction commits; "daily" and
    "weekly" wait for the next digest; "off" gets only the in-app notification.
    Raises ``ValueError`` for a kind nobody registered.
    """
    kind_get(kind)
    if not isinstance(context, dict):
        raise ValueError("A notification's context must be a dict.")
    people = list({user.pk: user for user in recipients}.values())
    frequencies = selectors.preference_frequency_by_user(
        user_ids=[user.pk for user in people], kind=kind
    )
    notifications = []
    for user in people:
        frequency = frequencies[user.pk]
        emailed = _can_receive_email(user) and frequency != Frequency.OFF
        notification, created = _notification_get_or_create(
            recipient=user,
            kind=kind,
            event_key=event_key,
            defaults={
                "context": context,
                "url": url,
                "email_pending": emailed and frequency in DIGEST_FREQUENCIES,
            },
        )
        notifications.append(notification)
        if created and emailed and frequency == Frequency.IMMEDIATELY:
            _notification_email_enqueue(notification)
    return notifications


def _notification_get_or_create(**kwargs) -> tuple[Notification, bool]:
    # A savepoint, so that losing a race to a concurrent identical event leaves the caller's
    # transaction usable.
    try:
        with transaction.atomic():
            return Notification.objects.get_or_create(**kwargs)
    except IntegrityError:
        lookup = {key: value for key, value in kwargs.items() if key != "defaults"}
        return Notification.objects.get(**lookup), False


def _notification_email_enqueue(notification: Notification) -> None:
    from .tasks import notification_deliver_email

    delivery = EmailDelivery.objects.create(
        key=f"notification:{notification.pk}", recipient=notification.recipient
    )
    notification.delivery = delivery
    notification.save(update_fields=["delivery"])
    notification_id = notification.pk
    transaction.on_commit(lambda: notification_deliver_email.delay(notification_id))


def email_send(
    *, to: str, template_prefix: str, context: dict, language: str, key: str = ""
) -> EmailDelivery:
    """Email an address (which may have no account) from ``template_prefix`` (see
    ``emails.py``), in ``language``, after the transaction commits.

    Pass a ``key`` naming the event (e.g. ``"join-request-approved:42"``) to make the call
    idempotent: a second call with the same key sends nothing. Missing templates fail here,
    in the caller, rather than later in a worker.
    """
    get_template(f"{template_prefix}_subject.txt")
    delivery, created = EmailDelivery.objects.get_or_create(
        key=key or f"direct:{uuid.uuid4().hex}",
        defaults={
            "to_address": to,
            "template_prefix": template_prefix,
            "context": context,
            "language": _language_or_default(language),
        },
    )
    if created:
        from .tasks import email_deliver

        delivery_id = delivery.pk
        transaction.on_commit(lambda: email_deliver.delay(delivery_id))
    return delivery


# -- Delivering (called by the tasks) ---------------------------------------------------------


def _delivery_attempt(
    delivery: EmailDelivery, *, to: str, build: Callable[[], tuple[RenderedEmail, dict]]
) -> Exception | None:
    """Render and send one locked delivery, recording the outcome on the row. Returns the
    error instead of raising it, so the outcome is saved before the task decides to retry."""
    delivery.attempts += 1
    try:
        rendered, headers = build()
        email_send_now(to=to, rendered=rendered, headers=headers)
    except Exception as exc:
        delivery.status = EmailDelivery.Status.FAILED
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH]
        delivery.save(update_fields=["attempts", "status", "last_error", "updated_at"])
        return exc
    delivery.status = EmailDelivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.last_error = ""
    delivery.save(update_fields=["attempts", "status", "sent_at", "last_error", "updated_at"])
    return None


def _list_headers(*, user_id: int, kinds: list[str], language: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user_id=user_id, kinds=kinds, language=language)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": language,
    }


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send the email for one notification unless it was already sent. Returns whether an
    email went out; raises the sending error (after recording it) so the task can retry."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or not _can_receive_email(notification.recipient):
        return False
    recipient = notification.recipient
    language = _language_or_default(recipient.preferred_language)

    def build() -> tuple[RenderedEmail, dict]:
        rendered = notification_render_email(notification=notification, language=language)
        headers = _list_headers(user_id=recipient.pk, kinds=[notification.kind], language=language)
        return rendered, headers

    with transaction.atomic():
        delivery, _ = EmailDelivery.objects.get_or_create(
            key=f"notification:{notification.pk}", defaults={"recipient": recipient}
        )
        delivery = EmailDelivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status == EmailDelivery.Status.SENT:
            return False
        if notification.delivery_id != delivery.pk:
            notification.delivery = delivery
            notification.save(update_fields=["delivery"])
        error = _delivery_attempt(delivery, to=recipient.email, build=build)
    if error is not None:
        raise error
    return True


def email_deliver(*, delivery_id: int) -> bool:
    """Send one direct email (see ``email_send``) unless it was already sent."""
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status == EmailDelivery.Status.SENT:
            return False

        def build() -> tuple[RenderedEmail, dict]:
            rendered = email_render(
                template_prefix=delivery.template_prefix,
                context=delivery.context,
                language=delivery.language,
            )
            return rendered, {"Content-Language": delivery.language}

        error = _delivery_attempt(delivery, to=delivery.to_address, build=build)
        if error is None:
            # Direct emails often carry secrets (invitation links); keep them no longer than
            # needed to send.
            delivery.context = {}
            delivery.save(update_fields=["context", "updated_at"])
    if error is not None:
        raise error
    return True


def digest_period(*, frequency: str, moment: datetime.datetime | None = None) -> str:
    """The period a digest run belongs to: a date for daily, an ISO week for weekly. One
    person gets at most one digest per period."""
    day = timezone.localdate(moment or timezone.now())
    if frequency == Frequency.DAILY:
        return day.isoformat()
    if frequency == Frequency.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    raise ValueError(f"No digest for frequency {frequency!r}.")


def digest_prepare(*, frequency: str) -> list[int]:
    """Drop pending digest items whose kind the person has since turned off, and return the
    ids of the people who have something new for a ``frequency`` digest."""
    if frequency not in DIGEST_FREQUENCIES:
        raise ValueError(f"No digest for frequency {frequency!r}.")
    for user_id, kinds in selectors.digest_muted_kinds().items():
        Notification.objects.filter(
            recipient_id=user_id, kind__in=kinds, email_pending=True
        ).update(email_pending=False)
    return selectors.digest_recipients(frequency=frequency)


def digest_deliver(*, user_id: int, frequency: str, period: str) -> bool:
    """Send one person's digest for a period: every pending notification that belongs in it,
    in one email, in their language. Nothing new means no email; a digest already sent for
    the period is never sent again."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not _can_receive_email(user):
        return False
    language = _language_or_default(user.preferred_language)
    with transaction.atomic():
        delivery, _ = EmailDelivery.objects.get_or_create(
            key=f"digest:{frequency}:{period}:{user_id}", defaults={"recipient": user}
        )
        delivery = EmailDelivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status == EmailDelivery.Status.SENT:
            return False
        selectors.digest_new_notifications(user=user, frequency=frequency).update(
            email_pending=False, delivery=delivery
        )
        # Items from an earlier failed attempt for this period stay attached and go out now.
        items = list(delivery.notifications.order_by("created_at", "id"))
        if not items:
            delivery.delete()
            return False

        def build() -> tuple[RenderedEmail, dict]:
            rendered = digest_render_email(
                user=user, notifications=items, frequency=frequency, language=language
            )
            kinds = sorted({item.kind for item in items})
            return rendered, _list_headers(user_id=user.pk, kinds=kinds, language=language)

        error = _delivery_attempt(delivery, to=user.email, build=build)
    if error is not None:
        raise error
    return True


# -- Reading and preferences ------------------------------------------------------------------


def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the person's own notifications read. Someone else's id raises
    ``Notification.DoesNotExist``, exactly like a missing one."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user) -> int:
    """Mark all the person's unread notifications read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preference_set(*, user, kind: str, frequency: str) -> NotificationPreference:
    """Choose how often ``user`` is emailed about ``kind``."""
    kind_get(kind)
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    if preference is None:
        preference = NotificationPreference(user=user, kind=kind)
    if preference.pk and preference.frequency == frequency:
        return preference
    preference.frequency = frequency
    preference.full_clean(validate_unique=False)
    preference.save()
    return preference


def unsubscribe(*, user, kind: str) -> NotificationPreference:
    """Stop emailing ``user`` about ``kind`` (they still see it on the site)."""
    return preference_set(user=user, kind=kind, frequency=Frequency.OFF)
