"""Checks on uploaded files, shared by every app that accepts them (practice proposals, forum
posts): the type is read from the content (magic bytes), never trusted from the name or the
browser, and the size is capped by ``settings.MAX_UPLOAD_SIZE``."""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .inputs import image_pixels_validate

DOCUMENT = "document"
IMAGE = "image"

# Detected extension → what it is stored as (the ``Kind`` of the apps' attachment models).
ACCEPTED_TYPES: dict[str, str] = {
    "pdf": DOCUMENT,
    "docx": DOCUMENT,
    "xlsx": DOCUMENT,
    "pptx": DOCUMENT,
    "odt": DOCUMENT,
    "jpg": IMAGE,
    "png": IMAGE,
    "webp": IMAGE,
}
# Enough of the start of a file for every signature above (office files are ZIPs whose first
# entries name the format).
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    kind: str
    content_type: str


def upload_check(upload) -> CheckedUpload:
    """Refuse empty, oversized and unaccepted files; return what the content really is."""
    if not upload.size:
        raise ValidationError(_("This file is empty."), code="empty")
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("This file is %(size)s; files may be at most %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    guess = filetype.guess(head)
    extension = guess.extension if guess else ""
    if extension not in ACCEPTED_TYPES:
        raise ValidationError(
            _(
                "This file is not a PDF, an image (JPEG, PNG, WebP) or an office document "
                "(DOCX, XLSX, PPTX, ODT), whatever its name says."
            ),
            code="type",
        )
    kind = ACCEPTED_TYPES[extension]
    if kind == IMAGE:
        _image_verify(upload)
    return CheckedUpload(extension=extension, kind=kind, content_type=guess.mime)


def _image_verify(upload) -> None:
    from PIL import Image, UnidentifiedImageError

    image_pixels_validate(upload)
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        message = _("This image is damaged and cannot be read.")
        raise ValidationError(message, code="image") from error
    finally:
        upload.seek(0)
