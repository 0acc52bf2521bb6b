"""Answering a needs assessment: by an invitation's link (no account; the token is the
permission) and in an interview (a researcher, signed in, on the respondent's behalf). Both use
the same pages: a start page with the sections and their state, one page per section (a plain
form that saves a server-side draft of everything typed, then checks it), a review page and an
explicit submission that locks the answers. Files, starting an interview and reopening are in
``views_answer_staff``.

Questions whose condition reads answers on the same page are on it, hidden while the condition
fails: the page's script asks this view which to show (``action=relevance``, nothing saved);
without JavaScript, "Update" saves and shows what the answers now call for, and "Save and
continue" stays on the page when questions the respondent could not see appeared. "Previous"
and "Save and finish later" keep the draft, errors and all; the review page lists what still
needs attention.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from network.models import LocalAuthority
from network.permissions import decide
from network.views import denied

from . import permissions
from . import services_answer as services
from .answering import (
    AnswersSummary,
    Evaluation,
    Item,
    Messages,
    Section,
    TextView,
    VersionStructure,
    blank,
    rows_of,
    text_view,
)
from .forms_answer import (
    LanguageForm,
    SectionBuilder,
    SubmitForm,
    choice_dependencies,
    conditions_shown,
    on_page,
    section_dependencies,
    section_read,
)
from .models import Assessment, Element, Invitation, Response
from .selectors import invitation_for_token
from .selectors_answer import (
    response_files,
    response_for_staff,
    response_of_invitation,
    version_structure_load,
)
from .selectors_review import issues_for_authority

Kind = Element.Kind


@dataclass
class Answering:
    """What every answering page works on, whichever way it was reached."""

    assessment: Assessment
    local_authority: LocalAuthority
    invitation: Invitation | None
    response: Response | None
    structure: VersionStructure
    language: str
    token: str = ""

    @property
    def interview(self):
        """The interview these pages are filled in (None when answering by link)."""
        return None if self.by_link else getattr(self.response, "interview", None)

    @property
    def by_link(self) -> bool:
        return bool(self.token)

    @property
    def locked(self) -> bool:
        return self.response is not None and self.response.status == Response.Status.SUBMITTED

    @property
    def given_back(self) -> bool:
        """A reviewer found issues: the answers are open to correction, even once closed."""
        return (
            self.response is not None
            and self.response.review_state == Response.ReviewState.HAS_ISSUES
        )

    @property
    def closed(self) -> bool:
        return self.assessment.status != Assessment.Status.OPEN and not self.given_back

    @property
    def due_date(self):
        return self.invitation.due_date if self.invitation else self.assessment.due_date

    def url(self, page: str, **kwargs) -> str:
        if self.by_link:
            name = "assessments:answer" if page == "start" else f"assessments:answer_{page}"
            return reverse(name, kwargs={"token": self.token, **kwargs})
        name = {
            "start": "assessments:interview",
            "section": "assessments:interview_section",
            "review": "assessments:interview_review",
            "file": "assessments:response_file",
        }[page]
        return reverse(name, kwargs={"response_id": self.response.pk, **kwargs})

    def title(self) -> TextView:
        version = self.structure.version
        shown = version.text(version.title, language=self.language)
        if not shown.text:
            shown = version.text(version.questionnaire.title, language=self.language)
        return text_view(shown)

    def section_label(self, section: Section) -> TextView:
        if section.item is None:
            with translation.override(self.language):
                return TextView(_("First questions"), self.language, False)
        version = self.structure.version
        return text_view(version.text(section.item.element.label, language=self.language))


def _language(version, wanted: str) -> str:
    offered = version.languages or [version.source_language]
    return wanted if wanted in offered else version.source_language


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/answer/not_found.html", status=404)


def _by_token(request: HttpRequest, token: str) -> Answering | HttpResponse:
    invitation = invitation_for_token(token=token)
    if invitation is None:
        return not_found(request)
    services.invitation_opened(invitation=invitation)
    response = response_of_invitation(invitation=invitation)
    version = response.version if response else invitation.assessment.version
    language = response.language if response else invitation.language
    return Answering(
        assessment=invitation.assessment,
        local_authority=invitation.local_authority,
        invitation=invitation,
        response=response,
        structure=version_structure_load(version=version),
        language=_language(version, language),
        token=token,
    )


def _by_interview(request: HttpRequest, response_id: int) -> Answering | HttpResponse:
    response = response_for_staff(response_id=response_id)
    if response is None or not hasattr(response, "interview"):
        raise Http404
    decision = decide(request.user, permissions.INTERVIEW_CONDUCT, response)
    if not decision:
        return denied(request, decision)
    return Answering(
        assessment=response.assessment,
        local_authority=response.local_authority,
        invitation=response.invitation,
        response=response,
        structure=version_structure_load(version=response.version),
        language=_language(response.version, response.language),
    )


def _context(answering: Answering, **extra) -> dict:
    return {
        "answering": answering,
        "issues": issues_for_authority(response=answering.response) if answering.given_back else [],
        "title": answering.title(),
        "start_url": answering.url("start"),
        "review_url": answering.url("review") if answering.response or answering.by_link else "",
        **extra,
    }


def _closed(request: HttpRequest, answering: Answering) -> HttpResponse:
    return render(request, "assessments/answer/closed.html", _context(answering))


def _section_state(evaluation: Evaluation, section: Section, messages_: Messages) -> str:
    if evaluation.answered_count(section) == 0:
        return "not_started"
    if evaluation.section_errors(section, messages=messages_):
        return "attention"
    return "complete"


# --- The start page -------------------------------------------------------------------------


def _start(request: HttpRequest, answering: Answering) -> HttpResponse:
    if answering.closed and not answering.locked:
        return _closed(request, answering)
    structure = answering.structure
    languages = structure.version.languages or [structure.version.source_language]
    form = LanguageForm(
        request.POST if request.method == "POST" else None,
        languages=languages,
        initial={"language": answering.language},
    )
    if request.method == "POST":
        if answering.locked:
            messages.error(request, _("These answers were submitted: they can no longer change."))
            return redirect(answering.url("start"))
        if form.is_valid():
            try:
                response = services.response_draft_save(
                    invitation=answering.invitation if answering.by_link else None,
                    response=answering.response,
                    data=answering.response.data if answering.response else {},
                    section=answering.response.section if answering.response else "",
                    language=form.cleaned_data["language"],
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(answering.url("start"))
            answering.response = response
            return redirect(answering.url("start"))
    evaluation = Evaluation(structure, answering.response.data if answering.response else {})
    with translation.override(answering.language):
        messages_ = Messages(structure, language=answering.language)
        sections = [
            {
                "section": section,
                "label": answering.section_label(section),
                "url": answering.url("section", section_key=section.key),
                "state": _section_state(evaluation, section, messages_),
            }
            for section in evaluation.relevant_sections()
        ]
    done = sum(1 for row in sections if row["state"] == "complete")
    return render(
        request,
        "assessments/answer/start.html",
        _context(
            answering,
            sections=sections,
            done=done,
            language_form=form if len(languages) > 1 and not answering.locked else None,
            resume_url=_resume_url(answering, sections),
        ),
    )


def _resume_url(answering: Answering, sections: list[dict]) -> str:
    last = answering.response.section if answering.response else ""
    return next((row["url"] for row in sections if last and row["section"].key == last), "")


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    found = _by_token(request, token)
    return found if isinstance(found, HttpResponse) else _start(request, found)


@never_cache
@login_required
def interview(request: HttpRequest, response_id: int) -> HttpResponse:
    found = _by_interview(request, response_id)
    return found if isinstance(found, HttpResponse) else _start(request, found)


# --- A section's page -----------------------------------------------------------------------


def _neighbours(evaluation: Evaluation, section: Section) -> tuple[Section | None, Section | None]:
    relevant = {s.key for s in evaluation.relevant_sections()}
    ordered = evaluation.structure.sections
    index = ordered.index(section)
    previous = next((s for s in reversed(ordered[:index]) if s.key in relevant), None)
    following = next((s for s in ordered[index + 1 :] if s.key in relevant), None)
    return previous, following


def _appeared(before: Evaluation, after: Evaluation, section: Section, *, script: bool) -> bool:
    """Whether the answers just saved call for questions of ``section`` the respondent did not
    see: not on the page, or hidden there without the page's script to show them."""

    def unseen(item: Item, old_row, new_row) -> bool:
        if not after.is_relevant(item, new_row) or before.is_relevant(item, old_row):
            return False
        return not (script and on_page(before, section, item, old_row))

    for item in section.walk():
        asked = item.repeat is None and (item.answered or item.kind == Kind.REPEAT)
        if asked and unseen(item, None, None):
            return True
    # Cascading choices: a question left blank whose choices just changed.
    for item in choice_dependencies(section):
        if item.repeat is None and blank(after.value(item)) and after.is_relevant(item):
            offered = [choice.name for choice in after.offered(item)]
            if offered != [choice.name for choice in before.offered(item)]:
                return True
    for repeat in (item for item in section.walk() if item.kind == Kind.REPEAT):
        before_rows = rows_of(before.data, repeat)
        for index, row in enumerate(rows_of(after.data, repeat)):
            if index >= len(before_rows):
                continue
            old = before_rows[index]
            for child in repeat.walk():
                if child.repeat is repeat and child.answered and unseen(child, old, row):
                    return True
    return False


