"""Count a view each time a practice page is served to a GET (HEAD and other methods never
count). The request is also marked, so that the anonymous page cache counts the GET views it
serves itself (see ``apps.ready``); each view is one appended row, ranked by the beat task."""

from wagtail import hooks

from base.cache import mark_page_view
from practices.models import PracticePage

from .services import practice_view_record


@hooks.register("before_serve_page")
def count_practice_view(page, request, serve_args, serve_kwargs):
    if isinstance(page, PracticePage) and request.method == "GET":
        practice_view_record(translation_key=page.translation_key)
        mark_page_view(request, kind="practice", key=str(page.translation_key))
