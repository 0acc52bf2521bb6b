"""Take the files of proposals not approved yet out of public reach.

Until now every accepted file became a Wagtail document or image at once, with a public address.
For each attachment of a proposal that is not approved, copy that file into the private field,
then delete the public document or image (its file after the migration commits, so a failed
migration loses nothing). Approved proposals keep their published copies. Every row gets the
content type its file is served with.
"""

import mimetypes
import os

from django.core.files import File
from django.db import migrations, transaction

APPROVED = "approved"


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def files_make_private(apps, schema_editor) -> None:
    Attachment = apps.get_model("practice_submissions", "SubmissionAttachment")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    alias = schema_editor.connection.alias
    public_files = []  # (storage, name) to delete once the migration is committed
    attachments = Attachment.objects.using(alias).select_related("submission", "document", "image")
    for attachment in attachments.order_by("pk"):
        published = attachment.document or attachment.image
        if published is None or not published.file:
            continue
        attachment.content_type = attachment.content_type or _content_type(published.file.name)
        if attachment.submission.state == APPROVED or attachment.file:
            attachment.save(update_fields=["content_type"])
            continue
        with published.file.open("rb") as public:
            attachment.file.save(os.path.basename(published.file.name), File(public), save=False)
        attachment.document = None
        attachment.image = None
        attachment.save(update_fields=["file", "content_type", "document", "image"])
        public_files.append((published.file.storage, published.file.name))
        if attachment.kind == "image":
            for rendition in Rendition.objects.using(alias).filter(image=published):
                if rendition.file:
                    public_files.append((rendition.file.storage, rendition.file.name))
        published.delete()

    def delete_public_files() -> None:
        for storage, name in public_files:
            storage.delete(name)

    transaction.on_commit(delete_public_files, using=alias)


class Migration(migrations.Migration):
    dependencies = [
        ("practice_submissions", "0002_attachment_private_file"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(files_make_private, migrations.RunPython.noop, elidable=True),
    ]
