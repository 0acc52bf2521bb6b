"""Not built yet: each view answers 404 until its part of the forum lands."""

from django.http import Http404


def post_flag(request, **kwargs):
    raise Http404


def queue(request, **kwargs):
    raise Http404


def log(request, **kwargs):
    raise Http404


def post_moderate(request, **kwargs):
    raise Http404


def topic_moderate(request, **kwargs):
    raise Http404


def member_discipline(request, **kwargs):
    raise Http404
