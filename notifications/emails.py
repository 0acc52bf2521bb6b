"""Rendering and sending of templated emails, always in the recipient's language.

A template prefix such as ``"network/emails/join_request_approved"`` names three templates:
``<prefix>_subject.txt`` (one line), ``<prefix>.txt`` and ``<prefix>.html``.
"""

import logging
import re
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    # The one-click unsubscribe link its footer holds: the List-Unsubscribe header repeats this
    # very address (the token is timestamped, so signing it twice could give two links).
    unsubscribe_url: str = ""


def email_render(*, template_prefix: str, context: dict, language: str) -> RenderedEmail:
    """Render the subject, plain-text and HTML bodies of an email in ``language``;
    ``home_url`` is the site's home page in that language."""
    with translation.override(language):
        home_url = f"{settings.SITE_URL}{reverse('wagtail_serve', args=[''])}"
    full_context = {
        "site_url": settings.SITE_URL,
        "home_url": home_url,
        "site_name": "Convive",
        **context,
    }
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", full_context)
        text = render_to_string(f"{template_prefix}.txt", full_context)
        html = render_to_string(f"{template_prefix}.html", full_context)
    return RenderedEmail(subject=" ".join(subject.split()), text=text, html=html)


def email_message(
    *, to: str, rendered: RenderedEmail, headers: dict[str, str] | None = None
) -> EmailMultiAlternatives:
    """One rendered email, ready to send over a connection (see ``services.delivery_send``)."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


# -- Values issued at send time (``kinds.py``: ``email_values``) ---------------------------------
# A marker survives rendering unchanged (no character HTML escaping touches) until the worker
# that claimed the send replaces it.
_ISSUED = re.compile(r"@@issued:([a-z0-9_-]+)@@")


def issued_marker(name: str) -> str:
    """What a template writes where a value issued at send time goes (``{% issued %}``)."""
    if not re.fullmatch(r"[a-z0-9_-]+", name):
        raise ValueError(f"An issued value's name is lower-case letters, digits, - and _: {name!r}")
    return f"@@issued:{name}@@"


def issued_fill(
    *, rendered: RenderedEmail, headers: dict[str, str], values: dict[str, str]
) -> tuple[RenderedEmail, dict[str, str]]:
    """The email and headers with each marker replaced by its value (escaped in the HTML body);
    a marker with no value is removed (and logged: a template names a value its kind does not
    issue, or the thing it belonged to is gone)."""

    def fill(text: str, *, html: bool = False) -> str:
        def value(match: re.Match) -> str:
            found = values.get(match.group(1))
            if found is None:
                logger.warning("No value issued for the email marker %r.", match.group(1))
                return ""
            return escape(found) if html else found

        return _ISSUED.sub(value, text)

    filled = replace(
        rendered,
        subject=fill(rendered.subject),
        text=fill(rendered.text),
        html=fill(rendered.html, html=True),
    )
    return filled, {name: fill(value) for name, value in headers.items()}
