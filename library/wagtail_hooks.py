"""The library's documents are served by Wagtail's document view only to visitors who may open
a resource that carries them (``selectors.document_hidden``)."""

from django.http import Http404, HttpRequest
from wagtail import hooks
from wagtail.documents.models import AbstractDocument

from .selectors import document_hidden


@hooks.register("before_serve_document")
def library_document_visibility(document: AbstractDocument, request: HttpRequest) -> None:
    if document_hidden(document=document, request=request):
        raise Http404
