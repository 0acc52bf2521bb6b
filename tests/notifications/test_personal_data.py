import pytest

from network.personal_data import personal_data_export
from notifications import services
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_export_holds_my_notifications_and_preferences(coordinator):
    NotificationFactory(recipient=coordinator, event_key="invitation:1", url="/en/me/")
    NotificationFactory(event_key="not-mine")
    services.preference_set(user=coordinator, kind="invitation_accepted", frequency="weekly")

    export = personal_data_export(user=coordinator)["notifications"]

    assert [item["event_key"] for item in export["notifications"]] == ["invitation:1"]
    assert export["notifications"][0]["context"]["invitee_name"] == "Ana Pérez"
    assert export["notifications"][0]["read_at"] is None
    assert export["email_preferences"] == [
        {
            "kind": "invitation_accepted",
            "frequency": "weekly",
            "updated_at": export["email_preferences"][0]["updated_at"],
        }
    ]
