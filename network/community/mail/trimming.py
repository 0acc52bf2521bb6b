"""A member's new text in an email reply: the quoted message, reply headers and signatures cut.

``reply_extract`` reads the ``text/plain`` part (or, when there is none or it is empty, the
``text/html`` part converted by ``html_to_text``; both as ``body.body_parts`` finds them, so
the text Apple Mail sends after a file is kept) and trims, in this order:

1. Everything from the first *hard cut*: an "-----Original Message-----" line (and its es, pt,
   fr forms), a forwarded-message marker, an Outlook header block ("From: / Sent: / To: /
   Subject:" in four languages: a "From:" line counts only when two of the date, recipient and
   subject keys follow it, so a "De: 9 h a 14 h" line in an answer stays), the "-- " signature
   separator.
2. Reply headers ("On ... wrote:", "El ... escribió:", "Em ... escreveu:", "Le ... a écrit :",
   wrapped over up to three lines). They count only before quoted lines, at the end, or when they
   hold an address, so "El alcalde nos escribió:" in an answer stays. A reply header followed by
   unquoted text (clients that do not quote with ">") cuts everything after it.
3. Device signatures ("Sent from my iPhone", "Get Outlook for Android", ...).
4. Quoted (">") lines. A quoted block with the member's text after it is an inline answer: its
   last quoted paragraph (at most three lines, top level only) stays as a Markdown quote before
   the answer, so the answer keeps its question. Quoted blocks with nothing after them go.

Outlook's placeholders for the images shown in the message ("[cid:image001.png@01DB...]" alone on
a line) are left out: the images themselves are the post's attachments, or a signature's
decoration (``files``).

Free-form signatures without "-- " ("Un saludo, Luis / Técnica de acogida") are the member's own
text and stay. In HTML, the clients' quote containers are cut first (Outlook's divRplyFwdMsg,
appendonsend and border-top header divs, Yahoo's yahoo_quoted, Thunderbird's forward container)
and their signature blocks dropped; blockquotes (Gmail's gmail_quote, Apple Mail's type=cite,
Thunderbird's) become ">" lines and their reply headers (gmail_attr, moz-cite-prefix) a marker,
then the same rules apply.

``unsure`` asks for a moderator: nothing was trimmed though the text still looks like a reply
(a reply verb, a separator, a header block), or nothing is left.
"""

import email.message
import re
import textwrap
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .body import body_parts

__all__ = ["Extracted", "html_to_text", "reply_extract"]


@dataclass(frozen=True)
class Extracted:
    """The member's new text, whether a moderator should check it, and why (for logs)."""

    text: str
    unsure: bool
    reason: str | Promise


REASON_TRIMMED = _("Quoted text, reply headers or signatures were removed.")
REASON_NOTHING_TO_TRIM = _("The message holds no quoted text.")
REASON_MARKER_KEPT = _(
    "The message looks like a reply, but no quoted text could be told apart from the answer."
)
REASON_EMPTY = _("Nothing is left once the quoted text is removed.")
REASON_NO_TEXT = _("The message has no text part to read.")

# A reply header's own marker in text rendered from HTML (gmail_attr, moz-cite-prefix).
_ATTRIBUTION_MARK = "\ue000"

_VERB = r"(?:wrote|escribi[óo]|escreveu|a\s+[ée]crit|schrieb)"
_ATTRIBUTION = re.compile(rf"^(?:on|el|em|le|am)\s.*\b{_VERB}\s*:$", re.IGNORECASE)
_ATTRIBUTION_START = re.compile(r"^(?:on|el|em|le|am)\s", re.IGNORECASE)
# "María Fernández <mf@example.es> escribió:" (no leading "On"): only with an address in it.
_ATTRIBUTION_BARE = re.compile(rf"^.{{0,200}}@.{{0,100}}\b{_VERB}\s*:$", re.IGNORECASE)

