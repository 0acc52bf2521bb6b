"""Who may see which pages: the one visibility rule of the public site.

A visitor sees a page when it is live and no view restriction on the page or on one of its
ancestors (Wagtail's "Privacy" setting) holds them back:

- a login restriction holds back anonymous visitors only;
- a group restriction holds back everyone but superusers and members of one of its groups;
- a shared-password restriction holds back everyone in listings, feeds, search and the other
  outputs that show many pages; only on the page itself (its own address, and the actions
  taken from it with ``is_visible(..., request=...)``) does the password the visitor entered
  count, and Wagtail's own serve view asks for it there.

Every output of the site that lists or shows pages (home blocks, listings, feeds, sitemap,
site search, calendar files, event registration, the library, the practice directory and its
exports and API) asks this module, and only this module. Everything is answered in SQL: a
restriction is a correlated ``EXISTS`` over ``PageViewRestriction``, so a listing costs no
extra query and no Python loop over rows or restrictions. Outputs shared between visitors
(caches, feeds, the practice search snapshot) use the anonymous rule, ``user=None``.
"""

from collections.abc import Collection
from functools import cache
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.lookups import StartsWith
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

Visitor = AbstractBaseUser | AnonymousUser | None
P = TypeVar("P", bound=Page)


def _is_member(user: Visitor) -> bool:
    return user is not None and user.is_authenticated


def blocking_restrictions(
    *, user: Visitor = None, passed_passwords: Collection[int] = ()
) -> QuerySet[PageViewRestriction]:
    """The view restrictions that hold ``user`` back (anonymous when None). ``passed_passwords``
    are the ids of the password restrictions the visitor has entered on the page they act on."""
    passes = Q(restriction_type=PageViewRestriction.NONE)
    if passed_passwords:
        passes |= Q(restriction_type=PageViewRestriction.PASSWORD, pk__in=list(passed_passwords))
    if _is_member(user):
        passes |= Q(restriction_type=PageViewRestriction.LOGIN)
        if user.is_superuser:
            passes |= Q(restriction_type=PageViewRestriction.GROUPS)
        else:
            member_of = PageViewRestriction.groups.through.objects.filter(group__user=user)
            passes |= Q(
                restriction_type=PageViewRestriction.GROUPS,
                pk__in=member_of.values("pageviewrestriction_id"),
            )
    return PageViewRestriction.objects.exclude(passes)


def restricted_path_q(
    *, user: Visitor = None, prefix: str = "", passed_passwords: Collection[int] = ()
) -> Q:
    """Matches the rows whose page (reached through ``prefix``, e.g. ``"page__"`` from a table
    with a ``page`` foreign key) is on or below a view restriction that holds ``user`` back.
    Exclude it to keep what the visitor may see."""
    holding_back = blocking_restrictions(user=user, passed_passwords=passed_passwords).filter(
        StartsWith(OuterRef(f"{prefix}path"), F("page__path"))
    )
    return Q(Exists(holding_back))


def visible_q(
    *, user: Visitor = None, prefix: str = "", passed_passwords: Collection[int] = ()
) -> Q:
    """Matches the rows whose page (reached through ``prefix``) ``user`` may see: live and not
    held back by a view restriction."""
    return Q(**{f"{prefix}live": True}) & ~restricted_path_q(
        user=user, prefix=prefix, passed_passwords=passed_passwords
    )


def visible_id_q(*, field: str, user: Visitor = None) -> Q:
    """Matches the rows whose page id (the column ``field``, e.g. ``"page_id"``) is not one of the
    pages ``user`` may not see (``visible_q``). For large derived tables keyed by page (the
    practice search entries): the database reads the few hidden pages once per statement, as a
    hashed set, instead of joining every row to the page tree.

    The hidden pages are found from the few things that hide them rather than by testing every
    page: the unpublished pages (a partial index, migration network 0006) and the pages on or
    below each holding restriction (a range of tree paths read from the path index: a page's
    descendants are the paths that start with its own, which in the path's binary collation are
    those from the path itself up to the path followed by ``~``, above every path character)."""
    sql, params = _hidden_for_everyone() if not _is_member(user) else _hidden_sql(user)
    return ~Q(**{f"{field}__in": RawSQL(sql, params)})  # noqa: S611 (compiled by Django)


def _hidden_sql(user: Visitor) -> tuple[str, tuple]:
    """The statement listing the ids of the pages ``user`` may not see (``visible_id_q``)."""
    blocking_sql, blocking_params = (
        blocking_restrictions(user=user)
        .annotate(restricted_path=F("page__path"))
        .values("restricted_path")
        .query.sql_with_params()
    )
    page = Page._meta.db_table
    # Only table names and the SQL Django compiled are formatted in; parameters stay bound.
    sql = (
        f"SELECT p.id FROM {page} p WHERE NOT p.live"  # noqa: S608
        f" UNION ALL SELECT p.id FROM ({blocking_sql}) b JOIN {page} p"
        " ON p.path >= b.restricted_path AND p.path < b.restricted_path || '~'"
    )
    return sql, tuple(blocking_params)


@cache
def _hidden_for_everyone() -> tuple[str, tuple]:
    # The same text for every anonymous visitor: compiled once per process (the statement, not
    # what it reads, which the database answers afresh every time).
    return _hidden_sql(None)


def visible_pages(queryset: QuerySet[P], *, user: Visitor = None) -> QuerySet[P]:
    """The pages of ``queryset`` that ``user`` (anonymous when None) may see in a listing."""
    return queryset.filter(visible_q(user=user))


def request_passed_passwords(request: HttpRequest) -> list[int]:
    """The password restrictions the visitor entered during their session (Wagtail keeps them)."""
    session = getattr(request, "session", None)
    if session is None:
        return []
    return list(session.get(PageViewRestriction.passed_view_restrictions_session_key, []))


def pages_open_to(queryset: QuerySet[P], *, request: HttpRequest) -> QuerySet[P]:
    """The pages of ``queryset`` the visitor of ``request`` may open themselves: as in a listing
    for the request's user, and the shared passwords they entered count. For actions on one page
    (its calendar file, registering for it, downloading its document), never for listings."""
    return queryset.filter(
        visible_q(
            user=getattr(request, "user", None),
            passed_passwords=request_passed_passwords(request),
        )
    )


def is_visible(page: Page, *, user: Visitor = None, request: HttpRequest | None = None) -> bool:
    """Whether the visitor may see ``page`` (one query): ``user`` as in a listing, or, given
    ``request``, the visitor of the request acting on the page itself (``pages_open_to``)."""
    queryset = Page.objects.filter(pk=page.pk)
    if request is not None:
        return pages_open_to(queryset, request=request).exists()
    return visible_pages(queryset, user=user).exists()
