"""The member's text read out of email replies: every message of the corpus
(tests/community/mail_corpus/, one ``.eml`` and its ``.expected.txt``) gives exactly the text a
reader of the forum should see, and the doubtful ones go to moderation."""

import email
import email.policy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network.community.mail.trimming import Extracted, html_to_text, reply_extract

CORPUS = Path(__file__).parent / "mail_corpus"
MESSAGES = sorted(CORPUS.glob("*.eml"))

# The corpus messages a moderator must check: nothing but the quote, or an original the client
# did not quote with ">" and that has no address in its reply header.
UNSURE = {
    "12-gmail-web-es-quote-only",
    "43-iosmail-en-quote-only",
    "46-webmail-es-unquoted-original",
    "47-gmail-web-pt-html-quote-only",
}


def _parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def _reply(body: str, *, content_type: str = "text/plain; charset=utf-8") -> Extracted:
    raw = (
        "From: Lucía Ortega <lortega@valdeluz.example>\n"
        "To: reply+Tq8v2LwZ3mX9rB@forum.convive.example\n"
        "Subject: Re: [Convive] Empadronamiento\n"
        "MIME-Version: 1.0\n"
        f"Content-Type: {content_type}\n"
        "Content-Transfer-Encoding: 8bit\n\n" + body
    )
    return reply_extract(message=_parsed(raw.encode("utf-8")))


def test_the_corpus_covers_languages_clients_and_layouts():
    names = [path.stem for path in MESSAGES]
    assert len(names) >= 44
    for language in ("-es-", "-pt-", "-fr-", "-en-"):
        assert sum(language in name for name in names) >= 8, language
    for client in ("gmail-web", "gmail-android", "outlook-desktop", "outlook-web", "outlook-mobile",
                   "apple-mail", "iosmail", "thunderbird", "yahoo", "proton"):  # fmt: skip
        assert any(client in name for name in names), client
    for layout in ("-plain", "-html", "-alternative", "inline", "trap", "quote-only"):
        assert any(layout in name for name in names), layout
    assert all(path.with_suffix(".expected.txt").exists() for path in MESSAGES)


@pytest.mark.parametrize("path", MESSAGES, ids=[path.stem for path in MESSAGES])
def test_reply_gives_the_members_text_only(path):
    extracted = reply_extract(message=_parsed(path.read_bytes()))

    expected = path.with_suffix(".expected.txt").read_text(encoding="utf-8")
    assert _normalised(extracted.text) == _normalised(expected)
    assert extracted.unsure is (path.stem in UNSURE)
    assert str(extracted.reason)


def test_a_de_line_in_the_answer_stays_while_the_outlook_block_goes():
    extracted = _reply(
        "Horario del registro:\n\nDe: 9:00 a 14:00\nPara: personas con cita previa\n\n"
        "Un saludo\n\n"
        "De: Foro Convive <reply+Tq8v2LwZ3mX9rB@forum.convive.example>\n"
        "Enviado el: lunes, 3 de marzo de 2025 10:12\n"
        "Para: Lucía Ortega <lortega@valdeluz.example>\n"
        "Asunto: [Convive] Empadronamiento\n\n"
        "¿Cómo estáis empadronando?\n"
    )

    assert extracted.text == (
        "Horario del registro:\n\nDe: 9:00 a 14:00\nPara: personas con cita previa\n\nUn saludo"
    )
    assert not extracted.unsure


def test_a_sentence_ending_in_escribio_stays_when_no_quote_follows():
    extracted = _reply(
        "El alcalde nos escribió:\n\n- empadronar en el albergue;\n- pedir el informe social.\n\n"
        "El lun, 3 mar 2025 a las 10:12, Foro Convive escribió:\n\n> ¿Cómo estáis empadronando?\n"
    )

    assert extracted.text == (
        "El alcalde nos escribió:\n\n- empadronar en el albergue;\n- pedir el informe social."
    )
    assert not extracted.unsure


def test_a_line_before_a_wrapped_reply_header_stays():
    extracted = _reply(
        "El jueves tenemos reunión con la Delegación.\n"
        "El lun, 3 mar 2025 a las 10:12, Foro Convive (<\n"
        "reply+Tq8v2LwZ3mX9rB@forum.convive.example>) escribió:\n\n> ¿Cómo estáis empadronando?\n"
    )

    assert extracted.text == "El jueves tenemos reunión con la Delegación."


def test_an_inline_answer_keeps_only_the_last_lines_it_answers():
    extracted = _reply(
        "On Mon, 3 Mar 2025 at 10:12, Convive Forum <reply+x@forum.convive.example> wrote:\n"
        "> First paragraph of the post.\n>\n> Line one\n> Line two\n> Line three\n> Line four\n"
        ">> An older message quoted in the post.\n\nMy answer.\n\n> Thanks,\n> Sarah\n"
    )

    assert extracted.text == "> Line two\n> Line three\n> Line four\n\nMy answer."


