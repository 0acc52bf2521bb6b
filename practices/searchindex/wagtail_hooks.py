"""Count a view each time a practice page is served (GET only; cached pages are not counted)."""

from wagtail import hooks

from practices.models import PracticePage

from .services import practice_view_record


@hooks.register("before_serve_page")
def count_practice_view(page, request, serve_args, serve_kwargs):
    if isinstance(page, PracticePage) and request.method == "GET":
        practice_view_record(translation_key=page.translation_key)
