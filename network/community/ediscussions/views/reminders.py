"""Reminders by hand: the facilitator's button that reminds a week's participants who have not
contributed yet (``services_mail.week_nudge_request``; at most once per participant and week).
A POST answered with a message and a redirect back (no JavaScript); the button is the include
``community/ediscussions/includes/week_remind.html``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from network.permissions import decide
from network.views import denied

from ... import permissions
from ...views.returning import next_path
from ...visibility import ediscussions_readable
from .. import services_mail
from ..models import Week


@login_required
@require_POST
def week_remind(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Remind, now, the participants of week ``number`` who have not contributed to it."""
    ediscussions = ediscussions_readable(user=request.user).select_related("category")
    ediscussion = get_object_or_404(ediscussions, slug=slug)
    week = get_object_or_404(
        Week.objects.select_related("ediscussion__category"), ediscussion=ediscussion, number=number
    )
    decision = decide(request.user, permissions.EDISCUSSION_FACILITATE, ediscussion)
    if not decision:
        return denied(request, decision)
    try:
        count = services_mail.week_nudge_request(by=request.user, week=week)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(
                request,
                ngettext(
                    "A reminder is on its way to %(count)d participant who has not "
                    "contributed to week %(week)d yet.",
                    "A reminder is on its way to %(count)d participants who have not "
                    "contributed to week %(week)d yet.",
                    count,
                )
                % {"count": count, "week": week.number},
            )
        else:
            messages.info(
                request,
                _(
                    "Nobody to remind: every participant has contributed to week %(week)d or "
                    "was reminded already."
                )
                % {"week": week.number},
            )
    fallback = services_mail.ediscussion_path(ediscussion=ediscussion)
    return redirect(next_path(request, fallback))
