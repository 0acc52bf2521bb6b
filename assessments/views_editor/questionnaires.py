"""Questionnaires and their versions: the list, creating one, a version's page (its tree,
problems, language coverage, comments, text fixes and the actions open to the reader) and a
draft's settings (a frozen version's title is fixed instead, recorded)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from network.permissions import Decision, decide

from .. import permissions, selectors_editor, services_editor
from ..coverage import version_coverage
from ..forms_editor import (
    LANGUAGE_NAMES,
    CommentForm,
    QuestionnaireForm,
    TextFixForm,
    ordered_languages,
)
from ..models import QuestionnaireVersion
from ..structure import version_problems
from .common import denied, errors_to, posted, version_url, viewing


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_VIEW)
    if not decision:
        return denied(request, decision)
    return render(
        request,
        "assessments/editor/questionnaire_list.html",
        {
            "questionnaires": selectors_editor.questionnaires_with_versions(),
            "can_create": decide(request.user, permissions.QUESTIONNAIRE_EDIT).allowed,
        },
    )


@login_required
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT)
    if not decision:
        return denied(request, decision)
    form = QuestionnaireForm(
        posted(request), initial={"source_language": "en", "languages": ["en"]}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services_editor.questionnaire_create(
                by=request.user,
                form_id=data["form_id"],
                title=form.texts_of("title"),
                source_language=data["source_language"],
                languages=data["languages"],
            )
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, _("The questionnaire is created; version 1 is a draft."))
            return redirect(version_url(version))
    return render(
        request,
        "assessments/editor/questionnaire_form.html",
        {"form": form, "creating": True},
    )


def _coverage_rows(version: QuestionnaireVersion, tree, choice_lists, can_edit, can_fix):
    """The coverage report for the page: per language, each missing string with the page where
    it is written."""
    by_key = {row.element.key: row.element.pk for row in tree}
    choices = {
        (choice_list.name, choice.name): choice.pk
        for choice_list in choice_lists
        for choice in choice_list.choices.all()
    }
    rows = []
    for code, missing in version_coverage(version=version).items():
        items = []
        for item in missing:
            url = ""
            if item.choice:
                pk = choices.get((item.list_name, item.choice))
                if pk and can_edit:
                    url = reverse("assessments:choice_edit", kwargs={"pk": pk})
                elif pk and can_fix:
                    url = reverse("assessments:choice_text_fix", kwargs={"pk": pk})
            elif item.key:
                pk = by_key.get(item.key)
                if pk and can_edit:
                    url = reverse("assessments:element_edit", kwargs={"pk": pk})
                elif pk and can_fix:
                    url = reverse("assessments:element_text_fix", kwargs={"pk": pk})
            elif can_edit or can_fix:
                url = reverse("assessments:version_settings", kwargs={"pk": version.pk})
            items.append({"missing": item, "url": url})
        rows.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "items": items,
                "incomplete": code in version.incomplete_languages,
            }
        )
    return rows


@viewing(selectors_editor.version_get)
def version_detail(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    user = request.user
    tree = selectors_editor.version_tree(version=version)
    choice_lists = selectors_editor.version_choice_lists(version=version)
    can_edit = decide(user, permissions.QUESTIONNAIRE_EDIT, version).allowed
    can_fix = decide(user, permissions.QUESTIONNAIRE_TEXT_FIX, version).allowed
    published = services_editor.published_keys(
        questionnaire=version.questionnaire, before=version.number
    )
    context = {
        "version": version,
        "questionnaire": version.questionnaire,
        "title": version.text(version.title, language=version.source_language).text,
        "offered_languages": [LANGUAGE_NAMES[code] for code in ordered_languages(version)],
        "tree": tree,
        "published_keys": published,
        "problems": version_problems(version=version),
        "coverage": _coverage_rows(version, tree, choice_lists, can_edit, can_fix),
        "choice_lists": choice_lists,
        "comment_groups": selectors_editor.version_comments(version=version, tree=tree),
        "text_fixes": selectors_editor.version_text_fixes(version=version),
        "can_edit": can_edit,
        "can_fix": can_fix,
        "can_comment": decide(user, permissions.QUESTIONNAIRE_COMMENT, version).allowed,
        "can_approve": decide(user, permissions.QUESTIONNAIRE_APPROVE, version).allowed,
        "can_publish": decide(user, permissions.QUESTIONNAIRE_PUBLISH, version).allowed,
        "can_retire": decide(user, permissions.QUESTIONNAIRE_RETIRE, version).allowed,
        "can_copy": version.is_frozen and decide(user, permissions.QUESTIONNAIRE_EDIT).allowed,
        "comment_form": CommentForm(),
        "Status": QuestionnaireVersion.Status,
    }
    return render(request, "assessments/editor/version_detail.html", context)


@viewing(selectors_editor.version_get)
def version_settings(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    """A draft's title, languages and source language; a frozen version's title, fixed."""
    if version.is_frozen:
        return _title_fix(request, version)
    decision = decide(request.user, permissions.QUESTIONNAIRE_EDIT, version)
    if not decision:
        return denied(request, decision)
    form = QuestionnaireForm(posted(request), version=version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_editor.version_settings_update(
                by=request.user,
                version=version,
                title=form.texts_of("title"),
                source_language=data["source_language"],
                languages=data["languages"],
            )
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, _("The version's settings are saved."))
            return redirect(version_url(version))
    return render(
        request,
        "assessments/editor/questionnaire_form.html",
        {"form": form, "creating": False, "version": version},
    )


def _title_fix(request: HttpRequest, version: QuestionnaireVersion) -> HttpResponse:
    decision = decide(request.user, permissions.QUESTIONNAIRE_TEXT_FIX, version)
    if not decision:
        return denied(request, decision)
    form = TextFixForm(
        posted(request), version=version, texts=("title",), current={"title": version.title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_editor.text_fix_apply(by=request.user, version=version, changes=form.changes())
        except PermissionDenied as refusal:
            return denied(request, Decision(False, str(refusal)))
        except ValidationError as error:
            errors_to(form, error)
        else:
            messages.success(request, _("The title is fixed; the change is recorded."))
            return redirect(version_url(version, "text-fixes"))
    return render(
        request,
        "assessments/editor/text_fix.html",
        {"form": form, "version": version, "subject": _("The title")},
    )
