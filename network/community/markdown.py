"""Posts' Markdown to sanitised HTML (rendered once, when a post is written or edited)."""

from collections.abc import Callable
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt


@dataclass(frozen=True)
class MentionTarget:
    username: str
    display_name: str
    url: str


@dataclass(frozen=True)
class Rendered:
    html: str
    mentions: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_render(
    *,
    source: str,
    nofollow_all: bool = False,
    mention_resolver: Callable[[list[str]], dict[str, MentionTarget]] | None = None,
    card_resolver: Callable[[str], object] | None = None,
) -> Rendered:
    html = nh3.clean(_parser.render(source), link_rel="nofollow ugc noopener")
    return Rendered(html=html)
