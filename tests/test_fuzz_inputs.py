"""Property-based test of every view's input: generated text, raw bytes, numbers and Unicode
(NUL, other scripts' digits, right-to-left marks, very long strings...) in every GET parameter
and every form field, as anonymous visitors, members and coordinators. It fails on any 5xx and on
lost input (a form shown again without what was typed in one of its text fields).

It grows with the site:

- every URL pattern of ``config/urls.py`` (i18n-prefixed ones included) must be covered by a
  ``Case`` below or listed in ``EXCLUDED`` with a reason (``test_every_url_pattern_is_fuzzed``);
- every page type must have a page in ``world`` that a case serves (``test_every_page_type...``);
- the GET parameters and form fields are read from the rendered page (every ``<form>``'s
  ``<input>``, ``<textarea>`` and ``<select>`` names, and the parameters of its own links), so a
  new filter or field is fuzzed without touching this file. ``Case.params`` adds parameters a
  page reads without showing them (the JSON API, feeds, exports).

Runs are reproducible (``derandomize``) and bounded (``EXAMPLES`` per view and person).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Page, get_page_models

from network.roles import Role
from tests.community.inbound_helpers import held_mail
from tests.factories import (
    EventRegistrationFactory,
    ForumCategoryFactory,
    ForumPostFactory,
    ForumTopicFactory,
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    NotificationFactory,
    PracticeSubmissionFactory,
    UserFactory,
)
from tests.library import builders as library_builders
from tests.network.conftest import person
from tests.network.conftest import sign_in as network_sign_in
from tests.outreach import builders
from tests.practice_submissions.conftest import attachment_make
from tests.practices.builders import practice, practice_index

EXAMPLES = 5  # generated mixes per case and person, after the PROBES
LANG = "<lang>/"

# -- What is thrown at the site ---------------------------------------------------------------
NASTY = [
    "\x00",
    "a\x00b",
    "%00",
    "²",
    "①",
    "٢٠٢٣",  # Arabic-Indic digits: int() reads 2023, isdigit() too
    "2023²",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e",
    "🇲🇽" * 40,
    "x" * 5000,
    " ",
    "'; DROP TABLE practices; --",
    "<script>alert(1)</script>",
    "{{ 7|add:7 }}",
    "../../etc/passwd",
    '=HYPERLINK("http://evil")',
    "MX",
    "health",
    "2023",
]
# Sent deterministically to every parameter (and the first three to every form field).
PROBES = [
    "a\x00b",
    "²",
    "①",
    "٢٠٢٣",
    "\x00",
    "99999999999999999999999999",
    "\u202eevil\u202c",
    "x" * 5000,
    "<script>alert(1)</script>",
    "MX",
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
)
# Raw bytes in a query string (invalid UTF-8, lone surrogates encoded as bytes): what reaches
# Django is what its decoder makes of them.
RAW_BYTES = st.binary(min_size=1, max_size=12).map(lambda raw: quote(raw, safe=""))
SPECIAL_BYTES = st.sampled_from(["%ED%A0%80", "%FF%FE", "%C0%80", "%00"])


# -- Signing in -------------------------------------------------------------------------------
def sign_in(client: Client, user) -> None:
    """The one way this module signs someone in: allauth's sign-in, with the second factor for
    the roles that need it (a session with a password alone may not act as a coordinator)."""
    network_sign_in(client, user)


# -- The site the cases point at ---------------------------------------------------------------
def _report(library):
    """A needs assessment's report in the library, with a figure and the methodology."""
    from tests.assessments.factories_answer import assessment_make
    from tests.assessments.report_helpers import questionnaire, report_page

    body = [("figure", {"question": "office", "by": "country"}), ("methodology", None)]
    return report_page(library, assessment_make(questionnaire()), body=body)


@pytest.fixture
def world(db):
    homes = builders.homes()
    home = homes["en"]
    directory = practice_index(home)
    spanish_directory = builders.translate(directory, homes["es"], code="es", slug="practicas")
    published = practice(directory, slug="published")
    library = library_builders.library(home)
    news_index = builders.news_index(home)
    event_index = builders.event_index(home)
    campaigns = builders.campaign_index(home)
    event = builders.event_page(event_index, slug="webinar")
    resource = library_builders.resource(library, slug="guide")
    member = person(Role.OFFICIAL, first_name="Ana")
    membership = MembershipFactory(user=member, is_focal_point=True)
    coordinator = person(Role.COORDINATOR)
    stranger = UserFactory()
    invitation, token = InvitationFactory.with_token(local_authority=membership.local_authority)
    draft = PracticeSubmissionFactory(submitter=member)
    # A draft holding what a browser may send for a <select>: anything.
    draft.data["basics"]["authority"] = "not-a-number\x01"
    draft.save()
    sent = PracticeSubmissionFactory(submitter=member, state="submitted")
    report = _report(library)
    return {
        "home": home,
        "pages": [
            home,
            directory,
            spanish_directory,
            published,
            library,
            resource,
            news_index,
            builders.news_page(news_index, slug="launch"),
            event_index,
            event,
            campaigns,
            builders.campaign_page(campaigns, slug="welcome"),
            builders.standard_page(home, slug="about"),
            report,
        ],
        "practice": published,
        "resource": resource,
        "event": event,
        "member": member,
        "coordinator": coordinator,
        "authority": membership.local_authority,
        "invitation": invitation,
        "token": token,
        "registration": EventRegistrationFactory(event=event, user=member),
        "notification": NotificationFactory(recipient=member),
        "draft": draft,
        "attachment": attachment_make(draft),
        "sent": sent,
        "join_request": JoinRequestFactory(),
        "stranger": stranger,
        "inbound_held": held_mail(),
        **_forum_world(member),
        **_ediscussion_world(coordinator),
        **_ediscussion_summary_world(member),
        "archive_import": _archive_import(coordinator),
        **_questionnaire_world(),
        **_answer_world(coordinator),
    }


def _questionnaire_world() -> dict:
    """Questionnaire versions in the states the editor's pages act on, with a comment."""
    from assessments.models import DraftComment
    from tests.assessments.editor_helpers import questionnaire_version

    draft = questionnaire_version(form_id="fuzz-draft")
    published = questionnaire_version(form_id="fuzz-published", status="published")
    return {
        "q_draft": draft,
        "q_review": questionnaire_version(form_id="fuzz-review", status="review"),
        "q_approved": questionnaire_version(form_id="fuzz-approved", status="approved"),
        "q_published": published,
        "q_element": draft.elements.get(key="staff_0"),
        "q_section": draft.elements.get(key="capacity"),
        "q_frozen_element": published.elements.get(key="staff_0"),
        "q_list": draft.choice_lists.get(name="countries"),
        "q_choice": draft.choice_lists.get(name="countries").choices.get(name="AR"),
        "q_frozen_choice": published.choice_lists.get(name="countries").choices.get(name="AR"),
        "q_comment": DraftComment.objects.create(version=draft, body="Add housing."),
    }


