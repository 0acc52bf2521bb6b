"""The admin sites ask for the second factor before anything else."""

from . import permissions
from .mfa import second_factor_prompt

ADMIN_PREFIXES = ("/cms/", "/django-admin/")
# Signing out stays possible without two-factor (signing in is allauth's, see config/urls.py).
OPEN_ADMIN_PATHS = ("/cms/login/", "/cms/logout/", "/django-admin/login/", "/django-admin/logout/")


class AdminTwoFactorMiddleware:
    """Send people whose admin access depends on two-factor (coordinators, superusers) to give
    it in this session, or to set it up, before Wagtail or Django's admin answers them. Everyone
    else is left to those admins' own permission checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if (
            path.startswith(ADMIN_PREFIXES)
            and not path.startswith(OPEN_ADMIN_PATHS)
            and request.user.is_authenticated
        ):
            decision = permissions.decide(request.user, permissions.CMS_ACCESS)
            if decision.needs_mfa:
                return second_factor_prompt(request, decision)
        return self.get_response(request)
