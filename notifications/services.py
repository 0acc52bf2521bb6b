"""Writes for notifications. Every app notifies people only through ``notification_send`` (an
in-app notification, emailed per the recipient's preferences) and ``email_send`` (an email to an
address that may have no account yet).

The ``EmailDelivery`` rows are the outbox. Each email is a row, written in the caller's
transaction, before any broker message names it; after the commit one task message per row is
published (``deliveries_publish``), and a broker that is down only leaves the row queued: the
user's request never fails for it. The states:

- ``queued``: waiting to be sent, not before ``next_attempt_at``. ``enqueued_at`` is when a task
  message was last published for it (empty when publishing failed). ``delivery_sweep`` (beat,
  every minute) publishes again any due row with no message published within
  ``NOTIFICATIONS_QUEUED_TIMEOUT``: a lost message (a broker restarted without persistence) costs
  a few minutes, never the email. Duplicate messages are harmless: only one claim succeeds.
- ``sending``: a worker claimed the row (``claimed_at``, ``attempts + 1``, committed) after
  rendering the email and just before talking to the mail server; no database transaction is
  open during the SMTP conversation.
- ``sent``: marked in its own commit as soon as the server accepted the message.
- On an SMTP or network error the row goes back to ``queued`` with an exponential backoff, until
  ``MAX_ATTEMPTS`` claims; then ``failed``. A rendering error fails it at once (a bug, not a
  passing outage). ``cancelled``: nothing to send any more (the person was deactivated, lost
  their address or their notification).

A row still ``sending`` after ``NOTIFICATIONS_SENDING_TIMEOUT`` (longer than the task time limit,
so no live worker can still be in that send) means the worker died mid-send, and nobody knows
whether the server took the email. SMTP cannot be asked, so the sweep does not resend blindly:
it records ``interrupted_at`` (visible in the admin) and sends it again ONCE through the normal
path, with the same deterministic Message-ID (``EmailDelivery.message_id``), so a second copy
is recognisable as the same message. A second interruption of the same email fails it instead
of risking a third copy; the admin shows it with its Message-ID to look up in the mail log.
"""

import datetime
import logging
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.template.loader import get_template
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from . import selectors
from .emails import RenderedEmail, email_message, email_render, issued_fill
from .kinds import DIGEST_FREQUENCIES, Frequency, kind_get
from .models import Bounce, EmailDelivery, Notification, NotificationPreference
from .rendering import digest_render_email, notification_render_email

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000
# Claims of one email before it is given up as failed; the waits between them double from one
# minute up to an hour (1, 2, 4, ... 60 minutes: about four hours in all).
MAX_ATTEMPTS = 8
RETRY_FIRST_WAIT = datetime.timedelta(minutes=1)
RETRY_LONGEST_WAIT = datetime.timedelta(hours=1)
# SMTP and network errors pass; anything else (a template error) would fail again.
RETRYABLE_ERRORS = (OSError,)  # smtplib.SMTPException is an OSError
# Rows one sweep publishes again; the next sweep, a minute later, takes the rest.
SWEEP_BATCH = 1000
# An address with this many hard bounces within the window gets no more email.
BOUNCE_HARD_LIMIT = 3
BOUNCE_WINDOW = datetime.timedelta(days=30)

Status = EmailDelivery.Status


# -- Creating emails --------------------------------------------------------------------------


