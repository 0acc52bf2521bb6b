"""Checks on the files published in the library: only PDF and office documents, recognised by
their content (the first bytes), not by the name they were uploaded with."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "pdf"
OLE2 = "ole2"  # Legacy Microsoft Office (.doc, .xls, .ppt)
OOXML = "ooxml"  # Office Open XML (.docx, .xlsx, .pptx): a ZIP with [Content_Types].xml
ODF = "odf"  # OpenDocument (.odt, .ods, .odp): a ZIP whose first entry is "mimetype"

# Extension -> the kind of content a file with that extension must contain.
ALLOWED_EXTENSIONS = {
    "pdf": PDF,
    "doc": OLE2,
    "xls": OLE2,
    "ppt": OLE2,
    "docx": OOXML,
    "xlsx": OOXML,
    "pptx": OOXML,
    "odt": ODF,
    "ods": ODF,
    "odp": ODF,
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"


def _zip_kind(file) -> str | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                return OOXML
            if "mimetype" in names:
                mimetype = archive.read("mimetype")
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    return ODF
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff_document_kind(file) -> str | None:
    """PDF, OLE2, OOXML or ODF according to the file's content; None for anything else."""
    file.seek(0)
    head = file.read(8)
    if isinstance(head, str):  # A file opened in text mode cannot be a document we accept.
        return None
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(OLE2_SIGNATURE):
        return OLE2
    if head.startswith(ZIP_SIGNATURE):
        return _zip_kind(file)
    return None


def validate_library_file(file, *, name: str) -> None:
    """Raise ValidationError unless ``file`` is a PDF or office document no bigger than
    settings.MAX_UPLOAD_SIZE whose content matches the extension of ``name``."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = ALLOWED_EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError(
            _("Only PDF and office documents (%(extensions)s) can be published in the library."),
            code="extension",
            params={"extensions": ", ".join(sorted(ALLOWED_EXTENSIONS))},
        )
    try:
        size = file.size
    except (OSError, ValueError):
        raise ValidationError(_("The file could not be read."), code="unreadable") from None
    if size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s."),
            code="size",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
        )
    try:
        with file.open("rb") as handle:
            kind = sniff_document_kind(handle)
    except (OSError, ValueError):
        raise ValidationError(_("The file could not be read."), code="unreadable") from None
    if kind != expected:
        raise ValidationError(
            _("The file's content is not a real .%(extension)s document."),
            code="content",
            params={"extension": extension},
        )
