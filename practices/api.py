"""HTTP conventions of the read-only practice API (``/<lang>/api/practices/``), for its views
only: every answer is JSON, errors included (``{"error": "...", "status": 404}``), and any
web page may read it from a browser (CORS: ``Access-Control-Allow-Origin: *`` on every answer,
preflight ``OPTIONS`` requests answered for ``GET``). The data is public and no answer depends
on cookies, so allowing every origin reveals nothing; credentials are never allowed.
"""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
# Request headers a cross-origin script may send (besides the CORS-safelisted ones).
ALLOWED_HEADERS = ("Accept", "Accept-Language", "If-Modified-Since", "If-None-Match")
# How long a browser may keep the answer to a preflight request, in seconds.
PREFLIGHT_MAX_AGE = 24 * 60 * 60

View = Callable[..., HttpResponse]


def _cross_origin(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_error(*, status: int, message: str) -> JsonResponse:
    """An error of the API as JSON, readable from any origin."""
    return _cross_origin(
        JsonResponse(
            {"error": message, "status": status},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    )


def not_found(*, message: str = "") -> JsonResponse:
    return json_error(status=404, message=message or _("There is nothing at this API address."))


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ", ".join(ALLOWED_METHODS)
    response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
    response["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return _cross_origin(response)


def api_view(view: View) -> View:
    """Serve ``view`` the API's way: ``GET`` and ``HEAD`` reach it, ``OPTIONS`` gets the CORS
    preflight answer, any other method a JSON 405, and ``Http404`` a JSON 404.

    Exempt from the CSRF check, which only guards writes: this API has none, and without the
    exemption a cross-origin ``POST`` would get Django's HTML 403 instead of the JSON 405."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return _preflight()
        if request.method not in ALLOWED_METHODS:
            response = json_error(
                status=405,
                message=_("This API is read-only: only GET requests are allowed."),
            )
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found()
        return _cross_origin(response)

    return wrapped