_ORIGINAL_MESSAGE = re.compile(
    r"^[-_=\s]{2,}(?:original\s+message|mensaje\s+original|mensagem\s+original"
    r"|message\s+d['\u2019]origine)\s*[-_=]{2,}$",
    re.IGNORECASE,
)
_FORWARDED = re.compile(
    r"^(?:[-_=\s]{2,}(?:forwarded\s+message|mensaje\s+reenviado|mensagem\s+encaminhada"
    r"|mensagem\s+reencaminhada|message\s+transf[ée]r[ée]|message\s+r[ée]exp[ée]di[ée])"
    r"\s*[-_=]{2,}"
    r"|(?:begin\s+forwarded\s+message|inicio\s+del\s+mensaje\s+reenviado"
    r"|in[íi]cio\s+da\s+mensagem\s+(?:re)?encaminhada"
    r"|d[ée]but\s+du\s+message\s+(?:r[ée]exp[ée]di[ée]|transf[ée]r[ée]))\s*:)$",
    re.IGNORECASE,
)
_SIGNATURE_SEPARATOR = re.compile(r"^-- ?$")
# Where Outlook's plain text shows an image of the HTML part.
_IMAGE_PLACEHOLDER = re.compile(r"^\[cid:[^\]\s]+\]$", re.IGNORECASE)

_HEADER_KEYS = {
    "from": r"from|de|von",
    "date": r"sent|date|enviado(?:\s+el)?|enviada\s+em|fecha|data|envoy[ée](?:\s+le)?|gesendet",
    "to": r"to|para|[àa]|an",
    "cc": r"cc|cco|bcc",
    "subject": r"subject|asunto|assunto|objet|betreff",
}
_HEADER_LINE = {
    key: re.compile(rf"^\*?(?:{keys})\*?\s*:\s*\*?\s*\S", re.IGNORECASE)
    for key, keys in _HEADER_KEYS.items()
}
# Outlook on the web and mobile clients sometimes put the whole block on one line.
_HEADER_ONE_LINE = re.compile(
    rf"^\*?(?:{_HEADER_KEYS['from']})\*?\s*:.+\s\*?(?:{_HEADER_KEYS['date']})\*?\s*:"
    rf".+\s\*?(?:{_HEADER_KEYS['to']}|{_HEADER_KEYS['subject']})\*?\s*:",
    re.IGNORECASE,
)

_DEVICE = (
    r"iphone|ipad|android|samsung|galaxy|huawei|xiaomi|blackberry|m[óo]vil|celular|telem[óo]vel"
    r"|smartphone|tablet|tableta|mobile|outlook|yahoo|gmail|proton\s*mail|mail\s+(?:for|para|pour)"
)
_DEVICE_SIGNATURE = re.compile(
    r"^(?:(?:sent|enviado|enviada|envoy[ée])\s+(?:from|desde|do|de|da|depuis|par|"
    r"[àa]\s+partir\s+d['\u2019e]?)\s+.{0,30}?\b(?:" + _DEVICE + r")\b.{0,30}"
    r"|(?:get|obtener|obt[ée]n|obter|obtenha|baixe|obtenir|t[ée]l[ée]charger|download)\s+(?:o\s+|l['\u2019])?"
    r"outlook\s+(?:for|para|pour)\s+(?:android|ios))"
    r"\s*(?:<[^>\s]*>|\[[^\]\s]*\]|\([^)\s]*\))?$",
    re.IGNORECASE,
)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEPARATOR_LINE = re.compile(r"^[_\-=*~]{3,}$")
_QUOTE_PREFIX = re.compile(r"^\s*((?:>[ \t]?)+)")

# Signs of a reply left in text that nothing was trimmed from.
_REPLY_MARKERS = re.compile(
    rf"\b{_VERB}\s*:|^\s*>"
    rf"|^\*?(?:{_HEADER_KEYS['from']})\*?\s*:.*\n\*?(?:{_HEADER_KEYS['date']}"
    rf"|{_HEADER_KEYS['to']}|{_HEADER_KEYS['subject']})\*?\s*:"
    r"|original\s+message|mensaje\s+original|mensagem\s+original|message\s+d['\u2019]origine",
    re.IGNORECASE | re.MULTILINE,
)


def reply_extract(*, message: email.message.EmailMessage) -> Extracted:
    """The member's new text in ``message``, trimmed of what their mail client quoted.

    ``message`` is parsed with ``policy=email.policy.default``. The text is Markdown source:
    paragraphs and lists as the member typed them, answers given inline after the quoted line
    they answer (as a "> " quote).
    """
    plain_text = "\n\n".join(
        _flowed_joined(part=part, text=_part_text(part)).strip("\n")
        for part in body_parts(message=message, preference="plain")
    )
    if plain_text.strip():
        text, trimmed = _trim_text(plain_text)
    else:
        html = body_parts(message=message, preference="html")
        if not html:
            return Extracted(text="", unsure=True, reason=REASON_NO_TEXT)
        soup = BeautifulSoup("".join(_part_text(part) for part in html), "html.parser")
        html_trimmed = _trim_html(soup)
        plain_text = _Renderer().render(soup)
        text, trimmed = _trim_text(plain_text)
        trimmed = trimmed or html_trimmed
    if not text.strip():
        return Extracted(text="", unsure=True, reason=REASON_EMPTY)
    if trimmed:
        return Extracted(text=text, unsure=False, reason=REASON_TRIMMED)
    if _REPLY_MARKERS.search(plain_text):
        return Extracted(text=text, unsure=True, reason=REASON_MARKER_KEPT)
    return Extracted(text=text, unsure=False, reason=REASON_NOTHING_TO_TRIM)