def _section_page(
    request: HttpRequest,
    answering: Answering,
    section: Section,
    evaluation: Evaluation,
    errors: dict[str, str],
    *,
    appeared: bool = False,
) -> HttpResponse:
    structure = answering.structure
    files = response_files(response=answering.response)
    builder = SectionBuilder(
        evaluation=evaluation,
        version=structure.version,
        language=answering.language,
        errors=errors,
        files=files,
        file_url=lambda file_id: answering.url("file", file_id=file_id),
        section=section,
    )
    relevant = evaluation.relevant_sections()
    number = next((n for n, s in enumerate(relevant, start=1) if s is section), None)
    blocks = builder.blocks(section.items)
    error_list = []

    def collect(blocks_):
        for block in blocks_:
            if block.error:
                error_list.append(block)
            collect(block.children)
            for row in block.rows:
                collect(row.blocks)

    collect(blocks)
    previous, _following = _neighbours(evaluation, section)
    return render(
        request,
        "assessments/answer/section.html",
        _context(
            answering,
            section=section,
            section_label=answering.section_label(section),
            blocks=blocks,
            errors=error_list,
            number=number,
            total=len(relevant),
            has_previous=previous is not None,
            has_dependencies=section_dependencies(section) or bool(choice_dependencies(section)),
            # Cascading choices are offered anew by "Update", script or not.
            update_with_script=bool(choice_dependencies(section)),
            appeared=appeared,
            multipart=any(item.kind == Kind.FILE for item in section.walk()),
        ),
        status=200,
    )


