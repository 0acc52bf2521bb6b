"""The facilitator's pages of an e-discussion: the dashboard of figures, the tray of
contributions not yet given to a question (assign, split) and the exports. Thin: who may is
``EDISCUSSION_FACILITATE`` (its facilitators, coordinators with the second factor), figures come
from ``selectors_dashboard``, changes from the services, files from ``exports``.

Someone who cannot read the e-discussion gets a 404, a reader who does not facilitate it a 403,
and a coordinator whose session has not passed the second factor is sent to give it (or set it
up), as on the forum's moderation pages. Every form works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from network.permissions import Decision, decide
from network.views import denied

from ... import permissions
from ...models import Post
from ...views.returning import next_path
from ...visibility import ediscussions_readable
from .. import exports, services
from ..forms_dashboard import AssignForm, DashboardFilterForm, SplitForm
from ..models import Contribution, EDiscussion, Week
from ..selectors_dashboard import (
    CONTRIBUTORS_SHOWN,
    contribution_of,
    contribution_parts,
    contributions_exported_count,
    dashboard_figures,
    ediscussion_weeks,
    questions_published,
    tray_contributions,
)
from ..splitting import suggest_parts

TRAY_PER_PAGE = 20
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _facilitated(request: HttpRequest, slug: str) -> tuple[EDiscussion, HttpResponse | None]:
    """The e-discussion, and the answer to give instead of the page when ``request.user``
    does not facilitate it (404 when they cannot even read it)."""
    ediscussion = get_object_or_404(EDiscussion.objects.select_related("category"), slug=slug)
    decision = decide(request.user, permissions.EDISCUSSION_FACILITATE, ediscussion)
    if decision:
        return ediscussion, None
    if not ediscussions_readable(user=request.user).filter(pk=ediscussion.pk).exists():
        raise Http404
    return ediscussion, denied(request, decision)


def _week_asked(request: HttpRequest, weeks: list[Week]) -> int | None:
    form = DashboardFilterForm(request.GET or None, weeks=weeks)
    if form.is_valid() and form.cleaned_data.get("week"):
        return form.cleaned_data["week"]
    return None


def _link_maker(request: HttpRequest) -> exports.LinkMaker:
    return exports.link_maker(absolute=request.build_absolute_uri)


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# -- The dashboard ------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Contributions per week, question, language, country and type of organisation, new
    participants per week, questions without an answer and the contributors, live."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    weeks = ediscussion_weeks(ediscussion=ediscussion)
    form = DashboardFilterForm(request.GET or None, weeks=weeks)
    filters = form.cleaned_data if form.is_valid() else {}
    every_contributor = request.GET.get("contributors") == "all"
    figures = dashboard_figures(
        ediscussion=ediscussion,
        week=filters.get("week") or None,
        language=filters.get("language") or "",
        weeks=weeks,
        contributors=None if every_contributor else CONTRIBUTORS_SHOWN,
    )
    shown = {key: value for key, value in filters.items() if value}
    context = {
        "ediscussion": ediscussion,
        "form": form,
        "figures": figures,
        "filtered": bool(shown),
        "filter_query": urlencode(shown),
        "weeks": weeks,
        # While it runs, the published weeks' participants may be reminded (latest first).
        "remind_weeks": (
            [week for week in reversed(weeks) if week.published_at] if ediscussion.is_open else []
        ),
    }
    return render(request, "community/ediscussions/dashboard.html", context)


# -- The tray: giving contributions to questions, splitting them --------------------------------


@login_required
def tray(request: HttpRequest, slug: str) -> HttpResponse:
    """The contributions waiting to be given to a question, oldest first, each with the form
    to give it to one and a link to split it."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    questions = questions_published(ediscussion=ediscussion)
    page_obj = Paginator(tray_contributions(ediscussion=ediscussion), TRAY_PER_PAGE).get_page(
        request.GET.get("page")
    )
    language = ediscussion.default_language
    items = [
        {
            "contribution": contribution,
            # One form per contribution: ids of their own, the same field name.
            "form": AssignForm(
                questions=questions,
                language=language,
                auto_id=f"assign-{contribution.post_id}-%s",
            ),
        }
        for contribution in page_obj.object_list
    ]
    context = {
        "ediscussion": ediscussion,
        "page_obj": page_obj,
        "items": items,
        "questions": questions,
        "here": request.get_full_path(),
    }
    return render(request, "community/ediscussions/dashboard_tray.html", context)


def _contribution_or_404(ediscussion: EDiscussion, post_id: int) -> Contribution:
    contribution = contribution_of(ediscussion=ediscussion, post_id=post_id)
    if contribution is None:
        raise Http404
    return contribution


