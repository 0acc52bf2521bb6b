"""Watching: the watching page, and the small forms on category and topic pages.

Thin views: the choices are saved by ``services.watching`` (which asks ``network.permissions``),
read by ``selectors.watching``. Something the member cannot read answers 404, as everywhere in
the forum. The forms need no JavaScript: they post and come back to the page they were on.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..models import Category, CategoryWatch, Topic, TopicWatch
from ..selectors import watching as selectors
from ..services import watching as services
from ..visibility import category_is_readable, topic_is_readable
from .returning import next_path


def _back(request: HttpRequest, fallback: str):
    return redirect(next_path(request, fallback))


def _first_error(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_POST
def category_watch(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    if not category_is_readable(user=request.user, category=category):
        raise Http404
    try:
        watch = services.category_watch_set(
            user=request.user, category=category, level=request.POST.get("level", "")
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, _first_error(error))
    else:
        level = watch.get_level_display() if watch else _("Normal: only the topics you watch")
        messages.success(
            request,
            _("%(category)s: %(level)s.") % {"category": category.name, "level": level},
        )
    return _back(request, reverse("community:category", kwargs={"slug": category.slug}))


@login_required
@require_POST
def topic_watch(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.select_related("category"), pk=topic_id)
    if not topic_is_readable(user=request.user, topic=topic):
        raise Http404
    try:
        watch = services.topic_watch_set(
            user=request.user, topic=topic, level=request.POST.get("level", "")
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, _first_error(error))
    else:
        if watch is None:
            text = _("This topic now follows your level for its category.")
        elif watch.level == TopicWatch.Level.WATCHING:
            text = _("You are watching this topic: you will hear of every reply.")
        else:
            text = _("You muted this topic: you will hear nothing more of it.")
        messages.success(request, text)
    fallback = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug or "-"})
    return _back(request, fallback)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    rows = selectors.category_rows(user=request.user)
    valid = {"", *CategoryWatch.Level.values}
    errors = []
    if request.method == "POST":
        levels = {}
        for row in rows:
            field = f"category-{row.category.pk}"
            if field not in request.POST:
                continue
            value = request.POST.get(field, "")
            if value not in valid:
                errors.append(row.category.name)
                continue
            levels[row.category.pk] = value
        if not errors:
            services.category_watches_save(user=request.user, levels=levels)
            messages.success(request, _("Your choices for the forum are saved."))
            return redirect("community:watching")
        messages.error(
            request,
            _("Choose one of the levels offered for: %(categories)s.")
            % {"categories": ", ".join(errors)},
        )
    topics = selectors.watched_topics_page(user=request.user, page=request.GET.get("page"))
    return render(
        request,
        "community/watching/settings.html",
        {
            "rows": rows,
            "levels": category_level_choices(),
            "topics_page": topics,
        },
    )


def category_level_choices() -> list[tuple[str, str]]:
    """The choices of the category select, "normal" (no row) first."""
    return [("", _("Normal: only the topics you watch")), *CategoryWatch.Level.choices]
