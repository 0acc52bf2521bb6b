"""The e-discussions' addresses, under /<language>/community/e/, in the forum's namespace
(``community:ediscussion...``). Each part adds its block."""

from django.urls import path

from .views import dashboard, facilitator, imports, pages, reminders, summary

urlpatterns: list = [
    # -- Facilitator's editor (views/facilitator.py) -----------------------------------------
    # Before the pages' "<slug>/", which would take "new" for a slug (services.RESERVED_SLUGS).
    path("new/", facilitator.create, name="ediscussion_create"),
    path("<slug:slug>/edit/", facilitator.editor, name="ediscussion_editor"),
    path("<slug:slug>/edit/settings/", facilitator.settings_edit, name="ediscussion_settings"),
    path("<slug:slug>/edit/schedule/", facilitator.schedule, name="ediscussion_schedule"),
    path("<slug:slug>/edit/weeks/new/", facilitator.week_add, name="ediscussion_week_add"),
    path("<slug:slug>/edit/weeks/<int:number>/", facilitator.week_edit, name="ediscussion_week"),
    path(
        "<slug:slug>/edit/weeks/<int:week_number>/questions/new/",
        facilitator.question_add,
        name="ediscussion_question_add",
    ),
    path(
        "<slug:slug>/edit/questions/<int:number>/",
        facilitator.question_edit,
        name="ediscussion_question_edit",
    ),
    path("<slug:slug>/edit/people/", facilitator.people, name="ediscussion_people"),
    # -- Pages (views/pages.py) --------------------------------------------------------------
    path("", pages.ediscussion_list, name="ediscussion_list"),
    path("<slug:slug>/", pages.home, name="ediscussion"),
    path("<slug:slug>/concept-note/", pages.concept_note, name="ediscussion_concept_note"),
    path("<slug:slug>/join/", pages.join, name="ediscussion_join"),
    path("<slug:slug>/q/<int:number>/", pages.question, name="ediscussion_question"),
    path("<slug:slug>/participants/", pages.participants, name="ediscussion_participants"),
    # -- Dashboard, tray and exports (views/dashboard.py) ------------------------------------
    path("<slug:slug>/dashboard/", dashboard.dashboard, name="ediscussion_dashboard"),
    path("<slug:slug>/tray/", dashboard.tray, name="ediscussion_tray"),
    path(
        "<slug:slug>/contributions/<int:post_id>/assign/",
        dashboard.contribution_assign,
        name="ediscussion_assign",
    ),
    path(
        "<slug:slug>/contributions/<int:post_id>/split/",
        dashboard.contribution_split,
        name="ediscussion_split",
    ),
    path(
        "<slug:slug>/export/contributions.csv",
        dashboard.export_csv,
        name="ediscussion_export_csv",
    ),
    path(
        "<slug:slug>/export/contributions.xlsx",
        dashboard.export_xlsx,
        name="ediscussion_export_xlsx",
    ),
    path("<slug:slug>/export/document/", dashboard.document, name="ediscussion_document"),
    path(
        "<slug:slug>/export/document.pdf",
        dashboard.document_pdf,
        name="ediscussion_document_pdf",
    ),
    # -- Summary (views/summary.py) ----------------------------------------------------------
    path("<slug:slug>/summary/", summary.public, name="ediscussion_summary"),
    path("<slug:slug>/summary/manage/", summary.manage, name="ediscussion_summary_manage"),
    path("<slug:slug>/summary/generate/", summary.generate, name="ediscussion_summary_generate"),
    path("<slug:slug>/summary/edit/", summary.edit, name="ediscussion_summary_edit"),
    path(
        "<slug:slug>/summary/edit/<str:language>/",
        summary.edit,
        name="ediscussion_summary_translation",
    ),
    path("<slug:slug>/summary/share/", summary.share, name="ediscussion_summary_share"),
    path("<slug:slug>/summary/publish/", summary.publish, name="ediscussion_summary_publish"),
    path("<slug:slug>/summary/endorse/", summary.endorse, name="ediscussion_summary_endorse"),
    # -- Reminders (views/reminders.py) -------------------------------------------------------
    path(
        "<slug:slug>/weeks/<int:number>/remind/",
        reminders.week_remind,
        name="ediscussion_week_remind",
    ),
    # -- Archive import (views/imports.py) ---------------------------------------------------
    # Two segments, so that no e-discussion's own address ("<slug>/") takes them.
    path("archives/import/", imports.import_new, name="ediscussion_import"),
    path(
        "archives/import/<int:import_id>/",
        imports.import_report,
        name="ediscussion_import_report",
    ),
]
