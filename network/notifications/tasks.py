"""Celery tasks: thin wrappers that load by id and call a service. Sending errors (SMTP,
network) are retried with exponential backoff; the services make each retry safe."""

import smtplib

from celery import shared_task

from . import services

RETRYABLE_ERRORS = (smtplib.SMTPException, OSError)
RETRY_OPTIONS = {
    "autoretry_for": RETRYABLE_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="notifications.notification_deliver_email", **RETRY_OPTIONS)
def notification_deliver_email(notification_id: int) -> bool:
    return services.notification_email_deliver(notification_id=notification_id)


@shared_task(name="notifications.email_deliver", **RETRY_OPTIONS)
def email_deliver(delivery_id: int) -> bool:
    return services.email_deliver(delivery_id=delivery_id)


@shared_task(name="notifications.digest_deliver_email", **RETRY_OPTIONS)
def digest_deliver_email(user_id: int, frequency: str, period: str) -> bool:
    return services.digest_deliver(user_id=user_id, frequency=frequency, period=period)


@shared_task(name="notifications.digest_send")
def digest_send(frequency: str) -> int:
    """Fan out one digest task per person with something new; returns how many."""
    period = services.digest_period(frequency=frequency)
    user_ids = services.digest_prepare(frequency=frequency)
    for user_id in user_ids:
        digest_deliver_email.delay(user_id, frequency, period)
    return len(user_ids)
