"""Writes of the outreach site: registering for events and clearing the page cache."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base.cache import page_cache_clear
from base.localization import page_urls_by_language
from network.models import User
from network.permissions import decide
from notifications import services as notification_services

from .models import EventPage, EventRegistration
from .permissions import EVENT_REGISTER, EVENT_REGISTRATION_CANCEL
from .selectors import event_canonical, event_places_taken


class EventRegistrationError(Exception):
    """A registration that cannot be made; the message is shown to the person as it is."""


def event_registration_create(
    *, event: EventPage, user: User, event_url: str = ""
) -> EventRegistration:
    """Register ``user`` for ``event`` (whichever translation they used) and send them a
    confirmation. Refused when registration has closed, the event is full or they are already
    registered. ``event_url`` is the full address of the page they registered from."""
    decision = decide(user, EVENT_REGISTER, event)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    with transaction.atomic():
        canonical = event_canonical(event=event)
        # Lock the event row so two people cannot take the last place at the same time.
        canonical = EventPage.objects.select_for_update().get(pk=canonical.pk)
        if timezone.now() >= canonical.registration_deadline:
            raise EventRegistrationError(_("Registration for this event has closed."))
        registration = EventRegistration.objects.filter(event=canonical, user=user).first()
        if registration and registration.status == EventRegistration.Status.REGISTERED:
            raise EventRegistrationError(_("You are already registered for this event."))
        if canonical.capacity is not None and event_places_taken(event=canonical) >= (
            canonical.capacity
        ):
            raise EventRegistrationError(
                _("This event is full. No places are left, so we could not register you.")
            )
        if registration is None:
            registration = EventRegistration(event=canonical, user=user)
        registration.status = EventRegistration.Status.REGISTERED
        registration.cancelled_at = None
        registration.full_clean()
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise EventRegistrationError(_("You are already registered for this event.")) from error

        url = event_url or event.full_url or ""
        notification_services.notification_send(
            recipients=[user],
            kind="event_registration_confirmed",
            event_key=f"event_registration:{registration.id}",
            context={
                "event_title": event.title,
                "event_start": canonical.start.isoformat(),
                "event_time_zone": canonical.time_zone,
                "event_url": url,
                # The email links the event in the reader's language (notifications.links).
                "page_urls": page_urls_by_language(canonical),
            },
            url=url,
        )
        transaction.on_commit(page_cache_clear)
    return registration


def event_registration_cancel(*, registration: EventRegistration, user: User) -> EventRegistration:
    """Cancel a registration. Only the registered person (or a superuser) may do so."""
    decision = decide(user, EVENT_REGISTRATION_CANCEL, registration)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    if registration.status == EventRegistration.Status.CANCELLED:
        return registration
    registration.status = EventRegistration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.full_clean()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    transaction.on_commit(page_cache_clear)
    return registration
