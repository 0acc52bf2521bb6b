"""What other apps add to a member authority's public page (its published practices...): each
registers a builder from its ``ready()``; the page renders every registered section, and the
network app never imports the apps above it."""

from collections.abc import Callable
from dataclasses import dataclass

from .models import LocalAuthority


@dataclass(frozen=True)
class AuthoritySection:
    """A block of the authority page: the template that renders it and its context."""

    template: str
    context: dict


SectionBuilder = Callable[..., AuthoritySection | None]
_SECTIONS: dict[str, SectionBuilder] = {}


def authority_section_register(*, name: str, build: SectionBuilder) -> None:
    """Add a section built by ``build(authority=..., language=...)`` (None: nothing to show)."""
    _SECTIONS[name] = build


def authority_sections(*, authority: LocalAuthority, language: str) -> list[AuthoritySection]:
    """The sections of ``authority``'s page for a visitor reading ``language``, in the order
    the apps registered them."""
    built = (build(authority=authority, language=language) for build in _SECTIONS.values())
    return [section for section in built if section is not None]