def _language_or_default(language: str) -> str:
    codes = {code for code, _ in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def _can_receive_email(user, *, bouncing: set[str] | None = None) -> bool:
    """Active, with an address that does not bounce (``bouncing``: the bouncing addresses
    among a batch of people, from ``addresses_bouncing``; looked up when not given)."""
    if not (user.is_active and user.email):
        return False
    if bouncing is None:
        bouncing = addresses_bouncing(addresses=[user.email])
    return user.email.strip().lower() not in bouncing


# -- Bounces ----------------------------------------------------------------------------------


def bounce_record(*, address: str, hard: bool, status: str = "") -> Bounce:
    """Count a failed delivery against ``address`` (reported by a bounce the site received)."""
    address = address.strip().lower()
    bounce = Bounce.objects.create(address=address[:254], hard=hard, status=status[:32])
    if hard and address in addresses_bouncing(addresses=[address]):
        logger.warning("No more email to %s: it bounced permanently too often.", address)
    return bounce


def addresses_bouncing(*, addresses: Iterable[str]) -> set[str]:
    """The addresses among ``addresses`` (lower-cased) that bounced permanently at least
    ``BOUNCE_HARD_LIMIT`` times within ``BOUNCE_WINDOW``: mail to them stops (one query)."""
    wanted = {address.strip().lower() for address in addresses if address}
    if not wanted:
        return set()
    since = timezone.now() - BOUNCE_WINDOW
    counts = (
        Bounce.objects.filter(address__in=wanted, hard=True, received_at__gte=since)
        .values("address")
        .annotate(hard_bounces=Count("id"))
        .filter(hard_bounces__gte=BOUNCE_HARD_LIMIT)
        .values_list("address", flat=True)
    )
    return set(counts)


def notification_send(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: str,
    event_key: str,
    context: dict,
    url: str = "",
    frequencies: dict[int, str] | None = None,
) -> list[Notification]:
    """Store one notification per recipient for an event and arrange its email.

    Idempotent per (recipient, kind, event_key): sending the same event again returns the
    existing notifications and emails nobody a second time. People whose preference for
    ``kind`` is "immediately" get an email row, published to the workers after the transaction
    commits; "daily" and "weekly" wait for the next digest; "off" gets only the in-app
    notification. ``frequencies`` ({user id: frequency}) decides instead of the preference for
    the people it names (a forum category's level chosen by its watcher): it is kept on the
    notification, so the digests route it too. Raises ``ValueError`` for a kind nobody
    registered or an unknown frequency.

    A constant number of queries whatever the number of recipients (callers with thousands send
    in batches): one for the preferences, one for what exists, bulk inserts and one update.
    """
    kind_get(kind)
    if not isinstance(context, dict):
        raise ValueError("A notification's context must be a dict.")
    chosen = {user_id: value for user_id, value in (frequencies or {}).items() if value}
    unknown = set(chosen.values()) - set(Frequency.values)
    if unknown:
        raise ValueError(f"Unknown frequencies {sorted(unknown)!r}.")
    people = list({user.pk: user for user in recipients}.values())
    if not people:
        return []
    bouncing = addresses_bouncing(addresses=[user.email for user in people])
    preferred = selectors.preference_frequency_by_user(
        user_ids=[user.pk for user in people if user.pk not in chosen], kind=kind
    )
    existing = {
        notification.recipient_id: notification
        for notification in Notification.objects.filter(
            kind=kind, event_key=event_key, recipient_id__in=[user.pk for user in people]
        )
    }
    fresh = []
    immediate = set()
    for user in people:
        if user.pk in existing:
            continue
        frequency = chosen.get(user.pk) or preferred[user.pk]
        emailed = _can_receive_email(user, bouncing=bouncing) and frequency != Frequency.OFF
        if emailed and frequency == Frequency.IMMEDIATELY:
            immediate.add(user.pk)
        fresh.append(
            Notification(
                recipient=user,
                kind=kind,
                event_key=event_key,
                context=context,
                url=url,
                email_pending=emailed and frequency in DIGEST_FREQUENCIES,
                email_frequency=chosen.get(user.pk, ""),
            )
        )
    created = _notifications_create(fresh)
    existing.update({notification.recipient_id: notification for notification in created})
    delivery_ids = _notification_deliveries_create(
        [notification for notification in created if notification.recipient_id in immediate]
    )
    _publish_on_commit(delivery_ids)
    return [existing[user.pk] for user in people]


def _notifications_create(fresh: list[Notification]) -> list[Notification]:
    """Insert new notifications at once; the ones actually created (with their ids)."""
    if not fresh:
        return []
    try:
        # A savepoint, so that losing a race to a concurrent identical event leaves the
        # caller's transaction usable; then each row is taken one by one.
        with transaction.atomic():
            created = Notification.objects.bulk_create(fresh)
        if all(notification.pk for notification in created):
            return created
    except IntegrityError:
        pass
    created = []
    for notification in fresh:
        lookup = {
            "recipient": notification.recipient,
            "kind": notification.kind,
            "event_key": notification.event_key,
        }
        defaults = {
            field: getattr(notification, field)
            for field in ("context", "url", "email_pending", "email_frequency")
        }
        stored, was_created = _notification_get_or_create(**lookup, defaults=defaults)
        if was_created:
            created.append(stored)
    return created


def _notification_get_or_create(**kwargs) -> tuple[Notification, bool]:
    try:
        with transaction.atomic():
            return Notification.objects.get_or_create(**kwargs)
    except IntegrityError:
        lookup = {key: value for key, value in kwargs.items() if key != "defaults"}
        return Notification.objects.get(**lookup), False


def _notification_deliveries_create(notifications: list[Notification]) -> list[int]:
    """One email row per notification (the outbox), linked to it; their ids."""
    if not notifications:
        return []
    now = timezone.now()
    deliveries = EmailDelivery.objects.bulk_create(
        [
            EmailDelivery(
                key=f"notification:{notification.pk}",
                kind=EmailDelivery.Kind.NOTIFICATION,
                recipient=notification.recipient,
                enqueued_at=now,
            )
            for notification in notifications
        ]
    )
    if not all(delivery.pk for delivery in deliveries):
        by_key = dict(
            EmailDelivery.objects.filter(
                key__in=[delivery.key for delivery in deliveries]
            ).values_list("key", "pk")
        )
        for delivery in deliveries:
            delivery.pk = by_key[delivery.key]
    for notification, delivery in zip(notifications, deliveries, strict=True):
        notification.delivery = delivery
    Notification.objects.bulk_update(notifications, ["delivery"])
    return [delivery.pk for delivery in deliveries]


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
            "kind": EmailDelivery.Kind.DIRECT,
            "to_address": to,
            "template_prefix": template_prefix,
            "context": context,
            "language": _language_or_default(language),
            "enqueued_at": timezone.now(),
        },
    )
    if created:
        _publish_on_commit([delivery.pk])
    return delivery


