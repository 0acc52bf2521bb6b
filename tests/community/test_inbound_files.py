"""Files attached to the emails members send become their post's attachments, through the
website's upload check; signature logos are left out; a refused file never stops the post, and
its sender is told in their language (services/inbound.py, mail/files.py)."""

import io
import json
from email.message import EmailMessage
from email.utils import make_msgid
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail as outbox
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from PIL import Image

from network.community import inbound_tasks
from network.community.mail.files import files_extract
from network.community.models import InboundMail, Post, PostAttachment, Topic
from network.community.services.inbound import category_address, mail_receive, message_parse
from network.community.services.moderation import post_approve
from network.community.services.reply_keys import reply_address, reply_key_issue
from tests.community import moderation_helpers
from tests.community.inbound_helpers import (
    MAILGUN,
    UNSURE_BODY,
    URL,
    FakeMailbox,
    mailgun_post,
    member,
    reply_body,
)
from tests.factories import ForumCategoryFactory, ForumTopicFactory, UserFactory

pytestmark = pytest.mark.django_db

Outcome = InboundMail.Outcome
FILE = InboundMail.Source.FILE
FIXTURES = Path(__file__).parent / "mail_files"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


@pytest.fixture
def topic():
    return ForumTopicFactory(category=ForumCategoryFactory(access="public"), title="Desks")


def _reply_to(topic, *, language: str = "en"):
    """A member and the reply address of the notification they received for the opening."""
    replier = member(preferred_language=language)
    opening = Post.objects.get(topic=topic, number=1)
    return replier, reply_address(key=reply_key_issue(user=replier, post=opening))


def _fixture(name: str, *, address: str, sender: str) -> bytes:
    raw = (FIXTURES / name).read_bytes()
    return raw.replace(b"{{reply_address}}", address.encode()).replace(
        b"{{member_email}}", sender.encode()
    )


def _receive(raw: bytes, capture) -> InboundMail:
    with capture(execute=True):
        return mail_receive(raw=raw, source=FILE)


def _topic_page(client, topic) -> str:
    url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _image(size: tuple[int, int], *, noisy: bool) -> bytes:
    image = Image.new("RGB", size, "white")
    if noisy:
        image = Image.effect_noise(size, 90).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _message(body: str = "See the files.", **headers) -> EmailMessage:
    message = EmailMessage()
    for name, value in {
        "From": "ana@example.org",
        "To": "reply+key@forum.example.org",
        "Subject": "Re: Desks",
        "Message-ID": make_msgid(domain="mail.example.org"),
        **headers,
    }.items():
        message[name] = value
    message.set_content(body)
    return message


# -- Which parts are files -------------------------------------------------------------------


def test_small_inline_images_are_decoration_and_pictures_are_files():
    message = _message()
    message.add_alternative('<p>See the files.</p><img src="cid:logo"><img src="cid:photo">')
    html = message.get_payload()[1]
    html.add_related(_image((32, 32), noisy=False), "image", "png", cid="<logo>")
    # Over 10 KB but a banner 60 pixels high: a signature's, not a picture.
    banner = _image((600, 60), noisy=True)
    assert len(banner) > 10 * 1024
    html.add_related(
        banner, "image", "png", cid="<banner>", disposition="inline", filename="banner.png"
    )
    photo = _image((300, 200), noisy=True)
    html.add_related(
        photo, "image", "png", cid="<photo>", disposition="inline", filename="pasted.png"
    )
    # Sent as an attachment, even a tiny image is the member's.
    message.add_attachment(_image((16, 16), noisy=False), "image", "png", filename="icon.png")
    message.add_attachment(b"notes", "text", "plain", filename="notes.txt")
    signature = b"0\x82signature"
    message.add_attachment(signature, "application", "pkcs7-signature", filename="smime.p7s")
    files = files_extract(message=message_parse(message.as_bytes()))
    assert [(file.name, file.content_type) for file in files] == [
        ("pasted.png", "image/png"),
        ("icon.png", "image/png"),
        ("notes.txt", "text/plain"),
    ]
    assert files[0].content == photo


def test_a_file_name_loses_its_folders_and_control_characters():
    message = _message()
    message.add_attachment(PDF, "application", "pdf", filename="C:\\Users\\ana\\plan\x07.pdf")
    [file] = files_extract(message=message_parse(message.as_bytes()))
    assert file.name == "plan.pdf"


# -- The four clients ------------------------------------------------------------------------


def test_a_gmail_reply_with_a_pdf_lists_it_on_the_topic_page(
    client, topic, django_capture_on_commit_callbacks
):
    replier, address = _reply_to(topic, language="es")
    raw = _fixture("gmail-pdf-es.eml", address=address, sender=replier.email)
    received = _receive(raw, django_capture_on_commit_callbacks)
    assert received.outcome == Outcome.POSTED
    post = received.post
    assert post.source.startswith("Les comparto el protocolo")
    [attachment] = post.attachments.all()
    assert (attachment.name, attachment.kind) == ("protocolo-acogida-Cúcuta.pdf", "document")
    page = _topic_page(client, topic)
    assert "protocolo-acogida-Cúcuta.pdf" in page
    served = client.get(reverse("community:attachment", args=[attachment.pk, attachment.name]))
    assert b"".join(served.streaming_content).startswith(b"%PDF-1.4")
    assert outbox.outbox == []  # nothing refused, nothing to tell


