"""Writes of the resource library: store a file as a Wagtail document after checking it, and
publish a resource page. Used by the demo and by other parts that publish their own documents
(the needs-assessment report)."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from .models import ResourceLibraryPage, ResourcePage, ResourceTheme
from .validators import validate_library_file


def library_document_create(*, title: str, file_name: str, content: bytes):
    """A Wagtail document holding ``content``, checked first (type by content, size)."""
    upload = ContentFile(content, name=file_name)
    validate_library_file(upload, name=file_name)
    document = get_document_model()(title=title, file_size=len(content))
    document.file.save(file_name, upload, save=False)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def resource_publish(
    *,
    library: ResourceLibraryPage,
    title: str,
    slug: str,
    summary: str,
    resource_type: str,
    document_language: str,
    year: int,
    themes: list[str],
    document=None,
    publisher: str = "",
    publisher_organisation=None,
    external_url: str = "",
    is_illustrative: bool = False,
    user=None,
) -> ResourcePage:
    """Create and publish a resource under ``library`` (validated with full_clean, so a bad
    file, an unknown theme or a missing file-or-link raises ValidationError). When ``user`` is
    given, they need Wagtail's permission to publish there."""
    if user is not None:
        permissions = library.permissions_for_user(user)
        if not (permissions.can_add_subpage() and permissions.can_publish_subpage()):
            raise PermissionDenied(_("You may not publish resources in this library."))
    page = ResourcePage(
        title=title,
        slug=slug,
        summary=summary,
        resource_type=resource_type,
        document_language=document_language,
        year=year,
        document=document,
        publisher=publisher,
        publisher_organisation=publisher_organisation,
        external_url=external_url,
        is_illustrative=is_illustrative,
        locale=library.locale,
        owner=user,
    )
    page.themes = [ResourceTheme(code=code) for code in themes]
    # Page.save() runs full_clean(), so add_child validates the page (and its file) first. The
    # parent is read afresh: a stale copy would place the page with an outdated child count.
    Page.objects.get(pk=library.pk).add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return page
