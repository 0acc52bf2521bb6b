"""From draft to respondents: comments from the coordination committee, sending a draft for
review, sending it back, recording the approval, publishing (with the language coverage
rule), retiring, and starting a new version from a frozen one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.permissions import Decision, decide

from .. import permissions, selectors_editor, services_editor
from ..coverage import languages_lacking
from ..forms_editor import LANGUAGE_NAMES, ApproveForm, CommentForm, PublishForm, SendBackForm
from ..models import DraftComment, Element, QuestionnaireVersion
from ..structure import version_problems
from .common import denied, errors_to, posted, version_url, viewing


def _comment(request: HttpRequest, version: QuestionnaireVersion, element: Element | None):
    decision = decide(request.user, permissions.QUESTIONNAIRE_COMMENT, version)
    if not decision:
        return denied(request, decision)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services_editor.comment_add(
                by=request.user, version=version, element=element, body=form.cleaned_data["body"]
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, _("Your comment is added."))
            if element is not None:
                return redirect("assessments:element_detail", pk=element.pk)
            return redirect(version_url(version, "comments"))
    return render(
        request,
        "assessments/editor/comment_form.html",
        {"form": form, "version": version, "element": element},
    )


@require_POST
@viewing(selectors_editor.version_get)
def version_comment_add(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    return _comment(request, version, None)


@require_POST
@viewing(selectors_editor.element_get)
def element_comment_add(request: HttpRequest, element: Element) -> HttpResponse:
    return _comment(request, element.version, element)


@require_POST
@viewing(selectors_editor.comment_get)
def comment_resolve(request: HttpRequest, comment: DraftComment) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT, comment.version)
    if not decision:
        return denied(request, decision)
    services_editor.comment_resolve(by=request.user, comment=comment)
    messages.success(request, _("The comment is marked resolved."))
    return redirect(version_url(comment.version, "comments"))


@require_POST
@viewing(selectors_editor.version_get)
def version_submit(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT, version)
    if not decision:
        return denied(request, decision)
    try:
        services_editor.version_submit_for_review(by=request.user, version=version)
    except PermissionDenied as error:
        return denied(request, Decision(False, str(error)))
    except ValidationError as error:
        messages.error(
            request,
            _("It cannot be sent for review yet: %(problems)s")
            % {"problems": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("The version is with the coordination committee for review."))
    return redirect(version_url(version))


def _decision_page(
    request: HttpRequest,
    version: QuestionnaireVersion,
    *,
    action: str,
    form,
    apply,
    done: str,
    heading: str,
    intro: str,
    button: str,
    extra: dict | None = None,
) -> HttpResponse:
    decision = decide(request.user, action, version)
    if not decision:
        return denied(request, decision)
    if request.method == "POST" and form.is_valid():
        try:
            apply(form.cleaned_data)
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, done)
            return redirect(version_url(version))
    return render(
        request,
        "assessments/editor/decision.html",
        {
            "form": form,
            "version": version,
            "heading": heading,
            "intro": intro,
            "button": button,
            **(extra or {}),
        },
    )


@viewing(selectors_editor.version_get)
def version_approve(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    return _decision_page(
        request,
        version,
        action=permissions.QUESTIONNAIRE_APPROVE,
        form=ApproveForm(posted(request)),
        apply=lambda data: services_editor.version_approve(
            by=request.user, version=version, record=data["record"]
        ),
        done=_("The approval is recorded: the version's structure is now frozen."),
        heading=_("Record the committee's approval"),
        intro=_(
            "Once approved, no question can be added, removed or moved in this version; its "
            "texts can still be fixed, and every fix is recorded."
        ),
        button=_("Record the approval"),
        extra={"problems": version_problems(version=version)},
    )


@viewing(selectors_editor.version_get)
def version_send_back(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    return _decision_page(
        request,
        version,
        action=permissions.QUESTIONNAIRE_APPROVE,
        form=SendBackForm(posted(request)),
        apply=lambda data: services_editor.version_send_back(
            by=request.user, version=version, note=data["note"]
        ),
        done=_("The version is back to draft, with your note."),
        heading=_("Send back to draft"),
        intro=_("Its editors change it and send it for review again."),
        button=_("Send back to draft"),
    )


@viewing(selectors_editor.version_get)
def version_publish(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    lacking = languages_lacking(version=version)
    return _decision_page(
        request,
        version,
        action=permissions.QUESTIONNAIRE_PUBLISH,
        form=PublishForm(posted(request), lacking=lacking),
        apply=lambda data: services_editor.version_publish(
            by=request.user,
            version=version,
            incomplete_languages=data.get("incomplete_languages", []),
        ),
        done=_("The version is published: assessments can now send it to respondents."),
        heading=_("Publish the version"),
        intro=_(
            "Published, it can be sent to local authorities. It never changes again except for "
            "recorded text fixes."
        ),
        button=_("Publish"),
        extra={
            "problems": version_problems(version=version),
            "lacking": [LANGUAGE_NAMES[code] for code in lacking],
            "coverage_url": version_url(version, "coverage"),
        },
    )


@require_POST
@viewing(selectors_editor.version_get)
def version_retire(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_RETIRE, version)
    if not decision:
        return denied(request, decision)
    services_editor.version_retire(by=request.user, version=version)
    messages.success(
        request, _("The version is retired: its answers stay, new assessments cannot use it.")
    )
    return redirect(version_url(version))


@require_POST
@viewing(selectors_editor.version_get)
def version_copy(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT)
    if not decision:
        return denied(request, decision)
    try:
        copy = services_editor.version_copy(by=request.user, version=version)
    except PermissionDenied as error:
        return denied(request, Decision(False, str(error)))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(version_url(version))
    messages.success(
        request,
        _("Version %(number)s is a new draft, a copy of version %(source)s: change it here.")
        % {"number": copy.number, "source": version.number},
    )
    return redirect(version_url(copy))
