"""The consolidated summary's pages: the facilitator's (the summary and its answers, generating
the draft, editing it and its translations with a preview, sharing it, publishing it), the
participants' (reading the shared summary, endorsing it, commenting), and the published summary
for whoever reads the e-discussion. Thin: reads in ``selectors_summary.py``, writes in
``summary.py``, who may do what in ``permissions.py``, who reads what in ``visibility.py``.

An e-discussion a person may not read does not exist (404), except that an anonymous visitor at
a members' one is asked to sign in; a refusal otherwise says why (403), or asks for the second
factor. Every page works without JavaScript.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.permissions import Decision, decide
from network.views import denied

from ... import permissions
from ...models import LANGUAGE_CHOICES, LANGUAGE_CODES, Category
from .. import selectors_summary as selectors
from .. import summary as services
from ..forms_summary import EndorsementForm, SummaryBodyForm, SummaryShareForm
from ..models import EDiscussion, Summary


def _readable(request: HttpRequest, slug: str) -> EDiscussion:
    """The e-discussion at ``slug`` if the visitor may read it; else 404 (or, for an anonymous
    visitor at a members' e-discussion, a request to sign in: ``_SignIn``)."""
    ediscussion = selectors.summary_ediscussion(user=request.user, slug=slug)
    if ediscussion is not None:
        return ediscussion
    if not request.user.is_authenticated and selectors.summary_ediscussion_for_members(slug=slug):
        raise _SignIn
    raise Http404


class _SignIn(Exception):
    pass


def _reading(view):
    """Loads the e-discussion at ``slug`` for whoever may read it."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        try:
            ediscussion = _readable(request, slug)
        except _SignIn:
            return redirect_to_login(request.get_full_path())
        return view(request, ediscussion, **kwargs)

    return wrapped


def _facilitating(view):
    """Loads the e-discussion at ``slug`` for its facilitators: a 404 for whoever may not read
    it, the refusal (or the second factor) for readers who may not facilitate it."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        ediscussion = _readable(request, slug)
        decision = decide(request.user, permissions.EDISCUSSION_FACILITATE, ediscussion)
        if not decision:
            return denied(request, decision)
        return view(request, ediscussion, **kwargs)

    return wrapped


def _manage_url(ediscussion: EDiscussion) -> str:
    return reverse("community:ediscussion_summary_manage", kwargs={"slug": ediscussion.slug})


def _summary_or_back(request: HttpRequest, ediscussion: EDiscussion) -> Summary | None:
    summary = selectors.summary_of(ediscussion=ediscussion)
    if summary is None:
        messages.error(request, _("Generate the draft first."))
    return summary


def _errors_to(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _language_name(code: str) -> str:
    """The language's name in the reader's language ("Spanish", "espagnol")."""
    return str(dict(settings.LANGUAGES).get(code, code))


def _autonym(code: str) -> str:
    """The language's name in itself ("Español"), for links to read in it."""
    return str(dict(LANGUAGE_CHOICES).get(code, code))


def _reader_language(request: HttpRequest) -> str:
    """The language the reader asked for (``?language=``), else the page's."""
    asked = request.GET.get("language", "")
    if asked in LANGUAGE_CODES:
        return asked
    return (get_language() or "en").split("-")[0]


def _text_context(request: HttpRequest, summary: Summary) -> dict:
    """The summary's text for this reader, and the other languages it can be read in."""
    language, html = selectors.summary_text(summary=summary, language=_reader_language(request))
    languages = [summary.language, *sorted(summary.translations or {})]
    return {
        "text_language": language,
        "text_language_name": _language_name(language),
        "text_html": html,
        "other_languages": [(code, _autonym(code)) for code in languages if code != language],
    }


# -- The facilitator's pages -------------------------------------------------------------------


@_facilitating
def manage(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    summary = selectors.summary_of(ediscussion=ediscussion)
    context = {"ediscussion": ediscussion, "summary": summary}
    if summary is not None:
        endorsed, commented = selectors.endorsement_counts(summary=summary)
        initial = summary.endorse_until.date() if summary.endorse_until else None
        context.update(
            {
                "answers": selectors.summary_endorsements(summary=summary),
                "endorsed": endorsed,
                "commented": commented,
                "share_form": SummaryShareForm(initial={"endorse_until": initial}),
                "translations": [
                    (code, _language_name(code), code in (summary.translations or {}))
                    for code in LANGUAGE_CODES
                    if code != summary.language
                ],
                "language_name": _language_name(summary.language),
            }
        )
    return render(request, "community/ediscussions/summary_manage.html", context)


@_facilitating
@require_POST
def generate(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    replace = request.POST.get("replace") == "yes"
    try:
        services.summary_generate(by=request.user, ediscussion=ediscussion, replace_edits=replace)
    except services.SummaryWasEdited:
        return render(
            request,
            "community/ediscussions/summary_generate_confirm.html",
            {"ediscussion": ediscussion},
        )
    except PermissionDenied as error:
        return denied(request, Decision(False, str(error)))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is written from the contributions published now."))
    return redirect(_manage_url(ediscussion))


@_facilitating
def edit(request: HttpRequest, ediscussion: EDiscussion, language: str = "") -> HttpResponse:
    """The summary's text (``language`` empty) or its translation into ``language``: a
    preview, then saving. An empty translation removes it."""
    summary = _summary_or_back(request, ediscussion)
    if summary is None:
        return redirect(_manage_url(ediscussion))
    if language and (language not in LANGUAGE_CODES or language == summary.language):
        raise Http404
    if summary.state == Summary.State.PUBLISHED:
        messages.error(request, _("The summary is published: it can no longer change."))
        return redirect(_manage_url(ediscussion))
    if language:
        current = (summary.translations or {}).get(language, {}).get("body", "")
        if not current:
            current = summary.body
    else:
        current = summary.body
    form = SummaryBodyForm(request.POST or None, initial={"body": current})
    preview_html = ""
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        try:
            if request.POST.get("action") == "preview":
                preview_html = services.summary_preview(body=body)
            elif language:
                services.summary_translation_save(
                    by=request.user, summary=summary, language=language, body=body
                )
                messages.success(request, _("The translation is saved."))
                return redirect(_manage_url(ediscussion))
            else:
                services.summary_edit(by=request.user, summary=summary, body=body)
                messages.success(request, _("The summary is saved."))
                return redirect(_manage_url(ediscussion))
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            _errors_to(form, error)
    return render(
        request,
        "community/ediscussions/summary_edit.html",
        {
            "ediscussion": ediscussion,
            "summary": summary,
            "form": form,
            "preview_html": preview_html,
            "language": language or summary.language,
            "language_name": _language_name(language or summary.language),
            "is_translation": bool(language),
        },
    )


@_facilitating
def share(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    summary = _summary_or_back(request, ediscussion)
    if summary is None:
        return redirect(_manage_url(ediscussion))
    initial = summary.endorse_until.date() if summary.endorse_until else None
    form = SummaryShareForm(request.POST or None, initial={"endorse_until": initial})
    if request.method == "POST" and form.is_valid():
        try:
            services.summary_share(
                by=request.user, summary=summary, endorse_until=form.cleaned_data["endorse_until"]
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(
                request, _("The summary is shared: the participants are told by email.")
            )
            return redirect(_manage_url(ediscussion))
    return render(
        request,
        "community/ediscussions/summary_share.html",
        {"ediscussion": ediscussion, "summary": summary, "form": form},
    )


@_facilitating
def publish(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    summary = _summary_or_back(request, ediscussion)
    if summary is None:
        return redirect(_manage_url(ediscussion))
    error_text = ""
    if request.method == "POST":
        try:
            services.summary_publish(by=request.user, summary=summary)
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            error_text = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("The summary is published in the library; everyone who took part is told."),
            )
            return redirect(
                reverse("community:ediscussion_summary", kwargs={"slug": ediscussion.slug})
            )
    endorsed, commented = selectors.endorsement_counts(summary=summary)
    return render(
        request,
        "community/ediscussions/summary_publish.html",
        {
            "ediscussion": ediscussion,
            "summary": summary,
            "endorsed": endorsed,
            "commented": commented,
            "error_text": error_text,
            "is_public": ediscussion.category.access == Category.Access.PUBLIC,
        },
        status=400 if error_text else 200,
    )


# -- The participants' page ----------------------------------------------------------------------


@login_required
@_reading
def endorse(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    """The shared summary for the participants, with their answer: endorsed, a comment."""
    summary = selectors.summary_of(ediscussion=ediscussion)
    if summary is None:
        raise Http404
    decision = decide(request.user, permissions.EDISCUSSION_SUMMARY_REVIEW, summary)
    if not decision:
        return denied(request, decision)
    answering = decide(request.user, permissions.EDISCUSSION_ENDORSE, summary)
    mine = selectors.endorsement_of(summary=summary, user=request.user)
    initial = {"endorsed": mine.endorsed, "comment": mine.comment} if mine else {}
    form = EndorsementForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not answering:
            return denied(request, answering)
        if form.is_valid():
            try:
                saved = services.endorsement_save(
                    user=request.user,
                    summary=summary,
                    endorsed=form.cleaned_data["endorsed"],
                    comment=form.cleaned_data["comment"],
                )
            except PermissionDenied as error:
                return denied(request, Decision(False, str(error)))
            except ValidationError as error:
                _errors_to(form, error)
            else:
                if saved is None:
                    messages.success(request, _("Your answer is withdrawn."))
                else:
                    messages.success(request, _("Thank you: your answer is saved."))
                return redirect(request.path)
    return render(
        request,
        "community/ediscussions/summary_endorse.html",
        {
            "ediscussion": ediscussion,
            "summary": summary,
            "form": form,
            "answering": answering,
            "mine": mine,
            **_text_context(request, summary),
        },
    )


# -- The published summary ---------------------------------------------------------------------


@_reading
def public(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    """The published summary, for whoever reads the e-discussion."""
    summary = selectors.summary_published(ediscussion=ediscussion)
    if summary is None:
        raise Http404
    endorsed, _commented = selectors.endorsement_counts(summary=summary)
    return render(
        request,
        "community/ediscussions/summary.html",
        {
            "ediscussion": ediscussion,
            "summary": summary,
            "resource": selectors.summary_resource(
                summary=summary, user=request.user, language=_reader_language(request)
            ),
            "endorsed": endorsed,
            **_text_context(request, summary),
        },
    )
