"""The member directory (``selectors.directory``): people for signed-in members only, each
showing what they chose to show; a member's page is what @mentions link to."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network.countries import countries_sorted

from ..selectors.directory import (
    directory_card,
    member_get,
    member_recent_posts,
    people_params,
    people_search,
    theme_choices,
)


@require_GET
@login_required
def people(request: HttpRequest) -> HttpResponse:
    params = people_params(params=request.GET)
    page = people_search(params=params)
    context = {
        "params": params,
        "page_obj": page,
        "cards": page.object_list,
        "filter_query": params.encoded(),
        "countries": countries_sorted(language=request.LANGUAGE_CODE),
        "language_choices": settings.LANGUAGES,
        "themes": theme_choices(),
    }
    return render(request, "community/directory/people.html", context)


@require_GET
@login_required
def member(request: HttpRequest, handle: str) -> HttpResponse:
    person = member_get(handle=handle, viewer=request.user)
    if person is None:
        raise Http404(_("This page does not exist."))
    context = {
        "card": directory_card(user=person),
        "is_listed": person.listed_in_directory,
        "posts": member_recent_posts(member=person, viewer=request.user),
    }
    return render(request, "community/directory/member.html", context)
