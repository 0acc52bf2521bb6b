"""Email: the members' page on replying and starting topics by email, the providers' inbound
webhook, and the original of a held email for moderators."""

import logging

from anymail.webhooks.mailgun import MailgunInboundWebhookView
from anymail.webhooks.postmark import PostmarkInboundWebhookView
from anymail.webhooks.sendgrid import SendGridInboundWebhookView
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.csrf import csrf_exempt

from ..permissions import suspension_active
from ..selectors.inbound import (
    addresses_accepted,
    categories_email_startable,
    inbound_mail_for_moderator,
)
from ..services.inbound import category_address

logger = logging.getLogger(__name__)

# Each provider's inbound view and the anymail setting it cannot be safe without (Mailgun
# signs its posts; the others are protected only by the basic auth of WEBHOOK_SECRET).
PROVIDERS = {
    "mailgun": (MailgunInboundWebhookView, "MAILGUN_WEBHOOK_SIGNING_KEY"),
    "postmark": (PostmarkInboundWebhookView, "WEBHOOK_SECRET"),
    "sendgrid": (SendGridInboundWebhookView, "WEBHOOK_SECRET"),
}


@login_required
def how_to(request, **kwargs):
    categories = [
        {"category": category, "address": category_address(category=category)}
        for category in categories_email_startable(user=request.user)
    ]
    return render(
        request,
        "community/inbound/how_to.html",
        {
            "categories": categories,
            "addresses": addresses_accepted(user=request.user),
            "suspended": suspension_active(user=request.user) is not None,
            "reply_days": settings.FORUM_REPLY_KEY_DAYS,
            "files_per_post": settings.FORUM_ATTACHMENTS_PER_POST,
            "file_size": filesizeformat(settings.MAX_UPLOAD_SIZE),
        },
    )


@csrf_exempt
def webhook(request, provider: str):
    """The configured provider's inbound webhook (anymail checks its signature or basic auth,
    then sends its ``inbound`` signal: ``inbound_tasks.inbound_received``). Any other provider,
    does not exist here; the configured one without its secret refuses every post (it could
    not tell the provider's posts from anybody's). Mailgun posts the raw message to an address
    that contains "mime": ``mailgun_mime`` is Mailgun's too."""
    if provider == "mailgun_mime":
        provider = "mailgun"
    if provider not in PROVIDERS or provider != settings.FORUM_INBOUND_PROVIDER:
        raise Http404
    view_class, secret_setting = PROVIDERS[provider]
    if not settings.ANYMAIL.get(secret_setting):
        logger.error("The %s inbound webhook has no %s: refused.", provider, secret_setting)
        return HttpResponseForbidden(
            "This inbound webhook is not configured.", content_type="text/plain"
        )
    return view_class.as_view()(request)


@login_required
def original(request, mail_id: int):
    """The email a held post came from, as received, for the category's moderators."""
    mail = inbound_mail_for_moderator(user=request.user, mail_id=mail_id)
    if mail is None:
        raise Http404
    text = bytes(mail.raw).decode("utf-8", errors="replace")
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="mail-{mail.pk}.eml.txt"'
    response["Cache-Control"] = "private, no-store"
    return response