def html_to_text(html: str) -> str:
    """Plain text, as Markdown source, of an HTML email body.

    Paragraphs are separated by a blank line (Outlook's ``MsoNormal`` paragraphs are lines),
    ``<div>`` and ``<br>`` break lines, lists become "- " or "1. " items, blockquotes "> "
    lines, links "[text](address)" when the text is not the address itself. Styles, scripts,
    images and comments are left out.
    """
    return _Renderer().render(BeautifulSoup(_CONTROL_CHARACTERS.sub("", html), "html.parser"))


def _part_text(part: email.message.EmailMessage) -> str:
    try:
        text = part.get_content()
    except (LookupError, ValueError):
        # An unknown or misspelt charset: the bytes, read as UTF-8 as most clients send.
        text = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters (NUL above all, which PostgreSQL text refuses) are no one's words.
    return _CONTROL_CHARACTERS.sub("", text)


def _flowed_joined(*, part: email.message.EmailMessage, text: str) -> str:
    """The paragraphs of a ``format=flowed`` part (RFC 3676) joined back into single lines."""
    if (part.get_param("format") or "").lower() != "flowed":
        return text
    delete_space = (part.get_param("delsp") or "").lower() == "yes"
    lines: list[tuple[int, str, bool]] = []
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]
        flowed = content.endswith(" ") and content != "-- "
        if flowed and delete_space:
            content = content[:-1]
        if lines and lines[-1][2] and lines[-1][0] == depth:
            lines[-1] = (depth, lines[-1][1] + content, flowed)
        else:
            lines.append((depth, content, flowed))
    return "\n".join(
        f"{'>' * depth} {content}" if depth else content for depth, content, _flowed in lines
    )


def _quote_depth(line: str) -> int:
    match = _QUOTE_PREFIX.match(line)
    return match.group(1).count(">") if match else 0


def _unquoted(line: str) -> str:
    match = _QUOTE_PREFIX.match(line)
    return line[match.end() :] if match else line


