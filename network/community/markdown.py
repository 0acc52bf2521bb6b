"""Posts written in Markdown become the sanitised HTML stored with them: reading a topic never
parses Markdown.

What is rendered (CommonMark, plus tables and strikethrough, with markdown-it-py):

- Raw HTML in the source is not rendered: it appears as the text that was typed.
- A line break typed in the text is a line break in the post (``breaks``): most posts arrive by
  email, where a line break is meant (addresses, short lists, signatures).
- Bare addresses (``https://...``, ``www...``) become links (``linkify``), as in email.
- Headings go two levels down (``#`` is ``h3``, ``##`` is ``h4``, the rest ``h5``/``h6``): the
  page shows the topic's title as its ``h1`` and the post's place under ``h2``, and a post never
  outranks them.
- Images are shown as links to the image (their text is the alternative text): no tracking
  pixel loads when a topic is read, and a slow connection downloads only what a reader opens.
- Tables scroll sideways in their own focusable region on narrow screens.
- ``@username`` names a member: the names the ``mention_resolver`` knows become links to the
  member (``<a class="mention">``), the others stay text.
- A paragraph that is only one link to a page of the site (a pasted address, or ``[text](/es/...)``
  alone on its line) becomes that page's link card (``network.community.cards``) when the
  ``card_resolver`` gives one; otherwise it stays a link.
- Links to other sites get ``rel="nofollow ugc noopener"``; links on the site get none, unless
  ``nofollow_all`` (the posts of new members, whose links earn nothing until they are trusted).
  No link opens a new window.

Whatever markdown-it produced then goes through nh3 with an explicit allow-list
(``html_sanitise``): it has the last word on which elements, attributes, classes and address
schemes survive.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .cards import LinkCard, site_host, site_path


@dataclass(frozen=True)
class MentionTarget:
    """A member a mention leads to."""

    username: str
    display_name: str
    url: str


@dataclass(frozen=True)
class Rendered:
    """A rendered post: its sanitised HTML, the usernames of the members it mentions (as the
    resolver's targets spell them, in order of first mention) and the addresses it links to (in
    order)."""

    html: str
    mentions: tuple[str, ...]
    links: tuple[str, ...]


MentionResolver = Callable[[list[str]], dict[str, MentionTarget]]
CardResolver = Callable[[str], LinkCard | None]

LINK_SCHEMES = {"", "http", "https", "mailto"}  # "" is a relative address
EXTERNAL_REL = "nofollow ugc noopener"
UNTRUSTED_INTERNAL_REL = "nofollow ugc"

# Django's usernames (UnicodeUsernameValidator): letters, digits and @ . + - _. A mention starts
# after anything that cannot continue a username (so ``ana@example.org`` is no mention) and
# ends where such characters stop; the dots, pluses, hyphens and @ that end it are punctuation
# of the sentence ("thanks @ana." mentions ``ana``).
_USERNAME_CHARS = r"[\w.@+-]"
MENTION = re.compile(rf"(?<!{_USERNAME_CHARS})@(\w{_USERNAME_CHARS}*)")
_TRAILING_PUNCTUATION = ".@+-"

# A text's headings sit under the page's own (a post's author is an h2): the highest level the
# text uses becomes h3, the next one used h4, and so on to h6, so that "## Title" alone is an h3
# and no level is skipped between the page and the text.
HEADING_TAGS = ("h3", "h4", "h5", "h6")
ALIGNMENT = re.compile(r"text-align:(left|right|center)")


def _parser() -> MarkdownIt:
    parser = MarkdownIt(
        "commonmark", {"html": False, "breaks": True, "linkify": True, "typographer": False}
    )
    parser.enable(["table", "strikethrough", "linkify"])
    parser.add_render_rule("table_open", _table_open)
    parser.add_render_rule("table_close", _table_close)
    return parser


def _table_open(self, tokens, idx, options, env) -> str:
    label = escape(gettext("Table"))
    return (
        f'<div class="post-table" role="region" tabindex="0" aria-label="{label}">'
        + self.renderToken(tokens, idx, options, env)
    )


def _table_close(self, tokens, idx, options, env) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


# The parser holds its rules and options only (no content): built once per process.
PARSER = _parser()


def _heading_levels(tokens) -> dict[str, str]:
    used = sorted({token.tag for token in tokens if token.type == "heading_open"})
    return {tag: HEADING_TAGS[min(rank, len(HEADING_TAGS) - 1)] for rank, tag in enumerate(used)}


def markdown_render(
    *,
    source: str,
    nofollow_all: bool = False,
    mention_resolver: MentionResolver | None = None,
    card_resolver: CardResolver | None = None,
) -> Rendered:
    """Render the Markdown ``source`` of a post to sanitised HTML (see the module's docstring).

    ``mention_resolver`` is called once with every distinct username mentioned and returns the
    members among them; ``card_resolver`` is called with the address of each paragraph that is
    only a link to a page of the site. ``nofollow_all`` marks every link, internal ones too."""
    tokens = PARSER.parse(source)
    links: list[str] = []
    levels = _heading_levels(tokens)
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = levels[token.tag]
        elif token.type in {"th_open", "td_open"}:
            _alignment_as_class(token)
        elif token.type == "inline" and token.children:
            token.children = list(_inline(token.children, links=links, nofollow_all=nofollow_all))
    mentioned = _mentions(tokens, mention_resolver)
    if card_resolver is not None:
        tokens = _with_cards(tokens, card_resolver)
    html = PARSER.renderer.render(tokens, PARSER.options, {})
    return Rendered(
        html=html_sanitise(html=html),
        mentions=tuple(mentioned),
        links=tuple(dict.fromkeys(links)),
    )


def _alignment_as_class(token: Token) -> None:
    # markdown-it aligns columns with a style attribute; styles never pass the sanitiser.
    style = token.attrs.pop("style", None)
    found = ALIGNMENT.fullmatch(str(style or ""))
    if found:
        token.attrSet("class", f"align-{found.group(1)}")


def link_rel(href: str, *, nofollow_all: bool) -> str | None:
    """The ``rel`` of a link to ``href`` in a post: none for the site's own addresses (relative,
    or on ``SITE_URL``'s host) unless ``nofollow_all``, ``nofollow ugc noopener`` for others."""
    parts = urlsplit(href.strip())
    internal = (not parts.scheme and not parts.netloc) or (
        parts.scheme.lower() in {"http", "https"} and (parts.hostname or "").lower() == site_host()
    )
    if not internal:
        return EXTERNAL_REL
    return UNTRUSTED_INTERNAL_REL if nofollow_all else None


def _inline(children: list[Token], *, links: list[str], nofollow_all: bool) -> Iterator[Token]:
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            _link_keep(links, href)
            rel = link_rel(href, nofollow_all=nofollow_all)
            if rel:
                token.attrSet("rel", rel)
            yield token
        elif token.type == "image":
            yield from _image_as_link(token, links=links, nofollow_all=nofollow_all)
        else:
            yield token


def _link_kept(href: str) -> bool:
    """Whether the sanitiser keeps an address (not a data: image's, for one)."""
    return urlsplit(href.strip()).scheme.lower() in LINK_SCHEMES


def _link_keep(links: list[str], href: str) -> None:
    if _link_kept(href):
        links.append(href)


def _image_as_link(image: Token, *, links: list[str], nofollow_all: bool) -> Iterator[Token]:
    src = str(image.attrGet("src") or "")
    text = Token("text", "", 0, content=image.content or src)
    if not _link_kept(src):
        yield text  # only the alternative text: there is nothing safe to link to
        return
    links.append(src)
    opening = Token("link_open", "a", 1, attrs={"href": src})
    rel = link_rel(src, nofollow_all=nofollow_all)
    if rel:
        opening.attrSet("rel", rel)
    yield opening
    yield text
    yield Token("link_close", "a", -1)


def _mention_text_tokens(tokens: list[Token]) -> Iterator[Token]:
    """The text tokens where a mention may be: not in code (code tokens are not text) and not
    in a link's text."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = 0
        for child in token.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0 and "@" in child.content:
                yield child


def _username(found: re.Match) -> str:
    return found.group(1).rstrip(_TRAILING_PUNCTUATION)


def _mentions(tokens: list[Token], resolver: MentionResolver | None) -> list[str]:
    """Turn the mentions the resolver knows into links; the mentioned usernames, in order."""
    if resolver is None:
        return []
    texts = list(_mention_text_tokens(tokens))
    found = (_username(match) for text in texts for match in MENTION.finditer(text.content))
    names = list(dict.fromkeys(found))
    if not names:
        return []
    targets = resolver(names)
    if not targets:
        return []
    texts_here = {id(text) for text in texts}
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = [
                piece
                for child in token.children
                for piece in (
                    _split_mentions(child, targets) if id(child) in texts_here else (child,)
                )
            ]
    # The members' own usernames: "@Ana" and "@ana" are one member, mentioned once.
    return list(dict.fromkeys(targets[name].username for name in names if name in targets))


def _split_mentions(text: Token, targets: dict[str, MentionTarget]) -> list[Token]:
    pieces: list[Token] = []
    content = text.content
    position = 0
    for found in MENTION.finditer(content):
        name = _username(found)
        target = targets.get(name)
        if target is None:
            continue
        start, end = found.start(), found.start() + 1 + len(name)
        if start > position:
            pieces.append(Token("text", "", 0, content=content[position:start]))
        pieces.append(Token("link_open", "a", 1, attrs={"class": "mention", "href": target.url}))
        pieces.append(Token("text", "", 0, content=f"@{target.display_name}"))
        pieces.append(Token("link_close", "a", -1))
        position = end
    if not pieces:
        return [text]
    if position < len(content):
        pieces.append(Token("text", "", 0, content=content[position:]))
    return pieces


def _lone_link(inline: Token) -> str | None:
    """The address of an inline run that is only one link (surrounding spaces aside), else
    None."""
    children = [
        child
        for child in inline.children or []
        if not (child.type == "text" and not child.content.strip())
        and child.type not in {"softbreak", "hardbreak"}
    ]
    if not children or children[0].type != "link_open" or children[-1].type != "link_close":
        return None
    if any(child.type in {"link_open", "link_close"} for child in children[1:-1]):
        return None
    return str(children[0].attrGet("href") or "")


def _with_cards(tokens: list[Token], resolver: CardResolver) -> list[Token]:
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (
            token.type == "paragraph_open"
            and index + 2 < len(tokens)
            and tokens[index + 1].type == "inline"
            and tokens[index + 2].type == "paragraph_close"
        ):
            href = _lone_link(tokens[index + 1])
            card = resolver(href) if href and site_path(href) is not None else None
            if card is not None:
                block = Token("html_block", "", 0, block=True)
                block.content = render_to_string(
                    "community/includes/link_card.html", {"card": card}
                )
                result.append(block)
                index += 3
                continue
        result.append(token)
        index += 1
    return result


# The allow-list. Every attribute not listed is dropped; those with a fixed set of values are
# checked against it (``_TAG_ATTRIBUTE_VALUES``); classes are checked by ``_attribute_filter``.
_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "s", "a", "ul", "ol", "li",
    "blockquote", "code", "pre", "div", "table", "thead", "tbody", "tr", "th", "td", "aside",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "class"},
    "ol": {"start"},
    "code": {"class"},
    "th": {"class"},
    "td": {"class"},
    "aside": {"class"},
    "p": {"class"},
    "div": {"class", "aria-label"},
}
_TAG_ATTRIBUTE_VALUES = {
    "a": {"rel": {EXTERNAL_REL, UNTRUSTED_INTERNAL_REL}},
    "div": {"role": {"region"}, "tabindex": {"0"}},
}
_CLASSES = {
    "a": re.compile(r"mention|link-card__title"),
    "code": re.compile(r"language-[\w+#.-]{1,40}"),
    "th": re.compile(r"align-(left|right|center)"),
    "td": re.compile(r"align-(left|right|center)"),
    "aside": re.compile(r"link-card link-card--[a-z][a-z-]{0,30}"),
    "p": re.compile(r"link-card__(summary|meta)"),
    "div": re.compile(r"post-table"),
}
_START = re.compile(r"\d{1,9}")


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        pattern = _CLASSES.get(element)
        return value if pattern is not None and pattern.fullmatch(value) else None
    if attribute == "start":
        return value if _START.fullmatch(value) else None
    return value


def html_sanitise(*, html: str) -> str:
    """``html`` with only what the allow-list keeps: the last step of every rendered post."""
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        tag_attribute_values=_TAG_ATTRIBUTE_VALUES,
        link_rel=None,
        url_schemes=LINK_SCHEMES - {""},
        strip_comments=True,
    )
