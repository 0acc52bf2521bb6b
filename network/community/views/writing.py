"""Not built yet: each view answers 404 until its part of the forum lands."""

from django.http import Http404


def topic_new(request, **kwargs):
    raise Http404


def reply(request, **kwargs):
    raise Http404


def post_edit(request, **kwargs):
    raise Http404


def post_delete(request, **kwargs):
    raise Http404


def post_revisions(request, **kwargs):
    raise Http404


def post_helpful(request, **kwargs):
    raise Http404


def solution_mark(request, **kwargs):
    raise Http404


def attachment(request, **kwargs):
    raise Http404
