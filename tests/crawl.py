"""The pages of the seeded demo that the site-wide quality checks visit: one of each kind of
public page in the four languages (with filters, a 404 and the account pages) and a member's own
pages. Used by tests/test_html_validity.py (the Nu HTML Checker) and tests/e2e/test_every_page.py
(axe-core and the width on a phone), so both check the same pages."""

import io
from dataclasses import dataclass

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

LANGUAGES = ("en", "es", "pt", "fr")
MEMBER_EMAIL = "member@demo.convive.example.org"
MEMBER_PASSWORD = "convive-demo-member"  # the demo's documented password
RESEARCHER_EMAIL = "researcher@demo.convive.example.org"

# Demo pages (English slugs) whose translations are visited: a practice with indicators,
# partners and sources; a news item; an event. (Resources are translated unevenly: the first
# one of each language is visited.)
PRACTICE = "amatitlan-reception-and-labour-integration"
NEWS = "montevideo-guide-for-newcomers"
EVENT = "virtual-launch-of-the-network"
AUTHORITY = "cucuta-co"
FINISHED_EDISCUSSION = "territorial-approaches-migration-development"
RUNNING_EDISCUSSION = "labour-inclusion-intermediate-cities"
NEEDS_ASSESSMENT = "local-needs-2026-2027"
# The demo's analytical report of that assessment (a resource of the library, four languages).
REPORT = "draft-report-local-needs-2026-2027"


@dataclass(frozen=True)
class CrawledPage:
    path: str
    status: int = 200


def demo_seed() -> None:
    """The whole demo (network, news and events, library, practices), as `make run` has it."""
    call_command("seed_demo", stdout=io.StringIO())


def _translations(model, slug: str) -> dict[str, str]:
    source = model.objects.get(slug=slug, locale__language_code="en")
    pages = Page.objects.filter(translation_key=source.translation_key, live=True).select_related(
        "locale"
    )
    return {page.locale.language_code: page.url for page in pages.specific()}


def _index_url(model, language: str) -> str:
    return model.objects.live().get(locale__language_code=language).url


def _first_url(model, language: str) -> str:
    return model.objects.live().filter(locale__language_code=language).order_by("path")[0].url


def public_pages() -> list[CrawledPage]:
    from assessments.models import AssessmentReportPage
    from library.models import ResourceLibraryPage, ResourcePage
    from outreach.models import EventIndexPage, EventPage, HomePage, NewsIndexPage, NewsPage
    from practices.models import PracticeIndexPage, PracticePage

    practices = _translations(PracticePage, PRACTICE)
    news = _translations(NewsPage, NEWS)
    events = _translations(EventPage, EVENT)
    reports = _translations(AssessmentReportPage, REPORT)
    pages = []
    for language in LANGUAGES:
        directory = _index_url(PracticeIndexPage, language)
        library = _index_url(ResourceLibraryPage, language)
        with translation.override(language):
            authorities = reverse("network:authority_list")
            pages += [
                CrawledPage(_index_url(HomePage, language)),
                CrawledPage(directory),
                CrawledPage(f"{directory}?country=CO&gcm=gcm-02&q=migrantes"),
                CrawledPage(practices[language]),
                CrawledPage(reverse("practices:map")),
                CrawledPage(_index_url(NewsIndexPage, language)),
                CrawledPage(news[language]),
                CrawledPage(_index_url(EventIndexPage, language)),
                CrawledPage(events[language]),
                CrawledPage(library),
                CrawledPage(f"{library}?type=report&language=es"),
                CrawledPage(_first_url(ResourcePage, language)),
                CrawledPage(reports[language]),
                CrawledPage(authorities),
                CrawledPage(f"{authorities}?country=BR"),
                CrawledPage(reverse("network:authority_detail", args=[AUTHORITY])),
                CrawledPage(reverse("network:join")),
                CrawledPage(reverse("outreach:search") + "?q=salud"),
                CrawledPage(reverse("community:ediscussion_list")),
                # The demo's finished e-discussion (public): its home, a question, its summary.
                CrawledPage(reverse("community:ediscussion", args=[FINISHED_EDISCUSSION])),
                CrawledPage(
                    reverse("community:ediscussion_question", args=[FINISHED_EDISCUSSION, 1])
                ),
                CrawledPage(reverse("community:ediscussion_summary", args=[FINISHED_EDISCUSSION])),
                CrawledPage(reverse("account_login")),
                CrawledPage(reverse("account_signup")),
                CrawledPage(reverse("account_reset_password")),
                CrawledPage(reverse("account_reset_password_done")),
                CrawledPage(f"/{language}/no-such-page/", status=404),
            ]
    return pages


def member_setup():
    """The demo member with a proposal in progress and a notification about it, so that the
    steps and the notification list have something to show."""
    from network.models import User
    from notifications.services import notification_send
    from practice_submissions import services as submissions

    member = User.objects.get(email=MEMBER_EMAIL)
    draft = submissions.submission_create(user=member, language="en")
    submissions.submission_step_save(
        submission=draft,
        step="basics",
        answers={"title": "Night classes in Spanish for newcomers"},
        advance=False,
    )
    notification_send(
        recipients=[member],
        kind="practice_submission_changes_requested",
        event_key=f"practice-submission:{draft.pk}:crawl",
        context={
            "submission_id": draft.pk,
            "title": "Night classes in Spanish for newcomers",
            "submitter_name": member.get_full_name(),
            "message": "Please add the number of people who took part.",
        },
        url=reverse("practice_submissions:detail", args=[draft.pk]),
    )
    return member, draft


