import pytest
from django.template.loader import get_template
from django.utils import translation

from notifications.kinds import Frequency, kind_get, kinds_all
from notifications.rendering import notification_render_short
from tests.factories import NotificationFactory

REQUIRED_KINDS = {"join_request_submitted", "event_registration_confirmed", "invitation_accepted"}


def test_the_network_kinds_are_registered_with_defaults():
    codes = {kind.code for kind in kinds_all()}

    assert codes >= REQUIRED_KINDS
    for code in REQUIRED_KINDS:
        assert kind_get(code).default_frequency in Frequency.values


@pytest.mark.parametrize("code", sorted(REQUIRED_KINDS))
@pytest.mark.parametrize("name", ["subject.txt", "body.txt", "body.html", "short.txt"])
def test_every_registered_kind_has_its_four_templates(code, name):
    assert get_template(kind_get(code).template(name))


def test_unknown_kind_is_a_value_error():
    with pytest.raises(ValueError, match="Unknown notification kind"):
        kind_get("no_such_kind")


def test_registering_needs_a_known_frequency(kind_registry):
    with pytest.raises(ValueError):
        kind_registry.kind_register(code="x", label="X", default_frequency="hourly")

    kind = kind_registry.kind_register(code="x", label="X", default_frequency="daily")

    assert kind_get("x") is kind
    assert [k.code for k in kinds_all()] == sorted(k.code for k in kinds_all())


@pytest.mark.django_db
def test_short_text_comes_from_the_stored_context_in_the_viewers_language():
    notification = NotificationFactory(
        kind="join_request_submitted",
        context={"authority_name": "Villa Sur", "country": "BR", "contact_name": "Ana"},
    )

    with translation.override("en"):
        assert notification_render_short(notification=notification) == (
            "Villa Sur (Brazil) asks to join the network."
        )


@pytest.mark.django_db
def test_a_notification_of_a_kind_no_longer_registered_still_renders():
    notification = NotificationFactory(kind="retired_kind")

    assert notification_render_short(notification=notification) == "You have a notification."