def _next_text_line(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def _is_header_block(lines: list[str], start: int) -> bool:
    line = lines[start].strip()
    if _HEADER_ONE_LINE.match(line):
        return True
    if not _HEADER_LINE["from"].match(line):
        return False
    keys: set[str] = set()
    for following in lines[start + 1 : start + 9]:
        following = following.strip()
        if not following:
            break
        for key in ("date", "to", "cc", "subject"):
            if _HEADER_LINE[key].match(following):
                keys.add(key)
                break
    return len(keys & {"date", "to", "subject"}) >= 2


def _is_hard_cut(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    return bool(
        _SIGNATURE_SEPARATOR.match(lines[index])
        or _ORIGINAL_MESSAGE.match(line)
        or _FORWARDED.match(line)
        or _is_header_block(lines, index)
    )


def _attribution_length(lines: list[str], start: int) -> int:
    """How many lines, from ``start``, make up a reply header ("On ... wrote:"), or 0."""
    if lines[start].strip() == _ATTRIBUTION_MARK:
        return 1
    for length in (1, 2, 3):
        span = lines[start : start + length]
        if len(span) < length or any(_quote_depth(line) or not line.strip() for line in span):
            return 0
        if any(_ATTRIBUTION_START.match(line.strip()) for line in span[1:]):
            # The header starts on a later line: this one is the member's.
            return 0
        joined = " ".join(line.strip() for line in span)
        if len(joined) > 400:
            return 0
        strict = _ATTRIBUTION.match(joined)
        if not strict and not _ATTRIBUTION_BARE.match(joined):
            continue
        following = _next_text_line(lines, start + length)
        if (
            "@" in joined
            or following is None
            or _quote_depth(lines[following])
            or lines[following].strip() == _ATTRIBUTION_MARK
        ):
            return length
    return 0


def _quote_context(block: list[str]) -> list[str]:
    """The last top-level paragraph before any signature of a quoted block (at most three
    lines), as "> " lines."""
    paragraphs: list[list[str]] = [[]]
    for line in block:
        if _quote_depth(line) > 1:
            continue
        content = _unquoted(line).rstrip()
        if _SIGNATURE_SEPARATOR.match(content):
            break  # the quoted message's signature (or the forum's footer)
        if content:
            paragraphs[-1].append(content)
        elif paragraphs[-1]:
            paragraphs.append([])
    last = next((paragraph for paragraph in reversed(paragraphs) if paragraph), [])
    if last and _attribution_length(last, 0) == len(last):
        return []
    return [f"> {content}" for content in last[-3:]]


def _trim_text(text: str) -> tuple[str, bool]:
    lines = [
        line.rstrip() for line in text.split("\n") if not _IMAGE_PLACEHOLDER.match(line.strip())
    ]
    trimmed = False

    for index in range(len(lines)):
        if not _quote_depth(lines[index]) and _is_hard_cut(lines, index):
            lines = lines[:index]
            trimmed = True
            break

    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not _quote_depth(line):
            length = _attribution_length(lines, index)
            if length:
                trimmed = True
                following = _next_text_line(lines, index + length)
                if following is None or not _quote_depth(lines[following]):
                    break
                index += length
                continue
            if _DEVICE_SIGNATURE.match(line.strip()):
                trimmed = True
                index += 1
                continue
        kept.append(line)
        index += 1

    result: list[str] = []
    index = 0
    while index < len(kept):
        if not _quote_depth(kept[index]):
            result.append(kept[index])
            index += 1
            continue
        end = index
        while end < len(kept) and (_quote_depth(kept[end]) or not kept[end].strip()):
            end += 1
        trimmed = True
        if _next_text_line(kept, end) is not None:
            context = _quote_context(kept[index:end])
            if context:
                if result and result[-1].strip():
                    result.append("")
                result.extend([*context, ""])
        index = end

    while result and (not result[-1].strip() or _SEPARATOR_LINE.match(result[-1].strip())):
        result.pop()
    # Some clients (Yahoo) indent the whole plain part; four spaces would make Markdown code.
    text = textwrap.dedent(_collapse_blank_lines(result))
    # A reply header's marker where no header was expected (inside a list item): only the mark.
    return text.replace(_ATTRIBUTION_MARK, "").strip("\n"), trimmed


def _collapse_blank_lines(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# HTML

_CUT_FROM_ID = re.compile(
    r"^(?:x_)*(?:divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)$"
)
_CUT_FROM_CLASSES = {"yahoo_quoted", "moz-forward-container", "OutlookMessageHeader"}
_ATTRIBUTION_CLASSES = {"gmail_attr", "moz-cite-prefix"}
_SIGNATURE_CLASSES = {"gmail_signature", "moz-signature", "protonmail_signature_block"}
_SIGNATURE_ID = re.compile(r"^(?:x_)*(?:ms-outlook-mobile-signature|Signature)$")
_HEADER_START = re.compile(rf"^\s*(?:{_HEADER_KEYS['from']})\s*:", re.IGNORECASE)


def _classes(tag: Tag) -> set[str]:
    return set(tag.get("class") or [])


def _is_outlook_header_div(tag: Tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "border-top:solid" in style and bool(_HEADER_START.match(tag.get_text(" ")))


def _cut_from(tag: Tag) -> None:
    """Remove ``tag`` and everything after it in the document."""
    node: Tag | None = tag
    while node is not None and node.parent is not None:
        for sibling in list(node.next_siblings):
            sibling.extract()
        node = node.parent
    tag.extract()


def _trim_html(soup: BeautifulSoup) -> bool:
    """Cut the clients' quote containers and signatures; mark reply headers. True if any."""
    first_cut = next(
        (
            tag
            for tag in soup.find_all(True)
            if _CUT_FROM_ID.match(tag.get("id") or "")
            or _classes(tag) & _CUT_FROM_CLASSES
            or (tag.name == "div" and _is_outlook_header_div(tag))
        ),
        None,
    )
    trimmed = first_cut is not None
    if first_cut is not None:
        _cut_from(first_cut)
    for tag in soup.find_all(True):
        if (
            _classes(tag) & _SIGNATURE_CLASSES
            or tag.get("data-smartmail") == "gmail_signature"
            or _SIGNATURE_ID.match(tag.get("id") or "")
        ):
            tag.extract()
            trimmed = True
        elif _classes(tag) & _ATTRIBUTION_CLASSES:
            marker = soup.new_tag("div")
            marker.string = _ATTRIBUTION_MARK
            tag.replace_with(marker)
            trimmed = True
    return trimmed


_SKIPPED = {"head", "style", "script", "title", "meta", "link", "img", "object", "template"}
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "hr", "dl"}
_BLOCKS = {
    "address", "article", "aside", "center", "dd", "div", "dt", "fieldset", "figure",
    "footer", "form", "header", "main", "nav", "section", "tr", "caption",
}  # fmt: skip


class _Renderer:
    """Renders parsed HTML as plain text; one instance per rendering."""

    # Deeper elements (hostile or broken mail) are read as plain text, within Python's stack.
    MAX_DEPTH = 80

    def __init__(self, *, depth: int = 0) -> None:
        self.parts: list[str] = []
        self.depth = depth

    def render(self, node: Tag) -> str:
        self._children(node)
        return _collapse_blank_lines("".join(self.parts).split("\n"))

    def _trailing_newlines(self) -> int:
        count = 0
        for part in reversed(self.parts):
            stripped = part.rstrip("\n")
            count += len(part) - len(stripped)
            if stripped:
                return count
        return -1  # nothing written yet

    def _breaks(self, wanted: int) -> None:
        have = self._trailing_newlines()
        if have >= 0 and have < wanted:
            self.parts.append("\n" * (wanted - have))

    def _text(self, text: str) -> None:
        text = re.sub(r"\s+", " ", text.replace("\xa0", " "))
        if self._trailing_newlines() != 0:
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)

    def _children(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                self._element(child)
            elif type(child) is NavigableString:
                self._text(str(child))

    def _nested(self, node: Tag) -> list[str]:
        text = _Renderer(depth=self.depth).render(node)
        return text.split("\n") if text else []

    def _lines(self, lines: list[str], *, breaks: int) -> None:
        if not lines:
            return
        self._breaks(breaks)
        self.parts.append("\n".join(lines))
        self._breaks(breaks)

    def _element(self, tag: Tag) -> None:
        if tag.name in _SKIPPED:
            return
        if self.depth >= self.MAX_DEPTH:
            self._text(tag.get_text(" "))
            return
        self.depth += 1
        try:
            self._tag(tag)
        finally:
            self.depth -= 1

    def _tag(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":
            self.parts.append("\n")
        elif name == "blockquote":
            lines = self._nested(tag)
            self._lines([f"> {line}".rstrip() for line in lines], breaks=2)
        elif name in ("ul", "ol"):
            self._list(tag)
        elif name == "li":
            self._list_item(tag, marker="- ")
        elif name == "pre":
            self._lines(tag.get_text().strip("\n").split("\n"), breaks=2)
        elif name == "a":
            self._link(tag)
        elif name in ("td", "th"):
            self._text(" ")
            self._children(tag)
            self._text(" ")
        elif name == "p" and "MsoNormal" in _classes(tag):
            # Outlook's Word paragraphs are lines: it writes a blank line as an empty paragraph.
            self._breaks(1)
            written = len(self.parts)
            self._children(tag)
            if not "".join(self.parts[written:]).strip():
                self.parts.append("\n")
            self._breaks(1)
        elif name in _PARAGRAPHS:
            self._breaks(2)
            self._children(tag)
            self._breaks(2)
        elif name in _BLOCKS:
            self._breaks(1)
            self._children(tag)
            self._breaks(1)
        else:
            self._children(tag)

    def _list(self, tag: Tag) -> None:
        around = 1 if tag.find_parent("li") else 2  # a nested list stays tight
        self._breaks(around)
        number = int(tag.get("start") or 1) if str(tag.get("start") or "1").isdigit() else 1
        for item in tag.find_all("li", recursive=False):
            marker = f"{number}. " if tag.name == "ol" else "- "
            self._list_item(item, marker=marker)
            number += 1
        self._breaks(around)

    def _list_item(self, tag: Tag, *, marker: str) -> None:
        lines = self._nested(tag) or [""]
        indent = " " * len(marker)
        self._breaks(1)
        self.parts.append(
            "\n".join(
                [f"{marker}{lines[0]}", *(f"{indent}{line}" if line else "" for line in lines[1:])]
            )
        )
        self._breaks(1)

    def _link(self, tag: Tag) -> None:
        href = (tag.get("href") or "").strip()
        label = " ".join(tag.get_text(" ").split())
        if href.lower().startswith(("http://", "https://")) and label and label != href:
            self._text(f"[{label}]({href})")
        else:
            self._children(tag)
