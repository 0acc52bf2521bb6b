"""Go-live and expiry dates set in the CMS take effect: beat runs Wagtail's publish_scheduled
every minute through a Celery task."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from outreach import tasks
from outreach.models import StandardPage

from . import builders

pytestmark = pytest.mark.django_db


def _scheduled(home, *, slug: str, go_live_in: datetime.timedelta) -> StandardPage:
    """A page an editor published with a go-live date: it waits, not live."""
    page = builders.standard_page(home, slug=slug, title=slug.title())
    page.unpublish()
    page.refresh_from_db()
    page.go_live_at = timezone.now() + go_live_in
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def _expiring(home, *, slug: str, expires_in: datetime.timedelta) -> StandardPage:
    """A live page an editor gave an expiry date."""
    page = builders.standard_page(home, slug=slug, title=slug.title())
    page.expire_at = timezone.now() + expires_in
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    return page


def _run_at(moment: datetime.datetime) -> None:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        tasks.publish_scheduled.delay()


def test_pages_go_live_and_expire_when_the_task_runs(client, home):
    going_live = _scheduled(home, slug="launch", go_live_in=datetime.timedelta(minutes=30))
    later = _scheduled(home, slug="next-year", go_live_in=datetime.timedelta(days=365))
    expiring = _expiring(home, slug="call-for-cities", expires_in=datetime.timedelta(minutes=30))
    staying = _expiring(home, slug="standing", expires_in=datetime.timedelta(days=365))
    expiring_url = expiring.url
    assert client.get(expiring_url).status_code == 200

    _run_at(timezone.now() + datetime.timedelta(hours=1))

    for page in (going_live, later, expiring, staying):
        page.refresh_from_db()
    assert going_live.live is True
    assert expiring.live is False
    assert expiring.expired is True
    assert later.live is False
    assert staying.live is True and staying.expired is False
    assert client.get(going_live.url).status_code == 200
    assert client.get(staying.url).status_code == 200
    assert client.get(expiring_url).status_code == 404

    # Running again a minute later changes nothing.
    _run_at(timezone.now() + datetime.timedelta(hours=1, minutes=1))
    going_live.refresh_from_db()
    expiring.refresh_from_db()
    assert (going_live.live, expiring.live) == (True, False)


def test_beat_runs_it_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["outreach-publish-scheduled"]
    assert entry["task"] == tasks.publish_scheduled.name
    assert len(entry["schedule"].minute) == 60
    assert len(entry["schedule"].hour) == 24