def test_an_outlook_reply_keeps_the_photo_without_its_location_and_leaves_the_logo(
    client, topic, django_capture_on_commit_callbacks
):
    replier, address = _reply_to(topic, language="pt")
    raw = _fixture("outlook-logo-photo-pt.eml", address=address, sender=replier.email)
    post = _receive(raw, django_capture_on_commit_callbacks).post
    assert post.state == Post.State.PUBLISHED
    assert "[cid:" not in post.source
    assert post.source.startswith("Esta é a fila da nossa mesa de documentação")
    [photo] = post.attachments.all()
    assert (photo.name, photo.kind) == ("image002.jpg", "image")
    assert (photo.width, photo.height) == (320, 240)
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
    page = _topic_page(client, topic)
    assert "image002.jpg" in page and "image001.png" not in page
    assert outbox.outbox == []  # the logo is left out without a word


@override_settings(MAX_UPLOAD_SIZE=10_000)
def test_an_apple_mail_reply_with_an_oversized_file_is_posted_and_the_member_told_in_french(
    client, topic, django_capture_on_commit_callbacks
):
    replier, address = _reply_to(topic, language="fr")
    raw = _fixture("apple-oversized-fr.eml", address=address, sender=replier.email)
    received = _receive(raw, django_capture_on_commit_callbacks)
    assert received.outcome == Outcome.POSTED
    assert [file.name for file in received.post.attachments.all()] == ["horaires.pdf"]
    page = _topic_page(client, topic)
    assert "horaires.pdf" in page and "plan-accueil-2027.pdf" not in page
    [sent] = outbox.outbox
    assert sent.to == [replier.email]
    assert sent.extra_headers["Content-Language"] == "fr"
    assert "Bonjour " in sent.body
    assert "- plan-accueil-2027.pdf: Ce fichier fait 14,3" in sent.body
    assert "les fichiers ne peuvent pas dépasser 9,8" in sent.body
    assert "horaires.pdf" not in sent.body
    assert f"/fr/community/t/{topic.pk}/" in sent.body
    assert "plan-accueil-2027.pdf" in sent.alternatives[0][0]


EXE_REFUSALS = {
    "es": ("Estimado/a", "Este archivo no es un PDF, una imagen (JPEG, PNG, WebP)"),
    "pt": ("Prezado(a)", "Este arquivo não é um PDF, uma imagem (JPEG, PNG, WebP)"),
    "fr": ("Bonjour", "Ce fichier n'est pas un PDF, une image (JPEG, PNG, WebP)"),
}


@pytest.mark.parametrize("language", sorted(EXE_REFUSALS))
def test_a_program_renamed_pdf_is_refused_the_text_posted_and_the_member_told(
    topic, language, django_capture_on_commit_callbacks
):
    replier, address = _reply_to(topic, language=language)
    raw = _fixture("thunderbird-exe-as-pdf.eml", address=address, sender=replier.email)
    received = _receive(raw, django_capture_on_commit_callbacks)
    assert received.outcome == Outcome.POSTED
    assert received.post.source == "The invoice for the interpreters is attached."
    assert not PostAttachment.objects.exists()
    [sent] = outbox.outbox
    greeting, reason = EXE_REFUSALS[language]
    assert sent.extra_headers["Content-Language"] == language
    assert sent.body.startswith(greeting)
    assert f"- fatura.pdf: {reason}" in sent.body
    assert "Re: Documentation desks" in sent.body


# -- Limits, held replies, refusals, new topics -----------------------------------------------


@override_settings(FORUM_ATTACHMENTS_PER_POST=2)
def test_files_past_the_limit_per_post_are_refused_and_named(
    topic, django_capture_on_commit_callbacks
):
    replier, address = _reply_to(topic, language="es")
    message = _message(reply_body("Tres documentos."), From=replier.email, To=address)
    for name in ("uno.pdf", "dos.pdf", "tres.pdf"):
        message.add_attachment(PDF, "application", "pdf", filename=name)
    post = _receive(message.as_bytes(), django_capture_on_commit_callbacks).post
    assert [file.name for file in post.attachments.all()] == ["uno.pdf", "dos.pdf"]
    [sent] = outbox.outbox
    with translation.override("es"):
        reason = ngettext(
            "A post may have at most %(limit)s file attached.",
            "A post may have at most %(limit)s files attached.",
            2,
        ) % {"limit": 2}
    assert f"- tres.pdf: {reason}" in sent.body
    assert "uno.pdf" not in sent.body


