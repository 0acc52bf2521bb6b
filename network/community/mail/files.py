"""The files a member attached to an email, told apart from the message's own text and from the
images that only decorate it.

``files_extract`` walks the parsed message (whichever way it arrived: a provider's webhook, the
IMAP mailbox or a file) and returns, in the message's order, every part that is a *file*:

- a part sent as an attachment (``Content-Disposition: attachment``), whatever its type;
- any other part that is not text (a PDF or a photo that Apple Mail sends "inline", a picture
  pasted in the body), and a text part that has a file name (``notes.txt``).

Not files, and never mentioned to the member:

- the message's text: its ``text/plain`` and ``text/html`` parts without a file name (and the
  pieces of text some clients put between attachments);
- the cryptographic signature of a signed message (S/MIME ``smime.p7s``, PGP): the mail
  program's, not the member's;
- *decoration*: an image shown in the message (not sent as an attachment; typically referred
  to from the HTML by ``cid:``) that is small, under ``DECORATION_MAX_BYTES`` (10 KB) or
  under ``DECORATION_MAX_SIDE`` (100 px) on its shorter side. Signature logos, social network
  icons and banners are such images; a photo or a screenshot the member pasted in the body is
  larger and is a file. An image sent as an attachment is the member's whatever its size.

A forwarded message (``message/rfc822``) is one file: the upload check refuses it. Whether a
file is accepted (its type read from its content, its size, the number per post) is not
decided here but by the same check as the website's (``services.attachments``).
"""

import email.message
import io
import os
import re
import warnings
from dataclasses import dataclass

from PIL import Image

from .body import body_parts

__all__ = ["DECORATION_MAX_BYTES", "DECORATION_MAX_SIDE", "MailFile", "files_extract"]

DECORATION_MAX_BYTES = 10 * 1024
DECORATION_MAX_SIDE = 100
NAME_MAX_LENGTH = 150

_SIGNATURES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
    "application/pgp-keys",
}
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class MailFile:
    """One file of an email: the name it was sent with ("" when it had none), the type its
    sender declared (only a hint: the upload check reads the content) and its bytes."""

    name: str
    content_type: str
    content: bytes


def files_extract(*, message: email.message.EmailMessage) -> list[MailFile]:
    """The files the member attached to ``message`` (parsed with ``policy=email.policy.default``),
    without its text and its decoration (see the module's docstring)."""
    bodies = {
        id(part)
        for preference in ("plain", "html")
        for part in body_parts(message=message, preference=preference)
    }
    files = []
    for part in _leaves(message):
        if id(part) in bodies or part.get_content_type() in _SIGNATURES:
            continue
        name = _name(part)
        attached = part.get_content_disposition() == "attachment"
        if part.get_content_maintype() == "text" and not (name or attached):
            continue
        content = _content(part)
        if not attached and _is_decoration(part, content):
            continue
        files.append(MailFile(name=name, content_type=part.get_content_type(), content=content))
    return files


def _leaves(part: email.message.EmailMessage):
    """The parts that hold content, in order; a forwarded message is one part."""
    if part.get_content_type() == "message/rfc822" or not part.is_multipart():
        yield part
        return
    for child in part.iter_parts():
        yield from _leaves(child)


def _name(part: email.message.EmailMessage) -> str:
    """The part's file name, as a bare name that can be shown (no folders, no control
    characters)."""
    try:
        name = part.get_filename() or ""
    except (TypeError, ValueError, LookupError):
        return ""
    name = _CONTROL_CHARACTERS.sub("", str(name)).replace("\\", "/")
    return os.path.basename(name).strip()[:NAME_MAX_LENGTH]


def _content(part: email.message.EmailMessage) -> bytes:
    """The part's bytes, decoded from its transfer encoding (empty when they cannot be read:
    the upload check then says the file is empty)."""
    try:
        if part.get_content_type() == "message/rfc822":
            return b"".join(child.as_bytes() for child in part.iter_parts())
        return part.get_payload(decode=True) or b""
    except (TypeError, ValueError, LookupError, UnicodeError):
        return b""


def _is_decoration(part: email.message.EmailMessage, content: bytes) -> bool:
    if part.get_content_maintype() != "image":
        return False
    if len(content) < DECORATION_MAX_BYTES:
        return True
    side = _shorter_side(content)
    return side is not None and side < DECORATION_MAX_SIDE


def _shorter_side(content: bytes) -> int | None:
    """The image's shorter side in pixels, read from its header only (None when it is not an
    image that can be read: the upload check then says why)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                return min(image.size)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
