"""Every link of the network's direct emails (to applicants and invitees, who may have no
account) leads to the language the email is written in, on the site's served address."""

import re

import pytest
from django.conf import settings
from django.core import mail

from network.services import (
    invitation_send,
    join_request_approve,
    join_request_decline,
    join_request_submit,
)
from tests.factories import JoinRequestFactory, LocalAuthorityFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]*)"')
TEXT_URL = re.compile(r"https?://\S+")


def _links(message) -> list[str]:
    return HREF.findall(message.alternatives[0][0]) + TEXT_URL.findall(message.body)


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_every_direct_email_links_in_its_language(
    coordinator, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request_submit(
            data={
                "authority_name": "Arica",
                "level": "municipality",
                "country": "CL",
                "region": "Arica y Parinacota",
                "population_band": "50k-250k",
                "website": "",
                "contact_name": "Valentina Soto",
                "contact_email": "received@example.org",
                "contact_position": "Head",
                "preferred_language": language,
                "message": "",
            }
        )
        join_request_approve(
            join_request=JoinRequestFactory(
                preferred_language=language, contact_email="approved@example.org"
            ),
            by=coordinator,
        )
        join_request_decline(
            join_request=JoinRequestFactory(
                preferred_language=language, contact_email="declined@example.org"
            ),
            by=coordinator,
            reason="Not a local authority.",
        )
        invitation_send(
            invited_by=coordinator,
            email="invited@example.org",
            organisation=LocalAuthorityFactory(is_member=True),
            language=language,
        )
    direct = {
        message.to[0]: message
        for message in mail.outbox
        if message.to[0].split("@")[0] in {"received", "approved", "declined", "invited"}
    }
    assert len(direct) == 4
    for address, message in direct.items():
        links = _links(message)
        assert links, address
        wrong = [link for link in links if not link.startswith(f"{settings.SITE_URL}/{language}/")]
        assert wrong == [], address
