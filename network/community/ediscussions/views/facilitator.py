"""The facilitator's editor: creating an e-discussion (coordinators), its settings and concept
note, its weeks and their questions in four languages (the structure locked once a week is
published, the wording still fixable), its facilitators and invited participants, and
scheduling it. Thin: every write is a service that decides with ``EDISCUSSION_CREATE`` or
``EDISCUSSION_FACILITATE`` first; a refusal is shown with its reason and whatever was typed
comes back on the form."""

from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.inputs import integer_parse
from network.permissions import Decision, decide
from network.views import denied

from ... import permissions
from ...models import LANGUAGE_CODES
from .. import selectors, services
from ..forms import EDiscussionForm, MemberSearchForm, QuestionForm, WeekForm, moment_kept
from ..models import EDiscussion

MAX_ID = 2**62


def _facilitating(view):
    """Loads the e-discussion at ``slug`` for its facilitators: a 404 for whoever may not read
    it, the refusal (or the second factor) for readers who may not facilitate it."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        ediscussion = selectors.ediscussion_any(slug=slug)
        if ediscussion is None or not selectors.facilitator_sees(
            user=request.user, ediscussion=ediscussion
        ):
            raise Http404
        decision = decide(request.user, permissions.EDISCUSSION_FACILITATE, ediscussion)
        if not decision:
            return denied(request, decision)
        return view(request, ediscussion, **kwargs)

    return wrapped


def _errors_to(form, error: ValidationError, *, aliases: dict[str, str] | None = None) -> None:
    """Put a service's errors on the form, by field where the form has one (``aliases`` names
    the form's field for a service's key)."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            name = aliases.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _editor_url(ediscussion: EDiscussion) -> str:
    return reverse("community:ediscussion_editor", kwargs={"slug": ediscussion.slug})


def _language_names(codes: list[str]) -> list[str]:
    """The names of ``codes`` in the reader's language ("Spanish", "espagnol")."""
    return [str(get_language_info(code)["name_translated"]) for code in codes]


# -- Creating and the settings ------------------------------------------------------------------


