"""Where a small form sends the member back to: the ``next`` address it carried, when that is a
path on this site, else the page's own address. One rule for every forum form."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_path(request: HttpRequest, default: str) -> str:
    """``next`` (from the form, else the query) when it is a path of this site (``/...``, never
    ``//host``, another host or a bare word), else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default
