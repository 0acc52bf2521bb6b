from django.urls import include, path

app_name = "assessments"

urlpatterns = [
    # The back office: questionnaires, versions, approval, XLSForm (coordinators, researchers,
    # partners commenting).
    path("manage/", include("assessments.urls_editor")),
    path("manage/", include("assessments.urls_xlsform")),
    # Assessments, their invitations and the coordinator's follow-up.
    path("manage/", include("assessments.urls_invitations")),
    # The analysis of an assessment's answers, for its team.
    path("manage/", include("assessments.urls_analysis")),
    # The review of submitted answers.
    path("manage/", include("assessments.urls_review")),
    # Exports of answers (CSV, XLSX, SPSS, Stata), written by a worker.
    path("manage/", include("assessments.urls_exports")),
    # Answering by an invitation's link, and interviews.
    path("", include("assessments.urls_answer")),
]
