"""Moderation pages: flagging a post, the moderators' queue and log, and the action endpoints
(posts, topics, members). Thin: they ask ``network.permissions``, call the moderation services
and selectors, and answer with a message and a redirect (no JavaScript needed)."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from network.models import User
from network.permissions import Decision, acting_as, decide
from network.roles import Role
from network.views import denied

from .. import permissions
from ..models import Category, Flag, ModerationAction, Post, Topic
from ..moderation_forms import (
    DisciplineForm,
    FlagForm,
    LogFilterForm,
    PostActionForm,
    QueueFilterForm,
    TopicActionForm,
)
from ..selectors import moderation as selectors
from ..services import moderation as services
from ..visibility import topic_is_readable
from .refusals import moderator_refusal
from .returning import next_path

Action = ModerationAction.Action
PER_PAGE = 20

DONE = {
    Action.HIDE: gettext_lazy("The post is hidden. Its author was told why."),
    Action.RESTORE: gettext_lazy("The post is published again. Its author was told."),
    Action.APPROVE: gettext_lazy("The post is published. Its author was told."),
    Action.REJECT: gettext_lazy("The post was not approved. Its author was told why."),
    Action.DISMISS_FLAGS: gettext_lazy("The flags are dismissed."),
    Action.PIN: gettext_lazy("The topic is pinned."),
    Action.UNPIN: gettext_lazy("The topic is no longer pinned."),
    Action.CLOSE: gettext_lazy("The topic is closed."),
    Action.OPEN: gettext_lazy("The topic is open again."),
    Action.ARCHIVE: gettext_lazy("The topic is archived."),
    Action.UNARCHIVE: gettext_lazy("The topic is no longer archived."),
    Action.MOVE: gettext_lazy("The topic was moved."),
    Action.WARN: gettext_lazy("The member was warned."),
    Action.SUSPEND: gettext_lazy("The member is suspended from the forum."),
    Action.UNSUSPEND: gettext_lazy("The suspension is lifted."),
}


def _moderator_gate(request: HttpRequest) -> HttpResponse | None:
    """None when the person moderates at all; else the answer to give them."""
    user = request.user
    if user.is_superuser:
        # A superuser's password alone opens nothing: the second factor first.
        decision = acting_as(user, Role.COORDINATOR)
        if not decision:
            return denied(request, decision)
    decision = decide(user, permissions.MODERATION_QUEUE)
    if not decision:
        return moderator_refusal(request, decision)
    return None


def _next_url(request: HttpRequest, default: str) -> str:
    return next_path(request, default)


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _readable_post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("topic__category", "author"), pk=post_id)
    if not topic_is_readable(user=request.user, topic=post.topic):
        raise Http404
    return post


# -- Flagging ------------------------------------------------------------------------------


@login_required
def post_flag(request: HttpRequest, post_id: int) -> HttpResponse:
    """Tell the moderators about a post: a reason and an optional note."""
    post = _readable_post(request, post_id)
    if post.state != Post.State.PUBLISHED:
        raise Http404
    decision = decide(request.user, permissions.POST_FLAG, post)
    if not decision:
        return denied(request, decision)
    post_url = reverse("community:post", kwargs={"post_id": post.pk})
    already = Flag.objects.filter(
        post=post, reporter=request.user, resolved_at__isnull=True
    ).exists()
    form = FlagForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            services.flag_create(
                reporter=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error)
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        else:
            messages.success(
                request, _("Thank you. The moderators will look at this post and decide.")
            )
            return redirect(post_url)
    context = {
        "post": post,
        "topic": post.topic,
        "form": form,
        "already": already,
        "post_url": post_url,
    }
    return render(request, "community/moderation/flag.html", context)


# -- The queue and the log -----------------------------------------------------------------


def _page(request: HttpRequest, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def _filter_query(form) -> str:
    if not form.is_valid():
        return ""
    return urlencode({key: value for key, value in form.cleaned_data.items() if value})


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The moderators' one queue: flagged posts and posts waiting for approval in the
    categories they moderate, filterable by category and by the post's language."""
    refused = _moderator_gate(request)
    if refused:
        return refused
    categories = selectors.categories_moderated_by(user=request.user)
    form = QueueFilterForm(request.GET or None, categories=categories)
    filters = form.cleaned_data if form.is_valid() else {}
    page_obj = _page(
        request,
        selectors.queue_posts(
            user=request.user,
            category_id=filters.get("category") or None,
            language=filters.get("language") or "",
        ),
    )
    items = [
        {
            "post": post,
            "reasons": Counter(
                Flag.Reason(flag.reason).label for flag in post.open_flags
            ).most_common(),
            "notes": [flag for flag in post.open_flags if flag.note],
        }
        for post in page_obj.object_list
    ]
    context = {
        "form": form,
        "page_obj": page_obj,
        "items": items,
        "categories": categories,
        "filter_query": _filter_query(form),
        "suspension_days": services.SUSPENSION_DAYS,
        "here": request.get_full_path(),
    }
    return render(request, "community/moderation/queue.html", context)


