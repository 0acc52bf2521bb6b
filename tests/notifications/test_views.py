import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification, NotificationPreference
from notifications.selectors import NOTIFICATIONS_PER_PAGE
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/en/notifications/"


@pytest.fixture
def person_client(client, coordinator):
    client.force_login(coordinator)
    return client


# -- Permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url_name", "kwargs"),
    [
        ("get", "notifications:list", {}),
        ("get", "notifications:preferences", {}),
        ("post", "notifications:preferences", {}),
        ("post", "notifications:mark_all_read", {}),
        ("post", "notifications:mark_read", {"pk": 1}),
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, url_name, kwargs):
    url = reverse(url_name, kwargs=kwargs)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


def test_marking_someone_elses_notification_read_is_not_found(person_client):
    theirs = NotificationFactory()

    response = person_client.post(reverse("notifications:mark_read", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_post(person_client, coordinator):
    mine = NotificationFactory(recipient=coordinator)

    response = person_client.get(reverse("notifications:mark_read", args=[mine.pk]))

    assert response.status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


# -- List ---------------------------------------------------------------------------------------


def test_list_shows_only_my_notifications_with_unread_highlighted(person_client, coordinator):
    read = NotificationFactory(
        recipient=coordinator,
        context={"invitee_name": "Old Friend", "organisation_name": "Ciudad"},
        url="/en/people/old/",
    )
    read.read_at = read.created_at
    read.save()
    NotificationFactory(
        recipient=coordinator,
        kind="join_request_submitted",
        context={"authority_name": "Villa Nueva", "country": "GT", "contact_name": "Eva"},
        url="/en/requests/1/",
    )
    NotificationFactory(context={"invitee_name": "Not Mine", "organisation_name": "X"})

    response = person_client.get(LIST_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1>") == 1
    assert '<a href="/en/requests/1/">Villa Nueva (Guatemala) asks to join the network.</a>' in (
        content
    )
    assert "Old Friend accepted your invitation" in content
    assert "Not Mine" not in content
    # Only the unread one is highlighted and has its own "mark as read" button.
    assert content.count("notification--unread") == 1
    assert content.count("Mark as read<span") == 1


def test_list_is_newest_first_and_paginated(person_client, coordinator):
    for n in range(NOTIFICATIONS_PER_PAGE + 2):
        NotificationFactory(
            recipient=coordinator,
            context={"invitee_name": f"Invitee {n:02d}", "organisation_name": "C"},
        )

    first = person_client.get(LIST_URL).content.decode()
    second = person_client.get(LIST_URL + "?page=2").content.decode()
    beyond = person_client.get(LIST_URL + "?page=99")

    last = NOTIFICATIONS_PER_PAGE + 1
    assert first.index(f"Invitee {last:02d}") < first.index(f"Invitee {last - 1:02d}")
    assert "Invitee 00" not in first
    assert "Invitee 00" in second and "Invitee 01" in second
    assert "Page 2 of 2" in second
    assert beyond.status_code == 200


def test_empty_list_says_so(person_client):
    response = person_client.get(LIST_URL)

    assert "You have no notifications yet." in response.content.decode()


def _add_notifications(coordinator, size: int) -> None:
    NotificationFactory.create_batch(size - 2, recipient=coordinator)
    NotificationFactory.create_batch(
        2,
        recipient=coordinator,
        kind="join_request_submitted",
        context={"authority_name": "A", "country": "MX", "contact_name": "B"},
    )


def test_list_query_count_does_not_grow_with_notifications(
    person_client, coordinator, django_assert_num_queries
):
    _add_notifications(coordinator, 3)
    person_client.get(LIST_URL)  # warm the shared menu
    with CaptureQueriesContext(connection) as small:
        assert len(person_client.get(LIST_URL).context["page_obj"]) == 3
    _add_notifications(coordinator, 15)

    with django_assert_num_queries(len(small)) as large:
        response = person_client.get(LIST_URL)

    assert len(response.context["page_obj"]) == 18
    # Of which ours: the page count, the page itself and the unread badge in the header.
    ours = [
        query for query in large.captured_queries if "notifications_notification" in query["sql"]
    ]
    assert len(ours) == 3


def test_mark_one_read(person_client, coordinator):
    mine = NotificationFactory(recipient=coordinator)

    response = person_client.post(reverse("notifications:mark_read", args=[mine.pk]), {"page": "2"})

    assert response.status_code == 302
    assert response.url == LIST_URL + "?page=2"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_all_read(person_client, coordinator):
    NotificationFactory.create_batch(3, recipient=coordinator)
    theirs = NotificationFactory()

    response = person_client.post(reverse("notifications:mark_all_read"), follow=True)

    assert response.status_code == 200
    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=coordinator, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_unread_count_is_in_every_template_context_for_signed_in_people(
    person_client, client, coordinator
):
    NotificationFactory.create_batch(2, recipient=coordinator)
    NotificationFactory()

    response = person_client.get(LIST_URL)

    assert response.context["unread_notifications_count"] == 2
    person_client.post(reverse("notifications:mark_all_read"))
    assert person_client.get(LIST_URL).context["unread_notifications_count"] == 0


def test_no_unread_count_for_anonymous_visitors(client, coordinator):
    token_page = client.get("/en/notifications/unsubscribe/garbage/")

    assert "unread_notifications_count" not in token_page.context


def test_the_header_shows_the_unread_count(person_client, coordinator):
    NotificationFactory.create_batch(3, recipient=coordinator)

    content = person_client.get(reverse("notifications:preferences")).content.decode()

    assert '<span class="badge">3</span>' in content


# -- Preferences --------------------------------------------------------------------------------


def test_preferences_page_has_one_labelled_select_per_kind(person_client):
    response = person_client.get(reverse("notifications:preferences"))

    content = response.content.decode()
    assert response.status_code == 200
    for code, label in [
        ("join_request_submitted", "A local authority asks to join the network"),
        ("event_registration_confirmed", "Your registration for an event is confirmed"),
        ("invitation_accepted", "Someone you invited has joined"),
    ]:
        assert f'<label for="id_{code}">{label}:</label>' in content
        assert f'<select name="{code}"' in content
    assert '<option value="immediately" selected>' in content


def test_preferences_are_saved(person_client, coordinator):
    response = person_client.post(
        reverse("notifications:preferences"),
        {
            "join_request_submitted": "weekly",
            "event_registration_confirmed": "immediately",
            "invitation_accepted": "off",
        },
        follow=True,
    )

    assert "Your email preferences are saved." in response.content.decode()
    saved = dict(
        NotificationPreference.objects.filter(user=coordinator).values_list("kind", "frequency")
    )
    # Unchanged defaults are not stored, so later default changes still reach the person.
    assert saved == {"join_request_submitted": "weekly", "invitation_accepted": "off"}
    assert '<option value="weekly" selected>' in response.content.decode()


def test_a_kind_missing_from_the_form_keeps_its_stored_preference(person_client, coordinator):
    NotificationPreference.objects.create(
        user=coordinator, kind="invitation_accepted", frequency="daily"
    )

    person_client.post(
        reverse("notifications:preferences"), {"join_request_submitted": "weekly"}, follow=True
    )

    saved = dict(
        NotificationPreference.objects.filter(user=coordinator).values_list("kind", "frequency")
    )
    assert saved == {"join_request_submitted": "weekly", "invitation_accepted": "daily"}


def test_bad_preference_values_show_an_error_and_keep_the_other_choices(person_client, coordinator):
    response = person_client.post(
        reverse("notifications:preferences"),
        {
            "join_request_submitted": "hourly",
            "event_registration_confirmed": "daily",
            "invitation_accepted": "off",
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Select a valid choice." in content
    assert '<option value="daily" selected>' in content
    assert not NotificationPreference.objects.filter(user=coordinator).exists()


def test_a_newly_registered_kind_appears_on_the_preferences_page(person_client, kind_registry):
    kind_registry.kind_register(
        code="practice_published", label="A practice was published", default_frequency="weekly"
    )

    content = person_client.get(reverse("notifications:preferences")).content.decode()

    assert "A practice was published" in content
    assert '<select name="practice_published"' in content


def test_other_people_see_nothing_of_mine(client, coordinator):
    NotificationFactory(
        recipient=coordinator, context={"invitee_name": "Secret", "organisation_name": "X"}
    )
    client.force_login(UserFactory())

    assert "Secret" not in client.get(LIST_URL).content.decode()


def test_the_list_links_each_notification_in_the_viewers_language(
    person_client, coordinator, settings
):
    # Stored during an English visit; read on the Spanish site.
    NotificationFactory(
        recipient=coordinator,
        context={"invitee_name": "Ana", "organisation_name": "Quito"},
        url=f"{settings.SITE_URL}/en/network/invitations/",
    )
    html = person_client.get("/es/notifications/").content.decode()
    assert 'href="/es/network/invitations/"' in html
    assert "/en/network/invitations/" not in html