def _ediscussion_summary_world(member) -> dict:
    """Two e-discussions the member contributed to: one whose summary is shared for
    endorsement, one whose summary is published (in the world's library)."""
    from datetime import timedelta

    from django.utils import timezone

    from network.community.ediscussions import summary as summaries
    from network.community.services.posting import reply_create
    from tests.community.ediscussion_helpers import running_ediscussion

    facilitator = person(Role.COORDINATOR)
    facilitator.second_factor_passed = True
    shared, published = (running_ediscussion(facilitator=facilitator) for _ in range(2))
    summaries_of = {}
    for ediscussion in (shared, published):
        question = ediscussion.weeks.get(number=1).questions.order_by("number").first()
        reply_create(author=member, topic=question.topic, source="**Our city**: the experience.")
        summary = summaries.summary_generate(by=facilitator, ediscussion=ediscussion)
        summaries_of[ediscussion.pk] = summaries.summary_share(
            by=facilitator, summary=summary, endorse_until=timezone.now() + timedelta(days=7)
        )
    summaries.summary_translation_save(
        by=facilitator, summary=summaries_of[published.pk], language="es", body="Síntesis."
    )
    summaries.summary_publish(by=facilitator, summary=summaries_of[published.pk])
    return {"ed_shared": shared, "ed_published": published}


def _answer_world(coordinator) -> dict:
    """An open needs assessment with a question of every kind (skip logic, a repeat, "other"),
    an invitation's link, and an interview the coordinator holds for another authority."""
    from django.core.files.base import ContentFile

    from assessments.models import AnswerFile, AssessmentExport, Element, Interview, Response
    from tests.assessments.factories_answer import (
        assessment_make,
        choices_add,
        element_add,
        invitation_make,
        version_make,
    )

    kind = Element.Kind
    version = version_make(languages=("en", "es"))
    options = choices_add(version, "options", [("a", "A"), ("b", "B"), ("c", "C")])
    element_add(version, "name", kind.TEXT, required=True)
    element_add(version, "staff", kind.INTEGER, constraint=". >= 0")
    element_add(version, "budget", kind.DECIMAL)
    element_add(version, "since", kind.DATE)
    element_add(version, "story", kind.LONG_TEXT, relevant="${staff} > 1")
    element_add(version, "one", kind.SELECT_ONE, choice_list=options, or_other=True)
    element_add(version, "many", kind.SELECT_MULTIPLE, choice_list=options)
    element_add(version, "ranked", kind.RANK, choice_list=options)
    element_add(version, "scale", kind.LIKERT, choice_list=options)
    element_add(version, "plan", kind.YES_NO)
    element_add(version, "document", kind.FILE)
    rows = element_add(version, "programmes", kind.REPEAT, repeat_max=3)
    element_add(version, "programme", kind.TEXT, parent=rows)
    assessment = assessment_make(version)
    invitation, token = invitation_make(assessment)
    linked = Response.objects.create(
        assessment=assessment,
        invitation=invitation,
        local_authority=invitation.local_authority,
        version=version,
        data={"programmes": [{"programme": "Welcome desk"}]},
    )
    answer_file = AnswerFile(
        response=linked, key="document", original_name="plan.pdf", content_type="x", size=9
    )
    answer_file.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    other, _token = invitation_make(assessment)
    interviewed = Response.objects.create(
        assessment=assessment, local_authority=other.local_authority, version=version
    )
    Interview.objects.create(
        response=interviewed, interviewee_name="Marta", held_on="2025-03-14", mode="phone"
    )
    assessment.researchers.add(coordinator)
    # Another invitation, for the coordinator's actions (a revoked link must not be the one the
    # answering pages use).
    acted_on, _token = invitation_make(assessment)
    # Two submitted answers: one to review (its state may change), one to correct.
    submitted = {}
    for name in ("reviewed", "corrected"):
        given, _token = invitation_make(assessment)
        submitted[name] = Response.objects.create(
            assessment=assessment,
            invitation=given,
            local_authority=given.local_authority,
            version=version,
            status=Response.Status.SUBMITTED,
            review_state=Response.ReviewState.RECEIVED,
            submitted_at=given.sent_at,
            data={"name": "Ana", "staff": 3, "one": "a", "programmes": [{"programme": "Desk"}]},
        ).pk
    export = AssessmentExport.objects.create(
        requester=coordinator, assessment=assessment, format="xlsx", status="running"
    )
    return {
        **submitted,
        "answer_export": export.pk,
        "answer_invitation": acted_on.pk,
        "answer_token": token,
        "answer_file": answer_file.pk,
        "answer_assessment": assessment.slug,
        "interviewed": interviewed.pk,
        "answered": linked.pk,
    }


def _archive_import(coordinator):
    """The report of an import with one message of each kind of entry the page draws."""
    from network.community.models import ArchiveImport

    entries = [
        {
            "position": 1,
            "label": "a.mbox #1",
            "outcome": "tray",
            "reason": "several",
            "values": {"numbers": [1, 2]},
            "sender_name": "Ana",
            "sent_at": "2023-03-07T09:12:00+00:00",
            "attachments": [{"name": "a.pdf", "type": "application/pdf", "size": 10}],
        },
        {
            "position": 2,
            "label": "a.mbox #2",
            "outcome": "auto_reply",
            "reason": "auto_reply",
            "values": {"why": "An automatic reply."},
            "sent_at": "not a date",
        },
    ]
    return ArchiveImport.objects.create(archive_name="a.mbox", by=coordinator, entries=entries)


def _forum_world(member) -> dict:
    """A topic started by the member, with a reply of theirs carrying a file (their own posts:
    every writing page opens for them)."""
    from django.contrib.auth.models import Group

    from network.community.models import CategoryGrant, Space
    from network.community.services.attachments import attachment_upload, attachments_attach
    from tests.practice_submissions.conftest import pdf_upload

    topic = ForumTopicFactory(author=member, category=ForumCategoryFactory(access="public"))
    reply = ForumPostFactory(topic=topic, author=member)
    file = attachment_upload(user=member, upload=pdf_upload())
    attachments_attach(post=reply, attachments=[file])
    file.refresh_from_db()
    space = Space.objects.create(slug="fuzz-space", name_en="Committee")
    committee = ForumCategoryFactory(access="private", space=space)
    CategoryGrant.objects.create(
        category=committee, group=Group.objects.get_or_create(name=Role.COORDINATOR)[0]
    )
    return {"forum_topic": topic, "forum_post": reply, "forum_file": file, "forum_space": space}


