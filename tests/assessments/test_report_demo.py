"""The demo's report: published in the library in four languages with its figures (a chart by
country, a crosstab, the indigenous peoples' question), a quote given with consent, practice
cards and the methodology; a second seeding creates nothing."""

import io

import pytest
from pypdf import PdfReader

from assessments.demo import seed_assessments
from assessments.models import AssessmentReportPage
from assessments.report.demo import SLUG, seed_report
from base.demo import seed_site
from library.demo import seed_library
from network.demo import seed_network
from outreach.demo import seed_outreach
from practices.demo import seed_practices

pytestmark = pytest.mark.django_db


def _seed_all() -> str:
    for seed in (seed_network, seed_site, seed_outreach, seed_library, seed_practices):
        seed(stdout=io.StringIO())
    seed_assessments(stdout=io.StringIO())
    output = io.StringIO()
    seed_report(stdout=output)
    return output.getvalue()


def test_the_demo_report_is_published_in_four_languages_and_seeded_once(client):
    assert "4 page(s) created" in _seed_all()
    pages = AssessmentReportPage.objects.live().select_related("locale")
    assert sorted(page.locale.language_code for page in pages) == ["en", "es", "fr", "pt"]
    assert len({page.translation_key for page in pages}) == 1
    english = pages.get(slug=SLUG)
    html = client.get(english.url).content.decode()
    assert "Draft report" in html
    for key in ("has_local_plan", "data_available", "services", "indigenous_present"):
        assert f"-{key}-caption" in html, key
    assert "report__quote" in html
    assert 'class="cards"' in html
    assert "Methodology" in html
    # The PDF in each language the report exists in, with its own title.
    for page in pages:
        pdf = client.get(page.url + "pdf/").content
        assert pdf.startswith(b"%PDF"), page.locale.language_code
        text = "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages)
        assert page.title.split(":")[0] in text, page.locale.language_code
    output = io.StringIO()
    seed_report(stdout=output)
    assert "0 page(s) created" in output.getvalue()
