"""A version's choice lists: creating, renaming and deleting them, their choices (values,
labels in every language, filter columns), which questions use each list, and fixing choice
labels once the version is frozen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.permissions import Decision, decide

from .. import permissions, selectors_editor, services_editor
from ..forms_editor import (
    LANGUAGE_NAMES,
    ChoiceForm,
    ChoiceListForm,
    TextFixForm,
    ordered_languages,
)
from ..models import Choice, ChoiceList, QuestionnaireVersion
from .common import denied, errors_to, posted, version_url, viewing


def _list_url(choice_list: ChoiceList) -> str:
    return reverse("assessments:choice_list_detail", kwargs={"pk": choice_list.pk})


def _refused(request, version: QuestionnaireVersion):
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT, version)
    return None if decision else denied(request, decision)


@viewing(selectors_editor.version_get)
def choice_list_add(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    refusal = _refused(request, version)
    if refusal:
        return refusal
    form = ChoiceListForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            choice_list = services_editor.choice_list_create(
                by=request.user, version=version, name=form.cleaned_data["name"]
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, _("The list is created: add its choices."))
            return redirect(_list_url(choice_list))
    return render(
        request,
        "assessments/editor/choice_list_form.html",
        {"form": form, "version": version, "choice_list": None},
    )


@viewing(selectors_editor.choice_list_get)
def choice_list_detail(request: HttpRequest, choice_list: ChoiceList) -> HttpResponse:
    """The list's choices with their labels in every language and the questions using it; its
    editors rename it here."""
    version = choice_list.version
    can_edit = decide(request.user, permissions.QUESTIONNAIRE_EDIT, version).allowed
    form = ChoiceListForm(posted(request), initial={"name": choice_list.name})
    if request.method == "POST":
        refusal = _refused(request, version)
        if refusal:
            return refusal
        if form.is_valid():
            try:
                services_editor.choice_list_rename(
                    by=request.user, choice_list=choice_list, name=form.cleaned_data["name"]
                )
            except PermissionDenied as error:
                return denied(request, Decision(False, str(error)))
            except ValidationError as error:
                errors_to(form, error)
            else:
                messages.success(request, _("The list is renamed."))
                return redirect(_list_url(choice_list))
    languages = ordered_languages(version)
    choices = list(choice_list.choices.order_by("position", "pk"))
    rows = [
        {
            "choice": choice,
            "labels": [
                (LANGUAGE_NAMES[code], code, (choice.label or {}).get(code, ""))
                for code in languages
            ],
            "first": index == 0,
            "last": index == len(choices) - 1,
        }
        for index, choice in enumerate(choices)
    ]
    return render(
        request,
        "assessments/editor/choice_list.html",
        {
            "choice_list": choice_list,
            "version": version,
            "rows": rows,
            "questions": list(choice_list.questions.order_by("position", "pk")),
            "form": form,
            "can_edit": can_edit,
            "can_fix": decide(request.user, permissions.QUESTIONNAIRE_TEXT_FIX, version).allowed,
        },
    )


@viewing(selectors_editor.choice_list_get)
def choice_list_delete(request: HttpRequest, choice_list: ChoiceList) -> HttpResponse:
    version = choice_list.version
    refusal = _refused(request, version)
    if refusal:
        return refusal
    error = ""
    if request.method == "POST":
        try:
            services_editor.choice_list_delete(by=request.user, choice_list=choice_list)
        except PermissionDenied as refused:
            return denied(request, Decision(False, str(refused)))
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The list is deleted."))
            return redirect(version_url(version, "choice-lists"))
    return render(
        request,
        "assessments/editor/confirm_delete.html",
        {
            "version": version,
            "question": _("Delete the list “%(name)s” and its choices?")
            % {"name": choice_list.name},
            "consequence": "",
            "error": error,
            "cancel_url": _list_url(choice_list),
        },
    )


def _choice_form_page(
    request: HttpRequest, choice_list: ChoiceList, choice: Choice | None
) -> HttpResponse:
    version = choice_list.version
    refusal = _refused(request, version)
    if refusal:
        return refusal
    form = ChoiceForm(posted(request), version=version, choice=choice)
    if request.method == "POST" and form.is_valid():
        try:
            services_editor.choice_save(
                by=request.user,
                choice_list=choice_list,
                name=form.cleaned_data["name"],
                label=form.texts_of("label"),
                filters=form.cleaned_data["filters"],
                choice=choice,
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, _("The choice is saved."))
            if request.POST.get("then") == "another":
                return redirect(reverse("assessments:choice_add", kwargs={"pk": choice_list.pk}))
            return redirect(_list_url(choice_list))
    return render(
        request,
        "assessments/editor/choice_form.html",
        {"form": form, "version": version, "choice_list": choice_list, "choice": choice},
    )


@viewing(selectors_editor.choice_list_get)
def choice_add(request: HttpRequest, choice_list: ChoiceList) -> HttpResponse:
    return _choice_form_page(request, choice_list, None)


@viewing(selectors_editor.choice_get)
def choice_edit(request: HttpRequest, choice: Choice) -> HttpResponse:
    return _choice_form_page(request, choice.choice_list, choice)


@viewing(selectors_editor.choice_get)
def choice_delete(request: HttpRequest, choice: Choice) -> HttpResponse:
    choice_list = choice.choice_list
    version = choice_list.version
    refusal = _refused(request, version)
    if refusal:
        return refusal
    if request.method == "POST":
        try:
            services_editor.choice_delete(by=request.user, choice=choice)
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        messages.success(request, _("The choice is deleted."))
        return redirect(_list_url(choice_list))
    return render(
        request,
        "assessments/editor/confirm_delete.html",
        {
            "version": version,
            "question": _("Delete the choice “%(name)s” from the list “%(list)s”?")
            % {"name": choice.name, "list": choice_list.name},
            "consequence": "",
            "error": "",
            "cancel_url": _list_url(choice_list),
        },
    )


@require_POST
@viewing(selectors_editor.choice_get)
def choice_move(request: HttpRequest, choice: Choice) -> HttpResponse:
    refusal = _refused(request, choice.choice_list.version)
    if refusal:
        return refusal
    services_editor.choice_move(
        by=request.user, choice=choice, up=request.POST.get("direction") == "up"
    )
    return redirect(_list_url(choice.choice_list))


@viewing(selectors_editor.choice_get)
def choice_text_fix(request: HttpRequest, choice: Choice) -> HttpResponse:
    version = choice.choice_list.version
    decision = decide(request.user, permissions.QUESTIONNAIRE_TEXT_FIX, version)
    if not decision:
        return denied(request, decision)
    form = TextFixForm(
        posted(request), version=version, texts=("label",), current={"label": choice.label}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_editor.text_fix_apply(
                by=request.user, version=version, changes=form.changes(choice=choice)
            )
        except PermissionDenied as error:
            return denied(request, Decision(False, str(error)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, _("The choice's label is fixed; the change is recorded."))
            return redirect(version_url(version, "text-fixes"))
    return render(
        request,
        "assessments/editor/text_fix.html",
        {
            "form": form,
            "version": version,
            "subject": f"{choice.choice_list.name} · {choice.name}",
        },
    )
