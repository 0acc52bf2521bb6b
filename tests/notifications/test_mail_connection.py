"""A worker keeps its connection to the mail server between emails, and opens a new one when
the server dropped it."""

import pytest

from notifications import services
from notifications.models import EmailDelivery
from tests.factories import UserFactory

from .smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


def _queued(count: int) -> list[int]:
    ids = []
    for number in range(count):
        user = UserFactory(email=f"reader{number}@example.org")
        delivery = services.email_send(
            to=user.email,
            template_prefix="network/emails/join_request_declined",
            context={"authority_name": "Cúcuta", "contact_name": "Ana"},
            language="es",
        )
        ids.append(delivery.pk)
    return ids


def _smtp(settings, sink: SmtpSink) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def test_a_burst_of_emails_goes_over_one_connection(settings):
    services.mail_connection_close()
    with SmtpSink() as sink:
        _smtp(settings, sink)
        opened = services.mail_connections_opened()
        for delivery_id in _queued(5):
            assert services.delivery_send(delivery_id=delivery_id)
        assert len(sink.received) == 5
        assert services.mail_connections_opened() - opened == 1
        services.mail_connection_close()


def test_a_connection_the_server_dropped_is_replaced_without_losing_the_email(settings):
    services.mail_connection_close()
    first, second = _queued(2)
    with SmtpSink() as sink:
        _smtp(settings, sink)
        assert services.delivery_send(delivery_id=first)
        services._mail.backend.connection.sock.close()  # the server hung up while idle
        assert services.delivery_send(delivery_id=second)
        assert len(sink.received) == 2
        assert EmailDelivery.objects.filter(status="sent").count() == 2
        services.mail_connection_close()
