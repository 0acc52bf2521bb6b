"""The needs assessment's report and its analysis dashboard in Chromium on a phone screen: the
demo's report in its four languages (as a visitor) and the dashboard with its protected preview
(as the demo researcher) have no axe-core violation of any rule and never scroll sideways. The
same pages are in tests/crawl.py, which the every-page checks visit too."""

import pytest
from django.urls import reverse

from assessments.models import AssessmentReportPage
from assessments.report.demo import SLUG
from network.demo import DEMO_DOMAIN
from network.models import User
from tests import crawl

from .sessions import sign_in
from .test_every_page import PHONE, _problems

pytestmark = pytest.mark.browser


def test_the_report_and_the_dashboard_are_accessible_and_fit_a_phone(
    page, live_server, migrated_site
):
    crawl.demo_seed()
    page.set_viewport_size(PHONE)
    english = AssessmentReportPage.objects.get(slug=SLUG)
    reports = [
        crawl.CrawledPage(report.url)
        for report in AssessmentReportPage.objects.filter(translation_key=english.translation_key)
    ]
    assert len(reports) == 4
    problems = _problems(page, reports)
    sign_in(page, User.objects.get(email=f"researcher@{DEMO_DOMAIN}"), live_server)
    dashboard = reverse("assessments:assessment_analysis", args=[crawl.NEEDS_ASSESSMENT])
    problems += _problems(
        page,
        [
            crawl.CrawledPage(dashboard),
            crawl.CrawledPage(f"{dashboard}?by=country&protected=on"),
            crawl.CrawledPage(f"{dashboard}?by=level&section=groups_needs&protected=on"),
        ],
    )
    assert problems == [], "\n".join(problems)
