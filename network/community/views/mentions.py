"""@mention suggestions (``selectors.mentions``) for the composer's script,
static/js/mentions.js: a small JSON answer for signed-in members about a category they may
read, given by a topic (``?topic=``, replies and edits) or itself (``?category=``, new topics);
404 for anyone else, as for the category itself. Without the script nothing asks for them:
typing ``@handle`` works as before."""

from dataclasses import asdict
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from network.inputs import integer_parse

from ..models import Category, Topic
from ..selectors.mentions import (
    MENTION_SUGGESTIONS,
    mention_category,
    mention_query_clean,
    mention_suggestions,
)

MAX_ID = 2**62
# Browsers reuse an answer this long (the script keeps one per page too): typing, erasing and
# typing the same letters again asks once.
CACHE_SECONDS = 60


def composer_mentions(*, topic: Topic | None = None, category: Category | None = None) -> dict:
    """What a composer's template gives the script (writing_editor.html): where to ask for
    suggestions, about ``topic`` when there is one, else ``category``, and the numbers of
    members it may announce (each said in the page's language by the template)."""
    params = {"topic": topic.pk} if topic is not None else {"category": category.pk}
    return {
        "mention_url": f"{reverse('community:mention_suggestions')}?{urlencode(params)}",
        "mention_counts": range(1, MENTION_SUGGESTIONS + 1),
    }


@require_GET
@login_required
def suggestions(request: HttpRequest) -> JsonResponse:
    category = mention_category(
        viewer=request.user,
        category_id=integer_parse(request.GET.get("category"), minimum=1, maximum=MAX_ID),
        topic_id=integer_parse(request.GET.get("topic"), minimum=1, maximum=MAX_ID),
    )
    if category is None:
        raise Http404
    found = mention_suggestions(
        viewer=request.user, category=category, query=mention_query_clean(request.GET.get("q", ""))
    )
    response = JsonResponse({"members": [asdict(member) for member in found]})
    patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    return response
