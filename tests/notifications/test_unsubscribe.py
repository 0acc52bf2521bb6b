import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from notifications.kinds import Frequency
from notifications.models import NotificationPreference
from notifications.tokens import unsubscribe_token_make
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a real browser or mail client would meet it."""
    return Client(enforce_csrf_checks=True)


def _url(token: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("notifications:unsubscribe", kwargs={"token": token})


def _frequency(user, kind="join_request_submitted"):
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return preference.frequency if preference else None


def test_get_shows_a_confirmation_page_and_changes_nothing(client, coordinator):
    token = unsubscribe_token_make(user_id=coordinator.pk, kinds=["join_request_submitted"])

    response = client.get(_url(token))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Stop these emails?" in content
    assert "A local authority asks to join the network" in content
    assert '<button type="submit" class="button">Unsubscribe</button>' in content
    assert _frequency(coordinator) is None


def test_post_from_the_page_turns_the_kind_off_without_signing_in(csrf_client, coordinator):
    token = unsubscribe_token_make(user_id=coordinator.pk, kinds=["join_request_submitted"])

    response = csrf_client.post(_url(token))

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert _frequency(coordinator) == Frequency.OFF
    assert _frequency(coordinator, "invitation_accepted") is None


def test_rfc8058_one_click_post_works_without_csrf_token(csrf_client, coordinator):
    token = unsubscribe_token_make(
        user_id=coordinator.pk, kinds=["join_request_submitted", "invitation_accepted"]
    )

    response = csrf_client.post(
        _url(token),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert _frequency(coordinator) == Frequency.OFF
    assert _frequency(coordinator, "invitation_accepted") == Frequency.OFF


def test_the_link_in_a_real_email_unsubscribes(send, csrf_client, coordinator, outbox, settings):
    send(recipients=[coordinator], event_key="join-request:7")
    header = outbox[0].extra_headers["List-Unsubscribe"]
    path = header.strip("<>").removeprefix(settings.SITE_URL)

    response = csrf_client.post(
        path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert _frequency(coordinator) == Frequency.OFF
    # And the next event of that kind is no longer emailed.
    send(recipients=[coordinator], event_key="join-request:8")
    assert len(outbox) == 1


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda user: "garbage", id="garbage"),
        pytest.param(
            lambda user: (
                unsubscribe_token_make(user_id=user.pk, kinds=["invitation_accepted"])[:-3] + "abc"
            ),
            id="tampered-signature",
        ),
        pytest.param(
            lambda user: signing.dumps({"u": user.pk, "k": ["invitation_accepted"]}),
            id="wrong-salt",
        ),
        pytest.param(
            lambda user: unsubscribe_token_make(user_id=user.pk, kinds=["no_such_kind"]),
            id="unknown-kind",
        ),
        pytest.param(
            lambda user: unsubscribe_token_make(user_id=987654, kinds=["invitation_accepted"]),
            id="unknown-person",
        ),
    ],
)
def test_bad_tokens_get_a_clear_400_page(csrf_client, coordinator, make_token):
    url = _url(make_token(coordinator))

    for response in (
        csrf_client.get(url),
        csrf_client.post(
            url, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ),
    ):
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_token_only_unsubscribes_the_person_it_names(csrf_client, coordinator):
    other = UserFactory()
    token = unsubscribe_token_make(user_id=other.pk, kinds=["join_request_submitted"])

    csrf_client.post(_url(token))

    assert _frequency(other) == Frequency.OFF
    assert _frequency(coordinator) is None


def test_the_page_answers_in_the_links_language(client, coordinator):
    token = unsubscribe_token_make(user_id=coordinator.pk, kinds=["join_request_submitted"])

    response = client.get(_url(token, "es"))

    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()


def test_other_methods_are_refused(client, coordinator):
    token = unsubscribe_token_make(user_id=coordinator.pk, kinds=["join_request_submitted"])

    assert client.put(_url(token)).status_code == 405
