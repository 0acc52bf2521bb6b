"""The e-discussions' pages: the list, an e-discussion's home, its concept note, joining it, a
question's page with its contributions and the contribution form, and the participants. Thin:
reads in ``selectors.py``, writes in ``services.py`` (through the forum's ``reply_create``),
who reads what in ``visibility.py``, who may do what in ``permissions.py``.

As in the forum, an anonymous visitor at a members' e-discussion is asked to sign in (it is no
secret that members talk there); anything else a person may not read does not exist (404).
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.permissions import decide

from ... import permissions
from ...models import Post
from ...permissions import suspension_active
from ...selectors.reading import post_page_number, topic_posts
from ...services import posting
from ...views.reading import Reader
from ...visibility import is_moderator, moderates, topic_is_readable
from .. import selectors, services
from ..forms import ContributionForm
from ..models import EDiscussion, Summary
from ..selectors_summary import summary_of

CONCEPT_NOTE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class _SignIn(Exception):
    """The reader must sign in to read this (a members' e-discussion)."""


def _signing_in(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _SignIn:
            return redirect_to_login(request.get_full_path())

    return wrapped


def _readable(request: HttpRequest, slug: str) -> EDiscussion:
    ediscussion = selectors.ediscussion_readable(user=request.user, slug=slug)
    if ediscussion is not None:
        return ediscussion
    if not request.user.is_authenticated and selectors.ediscussion_for_members(slug=slug):
        raise _SignIn
    raise Http404


def _forbidden(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "network/forbidden.html", {"reason": reason}, status=403)


def _errors_to(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _facilitator_link(request: HttpRequest, ediscussion: EDiscussion) -> bool:
    """Show the editor's link to its facilitators (and to coordinators, who are asked for the
    second factor there)."""
    if not request.user.is_authenticated:
        return False
    decision = decide(request.user, permissions.EDISCUSSION_FACILITATE, ediscussion)
    return decision.allowed or decision.needs_mfa


# -- The list and an e-discussion's home --------------------------------------------------------


def ediscussion_list(request: HttpRequest) -> HttpResponse:
    listed = selectors.ediscussions_for_list(user=request.user)
    groups = [
        ("running", _("Running now"), listed.running),
        ("upcoming", _("Coming up"), listed.upcoming),
        ("past", _("Past e-discussions"), listed.past),
        ("drafts", _("Not scheduled yet (only their facilitators see them)"), listed.drafts),
    ]
    return render(
        request,
        "community/ediscussions/list.html",
        {
            "groups": [
                (key, heading, [_list_row(ediscussion) for ediscussion in rows])
                for key, heading, rows in groups
                if rows or key in ("running", "upcoming")
            ],
            "can_create": request.user.is_authenticated
            and decide(request.user, permissions.EDISCUSSION_CREATE).allowed,
            "signed_in": request.user.is_authenticated,
            "forum_moderator": is_moderator(request.user),
        },
    )


def _list_row(ediscussion: EDiscussion) -> dict:
    return {
        "ediscussion": ediscussion,
        "title": selectors.translated(ediscussion, "title"),
        "url": selectors.ediscussion_url(ediscussion),
    }


@_signing_in
def home(request: HttpRequest, slug: str) -> HttpResponse:
    ediscussion = _readable(request, slug)
    user = request.user
    participant = selectors.participant_of(user=user, ediscussion=ediscussion)
    can_join = False
    if user.is_authenticated and (participant is None or participant.joined_at is None):
        can_join = decide(user, permissions.EDISCUSSION_JOIN, ediscussion).allowed
    framing = selectors.translated(ediscussion, "framing")
    return render(
        request,
        "community/ediscussions/home.html",
        {
            "ediscussion": ediscussion,
            "state": selectors.state_of(ediscussion),
            "title": selectors.translated(ediscussion, "title"),
            "framing": framing,
            "framing_html": ediscussion.framing_html.get(framing.language, ""),
            "home": selectors.ediscussion_home(ediscussion=ediscussion),
            "participant": participant,
            "can_join": can_join,
            "invited": participant is not None and participant.invited_at is not None,
            "signed_in": user.is_authenticated,
            "facilitator_link": _facilitator_link(request, ediscussion),
            "summary_link": _summary_link(request, ediscussion),
        },
    )


def _summary_link(request: HttpRequest, ediscussion: EDiscussion) -> str:
    """Which page of the consolidated summary the home leads to: "published" for everyone who
    reads the e-discussion, "endorse" for those who may read the shared draft, else ""."""
    summary = summary_of(ediscussion=ediscussion)
    if summary is None:
        return ""
    if summary.state == Summary.State.PUBLISHED:
        return "published"
    shared = summary.state == Summary.State.SHARED and request.user.is_authenticated
    if shared and decide(request.user, permissions.EDISCUSSION_SUMMARY_REVIEW, summary):
        return "endorse"
    return ""


@_signing_in
def concept_note(request: HttpRequest, slug: str) -> HttpResponse:
    """The concept note, streamed from private storage to the e-discussion's readers."""
    ediscussion = _readable(request, slug)
    if not ediscussion.concept_note:
        raise Http404
    extension = ediscussion.concept_note.name.rsplit(".", 1)[-1].lower()
    try:
        handle = ediscussion.concept_note.open("rb")
    except (OSError, ValueError):  # gone from storage: a missing file, not a server error
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=extension != "pdf",
        filename=f"{ediscussion.slug}-concept-note.{extension}",
        content_type=CONCEPT_NOTE_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=3600)
    return response


@require_POST
@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    ediscussion = _readable(request, slug)
    try:
        services.participant_join(user=request.user, ediscussion=ediscussion)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("You take part in this e-discussion: each week's questions will reach you by email."),
        )
    return redirect(selectors.ediscussion_url(ediscussion))


# -- A question ---------------------------------------------------------------------------------


@_signing_in
def question(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The question in the reader's language, its contributions page by page (the forum
    topic's pages), and the contribution form with a preview that needs no JavaScript."""
    ediscussion = _readable(request, slug)
    found = selectors.question_published(ediscussion=ediscussion, number=number)
    if found is None or not topic_is_readable(user=request.user, topic=found.topic):
        raise Http404
    topic = found.topic
    user = request.user
    signed_in = user.is_authenticated
    moderator = signed_in and moderates(user=user, category=topic.category)
    reply = decide(user, permissions.REPLY, topic)
    form = ContributionForm(request.POST if request.method == "POST" else None, user=user)
    preview_html = ""
    if request.method == "POST":
        if not signed_in:
            return redirect_to_login(request.get_full_path())
        if not reply:
            return _forbidden(request, reply.reason)
        if form.is_valid() and request.POST.get("action") == "preview":
            preview_html = posting.post_render(
                source=form.cleaned_data["source"], author=user, category=topic.category
            ).html
        elif form.is_valid():
            try:
                contribution = services.contribution_create(
                    author=user,
                    question=found,
                    source=form.cleaned_data["source"],
                    language=form.language_code(),
                    on_behalf=form.on_behalf(),
                )
            except PermissionDenied as refusal:
                return _forbidden(request, str(refusal))
            except ValidationError as error:
                _errors_to(form, error)
            else:
                return _after_contributing(request, found, contribution.post, moderator=moderator)
    page = selectors.contributions_page(
        user=user,
        topic=topic,
        moderator=moderator,
        per_page=settings.FORUM_POSTS_PER_PAGE,
        page=request.GET.get("page"),
    )
    reader = Reader(
        user_id=user.pk if signed_in else None,
        moderator=moderator,
        suspended=signed_in and suspension_active(user=user) is not None,
        can_reply=reply.allowed,
        topic_author=False,
    )
    rows = []
    for post in page.object_list:
        if post.number == 1:
            continue  # the question itself, shown above in the reader's language
        contribution = selectors.contribution_of(post)
        rows.append(
            {
                "post": post,
                "links": reader.links(post),
                "contribution": contribution,
                "participant": contribution.participant if contribution else None,
            }
        )
    return render(
        request,
        "community/ediscussions/question.html",
        {
            "ediscussion": ediscussion,
            "ediscussion_title": selectors.translated(ediscussion, "title"),
            "question": found,
            "week_title": selectors.translated(found.week, "title"),
            "text": selectors.translated(found, "text"),
            "topic": topic,
            "page_obj": page,
            "rows": rows,
            "reader": reader,
            "signed_in": signed_in,
            "reply_refused": "" if reply.allowed else reply.reason,
            "form": form,
            "preview_html": preview_html,
            "canonical": selectors.question_url(found),
        },
    )


def _after_contributing(request: HttpRequest, question, post: Post, *, moderator: bool):
    if post.state == Post.State.HELD:
        messages.info(
            request,
            _(
                "Your contribution waits for the facilitators' approval: until then only you "
                "and they see it."
            ),
        )
    else:
        messages.success(request, _("Thank you: your contribution is published."))
    page = post_page_number(
        posts=topic_posts(user=request.user, topic=question.topic, moderator=moderator),
        number=post.number,
        per_page=settings.FORUM_POSTS_PER_PAGE,
    )
    return redirect(selectors.question_url(question, page=page, post_number=post.number))


# -- Participants -------------------------------------------------------------------------------


@login_required
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    """Who takes part, by country and organisation, named as each allows (signed-in readers)."""
    ediscussion = _readable(request, slug)
    countries = selectors.participants_by_country(ediscussion=ediscussion)
    return render(
        request,
        "community/ediscussions/participants.html",
        {
            "ediscussion": ediscussion,
            "title": selectors.translated(ediscussion, "title"),
            "countries": countries,
            "total": sum(country.total for country in countries),
        },
    )