@login_required
def log(request: HttpRequest) -> HttpResponse:
    """What moderators did, newest first, filterable by action, moderator and category."""
    refused = _moderator_gate(request)
    if refused:
        return refused
    categories = selectors.categories_moderated_by(user=request.user)
    form = LogFilterForm(
        request.GET or None,
        categories=categories,
        moderators=selectors.log_actors(user=request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.log_entries(
        user=request.user,
        action=filters.get("action") or "",
        actor_id=filters.get("moderator") or None,
        category_id=filters.get("category") or None,
    )
    context = {
        "form": form,
        "page_obj": _page(request, entries),
        "filter_query": _filter_query(form),
    }
    return render(request, "community/moderation/log.html", context)


# -- Actions -------------------------------------------------------------------------------


def _act(request: HttpRequest, action: str, call) -> None:
    try:
        call()
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, str(DONE[action]))


@login_required
@require_POST
def post_moderate(request: HttpRequest, post_id: int) -> HttpResponse:
    """Hide, restore, approve or reject a post, or dismiss its flags."""
    refused = _moderator_gate(request)
    if refused:
        return refused
    post = _readable_post(request, post_id)
    back = _next_url(request, reverse("community:moderation_queue"))
    form = PostActionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(back)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    moderator = request.user
    calls = {
        Action.HIDE: lambda: services.post_hide(moderator=moderator, post=post, reason=reason),
        Action.RESTORE: lambda: services.post_restore(
            moderator=moderator, post=post, reason=reason
        ),
        Action.APPROVE: lambda: services.post_approve(
            moderator=moderator, post=post, reason=reason
        ),
        Action.REJECT: lambda: services.post_reject(moderator=moderator, post=post, reason=reason),
        Action.DISMISS_FLAGS: lambda: services.flags_dismiss(
            moderator=moderator, post=post, reason=reason
        ),
    }
    try:
        _act(request, action, calls[action])
    except PermissionDenied as error:
        return denied(request, Decision(False, str(error)))
    return redirect(back)


@login_required
@require_POST
def topic_moderate(request: HttpRequest, topic_id: int) -> HttpResponse:
    """Pin, unpin, close, reopen, archive, unarchive or move a topic."""
    refused = _moderator_gate(request)
    if refused:
        return refused
    topic = get_object_or_404(Topic.objects.select_related("category"), pk=topic_id)
    if not topic_is_readable(user=request.user, topic=topic):
        raise Http404
    back = _next_url(request, reverse("community:moderation_queue"))
    form = TopicActionForm(
        request.POST, categories=selectors.categories_moderated_by(user=request.user)
    )
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(back)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == Action.MOVE:
            category = Category.objects.get(pk=form.cleaned_data["category"])
            _act(
                request,
                action,
                lambda: services.topic_move(
                    moderator=request.user, topic=topic, category=category, reason=reason
                ),
            )
        else:
            _act(
                request,
                action,
                lambda: services.topic_flag_set(
                    moderator=request.user, topic=topic, action=action, reason=reason
                ),
            )
    except PermissionDenied as error:
        return denied(request, Decision(False, str(error)))
    return redirect(back)


@login_required
def member_discipline(request: HttpRequest, user_id: int) -> HttpResponse:
    """A member's record for moderators (running suspension, past actions) with the forms to
    warn, suspend or lift a suspension."""
    refused = _moderator_gate(request)
    if refused:
        return refused
    member = get_object_or_404(User, pk=user_id, is_active=True)
    decision = decide(request.user, permissions.MEMBER_DISCIPLINE, member)
    if not decision:
        return denied(request, decision)
    here = reverse("community:member_discipline", kwargs={"user_id": member.pk})
    form = DisciplineForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            _form_errors(request, form)
            return redirect(_next_url(request, here))
        data = form.cleaned_data
        post = None
        if data.get("post"):
            post = Post.objects.select_related("topic__category").filter(pk=data["post"]).first()
            if post is None or not topic_is_readable(user=request.user, topic=post.topic):
                post = None
        calls = {
            Action.WARN: lambda: services.member_warn(
                moderator=request.user, member=member, reason=data["reason"], post=post
            ),
            Action.SUSPEND: lambda: services.member_suspend(
                moderator=request.user,
                member=member,
                days=data["days"],
                reason=data["reason"],
                post=post,
            ),
            Action.UNSUSPEND: lambda: services.member_suspension_lift(
                moderator=request.user, member=member, reason=data["reason"]
            ),
        }
        try:
            _act(request, data["action"], calls[data["action"]])
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        return redirect(_next_url(request, here))
    context = {
        "member": member,
        "form": form,
        "suspension_days": services.SUSPENSION_DAYS,
        **selectors.member_record(user=request.user, member=member),
    }
    return render(request, "community/moderation/member.html", context)
