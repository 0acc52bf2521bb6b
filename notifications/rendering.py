"""Turning stored notifications into text, in the language of whoever reads them.

Plain-text templates (``subject.txt``, ``body.txt``, ``short.txt``) are rendered without HTML
escaping, so a name like "O'Brien" stays as typed; the HTML body is escaped as usual.
"""

from django.conf import settings
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from .emails import RenderedEmail
from .kinds import kind_get
from .links import absolute_url, link_for_language, notification_link, page_link_of
from .models import Notification
from .tokens import unsubscribe_token_make

SITE_NAME = "Convive"


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template without HTML escaping."""
    template = get_template(template_name)
    return template.template.render(Context(context, autoescape=False))


def render_html(template_name: str, context: dict) -> str:
    return get_template(template_name).render(context)


def _base_context(notification: Notification) -> dict:
    return {
        **notification.context,
        "notification": notification,
        "site_url": settings.SITE_URL,
        "site_name": SITE_NAME,
    }


def notification_render_short(*, notification: Notification) -> str:
    """One line describing a notification, in the active language (the viewer's)."""
    try:
        kind = kind_get(notification.kind)
        return " ".join(
            render_text(kind.template("short.txt"), _base_context(notification)).split()
        )
    except (ValueError, TemplateDoesNotExist):
        return gettext("You have a notification.")


def unsubscribe_url(*, user_id: int, kinds: list[str], language: str) -> str:
    """The absolute one-click unsubscribe link for some kinds, in ``language``."""
    token = unsubscribe_token_make(user_id=user_id, kinds=kinds)
    with translation.override(language):
        path = reverse("notifications:unsubscribe", kwargs={"token": token})
    return absolute_url(path)


def _email_footer_context(*, user_id: int, kinds: list[str], language: str) -> dict:
    with translation.override(language):
        preferences_path = reverse("notifications:preferences")
    return {
        "preferences_url": absolute_url(preferences_path),
        "unsubscribe_url": unsubscribe_url(user_id=user_id, kinds=kinds, language=language),
    }


def notification_render_email(*, notification: Notification, language: str) -> RenderedEmail:
    """Subject, text and HTML of the email for one notification, in ``language``."""
    kind = kind_get(notification.kind)
    context = {
        **_base_context(notification),
        # Decided for the reader, whoever's visit stored the notification (see links.py):
        # ``link`` is the notification's own address, ``page_link`` the page it is about.
        "link": link_for_language(url=notification.url, language=language),
        "page_link": page_link_of(context=notification.context, language=language),
        **_email_footer_context(
            user_id=notification.recipient_id, kinds=[notification.kind], language=language
        ),
        "recipient": notification.recipient,
    }
    with translation.override(language):
        subject = render_text(kind.template("subject.txt"), context)
        context["subject"] = " ".join(subject.split())
        text = render_text(kind.template("body.txt"), context)
        html = render_html(kind.template("body.html"), context)
    return RenderedEmail(
        subject=context["subject"],
        text=text,
        html=html,
        unsubscribe_url=context["unsubscribe_url"],
    )


# The newest items a digest shows under each group (its count tells how many there were).
DIGEST_GROUP_SHOWN = 3


def _digest_entry(notification: Notification, language: str) -> dict:
    return {
        "text": notification_render_short(notification=notification),
        "link": notification_link(
            url=notification.url, context=notification.context, language=language
        ),
        "excerpt": str(notification.context.get("digest_excerpt") or ""),
        "created_at": notification.created_at,
    }


def digest_sections(*, notifications: list[Notification], language: str) -> tuple[list, list]:
    """A digest's content in the active language: ``(groups, items)``.

    Notifications whose context names a ``digest_group`` (e.g. one forum topic) are gathered
    under its ``digest_group_title``; groups come first, the most active (most items) first,
    then the most recent; each holds its ``count`` and its newest items (newest first, at most
    ``DIGEST_GROUP_SHOWN``), each with its ``excerpt``. The others follow as ``items``, oldest
    first, as they happened."""
    groups: dict[str, dict] = {}
    items = []
    for notification in sorted(notifications, key=lambda n: (n.created_at, n.pk)):
        entry = _digest_entry(notification, language)
        key = notification.context.get("digest_group")
        if not key:
            items.append(entry)
            continue
        group = groups.setdefault(
            str(key),
            {"title": str(notification.context.get("digest_group_title") or ""), "entries": []},
        )
        group["entries"].append(entry)
    ordered = sorted(
        groups.values(),
        key=lambda group: (len(group["entries"]), group["entries"][-1]["created_at"]),
        reverse=True,
    )
    return [
        {
            "title": group["title"],
            "count": len(group["entries"]),
            "link": group["entries"][-1]["link"],
            "entries": list(reversed(group["entries"]))[:DIGEST_GROUP_SHOWN],
        }
        for group in ordered
    ], items


def digest_render_email(
    *, user, notifications: list[Notification], frequency: str, language: str
) -> RenderedEmail:
    """One summary email listing several notifications, in ``language``: grouped ones first,
    the most active group first (see ``digest_sections``), then the others."""
    kinds = sorted({notification.kind for notification in notifications})
    with translation.override(language):
        groups, items = digest_sections(notifications=notifications, language=language)
        context = {
            "recipient": user,
            "groups": groups,
            "items": items,
            "count": len(notifications),
            "frequency": frequency,
            "site_url": settings.SITE_URL,
            "site_name": SITE_NAME,
            **_email_footer_context(user_id=user.pk, kinds=kinds, language=language),
        }
        subject = render_text("notifications/digest/subject.txt", context)
        context["subject"] = " ".join(subject.split())
        text = render_text("notifications/digest/body.txt", context)
        html = render_html("notifications/digest/body.html", context)
    return RenderedEmail(
        subject=context["subject"],
        text=text,
        html=html,
        unsubscribe_url=context["unsubscribe_url"],
    )
