"""Who may open what: every view, for anonymous visitors and each role → the expected answer.

To cover a new view, append a ``Row`` to ``MATRIX`` (keep it near your own rows). ``url`` gets
the ``world`` dict built below (add what your view needs to ``world`` with a small helper).
Expected answers:

- an HTTP status (200, 403, 404, 410...);
- ``LOGIN``: a redirect to a sign-in page (allauth's or Wagtail's);
- ``MFA``: a redirect to give the second factor, or to set it up (roles that require it, in a
  session that has not passed it);
- ``REDIRECT``: any other redirect (a successful POST, Wagtail's "no access" bounce).

Unlisted people get ``Row.default``; ``signed_in`` (every signed-in column) and ``anonymous``
set the common cases.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from network.community.models import ArchiveImport, CategoryGrant, Space
from network.roles import MFA_REQUIRED_ROLES, Role
from notifications.tokens import unsubscribe_token_make
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
from tests.network.conftest import person, sign_in
from tests.once import built_once
from tests.outreach import builders
from tests.practice_submissions.conftest import attachment_make, pdf_upload
from tests.practices.builders import practice, practice_index

LOGIN = "login"
MFA = "mfa"
REDIRECT = "redirect"

# Columns: anonymous, one person per role (signed in with two-factor where the role requires
# it), a coordinator who has not set up two-factor, a coordinator and a superuser who have an
# authenticator app but signed in with their password alone, a superuser signed in with both,
# and an organisation's focal point.
PEOPLE = [
    "anonymous",
    *Role.values,
    "coordinator_without_mfa",
    "coordinator_password_only",
    "superuser",
    "superuser_password_only",
    "focal_point",
]


@dataclass(frozen=True)
class Row:
    id: str
    url: Callable[[dict], str]
    method: str = "get"
    anonymous: object = LOGIN
    signed_in: object = 200
    overrides: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)

    def expected(self, who: str):
        if who in self.overrides:
            return self.overrides[who]
        return self.anonymous if who == "anonymous" else self.signed_in


def named(name: str, *args: Callable[[dict], object]) -> Callable[[dict], str]:
    return lambda world: reverse(name, args=[arg(world) for arg in args])


def _report_url(name: str, suffix: str) -> Callable[[dict], str]:
    """A report page's address (its draft's as it would be once published) plus ``suffix``."""
    return lambda world: world[name].get_url_parts()[2] + suffix


# A coordinator's or a superuser's password alone opens nothing of theirs.
PASSWORD_ONLY = {"coordinator_password_only": MFA, "superuser_password_only": MFA}
# Inviting: focal points and coordinators (with two-factor); everyone else is refused.
INVITERS = {
    "focal_point": 200,
    "coordinator": 200,
    "superuser": 200,
    "coordinator_without_mfa": MFA,
    **PASSWORD_ONLY,
}
# Coordinators (and superusers) with two-factor review join requests and proposals. Wagtail
# sends people without admin access to the sign-in page.
REVIEWERS = {"coordinator": 200, "superuser": 200, "coordinator_without_mfa": MFA, **PASSWORD_ONLY}
# Questionnaires: researchers and coordinators (with two-factor) edit them; partners also read.
QUESTIONNAIRE_EDITORS = {
    "signed_in": 403,
    "overrides": {**REVIEWERS, "researcher": 200},
}
QUESTIONNAIRE_READERS = {
    "signed_in": 403,
    "overrides": {**REVIEWERS, "researcher": 200, "partner": 200},
}
# Moderators enter the CMS, but Wagtail bounces them from the join requests to its home page.
CMS_REVIEWERS = {**REVIEWERS, "moderator": REDIRECT}

# The forum: a private space's category is granted to partners (superusers read everything
# with two-factor in the session; with a password alone they are members).
FORUM_INSIDERS = {"partner": 200, "superuser": 200, "superuser_password_only": 404}
# Reading the history of someone else's post: moderators, coordinators acting with
# two-factor, superusers (the forum's rules; no second-factor prompt here).
FORUM_WRITING_MODERATORS = {
    "moderator": 200,
    "coordinator": 200,
    "superuser": 200,
    "superuser_password_only": 403,
}
# Editing and deleting someone else's post are moderators' actions: a coordinator or superuser
# without the second factor in this session is sent to give it (or set it up).
FORUM_POST_MODERATORS = {
    **FORUM_WRITING_MODERATORS,
    "coordinator_without_mfa": MFA,
    **PASSWORD_ONLY,
}
# The forum's partners' space: partners (granted) and superusers (who read everything).
FORUM_PRIVATE_READERS = {"partner": 200, "superuser": 200, "superuser_password_only": 404}


def mention_suggestions_url(**scope) -> str:
    query = "&".join(f"{name}={value}" for name, value in scope.items())
    return f"{reverse('community:mention_suggestions')}?{query}&q=a"


def forum_topic_url(topic) -> str:
    return reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})


def _forum_reading_world() -> dict:
    """A public, a members-only and a private (partners' space) category, a topic in each."""
    space = Space.objects.create(slug="fm-space", name_en="Partners")
    public = ForumCategoryFactory(slug="fm-public", access="public")
    members = ForumCategoryFactory(slug="fm-members", access="members")
    private = ForumCategoryFactory(slug="fm-private", access="private", space=space)
    CategoryGrant.objects.create(
        category=private, group=Group.objects.get_or_create(name=Role.PARTNER)[0]
    )
    return {
        "forum_topics": {
            "public": ForumTopicFactory(category=public),
            "members": ForumTopicFactory(category=members),
            "private": ForumTopicFactory(category=private),
        }
    }


# The forum's moderators: the moderator role, and coordinators and superusers with two-factor.
FORUM_MODERATORS = {
    "moderator": 200,
    "coordinator": 200,
    "superuser": 200,
    "coordinator_without_mfa": MFA,
    **PASSWORD_ONLY,
}
FORUM_MODERATORS_ACTING = {
    **FORUM_MODERATORS,
    "moderator": REDIRECT,
    "coordinator": REDIRECT,
    "superuser": REDIRECT,
}

# E-discussions: a private one is read by its participants, by coordinators with two-factor
# (who facilitate every one) and by superusers; the editor opens for facilitators.
EDISCUSSION_PRIVATE_READERS = {"coordinator": 200, "superuser": 200}
EDISCUSSION_FACILITATORS = {
    "coordinator": 200,
    "superuser": 200,
    "coordinator_without_mfa": MFA,
    **PASSWORD_ONLY,
}

MATRIX: list[Row] = [
    Row("dashboard", named("network:dashboard")),
    Row("profile", named("network:profile")),
    Row("join", named("network:join"), anonymous=200),
    Row("join-thanks", named("network:join_thanks"), anonymous=200),
    Row("authority-list", named("network:authority_list"), anonymous=200),
    Row(
        "authority-detail",
        named("network:authority_detail", lambda w: w["authority"].slug),
        anonymous=200,
    ),
    Row("invitation-list", named("network:invitation_list"), signed_in=403, overrides=INVITERS),
    Row(
        "invitation-revoke",
        named("network:invitation_revoke", lambda w: w["invitation"].pk),
        method="post",
        signed_in=403,
        overrides={
            **INVITERS,
            "focal_point": REDIRECT,
            "coordinator": REDIRECT,
            "superuser": REDIRECT,
        },
    ),
    Row(
        # Sent to someone else's address: nobody here may accept it (tests/network/
        # test_invitations.py covers the invited person).
        "invitation-accept",
        named("network:invitation_accept", lambda w: w["token"]),
        anonymous=200,
        signed_in=403,
    ),
    Row(
        "invitation-accept-unknown",
        named("network:invitation_accept", lambda w: "no-such-token"),
        anonymous=404,
        signed_in=404,
    ),
    Row("account-delete", named("network:account_delete")),
    Row("account-deleted", named("network:account_deleted"), anonymous=200),
    Row("personal-data", named("network:personal_data")),
    Row(
        "cms-home",
        lambda world: "/cms/",
        signed_in=LOGIN,
        overrides={**REVIEWERS, "moderator": 200},
    ),
    Row(
        "cms-join-requests",
        named("wagtailsnippets_network_joinrequest:list"),
        signed_in=LOGIN,
        overrides=CMS_REVIEWERS,
    ),
    Row(
        "cms-join-request-inspect",
        named("wagtailsnippets_network_joinrequest:inspect", lambda w: w["join_request"].pk),
        signed_in=LOGIN,
        overrides=CMS_REVIEWERS,
    ),
    Row(
        "cms-join-request-approve",
        named("wagtailsnippets_network_joinrequest:approve", lambda w: w["join_request"].pk),
        signed_in=LOGIN,
        overrides=CMS_REVIEWERS,
    ),
    Row(
        "cms-join-request-decline",
        named("wagtailsnippets_network_joinrequest:decline", lambda w: w["join_request"].pk),
        signed_in=LOGIN,
        overrides=CMS_REVIEWERS,
    ),
    # Notifications: each person sees and changes only their own.
    Row("notification-list", named("notifications:list")),
    Row("notification-preferences", named("notifications:preferences")),
    Row(
        "notification-mark-all-read",
        named("notifications:mark_all_read"),
        method="post",
        signed_in=REDIRECT,
    ),
    Row(
        "notification-mark-read-someone-elses",
        named("notifications:mark_read", lambda w: w["notification"].pk),
        method="post",
        signed_in=404,
    ),
    # The signed token is the authority: no sign-in needed, and a tampered one is refused.
    Row(
        "unsubscribe",
        named("notifications:unsubscribe", lambda w: w["unsubscribe_token"]),
        anonymous=200,
    ),
    Row(
        "unsubscribe-tampered",
        named("notifications:unsubscribe", lambda w: w["unsubscribe_token"][:-2] + "xx"),
        anonymous=400,
        signed_in=400,
    ),
    # The public site.
    Row("home", lambda world: "/en/", anonymous=200),
    Row("search", lambda world: reverse("outreach:search") + "?q=network", anonymous=200),
    # Forum search and the member directory (network/community/views/search.py, directory.py).
    Row("forum-search", lambda world: reverse("community:search") + "?q=desk", anonymous=200),
    Row("forum-people", named("community:people")),
    Row(
        "forum-member",
        lambda world: reverse("community:member", args=[world["listed_member"].handle]),
    ),
    Row(
        "forum-member-unlisted",
        lambda world: reverse("community:member", args=[world["unlisted_member"].handle]),
        signed_in=404,
        overrides={
            "moderator": 200,
            "coordinator": 200,
            "superuser": 200,
            "superuser_password_only": 404,
        },
    ),
    Row(
        "language-switch",
        lambda world: reverse("base:language_switch", args=["es"]) + "?next=/en/",
        anonymous=REDIRECT,
        signed_in=REDIRECT,
    ),
    Row("news-rss", named("outreach:news_rss"), anonymous=200),
    Row("news-atom", named("outreach:news_atom"), anonymous=200),
    Row("event-page", lambda world: world["event"].url, anonymous=200),
    Row(
        "event-calendar",
        named("outreach:event_calendar", lambda w: w["event"].pk),
        anonymous=200,
    ),
    Row(
        "event-register",
        named("outreach:event_register", lambda w: w["event"].pk),
        method="post",
        signed_in=REDIRECT,
    ),
    Row(
        "event-registration-cancel-someone-elses",
        named("outreach:event_registration_cancel", lambda w: w["registration"].pk),
        method="post",
        signed_in=403,
    ),
    Row("sitemap", lambda world: "/sitemap.xml", anonymous=200),
    Row("robots", lambda world: "/robots.txt", anonymous=200),
    # The site's address for printed links (print.css): public, the same for everyone.
    Row("site-address-css", named("site_address_css"), anonymous=200),
    # Practice proposals: members propose; only the author and coordinators see a proposal.
    Row("practice-submission-list", named("practice_submissions:list")),
    # Proposals come from members; a superuser is not one by being a superuser.
    Row(
        "practice-submission-new",
        named("practice_submissions:new"),
        overrides={"superuser": 403, "superuser_password_only": 403},
    ),
    Row(
        "practice-submission-queue",
        named("practice_submissions:queue"),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    Row(
        "practice-submission-someone-elses-draft",
        named("practice_submissions:detail", lambda w: w["practice_submission"].pk),
        signed_in=404,
        overrides=REVIEWERS,
    ),
    Row(
        "practice-submission-someone-elses-step",
        named(
            "practice_submissions:step", lambda w: w["practice_submission"].pk, lambda w: "basics"
        ),
        signed_in=404,
        overrides=REVIEWERS,
    ),
    Row(
        # An empty decision is refused with the form shown again: nothing changes.
        "practice-submission-review",
        named("practice_submissions:review", lambda w: w["practice_submission_sent"].pk),
        method="post",
        signed_in=403,
        overrides=REVIEWERS,
    ),
    Row(
        # A proposal's file is private: its author and coordinators only, 404 for the rest.
        "practice-submission-someone-elses-attachment",
        named(
            "practice_submissions:attachment_download",
            lambda w: w["practice_submission"].pk,
            lambda w: w["practice_attachment"].pk,
        ),
        signed_in=404,
        overrides=REVIEWERS,
    ),
    # The map of practices is public (and shows only published practices).
    Row("practice-map", named("practices:map"), anonymous=200),
    # A published practice's PDF is public; an unpublished one does not exist for anyone.
    Row("practice-pdf", named("practices:pdf", lambda w: w["practice"].pk), anonymous=200),
    Row(
        "practice-pdf-unpublished",
        named("practices:pdf", lambda w: w["practice_unpublished"].pk),
        anonymous=404,
        signed_in=404,
    ),
    # A needs assessment's published report, its PDF and its data are public; a draft report
    # does not exist for anyone outside the CMS (assessments/report/).
    *(
        Row(f"assessment-report{suffix or '-page'}", _report_url("report", suffix), anonymous=200)
        for suffix in ("", "pdf/", "data/")
    ),
    *(
        Row(
            f"assessment-report-draft{suffix or '-page'}",
            _report_url("report_draft", suffix),
            anonymous=404,
            signed_in=404,
        )
        for suffix in ("", "pdf/", "data/")
    ),
    # -- Forum watching (network/community/views/watching.py) -------------------------------
    Row("forum-watching", named("community:watching")),
    Row(
        "forum-category-watch",
        named("community:category_watch", lambda w: w["forum_category"].slug),
        method="post",
        signed_in=REDIRECT,
        data={"level": "daily"},
    ),
    Row(
        # A private category does not exist for those without its grant.
        "forum-category-watch-private",
        named("community:category_watch", lambda w: w["forum_private_category"].slug),
        method="post",
        signed_in=404,
        anonymous=LOGIN,
        overrides={"partner": REDIRECT, "superuser": REDIRECT},
        data={"level": "every_post"},
    ),
    Row(
        "forum-topic-watch",
        named("community:topic_watch", lambda w: w["forum_topic"].pk),
        method="post",
        signed_in=REDIRECT,
        data={"level": "muted"},
    ),
    Row(
        "forum-topic-watch-get",
        named("community:topic_watch", lambda w: w["forum_topic"].pk),
        signed_in=405,
    ),
    # -- Forum: reading (network/community/views/reading.py). Public categories for everyone,
    # members-only ones for signed-in people (anonymous visitors sent to sign in), the partners'
    # private space for partners (and superusers, who read everything): 404 for everyone else.
    Row("forum-index", named("community:index"), anonymous=200),
    Row("forum-latest", named("community:latest"), anonymous=200),
    Row("forum-top", named("community:top"), anonymous=200),
    Row("forum-unanswered", named("community:unanswered"), anonymous=200),
    Row("forum-category-public", named("community:category", lambda w: "fm-public"), anonymous=200),
    Row("forum-category-members", named("community:category", lambda w: "fm-members")),
    Row(
        "forum-category-private",
        named("community:category", lambda w: "fm-private"),
        anonymous=404,
        signed_in=404,
        overrides=FORUM_PRIVATE_READERS,
    ),
    Row(
        "forum-space",
        named("community:space", lambda w: "fm-space"),
        anonymous=404,
        signed_in=404,
        overrides=FORUM_PRIVATE_READERS,
    ),
    Row(
        "forum-topic-public",
        lambda w: forum_topic_url(w["forum_topics"]["public"]),
        anonymous=200,
    ),
    Row("forum-topic-members", lambda w: forum_topic_url(w["forum_topics"]["members"])),
    Row(
        "forum-topic-private",
        lambda w: forum_topic_url(w["forum_topics"]["private"]),
        anonymous=404,
        signed_in=404,
        overrides=FORUM_PRIVATE_READERS,
    ),
    Row(
        "forum-topic-short-private",
        named("community:topic_short", lambda w: w["forum_topics"]["private"].pk),
        anonymous=404,
        signed_in=404,
        overrides={"partner": REDIRECT, "superuser": REDIRECT},
    ),
    Row(
        "forum-post-private",
        named("community:post", lambda w: w["forum_topics"]["private"].posts.get().pk),
        anonymous=404,
        signed_in=404,
        overrides={"partner": REDIRECT, "superuser": REDIRECT},
    ),
    Row("forum-rss-public", named("community:category_rss", lambda w: "fm-public"), anonymous=200),
    Row(
        "forum-atom-public", named("community:category_atom", lambda w: "fm-public"), anonymous=200
    ),
    # Feeds follow the anonymous rule, whoever asks.
    Row(
        "forum-rss-members",
        named("community:category_rss", lambda w: "fm-members"),
        anonymous=404,
        signed_in=404,
    ),
    Row(
        "forum-atom-private",
        named("community:category_atom", lambda w: "fm-private"),
        anonymous=404,
        signed_in=404,
    ),
    # Forum moderation: members flag what they can read; moderators (and coordinators with
    # two-factor) work the queue, the log and the actions; a private space's post does not
    # exist for whoever cannot read it, moderators included.
    Row("forum-post-flag", named("community:post_flag", lambda w: w["forum_post"].pk)),
    Row(
        "forum-post-flag-private",
        named("community:post_flag", lambda w: w["forum_private_post"].pk),
        signed_in=404,
        overrides={"partner": 200, "superuser": 200, "superuser_password_only": 404},
    ),
    Row(
        "forum-moderation-queue",
        named("community:moderation_queue"),
        signed_in=403,
        overrides=FORUM_MODERATORS,
    ),
    Row(
        "forum-moderation-log",
        named("community:moderation_log"),
        signed_in=403,
        overrides=FORUM_MODERATORS,
    ),
    Row(
        # Dismissing flags a post does not have: refused with a message, nothing changes.
        "forum-post-moderate",
        named("community:post_moderate", lambda w: w["forum_post"].pk),
        method="post",
        data={"action": "dismiss"},
        signed_in=403,
        overrides=FORUM_MODERATORS_ACTING,
    ),
    Row(
        "forum-post-moderate-private",
        named("community:post_moderate", lambda w: w["forum_private_post"].pk),
        method="post",
        data={"action": "dismiss"},
        signed_in=403,
        overrides={
            **FORUM_MODERATORS_ACTING,
            "moderator": 404,
            "coordinator": 404,
        },
    ),
    Row(
        "forum-topic-moderate",
        named("community:topic_moderate", lambda w: w["forum_post"].topic_id),
        method="post",
        data={"action": "pin"},
        signed_in=403,
        overrides=FORUM_MODERATORS_ACTING,
    ),
    Row(
        "forum-member-discipline",
        named("community:member_discipline", lambda w: w["forum_post"].author_id),
        signed_in=403,
        overrides=FORUM_MODERATORS,
    ),
    # Forum, email (network/community/views/inbound.py): the members' page; the original of a
    # held email for the category's moderators only.
    Row("forum-email-help", named("community:email_help")),
    Row(
        "forum-inbound-original",
        named("community:inbound_original", lambda w: w["inbound_held"].pk),
        signed_in=404,
        overrides={"moderator": 200, "coordinator": 200, "superuser": 200},
    ),
    # Forum writing: starting and replying where one can read (a private space's category
    # and topic do not exist for others); someone else's post is edited, deleted and its
    # history read by moderators only; files follow their post's visibility.
    Row(
        "forum-topic-new",
        named("community:topic_new", lambda w: w["forum_post"].topic.category.slug),
    ),
    Row(
        "forum-topic-new-private",
        named("community:topic_new", lambda w: w["forum_private_post"].topic.category.slug),
        signed_in=404,
        overrides=FORUM_INSIDERS,
    ),
    Row("forum-reply", named("community:reply", lambda w: w["forum_post"].topic_id)),
    Row(
        "forum-reply-private",
        named("community:reply", lambda w: w["forum_private_post"].topic_id),
        signed_in=404,
        overrides=FORUM_INSIDERS,
    ),
    Row(
        "forum-post-edit",
        named("community:post_edit", lambda w: w["forum_post"].pk),
        signed_in=403,
        overrides=FORUM_POST_MODERATORS,
    ),
    Row(
        "forum-post-delete",
        named("community:post_delete", lambda w: w["forum_post"].pk),
        signed_in=403,
        overrides=FORUM_POST_MODERATORS,
    ),
    Row(
        "forum-post-revisions",
        named("community:post_revisions", lambda w: w["forum_post"].pk),
        signed_in=403,
        overrides=FORUM_WRITING_MODERATORS,
    ),
    # The composer's @mention suggestions (views/mentions.py): JSON for who may read the
    # category written in, given by a topic or itself; nothing, not even a name, for others.
    Row(
        "forum-mentions",
        lambda w: mention_suggestions_url(topic=w["forum_post"].topic_id),
    ),
    Row(
        "forum-mentions-private",
        lambda w: mention_suggestions_url(topic=w["forum_private_post"].topic_id),
        signed_in=404,
        overrides=FORUM_INSIDERS,
    ),
    Row(
        "forum-mentions-private-category",
        lambda w: mention_suggestions_url(category=w["forum_private_post"].topic.category_id),
        signed_in=404,
        overrides=FORUM_INSIDERS,
    ),
    Row(
        "forum-helpful-get",
        named("community:post_helpful", lambda w: w["forum_post"].pk),
        anonymous=405,
        signed_in=405,
    ),
    Row(
        "forum-attachment-public",
        lambda w: reverse(
            "community:attachment",
            args=[w["forum_public_file"].pk, w["forum_public_file"].name],
        ),
        anonymous=200,
    ),
    Row(
        "forum-attachment-private",
        lambda w: reverse(
            "community:attachment",
            args=[w["forum_private_file"].pk, w["forum_private_file"].name],
        ),
        anonymous=404,
        signed_in=404,
        overrides=FORUM_INSIDERS,
    ),
    # -- E-discussions (network/community/ediscussions/views/pages.py, facilitator.py). Read as
    # their category is (a members' one asks anonymous visitors to sign in), a private one by
    # its participants and the coordinators who facilitate every one, a draft by its
    # facilitators only; the editor by facilitators (coordinators with the second factor).
    Row("ediscussion-list", named("community:ediscussion_list"), anonymous=200),
    Row("ediscussion-public", named("community:ediscussion", lambda w: "ed-public"), anonymous=200),
    Row("ediscussion-members", named("community:ediscussion", lambda w: "ed-members")),
    Row(
        "ediscussion-private",
        named("community:ediscussion", lambda w: "ed-private"),
        anonymous=404,
        signed_in=404,
        overrides=EDISCUSSION_PRIVATE_READERS,
    ),
    Row(
        "ediscussion-draft",
        named("community:ediscussion", lambda w: "ed-draft"),
        anonymous=404,
        signed_in=404,
        overrides={"coordinator": 200, "superuser": 200},
    ),
    Row(
        "ediscussion-question-members",
        named("community:ediscussion_question", lambda w: "ed-members", lambda w: 1),
    ),
    Row(
        "ediscussion-question-private",
        named("community:ediscussion_question", lambda w: "ed-private", lambda w: 1),
        anonymous=404,
        signed_in=404,
        overrides=EDISCUSSION_PRIVATE_READERS,
    ),
    Row(
        "ediscussion-concept-note-members",
        named("community:ediscussion_concept_note", lambda w: "ed-members"),
    ),
    Row(
        "ediscussion-concept-note-private",
        named("community:ediscussion_concept_note", lambda w: "ed-private"),
        anonymous=404,
        signed_in=404,
        overrides=EDISCUSSION_PRIVATE_READERS,
    ),
    Row(
        "ediscussion-participants",
        named("community:ediscussion_participants", lambda w: "ed-members"),
    ),
    Row(
        "ediscussion-join",
        named("community:ediscussion_join", lambda w: "ed-members"),
        method="post",
        signed_in=REDIRECT,
    ),
    Row(
        "ediscussion-contribute-preview",
        named("community:ediscussion_question", lambda w: "ed-members", lambda w: 1),
        method="post",
        data={"source": "Our experience.", "action": "preview"},
    ),
    Row(
        "ediscussion-create",
        named("community:ediscussion_create"),
        signed_in=403,
        overrides=EDISCUSSION_FACILITATORS,
    ),
    Row(
        "ediscussion-editor",
        named("community:ediscussion_editor", lambda w: "ed-members"),
        signed_in=403,
        overrides=EDISCUSSION_FACILITATORS,
    ),
    Row(
        "ediscussion-editor-draft",
        named("community:ediscussion_editor", lambda w: "ed-draft"),
        signed_in=404,
        overrides={"coordinator": 200, "superuser": 200},
    ),
    Row(
        "ediscussion-editor-private",
        named("community:ediscussion_editor", lambda w: "ed-private"),
        signed_in=404,
        overrides=EDISCUSSION_PRIVATE_READERS,
    ),
    *(
        Row(
            f"ediscussion-editor-{name}",
            named(f"community:ediscussion_{name}", lambda w: "ed-members", *args),
            signed_in=403,
            overrides=EDISCUSSION_FACILITATORS,
        )
        for name, args in (
            ("settings", ()),
            ("week_add", ()),
            ("week", (lambda w: 1,)),
            ("question_add", (lambda w: 2,)),
            ("question_edit", (lambda w: 1,)),
            ("people", ()),
        )
    ),
    Row(
        "ediscussion-schedule",
        named("community:ediscussion_schedule", lambda w: "ed-members"),
        method="post",
        signed_in=403,
        overrides={**EDISCUSSION_FACILITATORS, "coordinator": REDIRECT, "superuser": REDIRECT},
    ),
    # -- E-discussions: reminders (network/community/ediscussions/views/reminders.py), by its
    # facilitators and coordinators acting with two-factor; members read it but may not.
    Row(
        "ediscussion-week-remind",
        named("community:ediscussion_week_remind", lambda w: "ed-members", lambda w: 1),
        method="post",
        signed_in=403,
        overrides={
            "coordinator": REDIRECT,
            "superuser": REDIRECT,
            "coordinator_without_mfa": MFA,
            **PASSWORD_ONLY,
        },
    ),
    # -- E-discussions: the facilitator's dashboard, tray and exports (ediscussions/views/
    # dashboard.py). Its facilitators and coordinators with two-factor; a 403 for the
    # members who read it, a 404 for a draft they cannot read.
    *(
        Row(
            f"ediscussion-{name}",
            named(f"community:ediscussion_{name}", lambda w: "ed-members"),
            signed_in=403,
            overrides=EDISCUSSION_FACILITATORS,
        )
        for name in ("dashboard", "tray", "export_csv", "export_xlsx", "document", "document_pdf")
    ),
    Row(
        "ediscussion-split",
        named(
            "community:ediscussion_split",
            lambda w: "ed-members",
            lambda w: w["ediscussion_tray_post"].pk,
        ),
        signed_in=403,
        overrides=EDISCUSSION_FACILITATORS,
    ),
    Row(
        # Without a question chosen: refused with a message, back to the tray.
        "ediscussion-assign",
        named(
            "community:ediscussion_assign",
            lambda w: "ed-members",
            lambda w: w["ediscussion_tray_post"].pk,
        ),
        method="post",
        signed_in=403,
        overrides={**EDISCUSSION_FACILITATORS, "coordinator": REDIRECT, "superuser": REDIRECT},
    ),
    Row(
        "ediscussion-dashboard-draft",
        named("community:ediscussion_dashboard", lambda w: "ed-draft"),
        signed_in=404,
        overrides={"coordinator": 200, "superuser": 200},
    ),
    # -- E-discussions: the consolidated summary (ediscussions/views/summary.py). A members'
    # e-discussion: its facilitators (coordinators acting with two-factor facilitate every one)
    # draft, edit, share and publish; its participants read and endorse the shared summary
    # (nobody in these columns takes part); whoever reads it reads the published summary.
    *(
        Row(
            f"ediscussion-summary-{name}",
            named(f"community:ediscussion_summary_{name}", lambda w: w["ed_shared"].slug),
            signed_in=403,
            overrides=EDISCUSSION_FACILITATORS,
        )
        for name in ("manage", "edit", "share", "publish")
    ),
    Row(
        "ediscussion-summary-translation",
        named(
            "community:ediscussion_summary_translation",
            lambda w: w["ed_shared"].slug,
            lambda w: "es",
        ),
        signed_in=403,
        overrides=EDISCUSSION_FACILITATORS,
    ),
    Row(
        "ediscussion-summary-generate",
        named("community:ediscussion_summary_generate", lambda w: w["ed_shared"].slug),
        method="post",
        signed_in=403,
        overrides={**EDISCUSSION_FACILITATORS, "coordinator": REDIRECT, "superuser": REDIRECT},
    ),
    Row(
        "ediscussion-summary-generate-get",
        named("community:ediscussion_summary_generate", lambda w: w["ed_shared"].slug),
        signed_in=403,
        overrides={**EDISCUSSION_FACILITATORS, "coordinator": 405, "superuser": 405},
    ),
    Row(
        "ediscussion-summary-endorse",
        named("community:ediscussion_summary_endorse", lambda w: w["ed_shared"].slug),
        signed_in=403,
        overrides={"coordinator": 200, "superuser": 200},
    ),
    Row(
        # Answering is for participants: a facilitator reads, and is refused the answer.
        "ediscussion-summary-endorse-post",
        named("community:ediscussion_summary_endorse", lambda w: w["ed_shared"].slug),
        method="post",
        data={"endorsed": "on"},
        signed_in=403,
    ),
    Row(
        "ediscussion-summary-published",
        named("community:ediscussion_summary", lambda w: w["ed_published"].slug),
    ),
    Row(
        "ediscussion-summary-not-published",
        named("community:ediscussion_summary", lambda w: w["ed_shared"].slug),
        signed_in=404,
    ),
    # -- E-discussions, archive import (ediscussions/views/imports.py): coordinators acting
    # with two-factor; everyone else is refused.
    Row(
        "ediscussion-import",
        named("community:ediscussion_import"),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    Row(
        # An empty form is shown again with its errors: nothing is imported.
        "ediscussion-import-post",
        named("community:ediscussion_import"),
        method="post",
        signed_in=403,
        overrides=REVIEWERS,
    ),
    Row(
        "ediscussion-import-report",
        named("community:ediscussion_import_report", lambda w: w["archive_import"].pk),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    # Needs assessments: the back office of assessments and invitations (coordinators with
    # two-factor manage; the list opens for researchers too, each assessment's page only for
    # its own researchers: tests/assessments/test_invitations_views.py).
    Row(
        "assessment-list",
        named("assessments:assessment_list"),
        signed_in=403,
        overrides={**REVIEWERS, "researcher": 200},
    ),
    Row(
        "assessment-new", named("assessments:assessment_create"), signed_in=403, overrides=REVIEWERS
    ),
    *(
        Row(
            f"assessment-{name}",
            lambda w, name=name: reverse(
                f"assessments:assessment_{name}", args=[w["assessment"].slug]
            ),
            signed_in=403,
            overrides=REVIEWERS,
        )
        for name in ("follow", "edit", "invite", "export", "analysis", "analysis_csv")
    ),
    # Exports of answers (assessments/views_exports.py): the form for the assessment's team; an
    # export's page and file for the person who asked for it only (nobody of these columns).
    Row(
        "answers-export",
        named("assessments:answers_export", lambda w: w["assessment"].slug),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    Row(
        # An empty form is shown again with its errors: nothing is exported.
        "answers-export-post",
        named("assessments:answers_export", lambda w: w["assessment"].slug),
        method="post",
        signed_in=403,
        overrides=REVIEWERS,
    ),
    *(
        Row(
            f"export-{name}",
            named(f"assessments:export_{name}", lambda w: w["assessment_export"].pk),
            signed_in=403,
        )
        for name in ("detail", "download")
    ),
    Row(
        # Not open: nothing to send, said in a message on the way back.
        "assessment-send",
        named("assessments:assessment_send", lambda w: w["assessment"].slug),
        method="post",
        signed_in=403,
        overrides={**REVIEWERS, "coordinator": REDIRECT, "superuser": REDIRECT},
    ),
    *(
        Row(
            f"assessment-invitation-{name}-{method}",
            lambda w, name=name: reverse(
                f"assessments:invitation_{name}",
                args=[w["assessment"].slug, w["assessment_invitation"].pk],
            ),
            method=method,
            signed_in=403,
            overrides=(
                REVIEWERS
                if method == "get"
                else {**REVIEWERS, "coordinator": REDIRECT, "superuser": REDIRECT}
            ),
        )
        for name, method in (
            ("new_link", "get"),
            ("new_link", "post"),
            ("revoke", "get"),
            ("revoke", "post"),
            ("resend", "post"),
            ("extend", "post"),
        )
    ),
    # -- Questionnaire editor (assessments/views_editor/). Coordinators (with two-factor) and
    # researchers build questionnaires, partners read and comment on them; coordinators approve
    # and publish.
    Row("questionnaire-list", named("assessments:questionnaire_list"), **QUESTIONNAIRE_READERS),
    Row(
        "questionnaire-version",
        named("assessments:version_detail", lambda w: w["questionnaire_draft"].pk),
        **QUESTIONNAIRE_READERS,
    ),
    Row(
        "questionnaire-element-add",
        named("assessments:element_add", lambda w: w["questionnaire_draft"].pk),
        **QUESTIONNAIRE_EDITORS,
    ),
    Row(
        "questionnaire-text-fix",
        named("assessments:element_text_fix", lambda w: w["questionnaire_frozen_element"].pk),
        **QUESTIONNAIRE_EDITORS,
    ),
    Row(
        "questionnaire-approve",
        named("assessments:version_approve", lambda w: w["questionnaire_review"].pk),
        signed_in=403,
        overrides={**REVIEWERS, "researcher": 403, "partner": 403},
    ),
    Row(
        "questionnaire-publish",
        named("assessments:version_publish", lambda w: w["questionnaire_approved"].pk),
        signed_in=403,
        overrides={**REVIEWERS, "researcher": 403, "partner": 403},
    ),
    # -- Questionnaires, XLSForm (assessments/views_xlsform.py): researchers and coordinators
    # (with two-factor) import; partners, who review drafts, also download.
    Row(
        "xlsform-import",
        named("assessments:xlsform_import"),
        **QUESTIONNAIRE_EDITORS,
    ),
    Row(
        # An empty form is shown again with its errors: nothing is imported.
        "xlsform-import-post",
        named("assessments:xlsform_import"),
        method="post",
        **QUESTIONNAIRE_EDITORS,
    ),
    Row(
        "version-xlsform",
        named("assessments:version_xlsform", lambda w: w["questionnaire_draft"].pk),
        **QUESTIONNAIRE_READERS,
    ),
    # -- Answering needs assessments (assessments/views_answer.py): the link is the permission;
    # interviews for coordinators and the assessment's researchers (the researcher column is
    # not one of them); reopening for coordinators.
    Row("answer-start", named("assessments:answer", lambda w: w["answer_token"]), anonymous=200),
    Row(
        "answer-unknown",
        named("assessments:answer", lambda w: "x" * 43),
        anonymous=404,
        signed_in=404,
    ),
    Row(
        "answer-section",
        named("assessments:answer_section", lambda w: w["answer_token"], lambda w: "0"),
        anonymous=200,
    ),
    Row(
        "answer-review",
        named("assessments:answer_review", lambda w: w["answer_token"]),
        anonymous=200,
    ),
    Row(
        "answer-file",
        named(
            "assessments:answer_file", lambda w: w["answer_token"], lambda w: w["answer_file"].pk
        ),
        anonymous=200,
    ),
    Row(
        "interview-start",
        named("assessments:interview_start", lambda w: w["answer_response"].assessment.slug),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    *(
        Row(
            f"interview-{page}",
            named(f"assessments:interview{page and '_'}{page}", *arguments),
            signed_in=403,
            overrides=REVIEWERS,
        )
        for page, arguments in (
            ("", (lambda w: w["answer_response"].pk,)),
            ("section", (lambda w: w["answer_response"].pk, lambda w: "0")),
            ("review", (lambda w: w["answer_response"].pk,)),
        )
    ),
    Row(
        "response-file",
        named(
            "assessments:response_file",
            lambda w: w["answer_response"].pk,
            lambda w: w["answer_file"].pk,
        ),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    Row(
        "response-reopen",
        named("assessments:response_reopen", lambda w: w["answer_response"].pk),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    # -- Reviewing submitted answers (assessments/views_review.py): coordinators and the
    # assessment's researchers (the researcher column is not one of them). An empty POST is
    # shown again with its errors: nothing is recorded.
    Row(
        "review-list",
        named("assessments:review_list", lambda w: w["review_response"].assessment.slug),
        signed_in=403,
        overrides=REVIEWERS,
    ),
    *(
        Row(
            # Coordinators only; an empty POST names no researcher: shown again with the reason.
            f"researcher-countries-{method}",
            named(
                "assessments:researcher_countries",
                lambda w: w["review_response"].assessment.slug,
            ),
            method=method,
            signed_in=403,
            overrides=REVIEWERS,
        )
        for method in ("get", "post")
    ),
    *(
        Row(
            f"response-review-{method}",
            named("assessments:response_review", lambda w: w["review_response"].pk),
            method=method,
            signed_in=403,
            overrides=REVIEWERS,
        )
        for method in ("get", "post")
    ),
    *(
        Row(
            f"answer-correct-{method}",
            named(
                "assessments:answer_correct", lambda w: w["review_response"].pk, lambda w: "name"
            ),
            method=method,
            signed_in=403,
            overrides=REVIEWERS,
        )
        for method in ("get", "post")
    ),
]


def _forum_watching_world() -> dict:
    from django.contrib.auth.models import Group

    from network.community.models import CategoryGrant
    from tests.factories import ForumCategoryFactory, ForumTopicFactory

    private = ForumCategoryFactory(slug="watching-private", access="private")
    CategoryGrant.objects.create(
        category=private, group=Group.objects.get_or_create(name=Role.PARTNER)[0]
    )
    topic = ForumTopicFactory(category=ForumCategoryFactory(slug="watching-members"))
    return {
        "forum_category": topic.category,
        "forum_topic": topic,
        "forum_private_category": private,
    }


def _answer_world() -> dict:
    """An open assessment, an invitation's link, its response (in an interview) and a file."""
    from django.core.files.base import ContentFile

    from assessments.models import AnswerFile, Element, Interview, Response
    from tests.assessments.factories_answer import (
        assessment_make,
        element_add,
        invitation_make,
        version_make,
    )

    version = version_make(languages=("en",))
    element_add(version, "name", Element.Kind.TEXT)
    invitation, token = invitation_make(assessment_make(version))
    response = Response.objects.create(
        assessment=invitation.assessment,
        invitation=invitation,
        local_authority=invitation.local_authority,
        version=version,
    )
    Interview.objects.create(
        response=response, interviewee_name="Marta", held_on="2025-03-14", mode="phone"
    )
    answer_file = AnswerFile(
        response=response,
        key="plan",
        original_name="plan.pdf",
        content_type="application/pdf",
        size=9,
    )
    answer_file.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    reviewed, _token = invitation_make(invitation.assessment)
    submitted = Response.objects.create(
        assessment=invitation.assessment,
        invitation=reviewed,
        local_authority=reviewed.local_authority,
        version=version,
        status=Response.Status.SUBMITTED,
        review_state=Response.ReviewState.RECEIVED,
        submitted_at=timezone.now(),
        data={"name": "Marta"},
    )
    return {
        "answer_token": token,
        "answer_response": response,
        "answer_file": answer_file,
        "review_response": submitted,
    }


def _world() -> dict:
    membership = MembershipFactory(user=person("official"), is_focal_point=True)
    invitation, token = InvitationFactory.with_token(local_authority=membership.local_authority)
    stranger = UserFactory(email="stranger@example.org")
    home = builders.homes()["en"]
    event = builders.event_page(builders.event_index(home), slug="webinar")
    draft = PracticeSubmissionFactory(submitter=stranger)
    directory = practice_index(home)
    withdrawn = practice(directory, slug="withdrawn")
    withdrawn.unpublish()
    forum = _forum_moderation_world(stranger)
    return {
        **forum,
        **_forum_writing_world(forum),
        "listed_member": UserFactory(email="listed@example.org", listed_in_directory=True),
        "unlisted_member": UserFactory(email="unlisted@example.org"),
        "practice": practice(directory, slug="published"),
        "practice_unpublished": withdrawn,
        "notification": NotificationFactory(recipient=stranger),
        "unsubscribe_token": unsubscribe_token_make(
            user_id=stranger.pk, kinds=["join_request_submitted"]
        ),
        "event": event,
        "registration": EventRegistrationFactory(event=event, user=stranger),
        "focal_point": membership.user,
        "authority": membership.local_authority,
        "invitation": invitation,
        "token": token,
        "join_request": JoinRequestFactory(),
        "practice_submission": draft,
        "practice_attachment": attachment_make(draft),
        "practice_submission_sent": PracticeSubmissionFactory(
            submitter=stranger, state="submitted"
        ),
        **_forum_watching_world(),
        "inbound_held": held_mail(),
        **_forum_reading_world(),
        **_ediscussion_world(),
        **_ediscussion_summary_world(home),
        "archive_import": ArchiveImport.objects.create(archive_name="2019.mbox", entries=[]),
        **_assessment_world(),
        **_questionnaire_world(),
        **_answer_world(),
        **_report_world(),
    }


def _report_world() -> dict:
    """A needs assessment's report published in the library, and a draft one (never published)."""
    from assessments.models import AssessmentReportPage
    from library.models import ResourceLibraryPage
    from tests.assessments.factories_answer import assessment_make
    from tests.assessments.report_helpers import questionnaire, report_page

    assessment = assessment_make(questionnaire())
    library = ResourceLibraryPage.objects.order_by("pk").first()
    body = [("figure", {"question": "office"}), ("methodology", None)]
    published = report_page(library, assessment, body=body, slug="matrix-report")
    draft = AssessmentReportPage(
        title="Draft",
        slug="matrix-report-draft",
        summary="Draft.",
        year=2026,
        assessment=assessment,
        body=body,
        live=False,
    )
    library.add_child(instance=draft)
    return {"report": published, "report_draft": draft}


def _questionnaire_world() -> dict:
    """A questionnaire's versions in each state the editor's pages act on."""
    from tests.assessments.editor_helpers import questionnaire_version

    frozen = questionnaire_version(form_id="matrix-published", status="published")
    return {
        "questionnaire_draft": questionnaire_version(form_id="matrix-draft"),
        "questionnaire_review": questionnaire_version(form_id="matrix-review", status="review"),
        "questionnaire_approved": questionnaire_version(
            form_id="matrix-approved", status="approved"
        ),
        "questionnaire_frozen_element": frozen.elements.get(key="staff_0"),
    }


def _assessment_world() -> dict:
    """An assessment being prepared, with one invitation (not sent) and a coordinator's
    export of its answers, ready."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from assessments.models import AssessmentExport, Invitation
    from assessments.tokens import nonce_new
    from tests.assessments.invite_helpers import assessment_make
    from tests.factories import LocalAuthorityFactory

    assessment = assessment_make(slug="matrix-needs", status="preparing")
    nonce, digest = nonce_new()
    invitation = Invitation.objects.create(
        assessment=assessment,
        local_authority=LocalAuthorityFactory(),
        token_nonce=nonce,
        token_hash=digest,
        due_date=assessment.due_date,
    )
    requester = person(Role.COORDINATOR)
    export = AssessmentExport.objects.create(
        requester=requester,
        assessment=assessment,
        format="csv",
        status="ready",
        expires_at=timezone.now() + timedelta(days=7),
    )
    export.file.save("answers.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=True)
    return {
        "assessment": assessment,
        "assessment_invitation": invitation,
        "assessment_export": export,
    }


def _ediscussion_summary_world(home) -> dict:
    """Two members' e-discussions with a contribution each: one whose summary is shared for
    endorsement, one whose summary is published in the library."""
    from django.utils import timezone

    from network.community.ediscussions import summary as summaries
    from network.community.services.posting import reply_create
    from tests.community.ediscussion_helpers import running_ediscussion
    from tests.library import builders as library_builders

    library_builders.library(home)
    facilitator = person(Role.COORDINATOR)
    facilitator.second_factor_passed = True
    shared, published = (running_ediscussion(facilitator=facilitator) for _ in range(2))
    summaries_of = {}
    for ediscussion in (shared, published):
        question = ediscussion.weeks.get(number=1).questions.order_by("number").first()
        reply_create(author=UserFactory(), topic=question.topic, source="Our city's experience.")
        summary = summaries.summary_generate(by=facilitator, ediscussion=ediscussion)
        summaries_of[ediscussion.pk] = summaries.summary_share(
            by=facilitator, summary=summary, endorse_until=timezone.now() + timedelta(days=7)
        )
    summaries.summary_publish(by=facilitator, summary=summaries_of[published.pk])
    return {"ed_shared": shared, "ed_published": published}


def _ediscussion_world() -> dict:
    """Running e-discussions (public, members', private) with a concept note and a draft, made
    by a coordinator who is nobody's column here; a contribution waits in the members' one's
    tray."""
    from datetime import timedelta

    from django.utils import timezone

    from network.community.ediscussions import services
    from network.community.models import EDiscussion
    from tests.community.ediscussion_dashboard_helpers import tray_contribution
    from tests.community.ediscussion_helpers import running_ediscussion

    creator = person(Role.COORDINATOR)
    creator.second_factor_passed = True
    for access in ("public", "members", "private"):
        ediscussion = running_ediscussion(facilitator=creator, access=access)
        services.concept_note_set(by=creator, ediscussion=ediscussion, upload=pdf_upload())
        EDiscussion.objects.filter(pk=ediscussion.pk).update(slug=f"ed-{access}")
    now = timezone.now()
    draft = services.ediscussion_create(
        creator=creator,
        titles={"en": "A draft"},
        default_language="en",
        starts_at=now,
        ends_at=now + timedelta(days=28),
    )
    EDiscussion.objects.filter(pk=draft.pk).update(slug="ed-draft")
    members = EDiscussion.objects.get(slug="ed-members")
    waiting = tray_contribution(ediscussion=members, author=UserFactory(), source="Hello")
    return {"ediscussion_tray_post": waiting.post}


def _forum_moderation_world(stranger) -> dict:
    partners, _created = Group.objects.get_or_create(name=Role.PARTNER)
    intranet = ForumCategoryFactory(slug="matrix-intranet", access="private")
    CategoryGrant.objects.create(category=intranet, group=partners, can_see=True)
    topic = ForumTopicFactory(category=ForumCategoryFactory(slug="matrix-members"))
    return {
        "forum_post": ForumPostFactory(topic=topic, author=stranger),
        "forum_private_post": ForumPostFactory(
            topic=ForumTopicFactory(category=intranet), author=stranger
        ),
    }


def _forum_writing_world(forum: dict) -> dict:
    """A file on a public topic's opening post and one on the private space's post."""
    from network.community.services.attachments import attachment_upload, attachments_attach
    from tests.practice_submissions.conftest import pdf_upload

    public_post = ForumTopicFactory(category=ForumCategoryFactory(access="public")).posts.get()
    files = {}
    for key, post in (
        ("forum_public_file", public_post),
        ("forum_private_file", forum["forum_private_post"]),
    ):
        files[key] = attachment_upload(user=post.author, upload=pdf_upload())
        attachments_attach(post=post, attachments=[files[key]])
        files[key].refresh_from_db()
    return files


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The objects the matrix's URLs point at, built once for every cell (each cell's own
    changes, such as a revoked invitation, are rolled back after it)."""
    yield from built_once(django_db_blocker, _world)


def signed_in_as(client, who: str, world: dict) -> None:
    if who == "anonymous":
        return
    if who == "focal_point":
        client.force_login(world["focal_point"])
    elif who == "coordinator_without_mfa":
        client.force_login(person(Role.COORDINATOR, mfa=False))
    elif who == "coordinator_password_only":
        client.force_login(person(Role.COORDINATOR))
    elif who == "superuser":
        sign_in(client, person(is_superuser=True, is_staff=True))
    elif who == "superuser_password_only":
        client.force_login(person(mfa=True, is_superuser=True, is_staff=True))
    elif who in MFA_REQUIRED_ROLES:
        sign_in(client, person(who))
    else:
        client.force_login(person(who))


def outcome(response):
    if response.status_code not in (301, 302):
        return response.status_code
    location = response["Location"]
    if "/2fa/" in location:
        return MFA
    if "login" in location:
        return LOGIN
    return REDIRECT


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_permission_matrix(client, world, row: Row, who: str):
    signed_in_as(client, who, world)
    url = row.url(world)
    response = getattr(client, row.method)(url, row.data)
    assert outcome(response) == row.expected(who), f"{row.method.upper()} {url} as {who}"
