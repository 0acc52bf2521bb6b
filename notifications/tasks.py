"""Celery tasks: thin wrappers that call a service. Nothing here retries through the broker:
the ``EmailDelivery`` rows are the outbox, a failed send is rescheduled in its row and
``delivery_sweep`` publishes again whatever a broker or a worker lost (see ``services.py``).
Every task is safe to run twice for the same arguments."""

from celery import shared_task

from . import services


@shared_task(name="notifications.email_deliver", ignore_result=True)
def email_deliver(delivery_id: int) -> bool:
    return services.delivery_send(delivery_id=delivery_id)


@shared_task(name="notifications.delivery_sweep", ignore_result=True)
def delivery_sweep() -> int:
    """Beat, every minute: recover emails stuck in the outbox."""
    return services.delivery_sweep().published


@shared_task(name="notifications.digest_send", ignore_result=True)
def digest_send(frequency: str) -> int:
    """Beat: write everyone's digest into the outbox and publish them; returns how many."""
    return services.digest_send(frequency=frequency)