# -- Publishing to the workers ----------------------------------------------------------------


def _publish_on_commit(delivery_ids: list[int]) -> None:
    if delivery_ids:
        # robust: whatever goes wrong while publishing, the user's request has committed and
        # must answer normally; the sweep publishes what was left.
        transaction.on_commit(lambda: deliveries_publish(delivery_ids=delivery_ids), robust=True)


def deliveries_publish(*, delivery_ids: list[int]) -> int:
    """Hand one task message per delivery to the broker; returns how many were published.

    A broker that is down fails fast (see CELERY_TASK_PUBLISH_RETRY_POLICY and the transport's
    socket timeouts) and is never raised to the caller: the first failure stops this batch, the
    rest is marked unpublished and ``delivery_sweep`` publishes it once the broker answers."""
    from .tasks import email_deliver

    for index, delivery_id in enumerate(delivery_ids):
        try:
            email_deliver.delay(delivery_id)
        except BrokerError as error:
            unpublished = delivery_ids[index:]
            logger.warning(
                "Broker unavailable (%s): %d email(s) stay queued for the sweep.",
                error,
                len(unpublished),
            )
            EmailDelivery.objects.filter(pk__in=unpublished, status=Status.QUEUED).update(
                enqueued_at=None
            )
            return index
    return len(delivery_ids)


# -- Sending one email (called by the task) ---------------------------------------------------


class NothingToSend(Exception):
    """The email has no one to go to any more."""


@dataclass(frozen=True)
class _Outgoing:
    to: str
    rendered: RenderedEmail
    headers: dict[str, str]
    # The notification of a one-notification email, whose kind may add headers.
    notification: Notification | None = None


def _list_headers(*, rendered: RenderedEmail, language: str) -> dict[str, str]:
    """The headers of a notification or digest email: its unsubscribe link is the one in its
    footer, which covers the kinds of the notifications it tells about."""
    return {
        "List-Unsubscribe": f"<{rendered.unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": language,
    }


def _recipient_or_nothing(delivery: EmailDelivery):
    recipient = delivery.recipient
    if recipient is None or not _can_receive_email(recipient):
        raise NothingToSend("The recipient is inactive or has no email address.")
    return recipient


def _outgoing_build(delivery: EmailDelivery) -> _Outgoing:
    """Render a delivery's email as it will go out (before claiming it, so that a slow or
    failing render is never mistaken for an interrupted send)."""
    if delivery.kind == EmailDelivery.Kind.DIRECT:
        if addresses_bouncing(addresses=[delivery.to_address]):
            raise NothingToSend("The address bounced permanently too often.")
        rendered = email_render(
            template_prefix=delivery.template_prefix,
            context=delivery.context,
            language=delivery.language,
        )
        return _Outgoing(delivery.to_address, rendered, {"Content-Language": delivery.language})
    recipient = _recipient_or_nothing(delivery)
    language = _language_or_default(recipient.preferred_language)
    items = list(delivery.notifications.order_by("created_at", "id"))
    if not items:
        raise NothingToSend("Its notifications were deleted.")
    items = _still_valid(items, recipient)
    if not items:
        raise NothingToSend("What its notifications told of is gone or hidden from the recipient.")
    if delivery.kind == EmailDelivery.Kind.DIGEST:
        rendered = digest_render_email(
            user=recipient,
            notifications=items,
            frequency=delivery.context["frequency"],
            language=language,
        )
    else:
        rendered = notification_render_email(notification=items[0], language=language)
    headers = _list_headers(rendered=rendered, language=language)
    single = items[0] if delivery.kind == EmailDelivery.Kind.NOTIFICATION else None
    return _Outgoing(recipient.email, rendered, headers, single)


