"""Building the e-discussion email tests: participants in their languages, announcing a week
as the worker would, reading the addresses of an email."""

import re

from django.core import mail

from network.community.ediscussions import services
from network.community.ediscussions.services_mail import week_announce
from network.community.models import Question, Week
from tests.community.inbound_helpers import member

ADDRESS = re.compile(r"reply\+([a-z0-9]+)@forum\.convive\.example\.org")


def participant(ediscussion, language: str = "en", **fields):
    """A member (with a confirmed address) who joined ``ediscussion``."""
    user = member(preferred_language=language, **fields)
    services.participant_join(user=user, ediscussion=ediscussion)
    return user


def first_week(ediscussion) -> Week:
    return Week.objects.get(ediscussion=ediscussion, number=1)


def published_questions(ediscussion) -> list[Question]:
    return list(
        Question.objects.filter(week__ediscussion=ediscussion, topic__isnull=False).order_by(
            "number"
        )
    )


def announce(week, capture) -> list:
    """Run the week's announcement as its task would, its emails sent after the commit; the
    emails sent."""
    mail.outbox.clear()
    with capture(execute=True):
        week_announce(week_id=week.pk)
    return list(mail.outbox)


def by_recipient(outbox) -> dict:
    return {message.to[0]: message for message in outbox}


def html_of(message) -> str:
    return message.alternatives[0][0]


def keys_in(text: str) -> list[str]:
    return ADDRESS.findall(text)
