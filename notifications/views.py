from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import PreferencesForm
from .kinds import kind_get
from .models import Notification
from .tokens import InvalidToken, unsubscribe_token_read


def _list_url(page: str | None = None) -> str:
    url = reverse("notifications:list")
    if page and page.isdigit() and page != "1":
        url += f"?page={page}"
    return url


@login_required
def notification_list_view(request: HttpRequest) -> HttpResponse:
    page = selectors.notification_page(user=request.user, page=request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page_obj": page})


@login_required
@require_POST
def notification_mark_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return redirect(_list_url(request.POST.get("page")))


@login_required
@require_POST
def notification_mark_all_read_view(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect(_list_url())


@login_required
@require_http_methods(["GET", "POST"])
def preferences_view(request: HttpRequest) -> HttpResponse:
    current = selectors.preference_frequencies(user=request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, frequency in form.cleaned_data.items():
            if frequency and current.get(kind) != frequency:
                services.preference_set(user=request.user, kind=kind, frequency=frequency)
        messages.success(request, _("Your email preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# Mail clients post here without a session or CSRF token (RFC 8058 one-click unsubscribe);
# the signed token is the only authority, and it can only ever turn email *off*.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, codes = unsubscribe_token_read(token=token)
        user = get_user_model().objects.get(pk=user_id)
        kinds = [kind_get(code) for code in codes]
    except (InvalidToken, get_user_model().DoesNotExist, ValueError):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        for kind in kinds:
            services.unsubscribe(user=user, kind=kind.code)
        return render(request, "notifications/unsubscribe_done.html", {"kinds": kinds})
    return render(request, "notifications/unsubscribe_confirm.html", {"kinds": kinds})
