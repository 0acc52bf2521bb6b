"""The assessments' Celery tasks: thin, idempotent, taking ids. The emails themselves go
through the notifications outbox, which retries them; these tasks only write outbox rows, and a
retry after a partial run sends only what is still to send (each invitation's send is locked
and keyed)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from . import services_exports, services_invitations

PASSING_ERRORS = (OperationalError, InterfaceError, BrokerError, ConnectionError, TimeoutError)


@shared_task(
    name="assessments.invitations_send",
    ignore_result=True,
    acks_late=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def invitations_send_task(assessment_id: int) -> int:
    """Email the assessment's invitations not sent yet; returns how many went out."""
    return services_invitations.invitations_send(assessment_id=assessment_id)


@shared_task(
    name="assessments.reminders_send",
    ignore_result=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def reminders_send() -> int:
    """Beat, once a day: the reminders due (``services_invitations.reminders_send_due``)."""
    return services_invitations.reminders_send_due()


@shared_task(
    name="assessments.answers_export",
    ignore_result=True,
    acks_late=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def answers_export_task(export_id: int) -> None:
    """Build the export of answers ``export_id`` (``services_exports.export_run``); a ready
    export is left as it is."""
    services_exports.export_run(export_id=export_id)


@shared_task(
    name="assessments.exports_expire",
    ignore_result=True,
    autoretry_for=PASSING_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def exports_expire() -> int:
    """Beat, once a day: delete the export files past their expiry."""
    return services_exports.exports_expire()
