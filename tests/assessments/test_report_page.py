"""The report page: its figures are the dashboard's as readers outside the team see them,
small counts are protected, quotes need consent and never name the authority, figures link to
practices sharing a taxonomy code, and the page is public once published (drafts are not)."""

import pytest

from tests.assessments.report_helpers import report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return report_world()


def test_the_published_report_is_public(client, world):
    response = client.get(world.page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft report: needs of local authorities" in html
    assert "Office for migrants?" in html