def _section(request: HttpRequest, answering: Answering, section_key: str) -> HttpResponse:
    section = answering.structure.section(section_key)
    if section is None:
        raise Http404
    if answering.locked:
        messages.info(request, _("These answers were submitted: they can no longer change."))
        return redirect(answering.url("start"))
    if answering.closed:
        return _closed(request, answering)
    structure = answering.structure
    before = Evaluation(structure, answering.response.data if answering.response else {})
    if section.item is not None and not before.is_relevant(section.item):
        messages.info(request, _("This section does not apply, given your answers."))
        return redirect(answering.url("start"))
    messages_ = Messages(structure, language=answering.language)
    if request.method != "POST":
        errors = {}
        if request.GET.get("check"):
            with translation.override(answering.language):
                errors = before.section_errors(section, messages=messages_)
        return _section_page(request, answering, section, before, errors)

    posted = section_read(
        evaluation=before, section=section, post=request.POST, files=request.FILES
    )
    if posted.action == "relevance":
        # The page's script asks which questions the answers in the form call for: nothing is
        # saved (the next button pressed saves).
        after = Evaluation(structure, posted.data)
        return JsonResponse({"shown": conditions_shown(after, section)})
    invitation = answering.invitation if answering.by_link else None
    problems = dict(posted.problems)
    try:
        response = answering.response
        if posted.uploads and response is None:
            response = services.response_draft_save(
                invitation=invitation,
                response=None,
                data=posted.data,
                section=section.key,
                language=answering.language,
                by=request.user,
            )
        with translation.override(answering.language):
            for name, (holder, key, upload) in posted.uploads.items():
                try:
                    holder[key] = services.answer_file_add(
                        response=response, key=key, upload=upload
                    ).pk
                except ValidationError as error:
                    problems[name] = " ".join(error.messages)
        after = Evaluation(structure, posted.data)
        answering.response = services.response_draft_save(
            invitation=invitation,
            response=response,
            data=after.data,
            section=section.key,
            language=answering.language,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(answering.url("start"))
    action = posted.action
    previous, following = _neighbours(after, section)
    if action == "previous":
        if previous is None:
            return redirect(answering.url("start"))
        return redirect(answering.url("section", section_key=previous.key))
    if action == "later":
        messages.success(
            request,
            _("Your answers are saved. Come back with the same link to go on, on any device."),
        )
        return redirect(answering.url("start"))
    with translation.override(answering.language):
        errors = after.section_errors(section, messages=messages_)
    appeared = _appeared(before, after, section, script=request.POST.get("script") == "1")
    if action == "continue" and not errors and not problems and not appeared:
        if following is None:
            return redirect(answering.url("review"))
        return redirect(answering.url("section", section_key=following.key))
    shown = {**errors, **problems} if action == "continue" else problems
    return _section_page(request, answering, section, after, shown, appeared=appeared)


@never_cache
def answer_section(request: HttpRequest, token: str, section_key: str) -> HttpResponse:
    found = _by_token(request, token)
    return found if isinstance(found, HttpResponse) else _section(request, found, section_key)


@never_cache
@login_required
def interview_section(request: HttpRequest, response_id: int, section_key: str) -> HttpResponse:
    found = _by_interview(request, response_id)
    return found if isinstance(found, HttpResponse) else _section(request, found, section_key)


# --- Review and submission ------------------------------------------------------------------


def _review_sections(answering: Answering, evaluation: Evaluation, all_errors: dict) -> list[dict]:
    summary = AnswersSummary(
        evaluation=evaluation,
        version=answering.structure.version,
        language=answering.language,
        files=response_files(response=answering.response),
        file_url=lambda file_id: answering.url("file", file_id=file_id),
    )
    return [
        {
            "label": answering.section_label(section),
            "edit_url": answering.url("section", section_key=section.key) + "?check=1",
            "errors": all_errors.get(section.key, {}),
            "entries": summary.entries(
                section.items,
                errors=all_errors.get(section.key, {}),
                edit_url=answering.url("section", section_key=section.key) + "?check=1",
            ),
        }
        for section in evaluation.relevant_sections()
    ]


def _review(request: HttpRequest, answering: Answering) -> HttpResponse:
    if answering.closed and not answering.locked:
        return _closed(request, answering)
    structure = answering.structure
    evaluation = Evaluation(structure, answering.response.data if answering.response else {})
    with translation.override(answering.language):
        all_errors = (
            {}
            if answering.locked
            else evaluation.errors(messages=Messages(structure, language=answering.language))
        )
    response = answering.response
    form = SubmitForm(
        request.POST if request.method == "POST" else None,
        initial={
            # In an interview, who answered is the interviewee.
            "respondent_name": (response.respondent_name if response else "")
            or getattr(answering.interview, "interviewee_name", ""),
            "respondent_email": response.respondent_email if response else "",
        },
    )
    if request.method == "POST":
        if answering.locked:
            messages.error(request, _("These answers were submitted: they can no longer change."))
            return redirect(answering.url("start"))
        if form.is_valid() and not all_errors:
            invitation = answering.invitation if answering.by_link else None
            try:
                if response is None:
                    response = services.response_draft_save(
                        invitation=invitation,
                        response=None,
                        data={},
                        section="",
                        language=answering.language,
                        by=request.user,
                    )
                services.response_submit(
                    response=response,
                    structure=structure,
                    respondent_name=form.cleaned_data["respondent_name"],
                    respondent_email=form.cleaned_data["respondent_email"],
                    by=request.user,
                    through_invitation=answering.by_link,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(answering.url("review"))
            messages.success(request, _("Thank you: your answers are submitted."))
            return redirect(answering.url("start"))
        if all_errors:
            messages.error(request, _("Some answers need your attention before you submit."))
    return render(
        request,
        "assessments/answer/review.html",
        _context(
            answering,
            sections=_review_sections(answering, evaluation, all_errors),
            error_count=sum(len(errors) for errors in all_errors.values()),
            form=form,
        ),
    )


@never_cache
def answer_review(request: HttpRequest, token: str) -> HttpResponse:
    found = _by_token(request, token)
    return found if isinstance(found, HttpResponse) else _review(request, found)


@never_cache
@login_required
def interview_review(request: HttpRequest, response_id: int) -> HttpResponse:
    found = _by_interview(request, response_id)
    return found if isinstance(found, HttpResponse) else _review(request, found)