def _ediscussion_world(coordinator) -> dict:
    """A running members' e-discussion with a concept note (two weeks, the first published)
    that the coordinator facilitates and the member may join and contribute to, with a
    contribution waiting in its tray."""
    from network.community.ediscussions import services
    from tests.community.ediscussion_dashboard_helpers import tray_contribution
    from tests.community.ediscussion_helpers import running_ediscussion
    from tests.practice_submissions.conftest import pdf_upload

    coordinator.second_factor_passed = True  # the services called directly, as in a session
    ediscussion = running_ediscussion(facilitator=coordinator, access="members")
    services.concept_note_set(by=coordinator, ediscussion=ediscussion, upload=pdf_upload())
    waiting = tray_contribution(
        ediscussion=ediscussion,
        author=UserFactory(),
        source="Week 1\nQuestion 1\nOur answer.\n\nQuestion 2\nAnother answer.",
    )
    return {"ediscussion": ediscussion.slug, "ediscussion_tray_post": waiting.post}


# -- Cases ------------------------------------------------------------------------------------
ANONYMOUS, MEMBER, COORDINATOR = "anonymous", "member", "coordinator"
EVERYONE = (ANONYMOUS, MEMBER, COORDINATOR)
SIGNED_IN = (MEMBER, COORDINATOR)
DIRECTORY_PARAMS = (
    "q",
    "country",
    "theme",
    "group",
    "gcm",
    "status",
    "year",
    "results",
    "language",
    "sort",
    "page",
)


FORUM_LIST_PARAMS = ("category", "language", "page")


@dataclass(frozen=True)
class Case:
    route: str  # the URL pattern, as ``url_routes()`` spells it
    url: Callable[[dict], str]
    people: tuple[str, ...] = EVERYONE
    params: tuple[str, ...] = ()  # GET parameters read but not shown in the page's forms
    forms: bool = True  # fuzz the page's POST forms too
    post: bool = False  # the address only answers POST: fuzz its body with ``params``

    @property
    def id(self) -> str:
        return self.route.replace(LANG, "")


def named(name: str, *args: Callable[[dict], object]) -> Callable[[dict], str]:
    return lambda world: reverse(name, args=[arg(world) for arg in args])


def page_url(index: int) -> Callable[[dict], str]:
    return lambda world: world["pages"][index].url


