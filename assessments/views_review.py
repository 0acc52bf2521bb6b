"""The review of submitted answers (coordinators and the assessment's researchers): the review
list of an assessment (by state and country, counted, paginated), a response's review page (its
answers as the reader may see them, the comments, the state form, the revisions) and the
correction of one answer. Plain forms, without JavaScript; the services decide who may
(``PermissionDenied``) and what is valid (``ValidationError``, shown, nothing lost)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from network.countries import countries_sorted
from network.permissions import Decision, decide
from network.views import denied, form_errors_to

from . import permissions, selectors_invitations
from . import services_review as services
from .answering import Evaluation, Item, rows_of
from .forms_review import (
    CorrectionForm,
    ResearcherCountriesForm,
    ReviewFilterForm,
    ReviewForm,
    initial_value,
)
from .models import Response
from .selectors_answer import (
    response_events,
    response_files,
    response_for_staff,
    version_structure_load,
)
from .selectors_review import (
    answer_revisions,
    researchers_with_countries,
    review_comments,
    review_countries,
    review_counts,
    review_responses,
    reviewed_sections,
)
from .visibility import response_hidden_keys

PER_PAGE = 50


@login_required
@require_GET
def review_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The submitted responses of an assessment the reader may see, with their review state:
    counts per state, filters by state and country, 50 a page."""
    assessment = selectors_invitations.assessment_get(slug=slug)
    if assessment is None:
        raise Http404
    decision = decide(request.user, permissions.ASSESSMENT_FOLLOW, assessment)
    if not decision:
        return denied(request, decision)
    countries = review_countries(user=request.user, assessment=assessment)
    filters = ReviewFilterForm(request.GET or None, countries=countries)
    chosen = {"state": "", "country": ""}
    if filters.is_valid():
        chosen = {name: filters.cleaned_data[name] or "" for name in chosen}
    responses = review_responses(user=request.user, assessment=assessment, **chosen)
    page = Paginator(responses, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/manage/review_list.html",
        {
            "assessment": assessment,
            "filters": filters,
            "filtered": any(chosen.values()),
            "filter_query": urlencode({k: v for k, v in chosen.items() if v}),
            "counts": review_counts(user=request.user, assessment=assessment),
            "page_obj": page,
        },
    )


def _response_decision(request: HttpRequest, response_id: int) -> tuple[Response, Decision]:
    response = response_for_staff(response_id=response_id)
    if response is None:
        raise Http404
    return response, decide(request.user, permissions.RESPONSE_REVIEW, response)


