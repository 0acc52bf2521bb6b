"""A practice record as a PDF, rendered by WeasyPrint from an HTML template, its labels in the
language asked for (the view shows the practice's version in that language when there is one).

Rendering never touches the network: WeasyPrint gets a URL fetcher that only reads images from
the public media storage (the record's images, through ``convive-media:`` addresses, whether
media live on disk or in a bucket) and files in the static folders (the Convive mark), and refuses
everything else, so an address pasted into a record cannot make the server fetch it, nor a
local path pull another file into the PDF. Links stay links.
The bytes are cached per page, language of the labels and publication, so publishing again gives
a new PDF.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from network.visibility import visible_pages

from .models import PracticePage

PDF_TEMPLATE = "practices/pdf/practice.html"
# Bump when the template or its stylesheet changes, so cached copies of the old layout are
# not served after a deployment.
PDF_LAYOUT_VERSION = 3
# A new publication changes the key; the timeout only bounds how long facts from outside the
# page (a member authority's name) may lag behind.
PDF_CACHE_TIMEOUT = 24 * 60 * 60
IMAGE_RENDITION = "max-1000x700"
CONVIVE_MARK = "img/favicon.svg"
# How the PDF's HTML names an image of the public media storage (which may be a remote bucket).
MEDIA_SCHEME = "convive-media"

# WeasyPrint logs each rendering step, and fontTools each font it subsets, at INFO: a dozen
# lines per PDF that say nothing an operator needs.
for _logger in ("fontTools", "weasyprint.progress"):
    logging.getLogger(_logger).setLevel(logging.WARNING)


# -- What WeasyPrint may read ---------------------------------------------------------------------
def _static_roots() -> list[Path]:
    roots = [settings.STATIC_ROOT]
    for entry in settings.STATICFILES_DIRS:
        roots.append(entry[1] if isinstance(entry, tuple | list) else entry)
    return [Path(root).resolve() for root in roots if root]


def _content_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def local_file_for(url: str) -> Path | None:
    """The file a ``file://`` address names when WeasyPrint may read it, else None: a file in
    a static folder, after resolving ``..`` and symbolic links."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    if path.is_file() and any(path.is_relative_to(root) for root in _static_roots()):
        return path
    return None


def media_uri(name: str) -> str:
    """The address the PDF's HTML gives a file of the public media storage."""
    return f"{MEDIA_SCHEME}:{quote(name)}"


def media_image_for(url: str) -> tuple[bytes, str] | None:
    """The bytes and type of the image a ``convive-media:`` address names, read through the
    public media storage, else None: never a document (documents may be private), nothing
    outside the storage, nothing missing."""
    prefix = f"{MEDIA_SCHEME}:"
    if not url.startswith(prefix):
        return None
    name = unquote(url[len(prefix) :])
    content_type = _content_type(Path(name))
    if not content_type.startswith("image/"):
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read(), content_type
    except (OSError, SuspiciousFileOperation, ValueError):
        return None


def _file_uri(path: str | Path | None) -> str:
    return Path(path).resolve().as_uri() if path else ""


class LocalFileFetcher:
    """A WeasyPrint URL fetcher limited to media images and static files.

    Every other address (http, https, ftp, data:, other files) raises, which WeasyPrint logs
    and skips: the image or attachment is left out, the PDF is still made.
    ``refused`` keeps the addresses it turned down. (A plain callable rather than a subclass of
    WeasyPrint's ``URLFetcher``, so importing this module does not load pango.)
    """

    def __init__(self):
        self.refused: list[str] = []

    def __call__(self, url: str):
        from weasyprint.urls import URLFetcherResponse

        image = media_image_for(url)
        if image is not None:
            body, content_type = image
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})
        path = local_file_for(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"Not a media image or static file, not fetched: {url[:200]}")
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": _content_type(path)}
        )


# -- The document ---------------------------------------------------------------------------------
def practice_canonical_url(*, practice: PracticePage) -> str:
    """The practice's public address on the site (``SITE_URL``), in its own language."""
    with translation.override(practice.locale.language_code):
        return urljoin(f"{settings.SITE_URL}/", practice.get_url() or "")


