"""Every link of every email leads to the reader's language (their ``preferred_language``), on
the site's served address, whatever language the visit that caused the notification used."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from base.localization import page_urls_by_language
from network.services import join_request_admin_url
from notifications.kinds import kinds_all
from notifications.models import Notification
from notifications.rendering import digest_render_email, notification_render_email
from tests.factories import JoinRequestFactory, UserFactory
from tests.outreach import builders

pytestmark = pytest.mark.django_db

READERS = ("es", "pt", "fr")
FORUM_KINDS = ("forum_post", "forum_topic", "forum_mention")
HREF = re.compile(r'href="([^"]*)"')
TEXT_URL = re.compile(r"https?://\S+")


def _english(name: str, *args) -> str:
    """An address as a sender's visit in English reverses it."""
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def event():
    """An event in English with a live Spanish translation (its own slug) and none in
    Portuguese or French."""
    homes = builders.homes()
    index = builders.event_index(homes["en"])
    spanish_index = builders.translate(index, homes["es"], code="es", slug="eventos")
    page = builders.event_page(index, slug="launch", title="Launch", time_zone="America/Bogota")
    builders.translate(page, spanish_index, code="es", slug="lanzamiento", title="Lanzamiento")
    return page


def _ediscussion_week() -> tuple[dict, str]:
    """What an e-discussion's week announcement stores, during an English visit."""
    from network.community.ediscussions import services_mail
    from tests.community.ediscussion_helpers import running_ediscussion
    from tests.network.conftest import person

    facilitator = person("coordinator")
    facilitator.second_factor_passed = True
    ediscussion = running_ediscussion(facilitator=facilitator)
    week = ediscussion.weeks.get(number=1)
    with translation.override("en"):
        context = services_mail.week_email_context(
            week=week, questions=services_mail.week_questions(week=week)
        )
    return context, services_mail.ediscussion_path(ediscussion=ediscussion)


@pytest.fixture
def samples(event):
    """For every kind: (context, url) as its sending code stores them during an English visit.
    A new kind needs its sample here: the test below fails until it has one."""
    event_url = f"{settings.SITE_URL}{event.url}"
    join_request = JoinRequestFactory()
    proposal = _english("practice_submissions:detail", 1)
    practice = {"submission_id": 1, "title": "Welcome desk", "submitter_name": "Ana"}
    mention = f"{settings.SITE_URL}{_english('community:member', 'ana')}"
    forum_post = {
        "post_id": 7,
        "post_number": 2,
        "opening_post_id": 6,
        "reply_to_id": None,
        "topic_id": 3,
        "topic_title": "Opening hours",
        "category_id": 1,
        "category_slug": "reception",
        "category_names": {
            "en": "Reception",
            "es": "Acogida",
            "pt": "Acolhimento",
            "fr": "Accueil",
        },
        "author_name": "Rosa",
        # A mention of a member, as the sender's English visit wrote it.
        "post_html": f'<p>Thanks <a class="mention" href="{mention}">@ana</a></p>',
        "post_text": "Thanks @ana",
        "digest_group": "forum-topic:3",
        "digest_group_title": "Opening hours",
        "digest_excerpt": "Thanks @ana",
    }
    ediscussion_week = _ediscussion_week()
    return {
        "ediscussion_week": ediscussion_week,
        "ediscussion_nudge": ediscussion_week,
        "join_request_submitted": (
            {
                "authority_name": "Quito",
                "country": "EC",
                "contact_name": "Ana",
                "request_id": join_request.pk,
            },
            f"{settings.SITE_URL}{join_request_admin_url(join_request)}",
        ),
        "event_registration_confirmed": (
            {
                "event_title": "Launch",
                "event_start": event.start.isoformat(),
                "event_time_zone": event.time_zone,
                "event_url": event_url,
                "page_urls": page_urls_by_language(event),
            },
            event_url,
        ),
        "invitation_accepted": (
            {"invitee_name": "Ana", "organisation_name": "Quito"},
            f"{settings.SITE_URL}{_english('network:invitation_list')}",
        ),
        "practice_submission_submitted": ({**practice, "message": ""}, proposal),
        "practice_submission_changes_requested": ({**practice, "message": "More."}, proposal),
        "practice_submission_approved": (
            {**practice, "message": "", "page_urls": page_urls_by_language(event)},
            proposal,
        ),
        "practice_submission_declined": ({**practice, "message": "No."}, proposal),
        **{kind: (forum_post, _english("community:post", 7)) for kind in FORUM_KINDS},
        "forum_moderation": (
            {
                "action": "hide",
                "automatic": False,
                "topic_title": "Welcome desks",
                "post_number": 2,
                "category_name": "",
                "reason": "Advertising",
                "until": "",
            },
            _english("community:post", 1),
        ),
        "ediscussion_summary": (
            {
                "event": "published",
                "ediscussion_id": 1,
                "titles": {"en": "Diaspora", "es": "Diáspora", "pt": "Diáspora", "fr": "Diaspora"},
                "endorse_until": "",
                # The library resource (here the event page stands in for it).
                "page_urls": page_urls_by_language(event),
            },
            _english("community:ediscussion_summary", "diaspora"),
        ),
    }


def _links(rendered) -> list[str]:
    # Addresses to write to (an e-discussion's reply addresses) are no pages.
    pages = [link for link in HREF.findall(rendered.html) if not link.startswith("mailto:")]
    return pages + TEXT_URL.findall(rendered.text)


def _is_for(link: str, language: str) -> bool:
    # The CMS (coordinators' review links) has no language prefix: it follows the
    # coordinator's own admin language setting.
    return link.startswith((f"{settings.SITE_URL}/{language}/", f"{settings.SITE_URL}/cms/"))


@pytest.mark.parametrize("language", READERS)
def test_every_kind_links_in_the_readers_language(samples, language):
    assert {kind.code for kind in kinds_all()} == set(samples), (
        "Add a sample for each new kind of notification to this test."
    )
    reader = UserFactory(preferred_language=language)
    notifications = []
    for kind in kinds_all():
        context, url = samples[kind.code]
        notification = Notification.objects.create(
            recipient=reader, kind=kind.code, event_key="sample", context=context, url=url
        )
        notifications.append(notification)
        rendered = notification_render_email(notification=notification, language=language)
        links = _links(rendered)
        assert links, kind.code
        wrong = [link for link in links if not _is_for(link, language)]
        assert wrong == [], kind.code
    digest = digest_render_email(
        user=reader, notifications=notifications, frequency="daily", language=language
    )
    assert [link for link in _links(digest) if not _is_for(link, language)] == []


def test_event_email_links_the_readers_translation_or_the_original_in_their_language(
    samples,
):
    context, url = samples["event_registration_confirmed"]
    for language, expected in (
        ("es", f"{settings.SITE_URL}/es/eventos/lanzamiento/"),
        # No Portuguese translation: the Portuguese address that serves the original.
        ("pt", f"{settings.SITE_URL}/pt/events/launch/"),
    ):
        reader = UserFactory(preferred_language=language)
        notification = Notification.objects.create(
            recipient=reader,
            kind="event_registration_confirmed",
            event_key="sample",
            context=context,
            url=url,
        )
        rendered = notification_render_email(notification=notification, language=language)
        assert f'href="{expected}"' in rendered.html
        assert expected in rendered.text