def _correct_url(response: Response):
    def url(item: Item, row: int | None) -> str:
        address = reverse(
            "assessments:answer_correct", kwargs={"response_id": response.pk, "key": item.key}
        )
        return address if row is None else f"{address}?row={row}"

    return url


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def response_review(request: HttpRequest, response_id: int) -> HttpResponse:
    """A response's answers, comments, revisions and history, and the state form."""
    response, decision = _response_decision(request, response_id)
    if not decision:
        return denied(request, decision)
    form = ReviewForm(
        request.POST if request.method == "POST" else None, current=response.review_state
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_set(
                response=response,
                by=request.user,
                state=form.cleaned_data["state"],
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(request, _("The review is recorded."))
            return redirect("assessments:response_review", response_id=response.pk)
    structure = version_structure_load(version=response.version)
    language = translation.get_language() or structure.version.source_language
    can_correct = response.status == Response.Status.SUBMITTED
    sections = reviewed_sections(
        evaluation=Evaluation(structure, response.data),
        language=language,
        hidden=response_hidden_keys(user=request.user, response=response),
        files=response_files(response=response),
        file_url=lambda file_id: reverse(
            "assessments:response_file", kwargs={"response_id": response.pk, "file_id": file_id}
        ),
        correct_url=_correct_url(response) if can_correct else None,
        first_label=_("First questions"),
    )
    return render(
        request,
        "assessments/manage/review_response.html",
        {
            "response": response,
            "assessment": response.assessment,
            "sections": sections,
            "form": form,
            "can_review": response.status == Response.Status.SUBMITTED,
            "comments": review_comments(response=response),
            "revisions": answer_revisions(response=response),
            "events": response_events(response=response),
        },
    )


def _row(request: HttpRequest) -> int | None:
    raw = request.POST.get("row", request.GET.get("row", ""))
    if raw in ("", None):
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def answer_correct(request: HttpRequest, response_id: int, key: str) -> HttpResponse:
    """Correct one answer (of a repeatable group's row ``?row=``) of a submitted response,
    saying why."""
    response, decision = _response_decision(request, response_id)
    if not decision:
        return denied(request, decision)
    structure = version_structure_load(version=response.version)
    item = structure.by_key.get(key)
    row = _row(request)
    if not services.correctable(item) or (row is not None) != (item.repeat is not None):
        raise Http404
    if item.key in response_hidden_keys(user=request.user, response=response):
        raise Http404
    holder = response.data
    if item.repeat is not None:
        rows = rows_of(response.data, item.repeat)
        if not 0 <= row < len(rows):
            raise Http404
        holder = rows[row]
    language = translation.get_language() or structure.version.source_language
    review_url = reverse("assessments:response_review", kwargs={"response_id": response.pk})
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        item=item,
        version=structure.version,
        language=language,
        initial={
            "value": initial_value(item, holder.get(item.key)),
            "other": holder.get(item.key + "_other", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_correct(
                response=response,
                by=request.user,
                structure=structure,
                correction=services.Correction(
                    key=item.key,
                    row=row,
                    value=form.new_value(),
                    other=form.cleaned_data.get("other") or "",
                    reason=form.cleaned_data["reason"],
                ),
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(request, _("The answer is corrected; the correction is recorded."))
            return redirect(review_url)
    version = structure.version
    return render(
        request,
        "assessments/manage/review_correct.html",
        {
            "response": response,
            "form": form,
            "question": version.text(item.element.label, language=language),
            "key": item.key,
            "row": row,
            "review_url": review_url,
            "locked": response.status != Response.Status.SUBMITTED,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def researcher_countries(request: HttpRequest, slug: str) -> HttpResponse:
    """The countries each of the assessment's researchers reviews (coordinators): one form per
    researcher, none ticked for every country."""
    assessment = selectors_invitations.assessment_get(slug=slug)
    if assessment is None:
        raise Http404
    decision = decide(request.user, permissions.ASSESSMENT_MANAGE, assessment)
    if not decision:
        return denied(request, decision)
    people = researchers_with_countries(assessment=assessment)
    codes = {
        code for code, _name in selectors_invitations.assessment_countries(assessment=assessment)
    }
    codes.update(code for _user, chosen in people for code in chosen)
    countries = countries_sorted(codes)
    posted = None
    if request.method == "POST":
        posted = ResearcherCountriesForm(
            request.POST,
            countries=countries,
            auto_id=f"id_researcher_{request.POST.get('researcher', '')[:20]}_%s",
        )
        chosen_user = next(
            (user for user, _chosen in people if str(user.pk) == request.POST.get("researcher")),
            None,
        )
        if posted.is_valid() and chosen_user is not None:
            try:
                services.researcher_countries_set(
                    by=request.user,
                    assessment=assessment,
                    researcher=chosen_user,
                    countries=posted.cleaned_data["countries"],
                )
            except ValidationError as error:
                posted.add_error(None, error)
            else:
                messages.success(request, _("The researcher's countries are saved."))
                return redirect("assessments:researcher_countries", slug=assessment.slug)
        elif chosen_user is None:
            posted.add_error(None, _("Choose one of the assessment's researchers."))
    forms_ = []
    for user, chosen in people:
        if posted is not None and request.POST.get("researcher") == str(user.pk):
            form = posted
        else:
            form = ResearcherCountriesForm(
                initial={"researcher": user.pk, "countries": chosen},
                countries=countries,
                auto_id=f"id_researcher_{user.pk}_%s",
            )
        forms_.append((user, chosen, form))
    return render(
        request,
        "assessments/manage/researcher_countries.html",
        {
            "assessment": assessment,
            "rows": forms_,
            "orphan": posted if posted is not None and posted.non_field_errors() else None,
        },
    )