PAGES = 14  # len(world["pages"])
WAGTAIL_SERVE = f"{LANG}^((?:[\\w\\-]+/)*)$"
CASES = [
    # Public pages served by Wagtail, one of each type (see ``world["pages"]``); the directory
    # and the library read their filters from their own forms.
    *(
        Case(WAGTAIL_SERVE, page_url(index), people=(ANONYMOUS,), params=("page",))
        for index in range(PAGES)
    ),
    Case("sitemap.xml", lambda w: "/sitemap.xml", people=(ANONYMOUS,)),
    Case("robots.txt", lambda w: "/robots.txt", people=(ANONYMOUS,)),
    Case("site-address.css", lambda w: "/site-address.css", people=(ANONYMOUS,)),
    Case(
        "documents/^(\\d+)/(.*)$",
        lambda w: w["resource"].document.url,
        people=(ANONYMOUS,),
    ),
    Case(f"{LANG}search/", named("outreach:search"), params=("q", "page")),
    Case(
        f"{LANG}language/<str:code>/",
        named("base:language_switch", lambda w: "es"),
        params=("next",),
    ),
    Case(f"{LANG}news/feed/rss/", named("outreach:news_rss"), people=(ANONYMOUS,)),
    Case(f"{LANG}news/feed/atom/", named("outreach:news_atom"), people=(ANONYMOUS,)),
    Case(
        f"{LANG}events/<int:page_id>/calendar.ics",
        named("outreach:event_calendar", lambda w: w["event"].pk),
        people=(ANONYMOUS,),
    ),
    Case(
        f"{LANG}events/<int:page_id>/register/",
        named("outreach:event_register", lambda w: w["event"].pk),
        people=SIGNED_IN,
        post=True,
    ),
    Case(
        f"{LANG}events/registrations/<int:pk>/cancel/",
        named("outreach:event_registration_cancel", lambda w: w["registration"].pk),
        people=(MEMBER,),
        post=True,
    ),
    # The practice directory's open outputs read the directory's parameters.
    Case(f"{LANG}practices/map/", named("practices:map"), params=DIRECTORY_PARAMS),
    *(
        Case(
            f"{LANG}practices/{path}/",
            named(f"practices:{name}"),
            people=(ANONYMOUS,),
            params=DIRECTORY_PARAMS,
        )
        for path, name in [
            ("feed/rss", "feed_rss"),
            ("feed/atom", "feed_atom"),
            ("export/csv", "export_csv"),
            ("export/xlsx", "export_xlsx"),
        ]
    ),
    Case(
        f"{LANG}api/practices/",
        named("practices:api_list"),
        people=(ANONYMOUS,),
        params=DIRECTORY_PARAMS,
    ),
    Case(
        f"{LANG}api/practices/<int:pk>/",
        named("practices:api_detail", lambda w: w["practice"].pk),
        people=(ANONYMOUS,),
    ),
    Case(
        f"{LANG}api/practices/<path:rest>",
        named("practices:api_not_found", lambda w: "unknown/address"),
        people=(ANONYMOUS,),
        params=DIRECTORY_PARAMS,
    ),
    Case(
        f"{LANG}practices/<int:page_id>/pdf/",
        named("practices:pdf", lambda w: w["practice"].pk),
        people=(ANONYMOUS,),
    ),
    # The network.
    Case(f"{LANG}me/", named("network:dashboard"), people=SIGNED_IN),
    Case(f"{LANG}network/profile/", named("network:profile"), people=SIGNED_IN),
    # Forum search and the member directory.
    Case(f"{LANG}community/search/", named("community:search")),
    Case(f"{LANG}community/members/", named("community:people"), people=SIGNED_IN),
    Case(
        f"{LANG}community/members/<str:handle>/",
        named("community:member", lambda w: w["member"].handle),
        people=SIGNED_IN,
    ),
    Case(f"{LANG}network/join/", named("network:join")),
    Case(f"{LANG}network/join/thanks/", named("network:join_thanks")),
    Case(f"{LANG}network/invitations/", named("network:invitation_list"), people=SIGNED_IN),
    Case(
        f"{LANG}network/invitations/<int:pk>/revoke/",
        named("network:invitation_revoke", lambda w: w["invitation"].pk),
        people=(COORDINATOR,),
        post=True,
    ),
    Case(
        f"{LANG}network/invitations/accept/<str:token>/",
        named("network:invitation_accept", lambda w: w["token"]),
        people=(ANONYMOUS,),
    ),
    Case(
        f"{LANG}network/authorities/", named("network:authority_list"), params=("country", "page")
    ),
    Case(
        f"{LANG}network/authorities/<slug:slug>/",
        named("network:authority_detail", lambda w: w["authority"].slug),
    ),
    # Deleting one's account: its form is fuzzed by a person who may lose it (``stranger``).
    Case(f"{LANG}network/account/delete/", named("network:account_delete"), people=("stranger",)),
    Case(f"{LANG}network/account/deleted/", named("network:account_deleted")),
    Case(f"{LANG}network/account/data/", named("network:personal_data"), people=SIGNED_IN),
    Case(f"{LANG}notifications/", named("notifications:list"), people=SIGNED_IN, params=("page",)),
    Case(f"{LANG}notifications/preferences/", named("notifications:preferences"), people=SIGNED_IN),
    Case(
        f"{LANG}notifications/read/",
        named("notifications:mark_all_read"),
        people=(MEMBER,),
        post=True,
        params=("next",),
    ),
    Case(
        f"{LANG}notifications/<int:pk>/read/",
        named("notifications:mark_read", lambda w: w["notification"].pk),
        people=(MEMBER,),
        post=True,
        params=("next",),
    ),
    Case(
        f"{LANG}notifications/unsubscribe/<str:token>/",
        named("notifications:unsubscribe", lambda w: "not-a-token"),
        people=(ANONYMOUS,),
    ),
    # Practice proposals: the author's steps and page, the coordinators' queue and review.
    Case(f"{LANG}practices/contribute/", named("practice_submissions:list"), people=SIGNED_IN),
    Case(f"{LANG}practices/contribute/new/", named("practice_submissions:new"), people=(MEMBER,)),
    Case(
        f"{LANG}practices/contribute/queue/",
        named("practice_submissions:queue"),
        people=(COORDINATOR,),
        params=("state",),
    ),
    Case(
        f"{LANG}practices/contribute/<int:pk>/",
        named("practice_submissions:detail", lambda w: w["draft"].pk),
        people=SIGNED_IN,
    ),
    *(
        Case(
            f"{LANG}practices/contribute/<int:pk>/step/<str:step>/",
            named("practice_submissions:step", lambda w: w["draft"].pk, lambda w, s=step: s),
            people=(MEMBER,),
        )
        for step in ("basics", "practice", "classification", "attachments")
    ),
    Case(
        f"{LANG}practices/contribute/<int:pk>/submit/",
        named("practice_submissions:submit", lambda w: w["draft"].pk),
        people=(MEMBER,),
        post=True,
    ),
    Case(
        f"{LANG}practices/contribute/<int:pk>/",
        named("practice_submissions:detail", lambda w: w["sent"].pk),
        people=(COORDINATOR,),
    ),
    Case(
        f"{LANG}practices/contribute/<int:pk>/review/",
        named("practice_submissions:review", lambda w: w["sent"].pk),
        people=(COORDINATOR,),
        post=True,
        params=("decision", "message"),
    ),
    Case(
        f"{LANG}practices/contribute/<int:pk>/attachments/<int:attachment_pk>/",
        named(
            "practice_submissions:attachment_download",
            lambda w: w["draft"].pk,
            lambda w: w["attachment"].pk,
        ),
        people=(MEMBER,),
    ),
    Case(
        f"{LANG}practices/contribute/<int:pk>/attachments/<int:attachment_pk>/remove/",
        named(
            "practice_submissions:attachment_remove",
            lambda w: w["sent"].pk,
            lambda w: w["attachment"].pk,
        ),
        people=(MEMBER,),
        post=True,
    ),
    # E-discussions: the consolidated summary (ediscussions/views/summary.py). The member
    # took part in both; the coordinator facilitates every e-discussion.
    Case(
        f"{LANG}community/e/<slug:slug>/summary/",
        named("community:ediscussion_summary", lambda w: w["ed_published"].slug),
    ),
    *(
        Case(
            f"{LANG}community/e/<slug:slug>/summary/{name}/",
            named(f"community:ediscussion_summary_{name}", lambda w: w["ed_shared"].slug),
            people=SIGNED_IN,
        )
        for name in ("manage", "edit", "share", "publish")
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/summary/edit/<str:language>/",
        named(
            "community:ediscussion_summary_translation",
            lambda w: w["ed_shared"].slug,
            lambda w: "es",
        ),
        people=SIGNED_IN,
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/summary/generate/",
        named("community:ediscussion_summary_generate", lambda w: w["ed_shared"].slug),
        people=SIGNED_IN,
        post=True,
        params=("replace",),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/summary/endorse/",
        named("community:ediscussion_summary_endorse", lambda w: w["ed_shared"].slug),
    ),
    # Forum, email (network/community/views/inbound.py): the members' page, a held email's
    # original for moderators, and the providers' webhook (no provider configured here: 404).
    Case(f"{LANG}community/email/", named("community:email_help")),
    Case(
        f"{LANG}community/email/original/<int:mail_id>/",
        named("community:inbound_original", lambda w: w["inbound_held"].pk),
        people=SIGNED_IN,
    ),
    Case(
        "community/inbound/<str:provider>/",
        lambda w: "/community/inbound/mailgun/",
        people=(ANONYMOUS,),
        post=True,
        params=("body-mime", "recipient", "timestamp", "token", "signature"),
    ),
    # The forum: writing (network/community/views/writing.py).
    Case(
        f"{LANG}community/c/<slug:slug>/new/",
        named("community:topic_new", lambda w: w["forum_topic"].category.slug),
        people=SIGNED_IN,
    ),
    Case(
        f"{LANG}community/t/<int:topic_id>/reply/",
        named("community:reply", lambda w: w["forum_topic"].pk),
        people=SIGNED_IN,
        params=("to", "quote", "text"),
    ),
    Case(
        f"{LANG}community/p/<int:post_id>/edit/",
        named("community:post_edit", lambda w: w["forum_post"].pk),
        people=SIGNED_IN,
    ),
    Case(
        f"{LANG}community/p/<int:post_id>/revisions/",
        named("community:post_revisions", lambda w: w["forum_post"].pk),
        people=SIGNED_IN,
    ),
    Case(
        f"{LANG}community/p/<int:post_id>/delete/",
        named("community:post_delete", lambda w: w["forum_post"].pk),
        people=SIGNED_IN,
    ),
    Case(
        f"{LANG}community/p/<int:post_id>/helpful/",
        named("community:post_helpful", lambda w: w["forum_post"].pk),
        people=SIGNED_IN,
        post=True,
    ),
    Case(
        f"{LANG}community/p/<int:post_id>/answer/",
        named("community:solution_mark", lambda w: w["forum_post"].pk),
        people=SIGNED_IN,
        post=True,
    ),
    # The composer's @mention suggestions: JSON, its parameters read but never shown in a form;
    # what is typed about a topic one may read (so that it reaches the search), then the scope.
    Case(
        f"{LANG}community/mentions/",
        lambda w: reverse("community:mention_suggestions") + f"?topic={w['forum_topic'].pk}",
        people=SIGNED_IN,
        params=("q",),
    ),
    Case(
        f"{LANG}community/mentions/",
        named("community:mention_suggestions"),
        people=SIGNED_IN,
        params=("q", "topic", "category"),
    ),
    Case(
        f"{LANG}community/files/<int:attachment_id>/<str:name>",
        lambda w: reverse("community:attachment", args=[w["forum_file"].pk, w["forum_file"].name]),
    ),
    # The forum: reading, watching and moderating (network/community/views/reading.py,
    # watching.py, moderation.py).
    Case(f"{LANG}community/", named("community:index")),
    *(
        Case(f"{LANG}community/{name}/", named(f"community:{name}"), params=FORUM_LIST_PARAMS)
        for name in ("latest", "top", "unanswered")
    ),
    Case(
        f"{LANG}community/c/<slug:slug>/",
        named("community:category", lambda w: w["forum_topic"].category.slug),
        params=("page",),
    ),
    *(
        Case(
            f"{LANG}community/c/<slug:slug>/feed.{kind}",
            named(f"community:category_{kind}", lambda w: w["forum_topic"].category.slug),
            forms=False,
        )
        for kind in ("rss", "atom")
    ),
    Case(f"{LANG}community/s/<slug:slug>/", named("community:space", lambda w: "fuzz-space")),
    Case(
        f"{LANG}community/t/<int:topic_id>/<slug:slug>/",
        lambda w: reverse("community:topic", args=[w["forum_topic"].pk, w["forum_topic"].slug]),
        params=("page",),
    ),
    Case(
        f"{LANG}community/t/<int:topic_id>/",
        named("community:topic_short", lambda w: w["forum_topic"].pk),
        params=("page",),
    ),
    Case(
        f"{LANG}community/p/<int:post_id>/", named("community:post", lambda w: w["forum_post"].pk)
    ),
    Case(f"{LANG}community/watching/", named("community:watching"), people=SIGNED_IN),
    Case(
        f"{LANG}community/c/<slug:slug>/watch/",
        named("community:category_watch", lambda w: w["forum_topic"].category.slug),
        people=SIGNED_IN,
        post=True,
        params=("level", "next"),
    ),
    Case(
        f"{LANG}community/t/<int:topic_id>/watch/",
        named("community:topic_watch", lambda w: w["forum_topic"].pk),
        people=SIGNED_IN,
        post=True,
        params=("level", "next"),
    ),
    Case(
        f"{LANG}community/p/<int:post_id>/flag/",
        named("community:post_flag", lambda w: w["forum_post"].pk),
        people=SIGNED_IN,
    ),
    Case(
        f"{LANG}community/moderation/",
        named("community:moderation_queue"),
        people=(COORDINATOR,),
        params=("category", "language", "page"),
    ),
    Case(
        f"{LANG}community/moderation/log/",
        named("community:moderation_log"),
        people=(COORDINATOR,),
        params=("action", "moderator", "category", "page"),
    ),
    Case(
        f"{LANG}community/moderation/p/<int:post_id>/",
        named("community:post_moderate", lambda w: w["forum_post"].pk),
        people=(COORDINATOR,),
        post=True,
        params=("action", "reason", "note", "next"),
    ),
    Case(
        f"{LANG}community/moderation/t/<int:topic_id>/",
        named("community:topic_moderate", lambda w: w["forum_topic"].pk),
        people=(COORDINATOR,),
        post=True,
        params=("action", "reason", "category", "next"),
    ),
    Case(
        f"{LANG}community/moderation/m/<int:user_id>/",
        named("community:member_discipline", lambda w: w["member"].pk),
        people=(COORDINATOR,),
    ),
    # E-discussions (network/community/ediscussions/views/pages.py, facilitator.py).
    Case(f"{LANG}community/e/", named("community:ediscussion_list")),
    Case(
        f"{LANG}community/e/<slug:slug>/",
        named("community:ediscussion", lambda w: w["ediscussion"]),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/concept-note/",
        named("community:ediscussion_concept_note", lambda w: w["ediscussion"]),
        forms=False,
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/join/",
        named("community:ediscussion_join", lambda w: w["ediscussion"]),
        people=SIGNED_IN,
        post=True,
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/q/<int:number>/",
        named("community:ediscussion_question", lambda w: w["ediscussion"], lambda w: 1),
        params=("page",),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/participants/",
        named("community:ediscussion_participants", lambda w: w["ediscussion"]),
        people=SIGNED_IN,
    ),
    Case(f"{LANG}community/e/new/", named("community:ediscussion_create"), people=(COORDINATOR,)),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/",
        named("community:ediscussion_editor", lambda w: w["ediscussion"]),
        people=(COORDINATOR,),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/settings/",
        named("community:ediscussion_settings", lambda w: w["ediscussion"]),
        people=(COORDINATOR,),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/weeks/new/",
        named("community:ediscussion_week_add", lambda w: w["ediscussion"]),
        people=(COORDINATOR,),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/weeks/<int:number>/",
        named("community:ediscussion_week", lambda w: w["ediscussion"], lambda w: 1),
        people=(COORDINATOR,),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/weeks/<int:week_number>/questions/new/",
        named("community:ediscussion_question_add", lambda w: w["ediscussion"], lambda w: 2),
        people=(COORDINATOR,),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/questions/<int:number>/",
        named("community:ediscussion_question_edit", lambda w: w["ediscussion"], lambda w: 3),
        people=(COORDINATOR,),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/people/",
        named("community:ediscussion_people", lambda w: w["ediscussion"]),
        people=(COORDINATOR,),
        params=("q",),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/edit/schedule/",
        named("community:ediscussion_schedule", lambda w: w["ediscussion"]),
        people=(COORDINATOR,),
        post=True,
    ),
    # E-discussions: the facilitators' reminder (network/community/ediscussions/views/
    # reminders.py).
    Case(
        f"{LANG}community/e/<slug:slug>/weeks/<int:number>/remind/",
        named("community:ediscussion_week_remind", lambda w: w["ediscussion"], lambda w: 1),
        people=SIGNED_IN,
        post=True,
        params=("next",),
    ),
    # E-discussions: the facilitator's dashboard, tray, split form and exports.
    *(
        Case(
            f"{LANG}community/e/<slug:slug>/{path}",
            named(f"community:ediscussion_{name}", lambda w: w["ediscussion"]),
            people=(MEMBER, COORDINATOR),
            params=params,
        )
        for path, name, params in [
            ("dashboard/", "dashboard", ("week", "language")),
            ("tray/", "tray", ("page",)),
            ("export/contributions.csv", "export_csv", ("week",)),
            ("export/contributions.xlsx", "export_xlsx", ("week",)),
            ("export/document/", "document", ("week",)),
            ("export/document.pdf", "document_pdf", ("week",)),
        ]
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/contributions/<int:post_id>/split/",
        named(
            "community:ediscussion_split",
            lambda w: w["ediscussion"],
            lambda w: w["ediscussion_tray_post"].pk,
        ),
        people=(MEMBER, COORDINATOR),
    ),
    Case(
        f"{LANG}community/e/<slug:slug>/contributions/<int:post_id>/assign/",
        named(
            "community:ediscussion_assign",
            lambda w: w["ediscussion"],
            lambda w: w["ediscussion_tray_post"].pk,
        ),
        people=(COORDINATOR,),
        post=True,
        params=("question", "next"),
    ),
    # E-discussions, archive import (ediscussions/views/imports.py): coordinators only (the
    # files are not fuzzed: the form is refused without them, what was typed shown again).
    Case(
        f"{LANG}community/e/archives/import/",
        named("community:ediscussion_import"),
        people=(MEMBER, COORDINATOR),
    ),
    Case(
        f"{LANG}community/e/archives/import/<int:import_id>/",
        named("community:ediscussion_import_report", lambda w: w["archive_import"].pk),
        people=(MEMBER, COORDINATOR),
        params=("outcome",),
    ),
    # Signing in and up (allauth's forms, our templates and adapter).
    Case(f"{LANG}accounts/login/", named("account_login"), people=(ANONYMOUS,), params=("next",)),
    Case(f"{LANG}accounts/signup/", named("account_signup"), people=(ANONYMOUS,)),
    Case(f"{LANG}accounts/password/reset/", named("account_reset_password"), people=(ANONYMOUS,)),
    # The coordinators' pages of our own in the CMS.
    Case("cms/", lambda w: "/cms/", people=(COORDINATOR,), forms=False),
    Case(
        "cms/snippets/network/joinrequest/",
        lambda w: reverse("wagtailsnippets_network_joinrequest:list"),
        people=(COORDINATOR,),
        forms=False,
        params=("q", "p", "ordering"),
    ),
    # Questionnaire editor (assessments/views_editor/): the coordinator builds, reviews,
    # approves and publishes; the member is refused.
    *(
        Case(
            f"{LANG}assessments/manage/{route}",
            named(f"assessments:{name}", *args),
            people=SIGNED_IN,
        )
        for route, name, args in (
            ("questionnaires/", "questionnaire_list", ()),
            ("questionnaires/new/", "questionnaire_create", ()),
            ("versions/<int:pk>/", "version_detail", (lambda w: w["q_draft"].pk,)),
            ("versions/<int:pk>/settings/", "version_settings", (lambda w: w["q_draft"].pk,)),
            ("versions/<int:pk>/elements/new/", "element_add", (lambda w: w["q_draft"].pk,)),
            ("elements/<int:pk>/", "element_detail", (lambda w: w["q_element"].pk,)),
            ("elements/<int:pk>/edit/", "element_edit", (lambda w: w["q_element"].pk,)),
            ("elements/<int:pk>/delete/", "element_delete", (lambda w: w["q_section"].pk,)),
            ("elements/<int:pk>/fix/", "element_text_fix", (lambda w: w["q_frozen_element"].pk,)),
            ("versions/<int:pk>/lists/new/", "choice_list_add", (lambda w: w["q_draft"].pk,)),
            ("lists/<int:pk>/", "choice_list_detail", (lambda w: w["q_list"].pk,)),
            ("lists/<int:pk>/delete/", "choice_list_delete", (lambda w: w["q_list"].pk,)),
            ("lists/<int:pk>/choices/new/", "choice_add", (lambda w: w["q_list"].pk,)),
            ("choices/<int:pk>/", "choice_edit", (lambda w: w["q_choice"].pk,)),
            ("choices/<int:pk>/delete/", "choice_delete", (lambda w: w["q_choice"].pk,)),
            ("choices/<int:pk>/fix/", "choice_text_fix", (lambda w: w["q_frozen_choice"].pk,)),
            ("versions/<int:pk>/send-back/", "version_send_back", (lambda w: w["q_review"].pk,)),
            ("versions/<int:pk>/approve/", "version_approve", (lambda w: w["q_review"].pk,)),
            ("versions/<int:pk>/publish/", "version_publish", (lambda w: w["q_approved"].pk,)),
        )
    ),
    *(
        Case(
            f"{LANG}assessments/manage/{route}",
            named(f"assessments:{name}", arg),
            people=SIGNED_IN,
            post=True,
            params=params,
        )
        for route, name, arg, params in (
            (
                "elements/<int:pk>/move/",
                "element_move",
                lambda w: w["q_element"].pk,
                ("direction",),
            ),
            ("choices/<int:pk>/move/", "choice_move", lambda w: w["q_choice"].pk, ("direction",)),
            (
                "versions/<int:pk>/comments/",
                "version_comment_add",
                lambda w: w["q_draft"].pk,
                ("body",),
            ),
            (
                "elements/<int:pk>/comments/",
                "element_comment_add",
                lambda w: w["q_element"].pk,
                ("body",),
            ),
            ("comments/<int:pk>/resolve/", "comment_resolve", lambda w: w["q_comment"].pk, ()),
            ("versions/<int:pk>/review/", "version_submit", lambda w: w["q_draft"].pk, ()),
            ("versions/<int:pk>/retire/", "version_retire", lambda w: w["q_published"].pk, ()),
            ("versions/<int:pk>/new-version/", "version_copy", lambda w: w["q_published"].pk, ()),
        )
    ),
    # XLSForm (assessments/views_xlsform.py): importing a workbook, downloading a version.
    Case(
        f"{LANG}assessments/manage/questionnaires/import/",
        named("assessments:xlsform_import"),
        people=SIGNED_IN,
    ),
    Case(
        f"{LANG}assessments/manage/versions/<int:pk>/xlsform/",
        named("assessments:version_xlsform", lambda w: w["q_draft"].pk),
        people=SIGNED_IN,
    ),
    # Assessments and their invitations (assessments/views_invitations.py): the coordinator
    # sets up, invites, follows and acts on invitations; the member is refused.
    *(
        Case(
            f"{LANG}assessments/manage/assessments/{route}",
            named(f"assessments:{name}", *args),
            people=SIGNED_IN,
        )
        for route, name, args in (
            ("", "assessment_list", ()),
            ("new/", "assessment_create", ()),
            ("<slug:slug>/", "assessment_follow", (lambda w: w["answer_assessment"],)),
            ("<slug:slug>/edit/", "assessment_edit", (lambda w: w["answer_assessment"],)),
            ("<slug:slug>/invite/", "assessment_invite", (lambda w: w["answer_assessment"],)),
            (
                "<slug:slug>/invite/respondent/",
                "assessment_respondent_add",
                (lambda w: w["answer_assessment"],),
            ),
            ("<slug:slug>/send/", "assessment_send", (lambda w: w["answer_assessment"],)),
            (
                "<slug:slug>/invitations.csv",
                "assessment_export",
                (lambda w: w["answer_assessment"],),
            ),
            ("<slug:slug>/analysis/", "assessment_analysis", (lambda w: w["answer_assessment"],)),
            (
                "<slug:slug>/analysis.csv",
                "assessment_analysis_csv",
                (lambda w: w["answer_assessment"],),
            ),
            *(
                (
                    f"<slug:slug>/invitations/<int:pk>/{action}/",
                    f"invitation_{action.replace('-', '_')}",
                    (lambda w: w["answer_assessment"], lambda w: w["answer_invitation"]),
                )
                for action in ("resend", "new-link", "extend", "revoke")
            ),
        )
    ),
    # Exports of answers (assessments/views_exports.py): the form, an export's page and file
    # (the coordinator's own export).
    Case(
        f"{LANG}assessments/manage/assessments/<slug:slug>/answers/export/",
        named("assessments:answers_export", lambda w: w["answer_assessment"]),
        people=SIGNED_IN,
    ),
    *(
        Case(
            f"{LANG}assessments/manage/exports/<int:pk>/{route}",
            named(f"assessments:export_{name}", lambda w: w["answer_export"]),
            people=SIGNED_IN,
        )
        for route, name in (("", "detail"), ("download/", "download"))
    ),
    # Answering needs assessments: by an invitation's link, in an interview, reopening.
    Case(
        f"{LANG}assessments/a/<str:token>/",
        named("assessments:answer", lambda w: w["answer_token"]),
    ),
    Case(
        f"{LANG}assessments/a/<str:token>/s/<str:section_key>/",
        named("assessments:answer_section", lambda w: w["answer_token"], lambda w: "0"),
    ),
    Case(
        f"{LANG}assessments/a/<str:token>/review/",
        named("assessments:answer_review", lambda w: w["answer_token"]),
    ),
    Case(
        f"{LANG}assessments/a/<str:token>/files/<int:file_id>/",
        named("assessments:answer_file", lambda w: w["answer_token"], lambda w: w["answer_file"]),
        forms=False,
    ),
    Case(
        f"{LANG}assessments/manage/assessments/<slug:slug>/interview/",
        named("assessments:interview_start", lambda w: w["answer_assessment"]),
    ),
    Case(
        f"{LANG}assessments/manage/interviews/<int:response_id>/",
        named("assessments:interview", lambda w: w["interviewed"]),
    ),
    Case(
        f"{LANG}assessments/manage/interviews/<int:response_id>/s/<str:section_key>/",
        named("assessments:interview_section", lambda w: w["interviewed"], lambda w: "0"),
    ),
    Case(
        f"{LANG}assessments/manage/interviews/<int:response_id>/review/",
        named("assessments:interview_review", lambda w: w["interviewed"]),
    ),
    Case(
        f"{LANG}assessments/manage/responses/<int:response_id>/files/<int:file_id>/",
        named("assessments:response_file", lambda w: w["answered"], lambda w: w["answer_file"]),
        forms=False,
    ),
    Case(
        f"{LANG}assessments/manage/responses/<int:response_id>/reopen/",
        named("assessments:response_reopen", lambda w: w["answered"]),
    ),
    # Reviewing submitted answers: the list, a response's review, correcting one answer (a
    # number, a choice with "other", a row of a repeat).
    Case(
        f"{LANG}assessments/manage/assessments/<slug:slug>/review/",
        named("assessments:review_list", lambda w: w["answer_assessment"]),
        params=("page",),
    ),
    Case(
        f"{LANG}assessments/manage/assessments/<slug:slug>/researchers/",
        named("assessments:researcher_countries", lambda w: w["answer_assessment"]),
    ),
    Case(
        f"{LANG}assessments/manage/responses/<int:response_id>/review/",
        named("assessments:response_review", lambda w: w["reviewed"]),
    ),
    Case(
        f"{LANG}assessments/manage/responses/<int:response_id>/correct/<str:key>/",
        named("assessments:answer_correct", lambda w: w["corrected"], lambda w: "staff"),
        params=("row",),
    ),
    Case(
        f"{LANG}assessments/manage/responses/<int:response_id>/correct/<str:key>/",
        named("assessments:answer_correct", lambda w: w["corrected"], lambda w: "one"),
    ),
]

