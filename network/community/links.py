"""Addresses of forum posts made without a ``reverse()`` per post: a page of 20 posts, or a
draft quoting 2,000 contributions, reverses the permalink once in the active language and
writes it for each post."""

from collections.abc import Callable

from django.urls import reverse

# The permalink is reversed with this number (the address holds it once, and nothing else in
# it can contain it), then written with each post's.
_ANY_POST = 987654321


def post_path_maker(*, absolute: Callable[[str], str] | None = None) -> Callable[[int], str]:
    """A function giving the address of a post's permalink (``community:post``) in the active
    language, for any post id: its path, or what ``absolute`` makes of the path (e.g.
    ``request.build_absolute_uri``)."""
    path = reverse("community:post", kwargs={"post_id": _ANY_POST})
    before, _mark, after = (absolute(path) if absolute else path).rpartition(str(_ANY_POST))
    return lambda post_id: f"{before}{post_id}{after}"