def test_a_held_reply_keeps_its_files_unseen_until_a_moderator_approves_it(
    client, topic, django_capture_on_commit_callbacks
):
    replier, address = _reply_to(topic)
    message = _message(UNSURE_BODY, From=replier.email, To=address)
    message.add_attachment(PDF, "application", "pdf", filename="acta.pdf")
    received = _receive(message.as_bytes(), django_capture_on_commit_callbacks)
    assert received.outcome == Outcome.HELD
    [attachment] = received.post.attachments.all()
    file_url = reverse("community:attachment", args=[attachment.pk, attachment.name])

    client.force_login(UserFactory())
    assert "acta.pdf" not in _topic_page(client, topic)
    assert client.get(file_url).status_code == 404
    client.force_login(replier)
    assert "acta.pdf" in _topic_page(client, topic)

    moderator = moderation_helpers.moderator_make()
    client.force_login(moderator)
    queue = client.get(reverse("community:moderation_queue")).content.decode()
    assert "acta.pdf" in queue
    post_approve(moderator=moderator, post=received.post)
    client.logout()
    assert "acta.pdf" in _topic_page(client, topic)
    assert client.get(file_url).status_code == 200


def test_a_refused_reply_keeps_none_of_its_files(topic, django_capture_on_commit_callbacks):
    replier, address = _reply_to(topic)
    Topic.objects.filter(pk=topic.pk).update(is_closed=True)
    message = _message(reply_body("Too late?"), From=replier.email, To=address)
    message.add_attachment(PDF, "application", "pdf", filename="acta.pdf")
    message.add_attachment(b"MZ\x90\x00", "application", "pdf", filename="virus.pdf")
    received = _receive(message.as_bytes(), django_capture_on_commit_callbacks)
    assert received.outcome == Outcome.REJECTED
    assert not PostAttachment.objects.exists()
    [sent] = outbox.outbox  # why the reply was refused; its files are not the point
    assert sent.subject == "Your email was not posted in the forum"
    assert "virus.pdf" not in sent.body


def test_a_topic_started_by_email_has_its_files(client, django_capture_on_commit_callbacks):
    category = ForumCategoryFactory(access="public", accepts_email_topics=True)
    author = member()
    message = _message(
        "Our reception checklist, attached.",
        From=author.email,
        To=category_address(category=category),
        Subject="Reception checklist for the winter",
    )
    message.add_attachment(PDF, "application", "pdf", filename="checklist.pdf")
    post = _receive(message.as_bytes(), django_capture_on_commit_callbacks).post
    assert post.is_opening and post.topic.title == "Reception checklist for the winter"
    assert "checklist.pdf" in _topic_page(client, post.topic)


# -- The three ways mail arrives --------------------------------------------------------------


@override_settings(FORUM_INBOUND_PROVIDER="mailgun", ANYMAIL=MAILGUN)
def test_a_providers_parsed_post_brings_its_attachments(
    client, topic, django_capture_on_commit_callbacks
):
    """Mailgun's "fully parsed" form: the files come as uploads, anymail builds the message."""
    replier, address = _reply_to(topic)
    data = mailgun_post(b"", address)
    del data["body-mime"]
    data.update(
        {
            "message-headers": json.dumps(
                [
                    ["From", replier.email],
                    ["To", address],
                    ["Subject", "Re: Desks"],
                    ["Message-Id", make_msgid(domain="mail.example.org")],
                ]
            ),
            "body-plain": reply_body("The form we use."),
            "attachment-count": "1",
            "attachment-1": SimpleUploadedFile("form.pdf", PDF, "application/pdf"),
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, data).status_code == 200
    received = InboundMail.objects.get()
    assert (received.source, received.outcome) == (InboundMail.Source.WEBHOOK, Outcome.POSTED)
    assert [file.name for file in received.post.attachments.all()] == ["form.pdf"]


@override_settings(FORUM_IMAP_HOST="imap.example.org", FORUM_IMAP_PROCESSED_FOLDER="")
def test_the_imap_mailbox_brings_attachments(monkeypatch, topic):
    replier, address = _reply_to(topic)
    box = FakeMailbox([_fixture("gmail-pdf-es.eml", address=address, sender=replier.email)])
    monkeypatch.setattr(inbound_tasks, "mailbox_open", lambda: box)
    assert inbound_tasks.inbound_poll() == 1
    post = InboundMail.objects.get(source=InboundMail.Source.IMAP).post
    assert [file.name for file in post.attachments.all()] == ["protocolo-acogida-Cúcuta.pdf"]


def test_the_read_command_brings_attachments(tmp_path, topic):
    replier, address = _reply_to(topic)
    path = tmp_path / "outlook.eml"
    path.write_bytes(_fixture("outlook-logo-photo-pt.eml", address=address, sender=replier.email))
    call_command("forum_inbound_read", str(path), stdout=StringIO())
    post = InboundMail.objects.get(source=FILE).post
    assert [file.name for file in post.attachments.all()] == ["image002.jpg"]