# URL patterns not fuzzed here, by prefix, and why.
EXCLUDED = {
    "cms/": "Wagtail's admin: its own views and forms (tested by Wagtail); ours inside it are "
    "covered above",
    "django-admin/": "Django's admin: superusers only, Django's own views",
    "documents/authenticate_with_password/": "Wagtail's document password form (no private "
    "documents use it)",
    f"{LANG}_util/": "Wagtail's page password and login forms (no page restriction uses them)",
    f"{LANG}accounts/": "allauth's own flows (e-mail, password, two-factor) beyond the "
    "sign-in, sign-up and reset forms covered above",
}


def url_routes() -> list[str]:
    """Every URL pattern of the site, prefixes joined, the language prefix spelled ``<lang>/``."""

    def walk(patterns, prefix: str):
        for pattern in patterns:
            part = (
                LANG if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
            )
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + part)
            elif isinstance(pattern, URLPattern):
                yield prefix + part

    return list(dict.fromkeys(walk(get_resolver().url_patterns, "")))


def test_every_url_pattern_is_fuzzed():
    covered = {case.route for case in CASES}
    missing = [
        route
        for route in url_routes()
        if route not in covered and not any(route.startswith(prefix) for prefix in EXCLUDED)
    ]
    assert not missing, f"Add a Case (or an EXCLUDED reason) for: {missing}"


