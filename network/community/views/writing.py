"""Writing in the forum: new topics, replies (to a post, quoting it), edits and their history,
deleting, "helpful", the answer, and the attached files. Thin: the rules decide
(``network.permissions.decide``), the services write, and every refusal is shown with its
reason; whatever was typed comes back on the form, and chosen files wait as pending
attachments, so nothing is lost to a mistake, a preview or a rate limit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.inputs import integer_parse
from network.permissions import Decision, decide

from .. import permissions
from ..forms import PostDeleteForm, PostEditForm, ReplyForm, TopicForm
from ..models import Category, Post, PostAttachment, Topic
from ..services import attachments as attachment_services
from ..services import posting, reactions, rendering
from ..visibility import category_is_readable, moderates, posts_readable_q, topic_is_readable
from .mentions import composer_mentions
from .refusals import moderator_refusal

MAX_ID = 2**62


# -- Helpers --------------------------------------------------------------------------------
def _forbidden(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "network/forbidden.html", {"reason": reason}, status=403)


def _refused(request: HttpRequest, decision: Decision) -> HttpResponse:
    return _forbidden(request, decision.reason)


def _refused_on(request: HttpRequest, post: Post, decision: Decision) -> HttpResponse:
    """A refused edit or deletion. Of someone else's post it is a moderator's action: a
    coordinator or superuser who only lacks the second factor is sent to give it."""
    if post.author_id != request.user.pk:
        return moderator_refusal(request, decision)
    return _refused(request, decision)


def _author_name(post: Post) -> str:
    if post.author is None:
        return _("A former member")
    return post.author.get_full_name() or post.author.handle


def topic_url(topic: Topic) -> str:
    return reverse("community:topic", args=[topic.pk, topic.slug or "topic"])


def post_url(post: Post) -> str:
    return reverse("community:post", args=[post.pk])


def _readable_post(request: HttpRequest, post_id: int) -> Post:
    """The post if ``request.user`` may read it (as its topic page would show it), else 404."""
    post = get_object_or_404(Post.objects.select_related("topic__category", "author"), pk=post_id)
    user = request.user
    if not topic_is_readable(user=user, topic=post.topic):
        raise Http404
    moderator = moderates(user=user, category=post.topic.category)
    if not Post.objects.filter(
        posts_readable_q(user=user, moderator=moderator), pk=post.pk
    ).exists():
        raise Http404
    return post


def _errors_to(form, error: ValidationError) -> None:
    """Put a service's errors on the form, by field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def _ids(request: HttpRequest, name: str) -> list[int]:
    values = (
        integer_parse(value, minimum=1, maximum=MAX_ID) for value in request.POST.getlist(name)
    )
    return [value for value in values if value is not None]


def _pending_attachments(
    request: HttpRequest, form, *, attached: list[PostAttachment] = ()
) -> list[PostAttachment]:
    """The files of this draft: those kept from before (minus the ones ticked for removal) and
    the ones just chosen, each checked and stored now so that a mistake elsewhere in the form
    or a preview does not make the member choose them again."""
    user = request.user
    remove = set(_ids(request, "remove"))
    pending = []
    for attachment in attachment_services.attachments_pending(
        user=user, ids=_ids(request, "pending")
    ):
        if attachment.pk in remove:
            attachment_services.attachment_remove(attachment=attachment)
        else:
            pending.append(attachment)
    uploads = [upload for upload in request.FILES.getlist("files") if upload]
    if not uploads:
        return pending
    try:
        pending += attachment_services.attachments_add(
            user=user, uploads=uploads, pending=[*attached, *pending]
        )
    except attachment_services.AttachmentErrors as error:
        pending += error.added
        form.add_error("files", error)
    except ValidationError as error:
        form.add_error("files", error)
    return pending


