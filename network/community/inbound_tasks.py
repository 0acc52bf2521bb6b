"""Inbound mail's Celery tasks and the webhook's receiver (imported by the app's ``ready``, so
that workers register the tasks and anymail's ``inbound`` signal reaches the receiver).

- ``inbound_process``: processes one stored message (``services.inbound.mail_process``); the
  webhook stores a message and answers at once, this task reads it after the commit.
- ``inbound_poll`` (beat, every minute): processes stored mail still waiting (a task message
  lost with a restarted broker) and, when ``FORUM_IMAP_HOST`` is set, reads the unseen
  messages of the IMAP mailbox.
- ``inbound_originals_purge`` (beat, daily): empties the originals older than
  ``FORUM_INBOUND_KEEP_DAYS`` (``services.inbound.mail_originals_purge``).
"""

import logging

from anymail.signals import inbound
from celery import shared_task
from django.conf import settings
from django.db import OperationalError, transaction
from django.dispatch import receiver

from .models import InboundMail
from .services import inbound as service

logger = logging.getLogger(__name__)


@shared_task(
    name="community.inbound_process",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def inbound_process(mail_id: int) -> str:
    """Process the stored message ``mail_id`` (idempotent: a processed one is left alone)."""
    return service.mail_process(mail_id=mail_id).outcome


@shared_task(
    name="community.inbound_originals_purge",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def inbound_originals_purge() -> int:
    """Empty the received emails' originals past their retention (idempotent)."""
    return service.mail_originals_purge()


@shared_task(name="community.inbound_poll")
def inbound_poll() -> int:
    """Process waiting mail, then read the IMAP mailbox when one is configured."""
    done = service.mails_pending_process()
    if settings.FORUM_IMAP_HOST:
        with mailbox_open() as mailbox:
            done += mailbox_read(mailbox=mailbox)
    return done


def mailbox_open():
    """A signed-in imap-tools mailbox on ``FORUM_IMAP_*`` (a context manager)."""
    from imap_tools import MailBox, MailBoxUnencrypted

    if settings.FORUM_IMAP_SSL:
        box = MailBox(settings.FORUM_IMAP_HOST, settings.FORUM_IMAP_PORT, timeout=60)
    else:
        box = MailBoxUnencrypted(settings.FORUM_IMAP_HOST, settings.FORUM_IMAP_PORT, timeout=60)
    return box.login(
        settings.FORUM_IMAP_USER,
        settings.FORUM_IMAP_PASSWORD,
        initial_folder=settings.FORUM_IMAP_FOLDER,
    )


def mailbox_read(*, mailbox, limit: int = 200) -> int:
    """Feed the unseen messages of ``mailbox`` to the service, one by one. Each is marked seen
    (or moved to ``FORUM_IMAP_PROCESSED_FOLDER``) only after the service committed it: a crash
    leaves it unseen, and reading it again is harmless (one record per Message-ID)."""
    from imap_tools import AND, MailMessageFlags

    count = 0
    for message in mailbox.fetch(AND(seen=False), mark_seen=False, bulk=False, limit=limit):
        raw = message.obj.as_bytes()
        try:
            mail = service.mail_receive(raw=raw, source=InboundMail.Source.IMAP)
        except Exception:
            # Left unseen for the next poll; the others are still read.
            logger.exception("Inbound mail (IMAP uid %s) could not be processed.", message.uid)
            continue
        if settings.FORUM_IMAP_PROCESSED_FOLDER:
            mailbox.move(message.uid, settings.FORUM_IMAP_PROCESSED_FOLDER)
        else:
            mailbox.flag(message.uid, MailMessageFlags.SEEN, True)
        logger.info("IMAP uid %s: %s", message.uid, mail.outcome)
        count += 1
    return count


@receiver(inbound, dispatch_uid="community.inbound_mail")
def inbound_received(sender, event, esp_name: str, **kwargs) -> None:
    """A provider posted a message: keep it and answer at once; a task processes it."""
    message = event.message
    raw = message.as_bytes()
    with transaction.atomic():
        mail, created = service.mail_store(
            raw=raw,
            source=InboundMail.Source.WEBHOOK,
            envelope_recipient=getattr(message, "envelope_recipient", None) or "",
        )
        if created:
            transaction.on_commit(lambda: inbound_process.delay(mail.pk), robust=True)
    logger.info("Inbound mail from %s stored (%s).", esp_name, mail.message_id)
