"""Did this session pass the second factor? One answer, read from allauth's records.

allauth keeps, in the session, a list of the ways the signed-in person proved who they are
(``allauth.account.authentication.get_authentication_records``): ``password`` after the
password, ``mfa`` after a TOTP or recovery code at sign-in or re-authentication. Only a
session with an ``mfa`` record has passed the second factor; a session opened any other way
(a password alone, ``login()`` in code) has not.

``network.permissions.decide(user, action, obj)`` takes a user, not a request, so the fact is
carried on the user: ``SecondFactorSessionMiddleware`` (right after Django's
AuthenticationMiddleware) sets ``User.second_factor_passed`` on ``request.user`` from the
session's records, and ``network.permissions.acting_as`` reads that attribute, nowhere else.
A user loaded outside a request (a task, a shell) has the class default ``False``: code that
acts for nobody's session cannot act in a role that needs two-factor.

Activating an authenticator app proves possession of it (the form checks a code from it), but
allauth records nothing then; ``second_factor_activation_record`` adds the ``mfa`` record, so
that a coordinator who has just set up two-factor can go on working without signing in again.
"""

import time
from urllib.parse import urlencode

from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib import messages
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

from .models import User

MFA_METHOD = "mfa"


def session_passed_second_factor(*, request: HttpRequest, user: User) -> bool:
    """Has ``user`` given a second factor in this session (allauth's records say so)?"""
    records = get_authentication_records(request, user)
    return any(record.get("method") == MFA_METHOD for record in records)


class SecondFactorSessionMiddleware:
    """Tell ``request.user`` whether this session passed the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = request.user
        if user.is_authenticated:
            user.second_factor_passed = session_passed_second_factor(request=request, user=user)
        return self.get_response(request)


@receiver(authenticator_added, dispatch_uid="network.second_factor_activation_record")
def second_factor_activation_record(sender, request, user, authenticator, **kwargs) -> None:
    """Count activating an authenticator app as passing the second factor in this session.

    The record is added to allauth's own list, under allauth's public session key, in the
    shape allauth writes after a code at sign-in."""
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    records = get_authentication_records(request, user)
    if not records:
        # Activation requires a recent sign-in or re-authentication, which leaves a record
        # naming this user; without one, this session's records belong to nobody we know.
        return
    record = {
        "method": MFA_METHOD,
        "at": time.time(),
        "id": authenticator.pk,
        "type": authenticator.type,
        "activated": True,
    }
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [*records, record]
    user.second_factor_passed = True


def second_factor_prompt(
    request: HttpRequest, decision, next_url: str | None = None
) -> HttpResponseRedirect:
    """Answer a decision refused only for the second factor: confirm it with the
    authenticator app in this session, or set one up first."""
    messages.warning(request, decision.reason)
    name = "mfa_reauthenticate" if decision.has_authenticator else "mfa_activate_totp"
    query = urlencode({"next": next_url or request.get_full_path()})
    return redirect(f"{reverse(name)}?{query}")