def _bound(request: HttpRequest) -> tuple:
    """A form's data and files: bound on every POST, even an empty one."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _previewing(request: HttpRequest) -> bool:
    return request.POST.get("action") == "preview"


# -- New topic ------------------------------------------------------------------------------
@login_required
def topic_new(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    if not category_is_readable(user=request.user, category=category):
        raise Http404
    decision = decide(request.user, permissions.TOPIC_START, category)
    if not decision:
        return _refused(request, decision)
    form = TopicForm(*_bound(request), user=request.user)
    preview_html, pending = "", []
    if request.method == "POST":
        valid = form.is_valid()
        pending = _pending_attachments(request, form)
        if valid and not form.errors and _previewing(request):
            data = form.cleaned_data
            preview_html = rendering.post_render(
                source=data["source"], author=request.user, category=category
            ).html
        elif valid and not form.errors:
            data = form.cleaned_data
            try:
                written = posting.topic_create(
                    author=request.user,
                    category=category,
                    title=data["title"],
                    source=data["source"],
                    language=form.language_code(),
                    tags=data["tags"],
                    attachments=pending,
                )
            except PermissionDenied as refusal:
                return _forbidden(request, str(refusal))
            except ValidationError as error:
                _errors_to(form, error)
            else:
                return _after_writing(request, written.post)
    return render(
        request,
        "community/writing/topic_form.html",
        {
            "category": category,
            "form": form,
            "preview_html": preview_html,
            "pending": pending,
            "action": reverse("community:topic_new", args=[category.slug]),
            **composer_mentions(category=category),
        },
    )


def _after_writing(request: HttpRequest, post: Post) -> HttpResponse:
    if post.state == Post.State.HELD:
        messages.info(request, _("Your post waits for a moderator's approval."))
        return redirect(topic_url(post.topic))
    return redirect(post_url(post))


# -- Reply ----------------------------------------------------------------------------------
def quote_markdown(*, post: Post, selection: str = "") -> str:
    """``post`` (or only ``selection``, when it is part of it) as a Markdown quote under a line
    saying who wrote it, ready for the reply to be written below it."""
    text = post.source.replace("\r\n", "\n").strip()
    selection = (selection or "").replace("\r\n", "\n").strip()
    if selection and selection in text:
        text = selection
    header = _("**%(name)s** wrote in #%(number)s:") % {
        "name": _author_name(post),
        "number": post.number,
    }
    lines = [f"> {header}", ">"]
    lines += [f"> {line}" if line.strip() else ">" for line in text.split("\n")]
    return "\n".join(lines) + "\n\n"


def _post_in_topic(request: HttpRequest, topic: Topic, raw_id) -> Post | None:
    post_id = integer_parse(raw_id, minimum=1, maximum=MAX_ID)
    if post_id is None:
        return None
    moderator = moderates(user=request.user, category=topic.category)
    return (
        Post.objects.filter(posts_readable_q(user=request.user, moderator=moderator))
        .select_related("author")
        .filter(topic=topic, pk=post_id)
        .first()
    )


@login_required
def reply(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.select_related("category"), pk=topic_id)
    if not topic_is_readable(user=request.user, topic=topic):
        raise Http404
    decision = decide(request.user, permissions.REPLY, topic)
    if not decision:
        return _refused(request, decision)
    source = request.POST if request.method == "POST" else request.GET
    quoted = _post_in_topic(request, topic, request.GET.get("quote"))
    reply_to = _post_in_topic(request, topic, source.get("to")) or quoted
    initial = {}
    if quoted is not None:
        selection = request.GET.get("text", "")[:5000].replace("\x00", "")
        initial["source"] = quote_markdown(post=quoted, selection=selection)
    form = ReplyForm(*_bound(request), user=request.user, initial=initial)
    preview_html, pending = "", []
    if request.method == "POST":
        valid = form.is_valid()
        pending = _pending_attachments(request, form)
        if valid and not form.errors and _previewing(request):
            preview_html = rendering.post_render(
                source=form.cleaned_data["source"], author=request.user, category=topic.category
            ).html
        elif valid and not form.errors:
            try:
                written = posting.reply_create(
                    author=request.user,
                    topic=topic,
                    source=form.cleaned_data["source"],
                    reply_to=reply_to,
                    language=form.language_code(),
                    attachments=pending,
                )
            except PermissionDenied as refusal:
                return _forbidden(request, str(refusal))
            except ValidationError as error:
                _errors_to(form, error)
            else:
                return _after_writing(request, written.post)
    return render(
        request,
        "community/writing/reply_form.html",
        {
            "topic": topic,
            "topic_url": topic_url(topic),
            "reply_to": reply_to,
            "reply_to_name": _author_name(reply_to) if reply_to else "",
            "form": form,
            "preview_html": preview_html,
            "pending": pending,
            "action": reverse("community:reply", args=[topic.pk]),
            **composer_mentions(topic=topic),
        },
    )


# -- Edit and history -----------------------------------------------------------------------
@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _readable_post(request, post_id)
    topic = post.topic
    decision = decide(request.user, permissions.POST_EDIT, post)
    if not decision:
        return _refused_on(request, post, decision)
    by_moderator = post.author_id != request.user.pk
    initial = {"source": post.source, "language": post.language}
    if post.is_opening:
        initial.update(title=topic.title, tags=", ".join(sorted(topic.tags.names())))
    form = PostEditForm(
        *_bound(request),
        user=request.user,
        initial=initial,
        post=post,
        reason_required=by_moderator,
    )
    attached = list(post.attachments.all())
    preview_html, pending, removed = "", [], set()
    if request.method == "POST":
        removed = set(_ids(request, "remove_attached")) & {file.pk for file in attached}
        valid = form.is_valid()
        kept = [file for file in attached if file.pk not in removed]
        pending = _pending_attachments(request, form, attached=kept)
        data = form.cleaned_data
        if valid and not form.errors and _previewing(request):
            preview_html = rendering.post_render(
                source=data["source"], author=post.author, category=topic.category
            ).html
        elif valid and not form.errors:
            try:
                posting.post_edit(
                    editor=request.user,
                    post=post,
                    source=data["source"],
                    language=data["language"],
                    title=data.get("title"),
                    tags=data.get("tags") if post.is_opening else None,
                    reason=data.get("reason", ""),
                    attachments_added=pending,
                    attachments_removed=sorted(removed),
                )
            except PermissionDenied as refusal:
                return _forbidden(request, str(refusal))
            except ValidationError as error:
                _errors_to(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(post_url(post))
    return render(
        request,
        "community/writing/edit_form.html",
        {
            "post": post,
            "topic": topic,
            "topic_url": topic_url(topic),
            "form": form,
            "preview_html": preview_html,
            "by_moderator": by_moderator,
            "attached": attached,
            "removed": removed,
            "pending": pending,
            "action": reverse("community:post_edit", args=[post.pk]),
            **composer_mentions(topic=topic),
        },
    )


@login_required
def post_revisions(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _readable_post(request, post_id)
    decision = decide(request.user, permissions.REVISIONS_VIEW, post)
    if not decision:
        return _refused(request, decision)
    revisions = post.revisions.select_related("editor").order_by("-created_at", "-id")
    return render(
        request,
        "community/writing/revisions.html",
        {
            "post": post,
            "topic": post.topic,
            "topic_url": topic_url(post.topic),
            "author_name": _author_name(post),
            "revisions": list(revisions),
        },
    )


# -- Delete ---------------------------------------------------------------------------------
@login_required
def post_delete(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _readable_post(request, post_id)
    decision = decide(request.user, permissions.POST_DELETE, post)
    if not decision:
        return _refused_on(request, post, decision)
    by_moderator = post.author_id != request.user.pk
    form = PostDeleteForm(_bound(request)[0], reason_required=by_moderator)
    if request.method == "POST" and form.is_valid():
        try:
            posting.post_delete(user=request.user, post=post, reason=form.cleaned_data["reason"])
        except PermissionDenied as refusal:
            return _forbidden(request, str(refusal))
        except ValidationError as error:
            _errors_to(form, error)
        else:
            if post.is_opening:
                messages.success(request, _("The topic is deleted."))
            else:
                messages.success(request, _("The post is deleted."))
            return redirect(topic_url(post.topic))
    return render(
        request,
        "community/writing/delete_confirm.html",
        {
            "post": post,
            "topic": post.topic,
            "topic_url": topic_url(post.topic),
            "author_name": _author_name(post),
            "form": form,
            "by_moderator": by_moderator,
        },
    )


# -- Helpful and the answer -----------------------------------------------------------------
@require_POST
@login_required
def post_helpful(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _readable_post(request, post_id)
    try:
        marked = reactions.helpful_toggle(user=request.user, post=post)
    except PermissionDenied as refusal:
        return _forbidden(request, str(refusal))
    if marked:
        messages.success(request, _("You marked this post as helpful."))
    else:
        messages.success(request, _("You took back your “helpful”."))
    return redirect(post_url(post))


@require_POST
@login_required
def solution_mark(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _readable_post(request, post_id)
    try:
        marked = reactions.solution_toggle(user=request.user, post=post)
    except PermissionDenied as refusal:
        return _forbidden(request, str(refusal))
    if marked:
        messages.success(request, _("This reply is now marked as the answer."))
    else:
        messages.success(request, _("This reply is no longer marked as the answer."))
    return redirect(post_url(post))


# -- Files ----------------------------------------------------------------------------------
def attachment(request: HttpRequest, attachment_id: int, name: str) -> HttpResponse:
    """An attached file, streamed to whoever may read its post (its uploader alone while it
    is pending); 404 for everyone else, as for a page that does not exist. Images open in the
    page; documents download, under the name they were attached with."""
    found = get_object_or_404(
        PostAttachment.objects.select_related("post__topic__category"), pk=attachment_id
    )
    user = request.user
    if found.post is None:
        if not (user.is_authenticated and found.uploaded_by_id == user.pk):
            raise Http404
    else:
        topic = found.post.topic
        if not topic_is_readable(user=user, topic=topic):
            raise Http404
        moderator = moderates(user=user, category=topic.category)
        readable = Post.objects.filter(
            Q(pk=found.post_id), posts_readable_q(user=user, moderator=moderator)
        )
        if not readable.exists():
            raise Http404
    if name != found.name:
        raise Http404
    try:
        handle = found.file.open("rb")
    except (OSError, ValueError):  # gone from storage: a missing file, not a server error
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=found.kind != PostAttachment.Kind.IMAGE,
        filename=found.name,
        content_type=found.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=3600)
    return response