def _still_valid(items: list[Notification], recipient) -> list[Notification]:
    """The notifications their kinds still want emailed (``kind_register(still_valid=...)``),
    in their order."""
    by_kind: dict[str, list[Notification]] = {}
    for notification in items:
        by_kind.setdefault(notification.kind, []).append(notification)
    keep = set()
    for code, group in by_kind.items():
        try:
            check = kind_get(code).still_valid
        except ValueError:
            check = None
        keep.update(
            notification.pk for notification in (check(group, recipient) if check else group)
        )
    return [notification for notification in items if notification.pk in keep]


def _kind_headers(outgoing: _Outgoing) -> dict[str, str]:
    """The headers a notification's kind adds (``kind_register(email_headers=...)``). Called
    only by the worker that claimed the send, so that what the hook writes (a reply key
    replacing the previous one) happens once per email that goes out. Digests get none."""
    notification = outgoing.notification
    if notification is None:
        return {}
    hook = kind_get(notification.kind).email_headers
    if hook is None:
        return {}
    return {
        str(name): str(value) for name, value in hook(notification, notification.recipient).items()
    }


def _kind_values(outgoing: _Outgoing) -> dict[str, str]:
    """The values a notification's kind issues for its email's markers (``kind_register(
    email_values=...)``), called like ``_kind_headers``: only by the worker that claimed the
    send, so that a reply key written for it is the one the email carries."""
    notification = outgoing.notification
    if notification is None:
        return {}
    hook = kind_get(notification.kind).email_values
    if hook is None:
        return {}
    return {
        str(name): str(value) for name, value in hook(notification, notification.recipient).items()
    }


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]


def retry_wait(*, attempts: int) -> datetime.timedelta:
    """How long a queued email waits after its ``attempts``-th claim failed."""
    return min(RETRY_FIRST_WAIT * 2 ** max(attempts - 1, 0), RETRY_LONGEST_WAIT)


def delivery_claim(*, delivery: EmailDelivery) -> bool:
    """Take a due, queued delivery for one send: ``queued`` -> ``sending`` in one committed
    UPDATE, so that of any number of duplicate task messages exactly one goes on to SMTP.
    Updates ``delivery`` in memory when it wins."""
    now = timezone.now()
    claimed = EmailDelivery.objects.filter(
        pk=delivery.pk, status=Status.QUEUED, next_attempt_at__lte=now
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now)
    if claimed:
        delivery.refresh_from_db(fields=["status", "claimed_at", "attempts"])
    return bool(claimed)


def _delivery_mark_sent(delivery: EmailDelivery) -> None:
    now = timezone.now()
    changes = {"status": Status.SENT, "sent_at": now, "last_error": "", "updated_at": now}
    if delivery.kind == EmailDelivery.Kind.DIRECT:
        # Direct emails often carry secrets (invitation links); keep them no longer than
        # needed to send.
        changes["context"] = {}
    # Whatever the sweep concluded meanwhile, the server took this email: it is sent.
    EmailDelivery.objects.filter(pk=delivery.pk).exclude(status=Status.SENT).update(**changes)


def _delivery_mark_failed_attempt(delivery: EmailDelivery, error: BaseException) -> None:
    now = timezone.now()
    mine = EmailDelivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, claimed_at=delivery.claimed_at
    )
    if delivery.attempts >= MAX_ATTEMPTS:
        mine.update(status=Status.FAILED, last_error=_error_text(error), updated_at=now)
        return
    mine.update(
        status=Status.QUEUED,
        next_attempt_at=now + retry_wait(attempts=delivery.attempts),
        enqueued_at=None,
        last_error=_error_text(error),
        updated_at=now,
    )


# -- The connection to the mail server ----------------------------------------------------------


