"""Not built yet: each view answers 404 until its part of the forum lands."""

from django.http import Http404


def how_to(request, **kwargs):
    raise Http404
