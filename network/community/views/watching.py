"""Not built yet: each view answers 404 until its part of the forum lands."""

from django.http import Http404


def settings_page(request, **kwargs):
    raise Http404


def category_watch(request, **kwargs):
    raise Http404


def topic_watch(request, **kwargs):
    raise Http404
