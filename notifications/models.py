import hashlib
from email.utils import parseaddr

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import Frequency


class EmailDelivery(models.Model):
    """One email to send: for one notification, for a digest of several, or a direct email to
    an address. The rows are the outbox: an email exists here before any broker message names
    it, so a lost message, a broker that was down or a worker that died is recovered from the
    database by ``delivery_sweep`` (see ``services.py`` for the states and the check made after
    an interrupted send). ``key`` makes creating one idempotent."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Notification")
        DIGEST = "digest", _("Digest")
        DIRECT = "direct", _("Direct email")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.NOTIFICATION
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="email_deliveries",
        verbose_name=_("recipient"),
    )
    # Direct emails go to an address that may have no account yet; they carry their own
    # template and context. Notification emails leave these blank; a digest keeps its
    # frequency in the context.
    to_address = models.EmailField(_("address"), blank=True)
    template_prefix = models.CharField(_("template"), max_length=200, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    language = models.CharField(_("language"), max_length=8, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times a worker started sending it.")
    )
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        default=timezone.now,
        help_text=_("A queued email is not sent before this time (it backs off after errors)."),
    )
    enqueued_at = models.DateTimeField(
        _("enqueued"),
        null=True,
        blank=True,
        help_text=_(
            "When a task message for it was last handed to the broker; empty when that failed."
        ),
    )
    claimed_at = models.DateTimeField(
        _("sending since"),
        null=True,
        blank=True,
        help_text=_("When a worker last claimed it, just before talking to the mail server."),
    )
    interrupted_at = models.DateTimeField(
        _("interrupted send"),
        null=True,
        blank=True,
        help_text=_(
            "A worker stopped during the send it started at this time, so nobody knows whether "
            "the mail server took the email. It was sent again once, with the same Message-ID: "
            "the recipient may have two copies that mail programs recognise as one message."
        ),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="emaildelivery_status"),
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="queued"),
                name="emaildelivery_queued",
            ),
            models.Index(
                fields=["claimed_at"],
                condition=models.Q(status="sending"),
                name="emaildelivery_sending",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def message_id(self) -> str:
        """The Message-ID every send of this delivery carries, so that a copy sent again after
        an interrupted send is recognisably the same message (mail servers and clients may
        drop it, people see it is the same email)."""
        digest = hashlib.sha256(self.key.encode()).hexdigest()[:16]
        _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        domain = address.rpartition("@")[2] or "convive.invalid"
        return f"<delivery.{self.pk}.{digest}@{domain}>"


class Notification(models.Model):
    """Something that happened that one person should know about, shown on the site and, per
    their preferences, emailed at once or in a digest."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=100)
    event_key = models.CharField(
        _("event key"),
        max_length=200,
        help_text=_("Identifies the event, so the same event never notifies a person twice."),
    )
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Waiting for the recipient's next digest email.
    email_pending = models.BooleanField(_("waiting for a digest"), default=False)
    # How it is emailed when its sender decided (a forum category's chosen level); empty: the
    # recipient's preference for the kind decides, as for every other notification.
    email_frequency = models.CharField(
        _("email frequency chosen for it"),
        max_length=12,
        choices=Frequency.choices,
        blank=True,
        default="",
    )
    delivery = models.ForeignKey(
        EmailDelivery,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("email"),
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "event_key"], name="notification_once_per_event"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(email_pending=True),
                name="notification_email_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.event_key})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How often one person wants email about one kind; without a row the kind's default
    applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=100)
    frequency = models.CharField(_("email"), max_length=12, choices=Frequency.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.frequency}"


class Bounce(models.Model):
    """One failed delivery reported back for an address (a bounce received by the forum's
    inbound mail). Hard bounces (permanent failures) count against the address for every
    email the site sends: after ``BOUNCE_HARD_LIMIT`` of them within ``BOUNCE_WINDOW_DAYS``
    nothing more is sent to it (``services.addresses_bouncing``). Soft ones are kept for the
    record only."""

    address = models.EmailField(_("address"), max_length=254, db_index=True)
    hard = models.BooleanField(_("permanent failure"), default=False)
    status = models.CharField(_("status"), max_length=32, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")
        indexes = [models.Index(fields=["address", "received_at"], name="notif_bounce_address_at")]

    def __str__(self) -> str:
        return f"{'hard' if self.hard else 'soft'} bounce for {self.address} ({self.status})"
