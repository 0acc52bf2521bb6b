"""Feed received email to the forum from files: one message (.eml), an mbox, or a maildir.

    manage.py forum_inbound_read reply.eml archive.mbox ~/Maildir

Each message goes through the same service as the webhook and the IMAP mailbox
(``services.inbound.mail_receive``); a line per message tells what became of it. A message
read before (same Message-ID) is not processed twice.
"""

import mailbox
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.community.models import InboundMail
from network.community.services.inbound import mail_receive


def messages_in(path: Path):
    """The raw messages at ``path``: a maildir (cur/new/tmp), an mbox ("From " lines) or one
    message."""
    if path.is_dir():
        if not all((path / name).is_dir() for name in ("cur", "new")):
            raise CommandError(f"{path} is a folder but not a maildir (no cur/ and new/).")
        box = mailbox.Maildir(str(path), factory=None, create=False)
        for key in sorted(box.keys()):
            yield f"{path.name}/{key}", box.get_bytes(key)
        return
    if not path.is_file():
        raise CommandError(f"{path} does not exist.")
    with path.open("rb") as file:
        is_mbox = file.read(5) == b"From "
    if is_mbox:
        box = mailbox.mbox(str(path), factory=None, create=False)
        for index, key in enumerate(box.keys(), start=1):
            yield f"{path.name}#{index}", box.get_bytes(key)
        return
    yield path.name, path.read_bytes()


class Command(BaseCommand):
    help = "Read email from .eml files, mboxes or maildirs into the forum (replies, new topics)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="A .eml file, an mbox or a maildir.")

    def handle(self, *args, **options):
        counts: dict[str, int] = {}
        for name in options["paths"]:
            for label, raw in messages_in(Path(name)):
                mail = mail_receive(raw=raw, source=InboundMail.Source.FILE)
                counts[mail.outcome] = counts.get(mail.outcome, 0) + 1
                post = f" -> post {mail.post_id}" if mail.post_id else ""
                reason = f" ({mail.reason})" if mail.reason else ""
                self.stdout.write(f"{label}: {mail.outcome}{reason}{post}")
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Read {sum(counts.values())} messages: {summary}"))
