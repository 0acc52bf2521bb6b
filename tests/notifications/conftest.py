from pathlib import Path

import pytest
from django.core import mail

from notifications import kinds
from notifications.services import notification_send
from tests.factories import UserFactory

TEST_TEMPLATES = Path(__file__).parent / "templates"

JOIN_CONTEXT = {
    "authority_name": "Municipio de Ejemplo",
    "country": "CO",
    "contact_name": "Lucía Gómez",
    "request_id": 7,
}


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """notification_send with its on_commit callbacks run, as after a real commit."""

    def _send(**kwargs):
        kwargs.setdefault("kind", "join_request_submitted")
        kwargs.setdefault("context", JOIN_CONTEXT)
        kwargs.setdefault("url", "/en/me/")
        with django_capture_on_commit_callbacks(execute=True):
            return notification_send(**kwargs)

    return _send


@pytest.fixture
def coordinator(db):
    return UserFactory(email="coordinator@example.org", first_name="Rosa", last_name="Díaz")


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture
def kind_registry():
    """Lets a test register extra kinds without leaking them into other tests."""
    saved = dict(kinds._registry)
    yield kinds
    kinds._registry.clear()
    kinds._registry.update(saved)


@pytest.fixture
def test_templates(settings):
    """Adds tests/notifications/templates so direct emails have templates to render."""
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
