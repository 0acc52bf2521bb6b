"""Convive's allauth adapter: how failed sign-ins are counted.

allauth's default counts failures per client and per address alone; the per-address count
lets anyone who knows an address lock its owner out with five wrong passwords. Here the
"key" rate of ``ACCOUNT_RATE_LIMITS["login_failed"]`` counts per (address, client) and the
"ip" rate per client, through allauth's public rate-limit API and adapter hooks. Only failures
count; a successful sign-in costs nothing.
"""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

LOGIN_FAILED = "login_failed"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts from this device. Try again in a few minutes."
        ),
    }

    def _failed_sign_in_key(self, request: HttpRequest, credentials: dict[str, Any]) -> str:
        address = str(credentials.get("email") or credentials.get("username") or "").lower()
        return f"{self.get_client_ip(request)}|{address}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # Only look: authentication_failed counts, so that signing in successfully is free.
        allowed = ratelimit.consume(
            request,
            action=LOGIN_FAILED,
            key=self._failed_sign_in_key(request, credentials),
            dry_run=True,
        )
        if not allowed:
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        ratelimit.consume(
            request, action=LOGIN_FAILED, key=self._failed_sign_in_key(request, credentials)
        )