def test_a_message_without_any_quote_is_posted_as_written():
    extracted = _reply("Hola a todos:\n\nEn Valdeluz usamos el albergue.\n\nLucía\n")

    assert extracted == Extracted(
        text="Hola a todos:\n\nEn Valdeluz usamos el albergue.\n\nLucía",
        unsure=False,
        reason=extracted.reason,
    )


def test_a_reply_header_nothing_could_be_cut_at_asks_for_a_moderator():
    body = "Lo que nos contestaron:\n\nJavier Ruiz escribió:\nQue llevemos la tarjeta roja.\n"

    extracted = _reply(body)

    assert extracted.text == body.strip()
    assert extracted.unsure


def test_an_empty_reply_asks_for_a_moderator():
    extracted = _reply("\n\nSent from my iPhone\n")

    assert extracted.text == ""
    assert extracted.unsure


def test_a_message_without_text_asks_for_a_moderator():
    raw = (
        b"From: a@valdeluz.example\nTo: reply+x@forum.convive.example\nSubject: Re: x\n"
        b"MIME-Version: 1.0\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        b"JVBERi0xLjQK\n"
    )

    extracted = reply_extract(message=_parsed(raw))

    assert extracted.text == ""
    assert extracted.unsure


def test_an_unknown_charset_is_read_as_utf8():
    extracted = _reply("Sí, lo hacemos así.\n", content_type="text/plain; charset=x-desconocido")

    assert extracted.text == "Sí, lo hacemos así."


def test_flowed_lines_are_joined_into_paragraphs():
    extracted = _reply(
        "Nosotros lo hacemos con la \ndirección del albergue.\n\n> Pregunta \n> larga.\n\nSí.\n",
        content_type="text/plain; charset=utf-8; format=flowed",
    )

    assert extracted.text == (
        "Nosotros lo hacemos con la dirección del albergue.\n\n> Pregunta larga.\n\nSí."
    )


def test_html_to_text_keeps_paragraphs_lists_links_and_quotes():
    html = (
        "<html><head><style>p {color: red}</style><title>x</title></head><body>"
        "<p>Hola&nbsp;a   todos,\n el horario:</p>"
        "<ol><li>lunes</li><li>martes<ul><li>por la tarde</li></ul></li></ol>"
        '<p>Ver <a href="https://convive.example/ficha/">la ficha</a> o '
        '<a href="https://convive.example/">https://convive.example/</a>.</p>'
        "<blockquote><p>Cita</p><blockquote>Anterior</blockquote></blockquote>"
        "<div>Lucía<br>Técnica de acogida</div><script>alert(1)</script><!-- nota --></body></html>"
    )

    assert html_to_text(html) == (
        "Hola a todos, el horario:\n\n"
        "1. lunes\n2. martes\n   - por la tarde\n\n"
        "Ver [la ficha](https://convive.example/ficha/) o https://convive.example/.\n\n"
        "> Cita\n>\n> > Anterior\n\n"
        "Lucía\nTécnica de acogida"
    )


def test_a_date_line_alone_does_not_ask_for_a_moderator():
    extracted = _reply("Reunión de la red:\n\nFecha: 12 de marzo\nLugar: Valdeluz\n")

    assert extracted.text == "Reunión de la red:\n\nFecha: 12 de marzo\nLugar: Valdeluz"
    assert not extracted.unsure


def test_deeply_nested_html_is_read_without_crashing():
    html = "<div>" * 3000 + "Hola<blockquote>" * 200 + "cita" + "</div>" * 3000

    extracted = _reply(html, content_type="text/html; charset=utf-8")

    assert extracted.text.startswith("Hola")


_MAIL_ALPHABET = st.sampled_from(
    ["\n", " ", ">", "> ", "-- ", "--", "De: ", "From: ", "Sent: ", "Para: ", "Asunto: ", "À : ",
     "El lun, 3 mar 2025, ", "Le 3 mars, ", "On Mon, ", " wrote:", " escribió:", " a écrit :",
     "a@b.example", "<", "Sent from my iPhone", "-----Original Message-----", "Hola", "ç", "é",
     "\u200f", "\x00", "________________________________", "1. ", "- "]
)  # fmt: skip