def _image_item(value) -> dict:
    item = {"kind": "image", "caption": value.get("caption") or "", "src": ""}
    image = value.get("image")
    if image is None:
        return item
    item["caption"] = item["caption"] or image.title
    try:
        rendition = image.get_rendition(IMAGE_RENDITION)
    except OSError:
        # A missing original: the caption is still listed.
        return item
    item["src"] = media_uri(rendition.file.name)
    item["width"], item["height"] = rendition.width, rendition.height
    return item


def _material_items(practice: PracticePage, *, base_url: str) -> list[dict]:
    """Attached material ready to print: absolute addresses, images as media addresses."""
    items = []
    for block in practice.material:
        value = block.value
        if block.block_type == "document":
            document = value.get("document")
            if document is None:
                continue
            items.append(
                {
                    "kind": "document",
                    "title": value.get("title") or document.title,
                    "url": urljoin(base_url, document.url),
                }
            )
        elif block.block_type == "image":
            items.append(_image_item(value))
        elif block.block_type == "video":
            items.append({"kind": "video", "title": value["title"], "url": value["url"]})
        elif block.block_type == "source":
            items.append(
                {
                    "kind": "source",
                    "title": value["title"],
                    "publisher": value.get("publisher") or "",
                    "url": value.get("url") or "",
                }
            )
    return items


def _translations(practice: PracticePage) -> list[str]:
    """Language codes of the other versions of the practice anyone may see."""
    return list(
        visible_pages(Page.objects.all(), user=None)
        .filter(translation_key=practice.translation_key)
        .exclude(pk=practice.pk)
        .order_by("locale__language_code")
        .values_list("locale__language_code", flat=True)
    )


def practice_pdf_context(*, practice: PracticePage) -> dict:
    """Everything the PDF template shows besides the practice's own fields; labels in the
    active language."""
    url = practice_canonical_url(practice=practice)
    mark = finders.find(CONVIVE_MARK)
    return {
        "page": practice,
        "canonical_url": url,
        "language": practice.locale.language_code,
        "label_language": translation.get_language(),
        "themes": practice.labelled("themes"),
        "target_groups": practice.labelled("target_groups"),
        "gcm_objectives": practice.labelled("gcm_objectives"),
        "sdg_targets": practice.labelled("sdg_targets"),
        "tag_names": [tag.name for tag in practice.tags.all()],
        "material": _material_items(practice, base_url=url),
        "other_languages": _translations(practice),
        "mark_src": _file_uri(mark) if isinstance(mark, str) else "",
    }


def _label_language(practice: PracticePage, language: str | None) -> str:
    return language or practice.locale.language_code


def practice_pdf_render(
    *, practice: PracticePage, language: str | None = None, fetcher: LocalFileFetcher | None = None
) -> bytes:
    """The PDF of ``practice`` with every label (headings, vocabulary terms, dates) in
    ``language``, by default the practice's own. Takes about half a second; use
    ``practice_pdf`` to get it cached."""
    from weasyprint import HTML

    with translation.override(_label_language(practice, language)):
        context = practice_pdf_context(practice=practice)
        html = render_to_string(PDF_TEMPLATE, context)
    return HTML(
        string=html, base_url=context["canonical_url"], url_fetcher=fetcher or LocalFileFetcher()
    ).write_pdf()


def practice_pdf_cache_key(*, practice: PracticePage, language: str | None = None) -> str:
    published = practice.last_published_at
    stamp = int(published.timestamp() * 1_000_000) if published else 0
    labels = _label_language(practice, language)
    return f"practices:pdf:v{PDF_LAYOUT_VERSION}:{practice.pk}:{labels}:{stamp}"


def practice_pdf(*, practice: PracticePage, language: str | None = None) -> bytes:
    """The PDF of a live ``practice`` with its labels in ``language`` (by default the
    practice's), from the default cache when this publication of it was already rendered so."""
    key = practice_pdf_cache_key(practice=practice, language=language)
    content = cache.get(key)
    if content is None:
        content = practice_pdf_render(practice=practice, language=language)
        cache.set(key, content, PDF_CACHE_TIMEOUT)
    return content
