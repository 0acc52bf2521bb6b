"""Not built yet: each view answers 404 until its part of the forum lands."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404


def latest(request, **kwargs):
    raise Http404


def top(request, **kwargs):
    raise Http404


def unanswered(request, **kwargs):
    raise Http404


def category(request, **kwargs):
    raise Http404


def category_rss(request, **kwargs):
    raise Http404


def category_atom(request, **kwargs):
    raise Http404


def space(request, **kwargs):
    raise Http404


def topic(request, **kwargs):
    raise Http404


def topic_short(request, **kwargs):
    raise Http404


def post_permalink(request, **kwargs):
    raise Http404
