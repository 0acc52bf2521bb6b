"""Coordinators must set up two-factor authentication before they use the Wagtail admin."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from . import permissions

ADMIN_PREFIX = "/cms/"
# Signing in and out of the admin stays possible without two-factor.
OPEN_ADMIN_PATHS = ("/cms/login/", "/cms/logout/", "/cms/password_reset/")


class AdminTwoFactorMiddleware:
    """Send people whose admin access depends on a role that requires two-factor (coordinators)
    to the two-factor setup page until they have set it up. Everyone else is left to Wagtail's
    own permission checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(OPEN_ADMIN_PATHS)
            and request.user.is_authenticated
        ):
            decision = permissions.decide(request.user, permissions.CMS_ACCESS)
            if decision.needs_mfa:
                messages.warning(request, decision.reason)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)
