"""The outbox in the admin: its states and the interrupted sends are visible, failed emails can
be sent again, nothing else can be changed by hand."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import EmailDelivery
from tests.factories import UserFactory
from tests.network.conftest import sign_in

pytestmark = pytest.mark.django_db

Status = EmailDelivery.Status


@pytest.fixture
def admin_client(client):
    """A superuser signed in through allauth with their second factor (the only way into
    the admin)."""
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    return client


def _delivery(**fields) -> EmailDelivery:
    recipient = UserFactory()
    return EmailDelivery.objects.create(
        key=f"notification:{recipient.pk}", recipient=recipient, **fields
    )


def test_the_list_shows_states_and_interrupted_sends(admin_client):
    _delivery(status=Status.SENDING, claimed_at=timezone.now(), attempts=1)
    interrupted = _delivery(
        status=Status.SENT, attempts=2, interrupted_at=timezone.now(), sent_at=timezone.now()
    )

    url = reverse("admin:notifications_emaildelivery_changelist")
    html = admin_client.get(url).content.decode()
    assert "Sending" in html
    assert "Interrupted send" in html

    filtered = admin_client.get(url, {"interrupted_at__isempty": "0"}).content.decode()
    assert interrupted.key in filtered
    assert "1 email delivery" in filtered

    change = reverse("admin:notifications_emaildelivery_change", args=[interrupted.pk])
    page = admin_client.get(change).content.decode()
    assert interrupted.message_id.strip("<>") in page


def test_failed_emails_can_be_sent_again(admin_client):
    failed = _delivery(status=Status.FAILED, attempts=services.MAX_ATTEMPTS, last_error="boom")
    sent = _delivery(status=Status.SENT, attempts=1, sent_at=timezone.now())
    failed.recipient.notifications.create(
        kind="invitation_accepted",
        event_key="invitation:1",
        context={"invitee_name": "Ana", "organisation_name": "Ciudad"},
        delivery=failed,
    )

    response = admin_client.post(
        reverse("admin:notifications_emaildelivery_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    assert "1 failed email will be sent again." in response.content.decode()
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.QUEUED, 0)
    assert sent.status == Status.SENT


def test_deliveries_cannot_be_added_by_hand(admin_client):
    response = admin_client.get(reverse("admin:notifications_emaildelivery_add"))
    assert response.status_code == 403
