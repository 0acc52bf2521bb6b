"""A consolidated summary as a PDF, rendered by WeasyPrint from an HTML template: the summary's
sanitised HTML in one language (its translation, else the facilitator's text) with its labels in
that language.

WeasyPrint reads nothing while rendering (its URL fetcher refuses every address): the
stylesheet is inline, fonts come from the system, and a link in the summary stays a link.
"""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Summary
from .selectors_summary import endorsement_counts, summary_text

PDF_TEMPLATE = "community/ediscussions/pdf/summary.html"

# WeasyPrint logs each rendering step, and fontTools each font it subsets, at INFO.
for _logger in ("fontTools", "weasyprint.progress"):
    logging.getLogger(_logger).setLevel(logging.WARNING)


def _refuse_every_address(url: str):
    """WeasyPrint's URL fetcher for the summary: it reads nothing (no image, no stylesheet)."""
    raise ValueError(f"The summary's PDF fetches nothing: {url[:200]}")


def summary_pdf_context(*, summary: Summary, language: str) -> dict:
    """What the template shows, for ``language`` (the active language must be it)."""
    ediscussion = summary.ediscussion
    text_language, body_html = summary_text(summary=summary, language=language)
    endorsements, _comments = endorsement_counts(summary=summary)
    return {
        "language": text_language,
        "ediscussion_title": ediscussion.translated("title", language=language),
        "starts_at": ediscussion.starts_at,
        "ends_at": ediscussion.ends_at,
        "published_at": summary.published_at,
        "endorsements": endorsements,
        "body_html": body_html,
        "canonical_url": settings.SITE_URL
        + reverse("community:ediscussion_summary", kwargs={"slug": ediscussion.slug}),
    }


def summary_pdf_render(*, summary: Summary, language: str) -> bytes:
    """The PDF of ``summary`` in ``language`` (about a second for a long summary)."""
    from weasyprint import HTML

    with translation.override(language):
        context = summary_pdf_context(summary=summary, language=language)
        html = render_to_string(PDF_TEMPLATE, context)
    return HTML(
        string=html, base_url=context["canonical_url"], url_fetcher=_refuse_every_address
    ).write_pdf()
