"""Automatic replies and bounces that reach the forum's reply addresses are told apart from the
members' answers (tests/community/mail_corpus/special/manifest.toml says what each is)."""

import email
import email.policy
import tomllib
from pathlib import Path

import pytest

from network.community.mail.classify import Bounce, auto_reply_reason, bounce_of

CORPUS = Path(__file__).parent / "mail_corpus"
SPECIAL = CORPUS / "special"
MANIFEST = tomllib.loads((SPECIAL / "manifest.toml").read_text(encoding="utf-8"))


def _parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def _message(headers: str, body: str = "Gracias.\n") -> email.message.EmailMessage:
    return _parsed(
        (
            "To: reply+Tq8v2LwZ3mX9rB@forum.convive.example\nMIME-Version: 1.0\n"
            + headers
            + "\nContent-Type: text/plain; charset=utf-8\n\n"
            + body
        ).encode("utf-8")
    )


def test_the_manifest_lists_every_special_message():
    assert sorted(MANIFEST) == sorted(path.name for path in SPECIAL.glob("*.eml"))
    kinds = [entry["kind"] for entry in MANIFEST.values()]
    assert kinds.count("auto_reply") >= 4
    assert kinds.count("bounce") == 3


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_special_messages_are_classified_as_the_manifest_says(name):
    entry = MANIFEST[name]
    message = _parsed((SPECIAL / name).read_bytes())

    if entry["kind"] == "bounce":
        assert bounce_of(message=message) == Bounce(
            address=entry["address"], hard=entry["hard"], status=entry["status"]
        )
    elif entry["kind"] == "auto_reply":
        assert bounce_of(message=message) is None
        assert str(auto_reply_reason(message=message))
    else:
        assert bounce_of(message=message) is None
        assert auto_reply_reason(message=message) is None


@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.eml")), ids=lambda path: path.stem
)  # fmt: skip
def test_members_replies_are_neither_automatic_nor_bounces(path):
    message = _parsed(path.read_bytes())

    assert auto_reply_reason(message=message) is None
    assert bounce_of(message=message) is None


@pytest.mark.parametrize(
    "subject",
    [
        "Out of Office: Re: [Convive] Move-on housing",
        "Automatic reply: [Convive] Move-on housing",
        "Auto-Reply: Re: [Convive] Move-on housing",
        "Fuera de la oficina: Re: [Convive] Empadronamiento",
        "Ausência temporária",
        "Fora do escritório: [Convive] Acolhimento",
        "Réponse automatique : [Convive] Premier accueil",
        "Message d\u2019absence",
    ],
)
def test_out_of_office_subjects_are_automatic(subject):
    message = _message(f"From: a@valdeluz.example\nSubject: {subject}")

    assert auto_reply_reason(message=message) is not None


@pytest.mark.parametrize(
    "headers",
    [
        "From: a@valdeluz.example\nSubject: Re: Horario fuera de la oficina\nAuto-Submitted: no",
        "From: a@valdeluz.example\nSubject: Re: [Convive] Empadronamiento\nPrecedence: list",
        "From: a@valdeluz.example\nSubject: Re: Out of office hours reception in Millbrook",
    ],
)
def test_a_person_writing_about_office_hours_is_not_automatic(headers):
    assert auto_reply_reason(message=_message(headers)) is None


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Auto-Submitted", "auto-replied; owner-email=a@valdeluz.example"),
        ("X-Autorespond", "yes"),
        ("Precedence", "bulk"),
        ("Precedence", "junk"),
        ("X-POST-MessageClass", "9; Autoresponder"),
    ],
)
def test_automatic_headers_are_recognised(header, value):
    message = _message(f"From: a@valdeluz.example\nSubject: Re: [Convive] x\n{header}: {value}")

    assert auto_reply_reason(message=message) is not None


def test_a_postmaster_writing_as_a_person_is_not_a_bounce():
    message = _message(
        "From: Postmaster <postmaster@valdeluz.example>\nSubject: Re: [Convive] Correo del foro",
        "Hemos añadido forum.convive.example a la lista de remitentes seguros.\n",
    )

    assert bounce_of(message=message) is None


def test_a_daemon_bounce_without_an_address_is_not_guessed():
    message = _message(
        "From: MAILER-DAEMON@mx.valdeluz.example\nSubject: Undelivered Mail Returned to Sender",
        "Your message could not be delivered.\n",
    )

    assert bounce_of(message=message) is None


def test_exim_names_the_failed_address_in_a_header():
    message = _message(
        "From: Mail Delivery System <Mailer-Daemon@mx.millbrook.example>\n"
        "Subject: Mail delivery failed: returning message to sender\n"
        "X-Failed-Recipients: old.officer@millbrook.example",
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a temporary error. The following address(es) deferred:\n\n"
        "  old.officer@millbrook.example\n    host mx.millbrook.example said: 452 mailbox full\n",
    )

    assert bounce_of(message=message) == Bounce(
        address="old.officer@millbrook.example", hard=False, status="4.0.0"
    )


def test_a_successful_delivery_report_is_not_a_bounce():
    raw = (
        "From: MAILER-DAEMON@mx.valdeluz.example\nTo: reply+x@forum.convive.example\n"
        "Subject: Successful Mail Delivery Report\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\nDelivered.\n\n"
        "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.valdeluz.example\n\n"
        "Final-Recipient: rfc822; lortega@valdeluz.example\nAction: delivered\nStatus: 2.0.0\n\n"
        "--b--\n"
    )

    assert bounce_of(message=_parsed(raw.encode())) is None
