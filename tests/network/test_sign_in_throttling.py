"""Failed sign-ins are throttled per client and per (address, client): a stranger typing wrong
passwords for someone's address slows down the stranger, never the address's owner."""

import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import person

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"
THROTTLED = "Too many failed sign-in attempts from this device. Try again in a few minutes."


def _sign_in(client, address: str, password: str, ip: str, language: str = "en"):
    url = reverse("account_login").replace("/en/", f"/{language}/", 1)
    return client.post(url, {"login": address, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_from_one_client_do_not_lock_the_owner_out(client):
    owner = person(email="ana@example.org")
    for _attempt in range(8):
        response = _sign_in(client, owner.email, "wrong guess", ATTACKER)
        assert response.status_code == 200
    # The attacker is stopped, even with the right password...
    response = _sign_in(client, owner.email, PASSWORD, ATTACKER)
    assert response.status_code == 200
    assert THROTTLED in response.content.decode()
    # ...while the owner, from their own device, signs in at once.
    response = _sign_in(client, owner.email, PASSWORD, OWNER)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:dashboard")


def test_the_throttled_client_is_told_in_their_language(client):
    person(email="ana@example.org")
    for _attempt in range(5):
        _sign_in(client, "ana@example.org", "wrong guess", ATTACKER, language="es")
    response = _sign_in(client, "ana@example.org", "wrong guess", ATTACKER, language="es")
    assert (
        "Demasiados intentos fallidos de inicio de sesión desde este dispositivo. "
        "Inténtalo de nuevo en unos minutos."
    ) in response.content.decode()


def test_one_client_trying_many_addresses_is_throttled_too(client):
    person(email="ana@example.org")
    for number in range(20):
        _sign_in(client, f"guess{number}@example.org", "wrong guess", ATTACKER)
    response = _sign_in(client, "ana@example.org", PASSWORD, ATTACKER)
    assert THROTTLED in response.content.decode()
    assert _sign_in(client, "ana@example.org", PASSWORD, OWNER).status_code == 302


def test_signing_in_successfully_costs_nothing(client):
    owner = person(email="ana@example.org")
    for _attempt in range(8):
        assert _sign_in(client, owner.email, PASSWORD, OWNER).status_code == 302
        client.logout()


@pytest.mark.redis
def test_the_counts_are_kept_in_the_shared_cache(client):
    """Every worker must see the same counts: allauth keeps them in the default cache, which is
    Redis when REDIS_URL is set."""
    import redis

    person(email="ana@example.org")
    for _attempt in range(5):
        _sign_in(client, "ana@example.org", "wrong guess", ATTACKER)
    server = redis.Redis.from_url(settings.REDIS_URL)
    assert any(server.scan_iter(match="*allauth:rl:allauth.account:login_failed*"))
    response = _sign_in(client, "ana@example.org", PASSWORD, ATTACKER)
    assert THROTTLED in response.content.decode()
