"""Thin views for the open outputs of the practice directory (feeds, exports, JSON API) and of
one practice (its PDF).

All of them are public and read-only and only return live, public practices; the list outputs
take the directory's GET parameters (``q``, ``country``, ``theme``, ``group``, ``gcm``,
``status``, ``year``, ``results``, ``language``, ``sort``).
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from base.sites import page_url

from . import api, outputs, pdf, selectors
from .api import api_view
from .search import PAGE_SIZE

# Browsers and proxies may keep a PDF this long; publishing again changes it at the same address.
PDF_MAX_AGE = 600

rss_feed = outputs.PracticeRssFeed()
atom_feed = outputs.PracticeAtomFeed()


def _filename(extension: str) -> str:
    return f"convive-practices-{timezone.localdate().isoformat()}.{extension}"


@require_safe
def practice_map(request: HttpRequest) -> HttpResponse:
    """A map of the network's countries shaded by the number of practices matching the
    directory's filters, each linking to the directory filtered to that country."""
    shown = selectors.practice_map(params=request.GET, language=translation.get_language())
    description = _(
        "Where the network's good practices come from: the number of practices in each country "
        "of the Americas, for the directory's search and filters."
    )
    return render(request, "practices/map.html", {"map": shown, "meta_description": description})


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        outputs.export_csv(request=request), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        outputs.export_xlsx(request=request),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


@api_view
def api_practice_list(request: HttpRequest) -> JsonResponse:
    """``GET /<lang>/api/practices/?<filters>&page=<n>``: one page (20) of matching practices.

    Answers ``{"count", "page", "num_pages", "next", "previous", "results": [practice, ...]}``
    where ``next``/``previous`` are absolute addresses or null. See docs/api.md.
    """
    paginator = Paginator(outputs.filtered_practices(request=request), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))

    def address(number: int | None) -> str | None:
        if number is None:
            return None
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "next": address(page.next_page_number() if page.has_next() else None),
            "previous": address(page.previous_page_number() if page.has_previous() else None),
            "results": outputs.practice_records(page.object_list, request=request),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@api_view
def api_practice_detail(request: HttpRequest, pk: int) -> JsonResponse:
    """``GET /<lang>/api/practices/<id>/``: one live practice (404 for drafts and others)."""
    practice = outputs.live_practice(pk=pk)
    if practice is None:
        return api.not_found(message=_("There is no published practice with this id."))
    with translation.override(practice.locale.language_code):
        url = request.build_absolute_uri(page_url(practice, request))
    record = outputs.practice_record(practice, url=url)
    record.update(outputs.practice_sections(practice))
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


@api_view
def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """Any other address under ``/<lang>/api/practices/``: a JSON 404, not the site's page."""
    return api.not_found()


@require_safe
def practice_pdf(request: HttpRequest, page_id: int) -> HttpResponse:
    """``GET /<lang>/practices/<id>/pdf/``: the live, public practice ``id`` as a PDF in the
    address's language: its version in that language when there is one, and the labels in that
    language in any case (404 for drafts, restricted pages and other page types)."""
    practice = outputs.live_practice(pk=page_id)
    if practice is None:
        raise Http404
    language = translation.get_language()
    practice = outputs.practice_in_language(practice=practice, language=language)
    response = HttpResponse(
        pdf.practice_pdf(practice=practice, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{practice.slug}.pdf"
    )
    if practice.last_published_at:
        response["Last-Modified"] = http_date(practice.last_published_at.timestamp())
    patch_cache_control(response, public=True, max_age=PDF_MAX_AGE)
    return response
