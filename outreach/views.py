"""Views of the public site that are not Wagtail pages. Thin: logic is in services/selectors."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from base.localization import page_url_in_language
from network.community.selectors.search import public_topics_matching
from network.permissions import decide
from network.visibility import is_visible

from . import selectors, services
from .calendar import event_ics
from .models import EventPage, EventRegistration
from .permissions import EVENT_REGISTRATION_CANCEL

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _visible_event(request: HttpRequest, page_id: int) -> EventPage:
    """The event ``page_id`` if the visitor may see it (404 otherwise, as for a draft)."""
    event = get_object_or_404(EventPage.objects.select_related("locale"), pk=page_id)
    if not is_visible(event, request=request):
        raise Http404
    return event


def _event_url(event: EventPage, request: HttpRequest) -> str:
    return page_url_in_language(event, language=translation.get_language(), request=request)


@require_POST
def event_register(request: HttpRequest, page_id: int) -> HttpResponse:
    event = _visible_event(request, page_id)
    event_url = _event_url(event, request)
    if not request.user.is_authenticated:
        return redirect_to_login(event_url)
    try:
        services.event_registration_create(
            event=event, user=request.user, event_url=request.build_absolute_uri(event_url)
        )
    except services.EventRegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are registered. We have sent you a confirmation."))
    return HttpResponseRedirect(event_url)


@require_POST
def event_registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        EventRegistration.objects.select_related("event", "event__locale"), pk=pk
    )
    if not request.user.is_authenticated:
        return redirect_to_login(_event_url(registration.event, request))
    decision = decide(request.user, EVENT_REGISTRATION_CANCEL, registration)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    services.event_registration_cancel(registration=registration, user=request.user)
    messages.success(request, _("Your registration is cancelled."))
    event = registration.event.localized
    return HttpResponseRedirect(_event_url(event, request))


@require_GET
def event_calendar(request: HttpRequest, page_id: int) -> HttpResponse:
    event = _visible_event(request, page_id)
    url = request.build_absolute_uri(_event_url(event, request))
    canonical = selectors.event_canonical(event=event)
    body = event_ics(event=event, canonical=canonical, url=url, host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug[:80]}.ics"'
    return response


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    context = selectors.search_pages(query=request.GET.get("q", ""), request=request)
    # Public forum topics (the anonymous rule whoever asks), on the first page of results only.
    first_page = context["page_obj"] is None or context["page_obj"].number == 1
    context["forum_topics"] = (
        public_topics_matching(query=context["query"]) if first_page and context["query"] else []
    )
    return render(request, "outreach/search.html", context)