def test_every_page_type_is_fuzzed(world):
    assert len(world["pages"]) == PAGES
    served = {type(page.specific) for page in world["pages"]}
    ours = {model for model in get_page_models() if model is not Page}
    assert ours <= served, f"Add a page of each type to world: {ours - served}"


# -- Reading a page's forms and links ----------------------------------------------------------
@dataclass
class FormField:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class ParsedForm:
    method: str
    action: str
    fields: list[FormField] = field(default_factory=list)


class PageParser(HTMLParser):
    """The forms (with their fields) and the query parameters of the links of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[ParsedForm] = []
        self.link_params: set[str] = set()
        self._form: ParsedForm | None = None
        self._field: FormField | None = None  # the open textarea or select
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and "?" in attributes.get("href", ""):
            href = attributes["href"]
            if not urlsplit(href).netloc:
                self.link_params |= {name for name, _ in parse_qsl(urlsplit(href).query)}
        if tag == "form":
            self._form = ParsedForm(
                method=attributes.get("method", "get").lower(), action=attributes.get("action", "")
            )
            self.forms.append(self._form)
        if self._form is None or "name" not in attributes:
            if tag == "option" and self._field is not None:
                self._field.options.append(attributes.get("value", ""))
            return
        name = attributes["name"]
        if tag == "input":
            kind = attributes.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                self._form.fields.append(FormField(name, kind, "", [attributes.get("value", "")]))
            else:
                self._form.fields.append(FormField(name, kind, attributes.get("value", "")))
        elif tag in ("textarea", "select"):
            self._field = FormField(name, tag)
            self._text = []
            self._form.fields.append(self._field)

    def handle_data(self, data):
        if self._field is not None and self._field.kind == "textarea":
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._field is not None:
            # Like a browser: the newline right after <textarea> is not part of the value.
            self._field.value = "".join(self._text).removeprefix("\n")
            self._field = None
        elif tag == "select":
            self._field = None


def page_parsed(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


TEXT_KINDS = {"text", "textarea", "email", "url", "search", "tel", "number", "date"}
NOT_FUZZED = {"csrfmiddlewaretoken"}


# -- The property -------------------------------------------------------------------------------
def _body(response) -> bytes:
    """The bytes of a response, streamed ones (a long export page) included."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _problem(response, what: str) -> str | None:
    if response.status_code >= 500:
        return f"{response.status_code} for {what}"
    return None


