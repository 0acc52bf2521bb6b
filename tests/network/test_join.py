import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from network.models import Invitation, JoinRequest, LocalAuthority
from network.services import join_request_approve, join_request_decline
from notifications.models import EmailDelivery, Notification
from tests.factories import JoinRequestFactory, LocalAuthorityFactory

from .conftest import person, sign_in

pytestmark = pytest.mark.django_db

JOIN_URL = "/en/network/join/"

FORM = {
    "authority_name": "Arica",
    "level": "municipality",
    "country": "CL",
    "region": "Arica y Parinacota",
    "population_band": "50k-250k",
    "website": "https://www.muniarica.cl",
    "contact_name": "Valentina Soto",
    "contact_email": "Valentina.Soto@Arica.example.org",
    "contact_position": "Head of social development",
    "preferred_language": "es",
    "message": "We want to learn from other border cities.",
}


def list_url():
    return reverse("wagtailsnippets_network_joinrequest:list")


def approve_url(join_request):
    return reverse("wagtailsnippets_network_joinrequest:approve", args=[join_request.pk])


def decline_url(join_request):
    return reverse("wagtailsnippets_network_joinrequest:decline", args=[join_request.pk])


def test_join_page_is_public_and_labels_every_field(client):
    response = client.get(JOIN_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for field in FORM:
        assert f'for="id_{field}"' in html


def test_applying_stores_the_request_and_notifies_coordinators(
    client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN_URL, FORM)
    assert response.status_code == 302
    assert response["Location"] == "/en/network/join/thanks/"
    request = JoinRequest.objects.get()
    assert request.status == JoinRequest.Status.PENDING
    assert request.contact_email == "valentina.soto@arica.example.org"
    notification = Notification.objects.get(recipient=coordinator)
    assert notification.kind == "join_request_submitted"
    assert notification.context["authority_name"] == "Arica"
    assert notification.context["request_id"] == request.pk
    assert f"/cms/snippets/network/joinrequest/inspect/{request.pk}/" in notification.url
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [coordinator.email, "valentina.soto@arica.example.org"]
    )


def test_the_applicant_is_told_the_request_arrived_and_what_happens_next(
    client, coordinator, django_capture_on_commit_callbacks, settings
):
    settings.JOIN_REQUEST_REVIEW_DAYS = 7
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(JOIN_URL, FORM)
    # Written to the outbox with the request, sent by a worker once the request is stored.
    assert mail.outbox == []
    delivery = EmailDelivery.objects.get(to_address="valentina.soto@arica.example.org")
    assert delivery.language == "es"
    for callback in callbacks:
        callback()
    (message,) = [m for m in mail.outbox if m.to == ["valentina.soto@arica.example.org"]]
    assert message.extra_headers["Content-Language"] == "es"
    assert "Arica" in message.subject
    assert "Valentina Soto" in message.body
    assert "7" in message.body
    # The only link is the home page in the language of the form, on the served address.
    assert re.findall(r"https?://\S+", message.body) == [f"{settings.SITE_URL}/es/"]
    # The coordinators are still told.
    assert Notification.objects.get(recipient=coordinator).kind == "join_request_submitted"


def test_invalid_application_keeps_what_was_typed(client):
    data = {**FORM, "contact_email": "not-an-email", "country": ""}
    response = client.post(JOIN_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="Valentina Soto"' in html
    assert "We want to learn from other border cities." in html
    assert not JoinRequest.objects.exists()


def test_approving_makes_a_member_and_invites_the_contact_in_their_language(
    coordinator, django_capture_on_commit_callbacks
):
    request = JoinRequestFactory(
        authority_name="Arica", country="CL", preferred_language="es", contact_email="v@a.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation = join_request_approve(join_request=request, by=coordinator)
    request.refresh_from_db()
    authority = request.local_authority
    assert request.status == JoinRequest.Status.APPROVED
    assert request.decided_by == coordinator and request.decided_at
    assert authority.name == "Arica" and authority.is_member and authority.joined_at
    assert invitation.email == "v@a.org"
    assert invitation.make_focal_point and invitation.role == "official"
    assert invitation.local_authority == authority
    (message,) = mail.outbox
    assert message.to == ["v@a.org"]
    html = message.alternatives[0][0]
    assert '<html lang="es">' in html
    # The link opens the Spanish site.
    assert "/es/network/invitations/accept/" in message.body


def test_approving_links_an_existing_authority_of_the_same_name(coordinator, mailoutbox):
    existing = LocalAuthorityFactory(name="Huaquillas", country="EC", is_member=False)
    request = JoinRequestFactory(authority_name="huaquillas ", country="EC")
    join_request_approve(join_request=request, by=coordinator)
    existing.refresh_from_db()
    assert existing.is_member
    assert LocalAuthority.objects.count() == 1


def test_declining_needs_a_reason_and_emails_it(coordinator, django_capture_on_commit_callbacks):
    request = JoinRequestFactory(preferred_language="fr")
    with pytest.raises(Exception, match="reason"):
        join_request_decline(join_request=request, by=coordinator, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        join_request_decline(join_request=request, by=coordinator, reason="Not in the Americas.")
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.DECLINED
    assert request.decision_reason == "Not in the Americas."
    (message,) = mail.outbox
    assert "Not in the Americas." in message.body
    assert '<html lang="fr">' in message.alternatives[0][0]
    assert not Invitation.objects.exists()


# --- Wagtail admin ---------------------------------------------------------------------------
def test_coordinator_lists_and_filters_join_requests_in_the_admin(client, coordinator):
    JoinRequestFactory(authority_name="Pending Town")
    JoinRequestFactory(authority_name="Declined Town", status="declined")
    sign_in(client, coordinator)
    response = client.get(list_url(), {"status": "pending"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pending Town" in html
    assert "Declined Town" not in html
    assert "Approve" in html and "Decline" in html


def test_coordinator_approves_in_the_admin(client, coordinator, django_capture_on_commit_callbacks):
    request = JoinRequestFactory(authority_name="Pacaraima", country="BR")
    sign_in(client, coordinator)
    assert client.get(approve_url(request)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(request), {"authority": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"
    assert request.local_authority.is_member
    assert len(mail.outbox) == 1


def test_declining_in_the_admin_without_a_reason_shows_an_error(client, coordinator):
    request = JoinRequestFactory()
    sign_in(client, coordinator)
    response = client.post(decline_url(request), {"reason": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_coordinator_declines_in_the_admin(client, coordinator, mailoutbox):
    request = JoinRequestFactory()
    sign_in(client, coordinator)
    response = client.post(decline_url(request), {"reason": "Please apply through your province."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined"


def test_a_decided_request_cannot_be_approved_again(client, coordinator):
    request = JoinRequestFactory(status="declined")
    sign_in(client, coordinator)
    response = client.post(approve_url(request), {"authority": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined"


def test_coordinator_without_two_factor_is_sent_to_set_it_up(client, coordinator_without_mfa):
    request = JoinRequestFactory()
    client.force_login(coordinator_without_mfa)
    for url in (list_url(), approve_url(request)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/2fa/totp/activate/" in response["Location"]
    response = client.post(approve_url(request), {"authority": ""}, follow=True)
    assert "Set up two-factor authentication to act as a coordinator." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_non_coordinators_cannot_approve(client):
    request = JoinRequestFactory()
    moderator = person("moderator")  # may enter the CMS, but not review join requests
    moderator.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    response = client.post(approve_url(request), {"authority": ""})
    # Wagtail turns a refusal inside its admin into a redirect to the dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/cms/")
    request.refresh_from_db()
    assert request.status == "pending"