class _MailConnection(threading.local):
    """This worker thread's open connection to the mail server, kept between emails so that a
    burst (a forum post to thousands of watchers) is not one TCP and TLS handshake per email."""

    backend = None
    backend_name = ""
    used_at = 0.0
    opened = 0


_mail = _MailConnection()


def _mail_connection_alive(backend) -> bool:
    # SMTP backends hold an smtplib client; a NOOP tells whether the server still listens
    # (servers drop idle clients). Other backends (console, memory) have nothing to lose.
    client = getattr(backend, "connection", None)
    if client is None or not hasattr(client, "noop"):
        return True
    try:
        return client.noop()[0] == 250
    except RETRYABLE_ERRORS:
        return False


def mail_connection():
    """An open connection to the mail server for this worker thread: the one kept from its
    last email while it is younger than ``EMAIL_CONNECTION_IDLE_SECONDS`` idle, answers a
    NOOP and uses the configured backend; a new one otherwise (``OSError`` when the server
    cannot be reached)."""
    now = time.monotonic()
    idle_limit = getattr(settings, "EMAIL_CONNECTION_IDLE_SECONDS", 30)
    backend = _mail.backend
    if backend is not None and (
        _mail.backend_name != settings.EMAIL_BACKEND
        or now - _mail.used_at > idle_limit
        or not _mail_connection_alive(backend)
    ):
        mail_connection_close()
        backend = None
    if backend is None:
        backend = get_connection()
        backend.open()
        _mail.backend, _mail.backend_name = backend, settings.EMAIL_BACKEND
        _mail.opened += 1
    _mail.used_at = now
    return backend


def mail_connections_opened() -> int:
    """How many connections this worker thread has opened (the benchmark reports it)."""
    return _mail.opened


def mail_connection_close() -> None:
    """Say goodbye to the mail server, if this worker thread has a connection open."""
    backend, _mail.backend = _mail.backend, None
    if backend is None:
        return
    try:
        backend.close()
    except RETRYABLE_ERRORS:
        logger.warning("Closing the mail connection failed.")


def delivery_send(*, delivery_id: int) -> bool:
    """Send one queued email if it is due and nobody else claimed it; returns whether it
    went out. Safe to call any number of times for the same delivery (see the module
    docstring for the states). Errors are recorded on the row, never raised: retries are
    scheduled in the row, not in the broker."""
    delivery = EmailDelivery.objects.select_related("recipient").filter(pk=delivery_id).first()
    if (
        delivery is None
        or delivery.status != Status.QUEUED
        or delivery.next_attempt_at > timezone.now()
    ):
        return False
    queued = EmailDelivery.objects.filter(pk=delivery.pk, status=Status.QUEUED)
    try:
        outgoing = _outgoing_build(delivery)
    except NothingToSend as reason:
        queued.update(status=Status.CANCELLED, last_error=str(reason), updated_at=timezone.now())
        return False
    except Exception as error:
        logger.exception("Could not render email delivery %s", delivery.pk)
        queued.update(
            status=Status.FAILED, last_error=_error_text(error), updated_at=timezone.now()
        )
        return False
    if not delivery_claim(delivery=delivery):
        return False
    try:
        rendered, extra = issued_fill(
            rendered=outgoing.rendered,
            headers=_kind_headers(outgoing),
            values=_kind_values(outgoing),
        )
    except Exception as error:
        logger.exception("Could not build the headers of email delivery %s", delivery.pk)
        EmailDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
            status=Status.FAILED, last_error=_error_text(error), updated_at=timezone.now()
        )
        return False
    # A kind's headers never replace the delivery's own (Message-ID, unsubscribe, language).
    message = email_message(
        to=outgoing.to,
        rendered=rendered,
        headers={**extra, **outgoing.headers, "Message-ID": delivery.message_id},
    )
    try:
        connection = mail_connection()
        connection.send_messages([message])
    except RETRYABLE_ERRORS as error:
        mail_connection_close()
        _delivery_mark_failed_attempt(delivery, error)
        return False
    except Exception as error:
        # Neither a network nor an SMTP error: it would fail again the same way.
        logger.exception("Could not send email delivery %s", delivery.pk)
        mail_connection_close()
        EmailDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
            status=Status.FAILED, last_error=_error_text(error), updated_at=timezone.now()
        )
        return False
    # Marked at once, to keep the window in which a crash leaves a sent email marked "sending"
    # as short as SMTP allows. The connection stays open for this worker's next email.
    _delivery_mark_sent(delivery)
    return True