def _lost_input(response, typed: dict[str, str], what: str) -> str | None:
    """A form shown again must still hold what was typed in each of its text fields."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return None
    shown = {
        form_field.name: form_field.value
        for form in page_parsed(_body(response).decode()).forms
        for form_field in form.fields
        if form_field.kind in TEXT_KINDS
    }
    for name, value in typed.items():
        if name in shown and shown[name] != value.replace("\r\n", "\n"):
            return f"{name!r} shown as {shown[name][:80]!r} after typing {value[:80]!r} in {what}"
    return None


def _query(params: dict[str, list[str]]) -> str:
    return "&".join(f"{quote(name)}={value}" for name, values in params.items() for value in values)


def _address(url: str, params: dict[str, list[str]]) -> str:
    """``url`` with ``params`` added to the query string it may already have."""
    return f"{url}{'&' if '?' in url else '?'}{_query(params)}"


@st.composite
def _query_values(draw, names: list[str]) -> dict[str, list[str]]:
    """For each name, one to three values, each percent-encoded text or raw bytes."""
    encoded = st.one_of(TEXT.map(lambda text: quote(text, safe="")), RAW_BYTES, SPECIAL_BYTES)
    return {name: draw(st.lists(encoded, min_size=1, max_size=3)) for name in names}


def _form_data(draw, form: ParsedForm) -> tuple[dict, dict[str, str]]:
    """(the POST data: each field fuzzed or left as the page set it, the text typed)."""
    data: dict[str, list[str] | str] = {}
    typed: dict[str, str] = {}
    for form_field in form.fields:
        name = form_field.name
        if form_field.kind in ("submit", "button", "file", "image") and not form_field.value:
            continue
        if name in NOT_FUZZED or form_field.kind in ("submit", "button"):
            data.setdefault(name, form_field.value)
            continue
        if form_field.kind in ("checkbox", "radio", "select"):
            choice = draw(st.one_of(st.sampled_from(form_field.options or [""]), TEXT))
            data.setdefault(name, [])
            data[name] = [*data[name], choice] if isinstance(data[name], list) else [choice]
            continue
        if form_field.kind == "file":
            continue
        value = draw(st.one_of(st.just(form_field.value), TEXT))
        data[name] = value
        if form_field.kind in TEXT_KINDS and form_field.kind != "hidden":
            typed[name] = value
    return data, typed


def _fuzz_case(client: Client, case: Case, world: dict, who: str) -> list[str]:
    """The problems found at ``case``'s address as ``who`` (empty: none)."""
    url = case.url(world)
    client.raise_request_exception = False
    first = client.get(url)
    problems = [p for p in [_problem(first, f"GET {url}")] if p]
    parsed = None
    if "html" in first.get("Content-Type", "") and first.status_code == 200:
        parsed = page_parsed(_body(first).decode())
    names = set(case.params)
    post_forms: list[ParsedForm] = []
    if parsed is not None:
        names |= parsed.link_params
        for form in parsed.forms:
            action = form.action or url
            if urlsplit(action).path != urlsplit(url).path:
                continue  # another page's form: fuzzed at that page
            if form.method == "get":
                names |= {f.name for f in form.fields}
            elif case.forms:
                post_forms.append(form)
    names -= NOT_FUZZED
    ordered_names = sorted(names)
    if not (ordered_names or post_forms or case.post):
        return problems

    # Each probe in every parameter and every field at once, then generated mixes.
    for value in PROBES if ordered_names and not case.post else ():
        encoded = quote(value, safe="")
        address = _address(url, {name: [encoded] for name in ordered_names})
        if problem := _problem(client.get(address), f"GET {address}"[:400]):
            problems.append(problem)
    for form in post_forms:
        for value in PROBES[:3]:
            form_data, typed = _form_data(lambda strategy, value=value: value, form)
            response = client.post(form.action or url, form_data)
            what = f"POST {form.action or url} {form_data!r}"[:400]
            if problem := _problem(response, what) or _lost_input(response, typed, what):
                problems.append(problem)

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def probe(data):
        if case.post:
            body = data.draw(st.dictionaries(st.sampled_from([*ordered_names, "x"]), TEXT))
            response = client.post(url, body)
            if problem := _problem(response, f"POST {url} {body!r}"[:400]):
                problems.append(problem)
            return
        if ordered_names:
            values = data.draw(_query_values(ordered_names))
            address = _address(url, values)
            response = client.get(address)
            if problem := _problem(response, f"GET {address}"[:400]):
                problems.append(problem)
        for form in post_forms:
            form_data, typed = _form_data(data.draw, form)
            response = client.post(form.action or url, form_data)
            what = f"POST {form.action or url} {form_data!r}"[:400]
            if problem := _problem(response, what) or _lost_input(response, typed, what):
                problems.append(problem)

    probe()
    return problems


def _client_for(who: str, world: dict, signed_in: Client | None) -> Client:
    """A fresh client for one case, in the session ``who`` opened once through the real sign-in
    (an authenticator code may be used only once: signing in again per case would be refused)."""
    client = Client()
    if signed_in is not None:
        client.cookies = signed_in.cookies
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("who", [ANONYMOUS, MEMBER, COORDINATOR, "stranger"])
def test_no_input_breaks_a_view(world, who):
    problems = []
    signed_in = None
    if who != ANONYMOUS:
        signed_in = Client()
        sign_in(signed_in, world[who])
    for case in CASES:
        if who not in case.people:
            continue
        client = _client_for(who, world, signed_in)
        found = _fuzz_case(client, case, world, who)
        if signed_in is not None and who != "stranger":  # the stranger deletes their account
            assert SESSION_KEY in client.session, f"{case.id} signed {who} out"
        problems += [f"[{who}] {case.id}: {problem}" for problem in dict.fromkeys(found)]
    assert not problems, "\n".join(problems[:40])
