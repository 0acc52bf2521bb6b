"""The site's URLconf with a stand-in for the answering page (``assessments:answer``, built on
another branch), so that invitation links reverse in these tests: the first ``assessments``
namespace listed wins both resolving and reversing."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from config import urls as site_urls


def answer_stand_in(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(f"answer page for {token}")


assessments_patterns = (
    [
        path("manage/", include("assessments.urls_invitations")),
        path("manage/", include("assessments.urls_review")),
        path("manage/", include("assessments.urls_analysis")),
        path("manage/", include("assessments.urls_exports")),  # the follow-up page links there
        path("a/<str:token>/", answer_stand_in, name="answer"),
    ],
    "assessments",
)

urlpatterns = [
    *i18n_patterns(
        path("assessments/", include(assessments_patterns)), prefix_default_language=True
    ),
    *site_urls.urlpatterns,
]
handler404 = site_urls.handler404
handler500 = site_urls.handler500
