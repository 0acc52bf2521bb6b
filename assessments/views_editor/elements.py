"""A version's sections and questions: each one's page (its texts in every language, its logic
and the committee's comments), adding, changing, deleting and moving them in a version whose
structure may change, and fixing their texts once it is frozen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from network.permissions import Decision, decide

from .. import permissions, selectors_editor, services_editor
from ..forms_editor import (
    LANGUAGE_NAMES,
    TEXT_LABELS,
    CommentForm,
    ElementForm,
    TextFixForm,
    ordered_languages,
)
from ..models import Element, QuestionnaireVersion
from .common import denied, errors_to, posted, version_url, viewing


def _element_url(element: Element) -> str:
    return reverse("assessments:element_detail", kwargs={"pk": element.pk})


@viewing(selectors_editor.element_get)
def element_detail(request: HttpRequest, element: Element) -> HttpResponse:
    version = element.version
    user = request.user
    texts = [
        {
            "name": TEXT_LABELS[text],
            "values": [
                (LANGUAGE_NAMES[code], code, (getattr(element, text) or {}).get(code, ""))
                for code in ordered_languages(version)
            ],
        }
        for text in ("label", "hint", "required_message", "constraint_message")
        if text == "label" or getattr(element, text)
    ]
    return render(
        request,
        "assessments/editor/element_detail.html",
        {
            "element": element,
            "version": version,
            "texts": texts,
            "tags": selectors_editor.tag_labels(element.tags),
            "parent": element.parent,
            "comments": selectors_editor.element_comments(element=element),
            "comment_form": CommentForm(),
            "can_edit": decide(user, permissions.QUESTIONNAIRE_EDIT, version).allowed,
            "can_fix": decide(user, permissions.QUESTIONNAIRE_TEXT_FIX, version).allowed,
            "can_comment": decide(user, permissions.QUESTIONNAIRE_COMMENT, version).allowed,
        },
    )


def _element_form_page(
    request: HttpRequest, version: QuestionnaireVersion, element: Element | None
) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT, version)
    if not decision:
        return denied(request, decision)
    containers = selectors_editor.version_containers(version=version)
    initial = None
    if element is None and request.GET.get("parent"):
        initial = {"parent": request.GET["parent"]}
    kwargs = {"initial": initial} if initial else {}
    form = ElementForm(
        posted(request), version=version, containers=containers, element=element, **kwargs
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services_editor.element_save(
                by=request.user, version=version, data=form.element_data(), element=element
            )
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            errors_to(form, error, aliases={"tags": "target_groups"})
        else:
            messages.success(request, _("“%(key)s” is saved.") % {"key": saved.key})
            if request.POST.get("then") == "another":
                return redirect(
                    reverse("assessments:element_add", kwargs={"pk": version.pk})
                    + (f"?parent={saved.parent_id}" if saved.parent_id else "")
                )
            return redirect(version_url(version, f"element-{saved.pk}"))
    published = element is not None and element.key in services_editor.published_keys(
        questionnaire=version.questionnaire, before=version.number
    )
    return render(
        request,
        "assessments/editor/element_form.html",
        {"form": form, "version": version, "element": element, "published_key": published},
    )


@viewing(selectors_editor.version_get)
def element_add(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    return _element_form_page(request, version, None)


@viewing(selectors_editor.element_get)
def element_edit(request: HttpRequest, element: Element) -> HttpResponse:
    return _element_form_page(request, element.version, element)


@viewing(selectors_editor.element_get)
def element_delete(request: HttpRequest, element: Element) -> HttpResponse:
    version = element.version
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT, version)
    if not decision:
        return denied(request, decision)
    error = ""
    if request.method == "POST":
        try:
            services_editor.element_delete(by=request.user, element=element)
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("“%(key)s” is deleted.") % {"key": element.key})
            return redirect(version_url(version, "tree"))
    return render(
        request,
        "assessments/editor/confirm_delete.html",
        {
            "version": version,
            "subject": element.key,
            "question": _("Delete “%(key)s” from version %(number)s?")
            % {"key": element.key, "number": version.number},
            "consequence": _("Its texts, logic and the comments on it are deleted with it."),
            "error": error,
            "cancel_url": _element_url(element),
        },
    )


@require_POST
@viewing(selectors_editor.element_get)
def element_move(request: HttpRequest, element: Element) -> HttpResponse:
    version = element.version
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT, version)
    if not decision:
        return denied(request, decision)
    services_editor.element_move(
        by=request.user, element=element, up=request.POST.get("direction") == "up"
    )
    return redirect(version_url(version, f"element-{element.pk}"))


@viewing(selectors_editor.element_get)
def element_text_fix(request: HttpRequest, element: Element) -> HttpResponse:
    version = element.version
    decision = decide(request.user, permissions.QUESTIONNAIRE_TEXT_FIX, version)
    if not decision:
        return denied(request, decision)
    texts = services_editor.ELEMENT_TEXTS
    form = TextFixForm(
        posted(request),
        version=version,
        texts=texts,
        current={text: getattr(element, text) for text in texts},
    )
    if request.method == "POST" and form.is_valid():
        try:
            fixes = services_editor.text_fix_apply(
                by=request.user, version=version, changes=form.changes(element=element)
            )
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s text of “%(key)s” is fixed; the change is recorded.",
                    "%(count)s texts of “%(key)s” are fixed; each change is recorded.",
                    len(fixes),
                )
                % {"count": len(fixes), "key": element.key},
            )
            return redirect(version_url(version, "text-fixes"))
    return render(
        request,
        "assessments/editor/text_fix.html",
        {"form": form, "version": version, "subject": element.key},
    )
