"""Replay example emails as replies by demo members: reply by email, end to end, on the console.

    manage.py forum_demo_mail [FOLDER] [--member EMAIL --topic SLUG [--number N]]

FOLDER (default ``network/community/demo_mail/``) holds ``.eml`` templates, replayed in name
order. In each, ``{{reply_address}}`` (in ``To:``) becomes a reply address freshly issued to the
member for the post they answer, exactly as a notification email would carry it;
``{{member_email}}`` becomes the member's address and ``{{message_id}}`` a new Message-ID (so a
replay is a new message). Who answers which post is said by the template's own headers,
``X-Demo-Member: <member's email>`` and ``X-Demo-Post: <topic slug>#<post number>`` (without a
number: the topic's last post), else by the options. Each message then goes through the forum's
inbound service like any received mail; the command prints what became of it, the post
written and the files attached to it (with the console email backend, the notifications it
sends are printed too).
"""

import email
import email.policy
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.community.models import InboundMail, Post, Topic
from network.community.services.inbound import mail_receive
from network.community.services.reply_keys import reply_address, reply_key_issue
from network.models import User

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "demo_mail"
DEMO_HEADERS = ("X-Demo-Member", "X-Demo-Post")


def _header(raw: bytes, name: str) -> str:
    headers = email.message_from_bytes(raw, policy=email.policy.default)
    return str(headers.get(name, "") or "").strip()


def _without_demo_headers(raw: bytes) -> bytes:
    head, separator, body = raw.partition(b"\n\n")
    if not separator:
        head, separator, body = raw.partition(b"\r\n\r\n")
    lines = head.splitlines(keepends=True)
    kept = [
        line
        for line in lines
        if not any(line.lower().startswith(f"{name.lower()}:".encode()) for name in DEMO_HEADERS)
    ]
    return b"".join(kept) + separator + body


def _post_of(spec: str) -> Post:
    slug, _sep, number = spec.partition("#")
    topic = Topic.objects.filter(slug=slug.strip()).order_by("pk").first()
    if topic is None:
        raise CommandError(f"No topic with the slug {slug!r}.")
    posts = Post.objects.filter(topic=topic, state=Post.State.PUBLISHED)
    post = (
        posts.filter(number=int(number)).first()
        if number.strip().isdigit()
        else posts.order_by("-number").first()
    )
    if post is None:
        raise CommandError(f"No published post {spec!r}.")
    return post


class Command(BaseCommand):
    help = "Replay the example emails as replies by demo members (reply by email, end to end)."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
        parser.add_argument("--member", help="Email of the member replying (default).")
        parser.add_argument("--topic", help="Slug of the topic replied to (default).")
        parser.add_argument("--number", type=int, help="Number of the post replied to.")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        templates = sorted(folder.glob("*.eml")) if folder.is_dir() else []
        if not templates:
            raise CommandError(f"No .eml templates in {folder}.")
        for path in templates:
            raw = path.read_bytes()
            member_email = _header(raw, "X-Demo-Member") or options["member"]
            spec = _header(raw, "X-Demo-Post") or (
                f"{options['topic']}#{options['number'] or ''}" if options["topic"] else ""
            )
            if not member_email or not spec:
                raise CommandError(
                    f"{path.name}: say who answers which post (X-Demo-Member and X-Demo-Post, "
                    "or --member and --topic)."
                )
            member = User.objects.filter(email__iexact=member_email).first()
            if member is None:
                raise CommandError(f"{path.name}: no member {member_email!r}.")
            post = _post_of(spec)
            address = reply_address(key=reply_key_issue(user=member, post=post))
            raw = (
                _without_demo_headers(raw)
                .replace(b"{{reply_address}}", address.encode())
                .replace(b"{{member_email}}", member.email.encode())
                .replace(b"{{message_id}}", f"<{uuid.uuid4().hex}@demo.invalid>".encode())
            )
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    f"{path.name}: {member.get_full_name()} <{member.email}> answers post "
                    f"#{post.number} of \u201c{post.topic.title}\u201d, writing to {address}"
                )
            )
            mail = mail_receive(raw=raw, source=InboundMail.Source.FILE)
            self.stdout.write(f"  outcome: {mail.outcome} ({mail.reason})")
            if mail.post is not None:
                written = mail.post
                self.stdout.write(
                    f"  post #{written.number} ({written.state}, {written.language}):"
                )
                for line in written.source.splitlines():
                    self.stdout.write(f"    | {line}")
                for attachment in written.attachments.order_by("pk"):
                    self.stdout.write(
                        f"  attached: {attachment.name} ({attachment.kind}, "
                        f"{attachment.size} bytes)"
                    )
