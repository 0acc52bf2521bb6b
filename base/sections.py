"""What apps contribute to pages they do not own, such as the home page's latest practices: the
app registers a builder from its ``ready()``, the page asks for every registered section, and
the page's app never imports the contributing app."""

from collections.abc import Callable

from django.http import HttpRequest
from wagtail.models import Page

SectionBuilder = Callable[..., object]
_HOME_SECTIONS: dict[str, SectionBuilder] = {}


def home_section_register(*, name: str, build: SectionBuilder) -> None:
    """Add ``name`` to the home page's context, built by ``build(home=..., request=...)``."""
    _HOME_SECTIONS[name] = build


def home_sections(*, home: Page, request: HttpRequest) -> dict[str, object]:
    return {name: build(home=home, request=request) for name, build in _HOME_SECTIONS.items()}