# -- Recovering (the beat task) ---------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult:
    published: int
    resent_after_interruption: int
    failed_after_interruption: int


def delivery_sweep() -> SweepResult:
    """Recover what the broker or a worker lost (see the module docstring): decide on sends
    interrupted past ``NOTIFICATIONS_SENDING_TIMEOUT`` and publish again due, queued emails
    with no message published within ``NOTIFICATIONS_QUEUED_TIMEOUT``."""
    now = timezone.now()
    sending_deadline = now - datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT)
    stale = EmailDelivery.objects.filter(status=Status.SENDING, claimed_at__lt=sending_deadline)
    # Each UPDATE re-checks its row under the row lock, so a send that finishes meanwhile
    # stays sent.
    failed = stale.filter(interrupted_at__isnull=False).update(
        status=Status.FAILED,
        last_error=(
            "Interrupted twice while sending; not sent again. Look for its Message-ID in the "
            "mail server's log to know whether it arrived."
        ),
        updated_at=now,
    )
    resent = stale.filter(interrupted_at__isnull=True).update(
        status=Status.QUEUED,
        interrupted_at=F("claimed_at"),
        next_attempt_at=now,
        enqueued_at=None,
        last_error=(
            "Interrupted while sending: it may have arrived. Sent again once with the same "
            "Message-ID."
        ),
        updated_at=now,
    )

    queued_deadline = now - datetime.timedelta(seconds=settings.NOTIFICATIONS_QUEUED_TIMEOUT)
    with transaction.atomic():
        delivery_ids = list(
            EmailDelivery.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
            .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=queued_deadline))
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        EmailDelivery.objects.filter(pk__in=delivery_ids).update(enqueued_at=now)
    published = deliveries_publish(delivery_ids=delivery_ids)
    if resent or failed or published:
        logger.info(
            "Email sweep: %d published again, %d interrupted sends queued once more, "
            "%d failed after a second interruption.",
            published,
            resent,
            failed,
        )
    return SweepResult(published, resent, failed)


def deliveries_retry(*, delivery_ids: list[int]) -> int:
    """Queue failed emails once more (a person's decision, from the admin), with a fresh count
    of attempts; returns how many. Sent, queued and sending ones are left alone. One that
    failed after two interrupted sends may then arrive a second or third time."""
    now = timezone.now()
    retried = EmailDelivery.objects.filter(pk__in=delivery_ids, status=Status.FAILED)
    ids = list(retried.values_list("pk", flat=True))
    count = retried.update(
        status=Status.QUEUED, attempts=0, next_attempt_at=now, enqueued_at=now, updated_at=now
    )
    _publish_on_commit(ids)
    return count


# -- Digests ----------------------------------------------------------------------------------


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
            recipient_id=user_id, kind__in=kinds, email_pending=True, email_frequency=""
        ).update(email_pending=False)
    return selectors.digest_recipients(frequency=frequency)


def digest_queue(*, user_id: int, frequency: str, period: str) -> EmailDelivery | None:
    """Write one person's digest for a period into the outbox: the email row, holding every
    pending notification that belongs in it. Publishing is left to the caller.

    Returns None when there is nothing to send: nothing new, no address, or a digest for this
    period already written (items arriving after it wait for the next period's)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not _can_receive_email(user):
        return None
    with transaction.atomic():
        delivery, created = EmailDelivery.objects.get_or_create(
            key=f"digest:{frequency}:{period}:{user_id}",
            defaults={
                "kind": EmailDelivery.Kind.DIGEST,
                "recipient": user,
                "context": {"frequency": frequency},
                "enqueued_at": timezone.now(),
            },
        )
        if not created:
            return None
        attached = selectors.digest_new_notifications(user=user, frequency=frequency).update(
            email_pending=False, delivery=delivery
        )
        if not attached:
            delivery.delete()
            return None
    return delivery


def digest_send(*, frequency: str) -> int:
    """Write the ``frequency`` digest of everyone with something new into the outbox, then
    publish them; returns how many digests were written."""
    period = digest_period(frequency=frequency)
    delivery_ids = []
    for user_id in digest_prepare(frequency=frequency):
        delivery = digest_queue(user_id=user_id, frequency=frequency, period=period)
        if delivery is not None:
            delivery_ids.append(delivery.pk)
    deliveries_publish(delivery_ids=delivery_ids)
    return len(delivery_ids)


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
