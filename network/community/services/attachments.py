"""Files attached to posts: checked by their content (``network.uploads.upload_check``, as for
practice proposals), images re-encoded without any metadata, kept in private storage.

A file is stored as soon as it is chosen, even when the rest of the form still has a mistake
or is only previewed: it waits as a *pending* attachment (``post`` empty, owned by the member)
that the form lists with a checkbox to remove it, and becomes the post's when the post is
written. Files are served by the ``attachment`` view, which asks the visibility rule.

Files that arrive with an email (``services.inbound``) go through the same check, one by one
(``attachments_keep``): a file refused never costs the others, since the member cannot choose
them again as on a form.
"""

import io
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps

from network.models import User
from network.uploads import IMAGE, upload_check

from ..models import Post, PostAttachment

# Formats images are saved in, by the extension their content showed.
_IMAGE_FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
_CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
# How long a file chosen for a post that is never written waits before it is deleted.
PENDING_KEPT = timedelta(days=2)


def attachments_limit() -> int:
    return settings.FORUM_ATTACHMENTS_PER_POST


def _display_name(original: str, extension: str) -> str:
    """The name shown and offered on download: the member's, with the extension the content
    showed (``report.PDF`` → ``report.pdf``; a PDF named ``photo.jpg`` → ``photo.pdf``)."""
    stem = os.path.splitext(os.path.basename(original or ""))[0]
    stem = get_valid_filename(stem)[:150] if stem.strip(". ") else ""
    return f"{stem or 'file'}.{extension}"


def image_reencode(upload, *, extension: str) -> tuple[bytes, int, int]:
    """The image drawn again from its pixels: turned upright as its EXIF orientation says, at
    most ``FORUM_IMAGE_MAX_SIDE`` pixels on its long side, saved with no metadata at all (no
    EXIF, GPS position, camera, XMP, comments or colour profile). Returns (bytes, width,
    height)."""
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        limit = settings.FORUM_IMAGE_MAX_SIDE
        image.thumbnail((limit, limit))
        image_format = _IMAGE_FORMATS[extension]
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        elif image_format != "JPEG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        # A fresh image from the pixels alone carries nothing of the original's info.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
        if image.mode == "P":
            clean.putpalette(image.getpalette())
            if "transparency" in image.info:
                clean.info["transparency"] = image.info["transparency"]
        output = io.BytesIO()
        options = {"JPEG": {"quality": 85, "optimize": True}, "WEBP": {"quality": 85}}
        clean.save(output, format=image_format, **options.get(image_format, {"optimize": True}))
        return output.getvalue(), clean.width, clean.height


def attachment_upload(*, user: User, upload) -> PostAttachment:
    """Check one uploaded file and keep it as a pending attachment of ``user``. Raises
    ``ValidationError`` with the reason (empty, too big, not an accepted type, damaged)."""
    checked = upload_check(upload)
    name = _display_name(getattr(upload, "name", ""), checked.extension)
    width = height = None
    if checked.kind == IMAGE:
        try:
            content, width, height = image_reencode(upload, extension=checked.extension)
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            raise ValidationError(
                _("This image is damaged and cannot be read."), code="image"
            ) from error
        content_type = _CONTENT_TYPES[checked.extension]
    else:
        upload.seek(0)
        content = upload.read()
        content_type = checked.content_type
    attachment = PostAttachment(
        uploaded_by=user,
        kind=checked.kind,
        name=name,
        content_type=content_type,
        size=len(content),
        width=width,
        height=height,
    )
    # The stored name is random: the member's file name is only ever shown, never a path.
    attachment.file.save(
        f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(content), save=False
    )
    attachment.save()
    return attachment


def attachments_pending(*, user: User, ids: Iterable[int]) -> QuerySet[PostAttachment]:
    """``user``'s own pending attachments among ``ids`` (anything else is ignored)."""
    return PostAttachment.objects.filter(
        pk__in=list(ids), uploaded_by=user, post__isnull=True
    ).order_by("created_at", "pk")


