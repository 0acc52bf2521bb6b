"""What the benchmark server adds to Convive: a query counter and the ceiling view."""

from collections.abc import Callable

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse


class QueryCountMiddleware:
    """Counts the SQL queries each request runs and reports them in an ``X-Query-Count`` header.

    It sits first in MIDDLEWARE so that queries made by the other middleware count too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Query-Count"] = str(queries)
        return response


@transaction.non_atomic_requests
def ceiling(request: HttpRequest) -> HttpResponse:
    """The fastest page the stack can serve: no template, no database (not even the
    transaction ATOMIC_REQUESTS would open), no session."""
    return HttpResponse(b"ok", content_type="text/plain")