@settings(max_examples=150, deadline=None, derandomize=True)
@given(body=st.lists(_MAIL_ALPHABET, max_size=60).map("".join))
def test_any_plain_text_gives_a_part_of_itself(body):
    extracted = _reply(body)

    assert extracted.unsure or extracted.text.strip()
    assert "\x00" not in extracted.text
    for line in extracted.text.split("\n"):
        # Every line comes from the message, or is a quoted line it answers.
        assert line.strip().lstrip("> ").strip() in body.replace("\x00", "")


_HTML_PIECES = st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<br>", "<blockquote>", "</blockquote>", "<ul>", "<li>",
     "</ul>", "<ol start='x'>", '<div class="gmail_quote">', '<div id="divRplyFwdMsg">',
     '<div class="gmail_attr">', "<a href='https://x.example'>", "</a>", "<!--", "-->", "Hola",
     " wrote:", "&nbsp;", "<table><tr><td>", "<pre>", "</pre>", "<style>"]
)  # fmt: skip


@settings(max_examples=100, deadline=None, derandomize=True)
@given(html=st.lists(_HTML_PIECES, max_size=60).map("".join))
def test_any_html_is_read_without_crashing(html):
    extracted = _reply(html, content_type="text/html; charset=utf-8")

    assert extracted.unsure or extracted.text.strip()
    assert "\ue000" not in extracted.text


def test_french_headers_with_no_break_spaces_are_recognised():
    extracted = _reply(
        "Oui, chez nous aussi.\n\n"
        "De\u00a0: Forum Convive <reply+x@forum.convive.example>\n"
        "Envoyé\u00a0: lundi 3 mars 2025 10:12\n"
        "À\u00a0: Sylvie Moreau <s.moreau@saint-aubin.example>\n"
        "Objet\u00a0: [Convive] Premier accueil\n\nBonjour à tous,\n"
    )
    gmail = _reply(
        "Merci.\n\nLe lun. 3 mars 2025 à 10:12, Forum Convive <reply+x@forum.convive.example> a"
        "\nécrit\u202f:\n\n> Bonjour à tous,\n"
    )

    assert (extracted.text, gmail.text) == ("Oui, chez nous aussi.", "Merci.")
    assert not extracted.unsure and not gmail.unsure


def test_outlook_for_mac_header_block_with_a_date_line_is_cut():
    extracted = _reply(
        "We do the same.\n\nFrom: Convive Forum <reply+x@forum.convive.example>\n"
        "Date: Monday, 3 March 2025 at 10:12\nTo: Tom Hughes <tom@eastbridge.example>\n"
        "Subject: [Convive] Proof of address\n\nWhat letter do your teams give?\n"
    )

    assert extracted.text == "We do the same."


def test_new_outlook_reference_container_is_cut():
    html = (
        "<div>Same here.</div>"
        '<div id="mail-editor-reference-message-container"><div><b>From:</b> Convive Forum</div>'
        "<p>What letter do your teams give?</p></div>"
    )

    assert _reply(html, content_type="text/html; charset=utf-8").text == "Same here."


def test_outlooks_image_placeholders_leave_the_text_and_a_bracketed_word_stays():
    extracted = _reply(
        "La cola del lunes:\n\n[cid:image002.jpg@01DB4A2C.5E8F1C30]\n\n"
        "Lucía\n[cid:image001.png@01DB4A2C.5E8F1C30]\n\n[ver adjunto]\n"
    )
    assert extracted.text == "La cola del lunes:\n\nLucía\n\n[ver adjunto]"
    assert not extracted.unsure


# -- Apple Mail: text, a file, and more text ---------------------------------------------------

APPLE_TEXT_AROUND_A_FILE = b"""From: Ana Souza <ana@example.org>
To: reply@example.org
Subject: Re: Horarios
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))
Content-Type: multipart/mixed; boundary="Apple-Mail=_A1"

--Apple-Mail=_A1
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain; charset=utf-8

Adjunto el plan de acogida:

--Apple-Mail=_A1
Content-Disposition: inline; filename=plan.pdf
Content-Type: application/pdf; name="plan.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJSVFT0YK
--Apple-Mail=_A1
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain; charset=utf-8

Los horarios de atenci=C3=B3n cambian en enero.

> El 29 nov. 2026, a las 10:12, Convive <no-reply@example.org> escribi=C3=B3:
>=20
> =C2=BFQu=C3=A9 horarios tienen?

--Apple-Mail=_A1--
"""


def test_apple_mail_text_after_a_file_is_kept_and_is_not_a_file():
    from network.community.mail.files import files_extract

    message = _parsed(APPLE_TEXT_AROUND_A_FILE)
    extracted = reply_extract(message=message)
    assert extracted.text == (
        "Adjunto el plan de acogida:\n\nLos horarios de atención cambian en enero."
    )
    assert not extracted.unsure
    assert [file.name for file in files_extract(message=message)] == ["plan.pdf"]
