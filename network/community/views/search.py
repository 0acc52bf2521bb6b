"""Searching the forum (``selectors.search``): a GET form, works without JavaScript."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..selectors.search import forum_search, forum_search_params


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    params = forum_search_params(params=request.GET)
    result = forum_search(user=request.user, params=params)
    context = {
        "result": result,
        "params": params,
        "page_obj": result.page,
        "filter_query": params.encoded(),
    }
    return render(request, "community/search/search.html", context)