@login_required
@require_POST
def contribution_assign(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """Give one contribution to a question (the tray's form)."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    contribution = _contribution_or_404(ediscussion, post_id)
    back = next_path(request, reverse("community:ediscussion_tray", kwargs={"slug": slug}))
    form = AssignForm(
        request.POST,
        questions=questions_published(ediscussion=ediscussion),
        language=ediscussion.default_language,
    )
    if not form.is_valid():
        messages.error(request, _("Choose the question this contribution answers."))
        return redirect(back)
    question = form.chosen()
    try:
        services.contribution_assign(by=request.user, contribution=contribution, question=question)
    except ValidationError as error:
        _error_messages(request, error)
    except PermissionDenied as error:
        return denied(request, Decision(False, str(error)))
    else:
        messages.success(
            request,
            _("The contribution now answers question %(n)d.") % {"n": question.number},
        )
    return redirect(back)


def _initial_parts(contribution: Contribution) -> dict[str, str]:
    """The split form's first guess: the text cut at its headings (the rest in the last
    part when there are more headings than parts)."""
    parts = suggest_parts(contribution.post.source) or [contribution.post.source]
    if len(parts) > services.SPLIT_MAX_PARTS:
        kept = services.SPLIT_MAX_PARTS - 1
        parts = [*parts[:kept], "\n\n".join(parts[kept:])]
    return {f"text_{number}": text for number, text in enumerate(parts, start=1)}


@login_required
def contribution_split(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """Split a contribution into parts, each with its own text and question. Shows, for a
    contribution already split, its parts; for a part, the original it came from."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    contribution = _contribution_or_404(ediscussion, post_id)
    questions = questions_published(ediscussion=ediscussion)
    language = ediscussion.default_language
    tray_url = reverse("community:ediscussion_tray", kwargs={"slug": slug})
    form = None
    if not contribution.is_split and contribution.post.state != Post.State.HIDDEN:
        if request.method == "POST":
            form = SplitForm(
                request.POST,
                questions=questions,
                language=language,
                rows=SplitForm.rows_asked(request.POST),
            )
            if "more" not in request.POST and form.is_valid():
                parts = [
                    services.SplitPart(question=question, source=text)
                    for question, text in form.parts
                ]
                try:
                    created = services.contribution_split(
                        by=request.user, contribution=contribution, parts=parts
                    )
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                except PermissionDenied as error:
                    return denied(request, Decision(False, str(error)))
                else:
                    messages.success(
                        request,
                        ngettext(
                            "The contribution is split into %(n)d part.",
                            "The contribution is split into %(n)d parts.",
                            len(created),
                        )
                        % {"n": len(created)},
                    )
                    return redirect(next_path(request, tray_url))
        else:
            initial = _initial_parts(contribution)
            form = SplitForm(
                initial=initial,
                questions=questions,
                language=language,
                rows=len(initial) + (1 if len(initial) < services.SPLIT_MAX_PARTS else 0),
            )
    context = {
        "ediscussion": ediscussion,
        "contribution": contribution,
        "post": contribution.post,
        "form": form,
        "parts": contribution_parts(contribution=contribution) if contribution.is_split else [],
        "tray_url": tray_url,
        "max_parts": services.SPLIT_MAX_PARTS,
    }
    return render(request, "community/ediscussions/dashboard_split.html", context)


# -- Exports ------------------------------------------------------------------------------------


def _filename(ediscussion: EDiscussion, week: int | None, extension: str) -> str:
    suffix = f"-week-{week}" if week else ""
    return f"{ediscussion.slug}{suffix}.{extension}"


@login_required
@never_cache
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every contribution as CSV (streamed)."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    week = _week_asked(request, ediscussion_weeks(ediscussion=ediscussion))
    response = StreamingHttpResponse(
        exports.export_csv_lines(ediscussion=ediscussion, link=_link_maker(request), week=week),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(ediscussion, week, "csv")}"'
    )
    return response


@login_required
@never_cache
def export_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """Every contribution as a workbook."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    week = _week_asked(request, ediscussion_weeks(ediscussion=ediscussion))
    output = exports.export_xlsx_file(ediscussion=ediscussion, link=_link_maker(request), week=week)
    return FileResponse(
        output,
        as_attachment=True,
        filename=_filename(ediscussion, week, "xlsx"),
        content_type=XLSX_TYPE,
    )


@login_required
@never_cache
def document(request: HttpRequest, slug: str) -> HttpResponse:
    """The contributions grouped by week and question, as a page to read or print (streamed)."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    week = _week_asked(request, ediscussion_weeks(ediscussion=ediscussion))
    return StreamingHttpResponse(
        exports.document_chunks(ediscussion=ediscussion, link=_link_maker(request), week=week),
        content_type="text/html; charset=utf-8",
    )


@login_required
@never_cache
def document_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The same document as a PDF."""
    ediscussion, refused = _facilitated(request, slug)
    if refused:
        return refused
    week = _week_asked(request, ediscussion_weeks(ediscussion=ediscussion))
    count = contributions_exported_count(ediscussion=ediscussion, week=week)
    if count > exports.pdf_max_contributions():
        messages.error(
            request,
            _(
                "This PDF would hold %(count)d contributions, more than the %(limit)d a PDF "
                "made on the spot may hold: download it week by week, or print the web page."
            )
            % {"count": count, "limit": exports.pdf_max_contributions()},
        )
        dashboard_url = reverse("community:ediscussion_dashboard", kwargs={"slug": slug})
        return redirect(f"{dashboard_url}#ed-exports")
    output = exports.document_pdf_file(
        ediscussion=ediscussion, link=_link_maker(request), week=week
    )
    return FileResponse(
        output,
        as_attachment=True,
        filename=_filename(ediscussion, week, "pdf"),
        content_type="application/pdf",
    )
