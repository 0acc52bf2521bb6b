"""Convive's allauth adapter: how failed sign-ins are counted, and account emails in the
person's language.

allauth's default counts failures per client and per address alone; the per-address count
lets anyone who knows an address lock its owner out with five wrong passwords. Here the
"key" rate of ``ACCOUNT_RATE_LIMITS["login_failed"]`` counts per (address, client) and the
"ip" rate per client, through allauth's public rate-limit API and adapter hooks. Only failures
count; a successful sign-in costs nothing.
"""

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from notifications.links import link_for_language

LOGIN_FAILED = "login_failed"
# The links allauth puts in its emails' contexts.
EMAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


def _site_language(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


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

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        # Before allauth saves (and emails the confirmation): the sign-up page's language.
        user.preferred_language = _site_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def _reader_language(self, email: str, context: dict) -> str:
        user = context.get("user")
        if user is None:
            user = get_user_model().objects.filter(email__iexact=email).first()
        if user is not None and getattr(user, "preferred_language", ""):
            return _site_language(user.preferred_language)
        return _site_language(translation.get_language())

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        language = self._reader_language(email, context)
        context = dict(context)
        for key in EMAIL_LINKS:
            link = context.get(key)
            if isinstance(link, str) and link:
                context[key] = link_for_language(url=_path_of(link), language=language)
        with translation.override(language):
            super().send_mail(template_prefix, email, context)


def _path_of(link: str) -> str:
    """The site path of a link allauth built on the request's host."""
    parts = urlsplit(link)
    return urlunsplit(("", "", parts.path, parts.query, parts.fragment))
