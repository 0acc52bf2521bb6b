"""The registry of notification kinds.

A kind is one sort of event people can be told about ("a join request was submitted"). Each kind
has a stable ``code`` (stored in the database, never translated), a translated ``label`` shown on
the preferences page, a default email frequency, and four templates under
``templates/notifications/<code>/``:

- ``subject.txt``: the email subject (one line);
- ``body.txt`` and ``body.html``: the email bodies;
- ``short.txt``: one sentence for the in-app list and for digests.

All four are rendered from the notification's stored JSON context, in the language of whoever
reads it.

A kind may add headers to its emails: ``email_headers`` is called with the notification and its
recipient when the email is sent (after a worker claimed it, so once per send) and returns a dict
of extra headers (a ``Reply-To`` that lets the recipient answer by email, threading headers).
It may write (issue a reply key); it must not raise for ordinary data.

A kind may also put values issued at send time into the email itself (reply addresses whose keys
exist only hashed, so they cannot be stored in the notification): its templates write
``{% issued "name" %}`` (``notification_tags``), which renders a marker, and ``email_values`` is
called with the notification and its recipient by the worker that claimed the send, like
``email_headers``, returning ``{name: value}``; each marker in the subject, the bodies (escaped
for HTML) and the kind's headers is replaced by its value, a marker without one by nothing.

A kind may also say, when its emails are built, which of its notifications are still fit to
send: ``still_valid(notifications, recipient)`` returns the ones to keep (what they tell of may
have been removed since, or the recipient may have lost the right to see it). A notification
email with nothing left is cancelled; a digest leaves them out (and is cancelled when empty).

A kind's ``short.txt`` may be grouped in digests: a notification whose context holds
``digest_group`` (a stable key, e.g. ``"forum-topic:12"``) and ``digest_group_title`` is listed
under that group's title; groups come first, the most active (most items) first, and each shows
its count and its newest items' ``digest_excerpt`` (see ``rendering.digest_sections``).

Apps register their kinds with ``kind_register`` from a ``notification_kinds.py``
module (found automatically when the notifications app is ready) or from ``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How often a person wants email about one kind of notification."""

    IMMEDIATELY = "immediately", _("Immediately, one email each time")
    DAILY = "daily", _("Once a day, in a summary")
    WEEKLY = "weekly", _("Once a week, in a summary")
    OFF = "off", _("Never by email (only on the site)")


DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str | Promise
    default_frequency: str = Frequency.IMMEDIATELY
    help_text: str | Promise = ""
    # (notification, recipient) -> extra email headers; see the module docstring.
    email_headers: Callable[..., dict[str, str]] | None = None
    # (notifications, recipient) -> those still fit to email; see the module docstring.
    still_valid: Callable[..., list] | None = None
    # (notification, recipient) -> {name: value} for the ``{% issued %}`` markers; see above.
    email_values: Callable[..., dict[str, str]] | None = None

    def template(self, name: str) -> str:
        """Path of one of this kind's templates: ``subject.txt``, ``body.txt``..."""
        return f"notifications/{self.code}/{name}"


_registry: dict[str, NotificationKind] = {}


def kind_register(
    *,
    code: str,
    label: str | Promise,
    default_frequency: str = Frequency.IMMEDIATELY,
    help_text: str | Promise = "",
    email_headers: Callable[..., dict[str, str]] | None = None,
    still_valid: Callable[..., list] | None = None,
    email_values: Callable[..., dict[str, str]] | None = None,
) -> NotificationKind:
    """Register a kind of notification. Registering the same code again replaces it, so that
    module reloads (tests, autoreload) are harmless."""
    if default_frequency not in Frequency.values:
        raise ValueError(f"Unknown frequency {default_frequency!r} for kind {code!r}.")
    kind = NotificationKind(
        code=code,
        label=label,
        default_frequency=default_frequency,
        help_text=help_text,
        email_headers=email_headers,
        still_valid=still_valid,
        email_values=email_values,
    )
    _registry[code] = kind
    return kind


def kind_get(code: str) -> NotificationKind:
    """The registered kind with this code; ``ValueError`` if nobody registered it."""
    try:
        return _registry[code]
    except KeyError:
        raise ValueError(f"Unknown notification kind {code!r}.") from None


def kinds_all() -> list[NotificationKind]:
    """Every registered kind, in a stable order (by code)."""
    return [_registry[code] for code in sorted(_registry)]


# -- Kinds used across the network ------------------------------------------------------------
# Context keys are part of each kind's contract with the apps that send it.

JOIN_REQUEST_SUBMITTED = kind_register(
    code="join_request_submitted",
    label=_("A local authority asks to join the network"),
    help_text=_("Sent to coordinators."),
    # context: authority_name, country (ISO code), contact_name, request_id
)
EVENT_REGISTRATION_CONFIRMED = kind_register(
    code="event_registration_confirmed",
    label=_("Your registration for an event is confirmed"),
    # context: event_title, event_start (ISO 8601 string), event_time_zone (IANA key, shown in
    # that zone; UTC when missing), event_url, page_urls (the event page's address in each language:
    # its email links it in the reader's language)
)
INVITATION_ACCEPTED = kind_register(
    code="invitation_accepted",
    label=_("Someone you invited has joined"),
    # context: invitee_name, organisation_name
)
