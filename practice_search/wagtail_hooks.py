"""Count a view each time a practice page is served (GET only). The request is also marked, so
that the anonymous page cache counts the views it serves itself (see ``apps.ready``)."""

from wagtail import hooks

from base.cache import mark_page_view
from practices.models import PracticePage

from .services import practice_view_record


@hooks.register("before_serve_page")
def count_practice_view(page, request, serve_args, serve_kwargs):
    if isinstance(page, PracticePage) and request.method == "GET":
        practice_view_record(translation_key=page.translation_key)
        mark_page_view(request, kind="practice", key=str(page.translation_key))
