"""Not built yet: each view answers 404 until its part of the forum lands."""

from django.http import Http404


def people(request, **kwargs):
    raise Http404


def member(request, **kwargs):
    raise Http404
