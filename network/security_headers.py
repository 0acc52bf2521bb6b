"""The Content-Security-Policy of every response, through django-csp.

The public site has no script, no inline style and embeds only the two video players of
``base.blocks.video_player_url``: its policy (``CONTENT_SECURITY_POLICY`` in the
settings) is enforced as written. Wagtail's admin and Django's admin still need inline script
and style, so under their prefixes the enforced policy allows them (and being framed by our own
pages, for Wagtail's live preview), and the strict policy is sent as report-only, so that the
browser names what would still break before we tighten it.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIXES = ("/cms/", "/django-admin/")
# What the admin adds to the enforced policy.
ADMIN_ALLOWANCES = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:", "blob:"],
    "frame-src": [SELF],
}

# allauth shows the QR code for an authenticator app as a data: image, so that the secret it
# encodes is never served from an address of its own; only that page may load data: images.
DATA_IMAGE_VIEWS = frozenset({"mfa_activate_totp"})


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's allowances (django-csp's documented way to
    vary a policy per request is this method)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        in_admin = request.path_info.startswith(ADMIN_PREFIXES)
        if report_only:
            if not in_admin:
                # The public site enforces the strict policy; reporting it again adds nothing.
                parts.config = {}
            return parts
        if in_admin:
            parts.update = {**ADMIN_ALLOWANCES, **(parts.update or {})}
            parts.replace = {"frame-ancestors": [SELF], **(parts.replace or {})}
        elif getattr(request.resolver_match, "url_name", None) in DATA_IMAGE_VIEWS:
            parts.update = {"img-src": ["data:"], **(parts.update or {})}
        return parts