@login_required
def create(request: HttpRequest) -> HttpResponse:
    decision = decide(request.user, permissions.EDISCUSSION_CREATE)
    if not decision:
        return denied(request, decision)
    form = EDiscussionForm(
        request.POST or None,
        request.FILES or None,
        creating=True,
        initial={
            "default_language": selectors.reader_language(),
            "languages": ["en", "es", "pt", "fr"],
            "access": "members",
            "participation": EDiscussion.Participation.OPEN,
            "moderation": EDiscussion.Moderation.IMMEDIATE,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # with its concept note, or not at all
                ediscussion = services.ediscussion_create(
                    creator=request.user,
                    titles=form.titles(),
                    framing=form.framing(),
                    default_language=data["default_language"],
                    languages=data["languages"],
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    access=data["access"],
                    participation=data["participation"],
                    moderation=data["moderation"],
                )
                if data.get("concept_note"):
                    services.concept_note_set(
                        by=request.user, ediscussion=ediscussion, upload=data["concept_note"]
                    )
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            _errors_to(form, error, aliases={"titles": f"title_{data['default_language']}"})
        else:
            messages.success(
                request,
                _(
                    "The e-discussion is created. Only its facilitators see it until it is "
                    "scheduled: add its weeks and questions."
                ),
            )
            return redirect(_editor_url(ediscussion))
    return render(
        request,
        "community/ediscussions/editor/settings.html",
        {"form": form, "creating": True, "action": reverse("community:ediscussion_create")},
    )


@_facilitating
def settings_edit(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    initial = {
        **{
            f"{prefix}_{code}": getattr(ediscussion, f"{prefix}_{code}")
            for prefix in ("title", "framing")
            for code in LANGUAGE_CODES
        },
        "languages": selectors.languages_expected(ediscussion),
        "starts_at": ediscussion.starts_at,
        "ends_at": ediscussion.ends_at,
        "access": ediscussion.category.access,
        "participation": ediscussion.participation,
        "moderation": ediscussion.moderation,
    }
    form = EDiscussionForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        has_concept_note=bool(ediscussion.concept_note),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the settings and the concept note together
                services.ediscussion_update(
                    by=request.user,
                    ediscussion=ediscussion,
                    titles=form.titles(),
                    framing=form.framing(),
                    languages=data["languages"],
                    starts_at=moment_kept(data["starts_at"], ediscussion.starts_at),
                    ends_at=moment_kept(data["ends_at"], ediscussion.ends_at),
                    access=data["access"],
                    participation=data["participation"],
                    moderation=data["moderation"],
                )
                if data.get("concept_note"):
                    services.concept_note_set(
                        by=request.user, ediscussion=ediscussion, upload=data["concept_note"]
                    )
                elif data.get("concept_note_remove"):
                    services.concept_note_remove(by=request.user, ediscussion=ediscussion)
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            ediscussion.refresh_from_db()
            _errors_to(form, error, aliases={"titles": f"title_{ediscussion.default_language}"})
        else:
            messages.success(request, _("The settings are saved."))
            return redirect(_editor_url(ediscussion))
    return render(
        request,
        "community/ediscussions/editor/settings.html",
        {
            "form": form,
            "creating": False,
            "ediscussion": ediscussion,
            "action": reverse("community:ediscussion_settings", kwargs={"slug": ediscussion.slug}),
        },
    )


# -- The editor's home: weeks, questions, missing translations, scheduling ----------------------


@_facilitating
def editor(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    expected = selectors.languages_expected(ediscussion)
    weeks = selectors.editor_weeks(ediscussion=ediscussion)
    return render(
        request,
        "community/ediscussions/editor/home.html",
        {
            "ediscussion": ediscussion,
            "title": selectors.translated(ediscussion, "title"),
            "state": selectors.state_of(ediscussion),
            "weeks": [
                {
                    "row": week,
                    "missing": _language_names(week.missing),
                    "questions": [
                        {"row": question, "missing": _language_names(question.missing)}
                        for question in week.questions
                    ],
                }
                for week in weeks
            ],
            "expected": _language_names(expected),
            "title_missing": _language_names(
                selectors.missing_languages(ediscussion, "title", languages=expected)
            ),
            "framing_missing": _language_names(
                selectors.missing_languages(ediscussion, "framing", languages=expected)
            ),
            "problems": services.schedule_problems(ediscussion=ediscussion),
            "people": selectors.editor_people(ediscussion=ediscussion),
        },
    )


@require_POST
@_facilitating
def schedule(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    try:
        services.ediscussion_schedule(by=request.user, ediscussion=ediscussion)
    except PermissionDenied as refusal:
        return denied(request, Decision(False, str(refusal)))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "The e-discussion is scheduled: its readers see it now, and each week's "
                "questions are published at their time."
            ),
        )
    return redirect(_editor_url(ediscussion))


# -- Weeks and questions ------------------------------------------------------------------------


def _week_or_404(ediscussion: EDiscussion, number: int):
    week = selectors.week_get(ediscussion=ediscussion, number=number)
    if week is None:
        raise Http404
    return week


@_facilitating
def week_add(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    number = selectors.next_week_number(ediscussion=ediscussion)
    previous = selectors.week_get(ediscussion=ediscussion, number=number - 1)
    opens_at = previous.opens_at + timedelta(days=7) if previous else ediscussion.starts_at
    form = WeekForm(request.POST or None, initial={"number": number, "opens_at": opens_at})
    return _week_form(request, ediscussion, form, week=None)


@_facilitating
def week_edit(request: HttpRequest, ediscussion: EDiscussion, number: int) -> HttpResponse:
    week = _week_or_404(ediscussion, number)
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            services.week_delete(by=request.user, week=week)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        else:
            messages.success(request, _("The week is removed."))
        return redirect(_editor_url(ediscussion))
    initial = {"opens_at": week.opens_at}
    initial |= {f"title_{code}": getattr(week, f"title_{code}") for code in LANGUAGE_CODES}
    form = WeekForm(
        request.POST or None,
        initial=initial,
        adding=False,
        published=week.published_at is not None,
    )
    return _week_form(request, ediscussion, form, week=week)


def _week_form(request: HttpRequest, ediscussion: EDiscussion, form: WeekForm, *, week):
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if week is None and selectors.week_get(ediscussion=ediscussion, number=data["number"]):
            form.add_error("number", _("This week exists already: edit it instead."))
            return _week_page(request, ediscussion, form, week=week)
        try:
            services.week_save(
                by=request.user,
                ediscussion=ediscussion,
                number=week.number if week else data["number"],
                opens_at=moment_kept(data["opens_at"], week.opens_at if week else None),
                titles=form.titles(),
            )
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The week is saved."))
            return redirect(_editor_url(ediscussion))
    return _week_page(request, ediscussion, form, week=week)


def _week_page(request: HttpRequest, ediscussion: EDiscussion, form: WeekForm, *, week):
    return render(
        request,
        "community/ediscussions/editor/week.html",
        {
            "ediscussion": ediscussion,
            "title": selectors.translated(ediscussion, "title"),
            "week": week,
            "form": form,
            "deletable": week is not None and week.published_at is None,
        },
    )


@_facilitating
def question_add(request: HttpRequest, ediscussion: EDiscussion, week_number: int) -> HttpResponse:
    week = _week_or_404(ediscussion, week_number)
    form = QuestionForm(
        request.POST or None,
        initial={"number": selectors.next_question_number(ediscussion=ediscussion)},
    )
    return _question_form(request, ediscussion, form, week=week, question=None)


@_facilitating
def question_edit(request: HttpRequest, ediscussion: EDiscussion, number: int) -> HttpResponse:
    question = selectors.question_get(ediscussion=ediscussion, number=number)
    if question is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            services.question_delete(by=request.user, question=question)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        else:
            messages.success(request, _("The question is removed."))
        return redirect(_editor_url(ediscussion))
    initial = {f"text_{code}": getattr(question, f"text_{code}") for code in LANGUAGE_CODES}
    form = QuestionForm(request.POST or None, initial=initial, adding=False)
    return _question_form(request, ediscussion, form, week=question.week, question=question)


def _question_form(request: HttpRequest, ediscussion: EDiscussion, form, *, week, question):
    taken = (
        request.method == "POST"
        and question is None
        and form.is_valid()
        and selectors.question_get(ediscussion=ediscussion, number=form.cleaned_data["number"])
    )
    if taken:
        form.add_error("number", _("This number is taken: edit that question instead."))
    elif request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                by=request.user,
                week=week,
                number=question.number if question else form.cleaned_data["number"],
                texts=form.texts(),
            )
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            _errors_to(form, error, aliases={"texts": f"text_{ediscussion.default_language}"})
        else:
            messages.success(request, _("The question is saved."))
            return redirect(_editor_url(ediscussion))
    expected = selectors.languages_expected(ediscussion)
    return render(
        request,
        "community/ediscussions/editor/question.html",
        {
            "ediscussion": ediscussion,
            "title": selectors.translated(ediscussion, "title"),
            "week": week,
            "question": question,
            "form": form,
            "published": week.published_at is not None,
            "missing": _language_names(
                selectors.missing_languages(question, "text", languages=expected)
            )
            if question
            else [],
            "deletable": question is not None and week.published_at is None,
        },
    )


# -- Facilitators and invited participants ------------------------------------------------------


@_facilitating
def people(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    """Find members by name (or whole email address), then invite them or make them
    facilitators; the people already taking part are listed below."""
    if request.method == "POST":
        return _people_add(request, ediscussion)
    search = MemberSearchForm(request.GET or None)
    found = []
    if search.is_valid() and search.cleaned_data["q"]:
        found = selectors.members_matching(query=search.cleaned_data["q"])
    return render(
        request,
        "community/ediscussions/editor/people.html",
        {
            "ediscussion": ediscussion,
            "title": selectors.translated(ediscussion, "title"),
            "search": search,
            "searched": search.is_bound,
            "found": found,
            "people": selectors.editor_people(ediscussion=ediscussion),
        },
    )


def _people_add(request: HttpRequest, ediscussion: EDiscussion) -> HttpResponse:
    ids = [
        number
        for number in (
            integer_parse(value, minimum=1, maximum=MAX_ID)
            for value in request.POST.getlist("member")[:100]
        )
        if number is not None
    ]
    members = selectors.members_by_ids(ids=ids)
    action = request.POST.get("action")
    url = reverse("community:ediscussion_people", kwargs={"slug": ediscussion.slug})
    if not members or action not in ("invite", "facilitate"):
        messages.error(request, _("Tick the members to add first."))
        return redirect(url)
    try:
        if action == "invite":
            invited = services.participants_invite(
                by=request.user, ediscussion=ediscussion, users=members
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d member is invited.", "%(count)d members are invited.", len(invited)
                )
                % {"count": len(invited)},
            )
        else:
            for member in members:
                services.facilitator_add(by=request.user, ediscussion=ediscussion, user=member)
            messages.success(
                request,
                ngettext(
                    "%(count)d member is now a facilitator.",
                    "%(count)d members are now facilitators.",
                    len(members),
                )
                % {"count": len(members)},
            )
    except PermissionDenied as refusal:
        return denied(request, Decision(False, str(refusal)))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(url)