def attachments_add(
    *,
    user: User,
    uploads: Sequence,
    pending: Sequence[PostAttachment] = (),
    post: Post | None = None,
) -> list[PostAttachment]:
    """Check and keep ``uploads`` beside the ``pending`` ones (and, for an edit, the ``post``'s
    own), refusing the lot when they would pass the limit per post."""
    already = len(pending) + (post.attachments.count() if post is not None else 0)
    limit = attachments_limit()
    if already + len(uploads) > limit:
        raise ValidationError(
            ngettext(
                "A post may have at most %(limit)s file attached; remove one first.",
                "A post may have at most %(limit)s files attached; remove some first.",
                limit,
            )
            % {"limit": limit},
            code="too_many",
        )
    added, errors = [], []
    for upload in uploads:
        try:
            added.append(attachment_upload(user=user, upload=upload))
        except ValidationError as error:
            errors.extend(
                ValidationError(
                    _("%(name)s: %(reason)s")
                    % {"name": os.path.basename(getattr(upload, "name", "")), "reason": message}
                )
                for message in error.messages
            )
    if errors:
        # The files that passed stay pending with the others: the member chose them.
        raise AttachmentErrors(errors, added=added)
    return added


@dataclass(frozen=True)
class FileRefused:
    """A file that was not kept: its name as it was sent, and why (in the active language)."""

    name: str
    reason: str


@dataclass(frozen=True)
class FilesKept:
    added: list[PostAttachment]
    refused: list[FileRefused]


def attachments_keep(*, user: User, uploads: Sequence) -> FilesKept:
    """Check each of ``uploads`` on its own (``attachment_upload``, the website's check) and
    keep those that pass as pending attachments of ``user``, up to the limit per post; the
    others come back with the reason, in the active language. For files the member cannot
    choose again (an email's): one file refused never costs the others, and the first ones
    that pass take the places."""
    limit = attachments_limit()
    added: list[PostAttachment] = []
    refused: list[FileRefused] = []
    for upload in uploads:
        name = os.path.basename(getattr(upload, "name", "") or "")
        if len(added) >= limit:
            reason = ngettext(
                "A post may have at most %(limit)s file attached.",
                "A post may have at most %(limit)s files attached.",
                limit,
            ) % {"limit": limit}
            refused.append(FileRefused(name=name, reason=reason))
            continue
        try:
            added.append(attachment_upload(user=user, upload=upload))
        except ValidationError as error:
            refused.append(FileRefused(name=name, reason=" ".join(error.messages)))
    return FilesKept(added=added, refused=refused)


class AttachmentErrors(ValidationError):
    """Some uploads were refused; ``added`` holds the ones that were kept."""

    def __init__(self, errors: list[ValidationError], *, added: list[PostAttachment]):
        super().__init__(errors)
        self.added = added


def attachment_remove(*, attachment: PostAttachment) -> None:
    """Forget a pending attachment and its file (once the transaction is committed)."""
    if attachment.post_id is not None:
        raise ValueError("Only pending attachments are removed this way.")
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def attachments_attach(
    *, post: Post, attachments: Sequence[PostAttachment], uploader: User | None = None
) -> int:
    """Give the pending ``attachments`` of ``uploader`` (the post's author unless a moderator
    edits it) to ``post``, up to the limit per post."""
    room = max(0, attachments_limit() - post.attachments.count())
    ids = [attachment.pk for attachment in attachments][:room]
    return PostAttachment.objects.filter(
        pk__in=ids,
        uploaded_by_id=uploader.pk if uploader is not None else post.author_id,
        post__isnull=True,
    ).update(post=post)


def attachments_detach(*, post: Post, ids: Iterable[int]) -> int:
    """Delete the attachments ``ids`` of ``post`` and their files (after the commit)."""
    removed = 0
    for attachment in post.attachments.filter(pk__in=list(ids)):
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        if name:
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        removed += 1
    return removed


def attachments_pending_purge(*, older_than: timedelta = PENDING_KEPT) -> int:
    """Forget the files chosen for a post that was never written (a preview abandoned, a tab
    closed) once they are ``older_than`` old; returns how many went."""
    stale = PostAttachment.objects.filter(
        post__isnull=True, created_at__lt=timezone.now() - older_than
    ).order_by("pk")
    count = 0
    for attachment in stale.iterator():
        with transaction.atomic():
            attachment_remove(attachment=attachment)
        count += 1
    return count
