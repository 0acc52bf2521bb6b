"""The CMS list exports with their cells made safe for spreadsheets (``network.spreadsheets``):
the listing our snippet viewsets use, and Wagtail's own reports and redirects list.

Wagtail registers these views itself, so they are replaced the way Django lets any URL be
replaced: ``config/urls.py`` puts the patterns below in front of ``/cms/``, at the same paths
and names, and the first match wins. Wagtail's links and ``reverse()`` lead to the same paths.
``tests/test_spreadsheets.py`` fails if Wagtail gains an export these patterns do not cover.
"""

from django.urls import include, path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .spreadsheets import SpreadsheetSafeExportMixin


class SafeSnippetIndexView(SpreadsheetSafeExportMixin, SnippetIndexView):
    """The listing of our snippet viewsets that export (``index_view_class``)."""


class SafeLockedPagesView(SpreadsheetSafeExportMixin, LockedPagesView):
    pass


class SafeWorkflowView(SpreadsheetSafeExportMixin, WorkflowView):
    pass


class SafeWorkflowTasksView(SpreadsheetSafeExportMixin, WorkflowTasksView):
    pass


class SafeLogEntriesView(SpreadsheetSafeExportMixin, LogEntriesView):
    pass


class SafeAgingPagesView(SpreadsheetSafeExportMixin, AgingPagesView):
    pass


class SafeRedirectIndexView(SpreadsheetSafeExportMixin, RedirectIndexView):
    pass


def _listing(route: str, view, name: str) -> list:
    """A listing and its results-only variant (which answers ``?export=`` too)."""
    return [
        path(f"{route}/", view.as_view(), name=name),
        path(f"{route}/results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


_reports = [
    *_listing("locked", SafeLockedPagesView, "locked_pages"),
    *_listing("workflow", SafeWorkflowView, "workflow"),
    *_listing("workflow_tasks", SafeWorkflowTasksView, "workflow_tasks"),
    *_listing("site-history", SafeLogEntriesView, "site_history"),
    *_listing("aging-pages", SafeAgingPagesView, "aging_pages"),
]
_redirects = [
    path("", SafeRedirectIndexView.as_view(), name="index"),
    path("results/", SafeRedirectIndexView.as_view(results_only=True), name="index_results"),
]

# Under the CMS prefix, in front of Wagtail's own URLs, behind the same admin access check as
# theirs. The namespaces are our own: the names Wagtail reverses stay those of its patterns,
# which have the same paths.
urlpatterns = decorate_urlpatterns(
    [
        path("reports/", include((_reports, "convive_reports"))),
        path("redirects/", include((_redirects, "convive_redirects"))),
    ],
    require_admin_access,
)