def member_pages(draft) -> list[CrawledPage]:
    """A member's pages; the last ones (two-factor setup) need a password confirmed moments
    before, so visit them after confirming it at ``account_reauthenticate``."""
    from practice_submissions.models import PracticeSubmission

    pages = []
    for language in ("en", "es"):
        with translation.override(language):
            pages += [
                CrawledPage(reverse("network:dashboard")),
                CrawledPage(reverse("network:profile")),
                CrawledPage(reverse("notifications:list")),
                CrawledPage(reverse("notifications:preferences")),
                CrawledPage(reverse("community:watching")),
                # The demo's running e-discussion (members only), in its second week.
                CrawledPage(reverse("community:ediscussion", args=[RUNNING_EDISCUSSION])),
                CrawledPage(
                    reverse("community:ediscussion_question", args=[RUNNING_EDISCUSSION, 3])
                ),
                CrawledPage(
                    reverse("community:ediscussion_participants", args=[RUNNING_EDISCUSSION])
                ),
                CrawledPage(reverse("practice_submissions:list")),
                CrawledPage(reverse("practice_submissions:new")),
                CrawledPage(reverse("practice_submissions:detail", args=[draft.pk])),
                *(
                    CrawledPage(reverse("practice_submissions:step", args=[draft.pk, step]))
                    # The last step, "review and submit", is the proposal's own page.
                    for step in PracticeSubmission.Step.values
                    if step != PracticeSubmission.Step.REVIEW
                ),
                CrawledPage(reverse("account_email")),
                CrawledPage(reverse("account_change_password")),
                CrawledPage(reverse("mfa_index")),
                CrawledPage(reverse("account_reauthenticate")),
                CrawledPage(reverse("network:account_delete")),
                CrawledPage(reverse("account_logout")),
                CrawledPage(reverse("mfa_activate_totp")),
            ]
    return pages


def researcher_pages() -> list[CrawledPage]:
    """The demo researcher's pages of the needs assessment she is named on (no second factor
    needed): the questionnaires, the demo version, the assessments, the follow-up of the open
    one (all of it, and filtered), its "Export answers" form, the review of its answers, the
    analysis dashboard (several views) and the interview she held. (An
    answering link cannot be visited: its token is not stored.)"""
    from assessments.models import AnswerRevision, Interview, QuestionnaireVersion, ReviewComment

    version = QuestionnaireVersion.objects.get(questionnaire__form_id="local-needs-assessment")
    interview = Interview.objects.get(response__assessment__slug=NEEDS_ASSESSMENT)
    corrected = AnswerRevision.objects.get(response__assessment__slug=NEEDS_ASSESSMENT).response_id
    given_back = (
        ReviewComment.objects.filter(
            state="has_issues", response__assessment__slug=NEEDS_ASSESSMENT
        )
        .order_by("pk")
        .first()
        .response_id
    )
    pages = []
    for language in ("en", "es"):
        with translation.override(language):
            follow = reverse("assessments:assessment_follow", args=[NEEDS_ASSESSMENT])
            analysis = reverse("assessments:assessment_analysis", args=[NEEDS_ASSESSMENT])
            pages += [
                CrawledPage(reverse("assessments:questionnaire_list")),
                CrawledPage(reverse("assessments:version_detail", args=[version.pk])),
                CrawledPage(reverse("assessments:assessment_list")),
                CrawledPage(follow),
                CrawledPage(f"{follow}?country=CO&state=submitted"),
                CrawledPage(reverse("assessments:answers_export", args=[NEEDS_ASSESSMENT])),
                CrawledPage(reverse("assessments:interview", args=[interview.response_id])),
                # The review of the answers: the list, a corrected and a given-back answer.
                CrawledPage(reverse("assessments:review_list", args=[NEEDS_ASSESSMENT])),
                CrawledPage(
                    reverse("assessments:review_list", args=[NEEDS_ASSESSMENT])
                    + "?state=approved&country=CO"
                ),
                CrawledPage(reverse("assessments:response_review", args=[corrected])),
                CrawledPage(reverse("assessments:response_review", args=[given_back])),
                CrawledPage(
                    reverse("assessments:answer_correct", args=[corrected, "people_served"])
                ),
                CrawledPage(reverse("assessments:answer_correct", args=[corrected, "services"])),
                # The analysis: a section, a crosstab by country, a subgroup, every submitted
                # answer broken down by review state, and as readers outside the team see it.
                CrawledPage(analysis),
                CrawledPage(f"{analysis}?section=services_section&by=country"),
                CrawledPage(f"{analysis}?subgroup=women-girls&by=level"),
                CrawledPage(f"{analysis}?include_all_submitted=on&by=review_state"),
                CrawledPage(f"{analysis}?protected=on&by=country&section=capacity"),
            ]
    return pages
