"""Not built yet: each view answers 404 until its part of the forum lands."""

from django.http import Http404


def search(request, **kwargs):
    raise Http404
