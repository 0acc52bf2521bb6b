"""Inviting local authorities to an assessment and emailing them: one invitation per authority,
in the recipient's language, with a link that opens the answering page; sending twice sends
once; a renewed or revoked link stops working (assessments/services_invitations.py)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone, translation

from assessments import selectors, services_invitations
from assessments.models import Assessment, Invitation, InvitationEmail
from assessments.selectors_invitations import authority_language, invitation_language_default
from assessments.tokens import token_for
from notifications.models import EmailDelivery
from tests.assessments.invite_helpers import (
    URLCONF,
    assessment_make,
    authority_with_focal_point,
    invite,
    outbox_to,
    send_all,
)
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import coordinator, person  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]


def _date_in(day, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def _token_in(body: str) -> str:
    marker = "/assessments/a/"
    start = body.index(marker) + len(marker)
    return body[start : body.index("/", start)]


def test_one_invitation_per_authority_the_already_invited_are_skipped_and_counted(
    coordinator,  # noqa: F811
):
    assessment = assessment_make()
    first, second = LocalAuthorityFactory(), LocalAuthorityFactory()
    made = services_invitations.invitations_create(
        by=coordinator, assessment=assessment, authorities=[first, first]
    )
    assert len(made.created) == 1 and made.skipped == 0
    again = services_invitations.invitations_create(
        by=coordinator, assessment=assessment, authorities=[first, second]
    )
    assert [invitation.local_authority for invitation in again.created] == [second]
    assert again.skipped == 1
    assert Invitation.objects.filter(assessment=assessment).count() == 2
    invitation = Invitation.objects.get(local_authority=first)
    assert invitation.due_date == assessment.due_date
    assert len(invitation.token_hash) == 64 and invitation.token_nonce


def test_named_respondents_get_their_own_invitation_once(coordinator):  # noqa: F811
    assessment = assessment_make()
    authority = LocalAuthorityFactory()
    invite(coordinator, assessment, authority)
    named = services_invitations.invitation_respondent_add(
        by=coordinator,
        assessment=assessment,
        authority=authority,
        name="  Ana   Pérez ",
        email="Ana@City.example.org",
        language="pt",
    )
    assert (named.respondent_name, named.respondent_email) == ("Ana Pérez", "ana@city.example.org")
    with pytest.raises(ValidationError) as refused:
        services_invitations.invitation_respondent_add(
            by=coordinator,
            assessment=assessment,
            authority=authority,
            name="Ana",
            email="ana@city.example.org",
            language="pt",
        )
    assert "already invited" in str(refused.value)
    assert Invitation.objects.filter(assessment=assessment).count() == 2


def test_only_coordinators_with_their_second_factor_invite(coordinator):  # noqa: F811
    assessment = assessment_make()
    researcher = person("researcher")
    assessment.researchers.add(researcher)
    for who in (researcher, person("coordinator", mfa=False)):
        with pytest.raises(PermissionDenied):
            invite(who, assessment, LocalAuthorityFactory())
    assert not Invitation.objects.exists()


def test_a_closed_assessment_takes_no_more_invitations(coordinator):  # noqa: F811
    assessment = assessment_make(status=Assessment.Status.CLOSED)
    with pytest.raises(ValidationError):
        invite(coordinator, assessment, LocalAuthorityFactory())


@pytest.mark.parametrize(
    ("country", "region", "language"),
    [
        ("CO", "", "es"),
        ("MX", "", "es"),
        ("AR", "", "es"),
        ("BR", "", "pt"),
        ("HT", "", "fr"),
        ("CA", "Québec", "fr"),
        ("CA", "Ontario", "en"),
        ("JM", "", "en"),
        ("US", "", "en"),
    ],
)
def test_the_language_of_an_authority_is_its_countrys(country, region, language):
    authority = LocalAuthorityFactory(country=country, region=region)
    assert authority_language(authority=authority) == language
    assert invitation_language_default(authority=authority, focal_points=[]) == language


def test_the_focal_points_account_language_wins_over_the_countrys(coordinator):  # noqa: F811
    assessment = assessment_make()
    brazilian_speaking_french, _user = authority_with_focal_point(country="BR", language="fr")
    colombian, _user = authority_with_focal_point(country="CO", language="es")
    without_focal_point = LocalAuthorityFactory(country="BR")
    invite(coordinator, assessment, brazilian_speaking_french, colombian, without_focal_point)
    languages = dict(
        Invitation.objects.values_list("local_authority__country", "language").filter(
            local_authority=brazilian_speaking_french
        )
    )
    assert languages == {"BR": "fr"}
    assert Invitation.objects.get(local_authority=colombian).language == "es"
    assert Invitation.objects.get(local_authority=without_focal_point).language == "pt"


def test_the_invitation_email_speaks_spanish_to_a_spanish_speaking_authority_and_its_link_opens(
    client,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assessment = assessment_make()
    authority, focal = authority_with_focal_point(country="CO", language="es", name="Cúcuta")
    [invitation] = invite(coordinator, assessment, authority)
    mail.outbox.clear()

    send_all(assessment, django_capture_on_commit_callbacks)

    [email] = outbox_to(focal.email)
    due = _date_in(assessment.due_date, "es")
    assert email.subject == (
        f"«Necesidades de los gobiernos locales 2026»: se invita a Cúcuta a responder a más "
        f"tardar el {due}"
    )
    assert email.body.startswith("Hola:\n\nLa red invita a Cúcuta a responder la evaluación")
    assert f"Le pedimos responder a más tardar el {due}." in email.body
    token = _token_in(email.body)
    assert f"{settings.SITE_URL}/es/assessments/a/{token}/" in email.body
    assert email.extra_headers["Content-Language"] == "es"
    html = email.alternatives[0][0]
    assert '<html lang="es">' in html
    assert f"/es/assessments/a/{token}/" in html
    assert token == token_for(nonce=invitation.token_nonce)
    assert selectors.invitation_for_token(token=token) == invitation
    assert client.get(f"/es/assessments/a/{token}/").status_code == 200
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert InvitationEmail.objects.filter(
        invitation=invitation, kind=InvitationEmail.Kind.INVITATION, address=focal.email
    ).exists()


def test_a_named_respondent_is_emailed_in_their_language_without_an_account(
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assessment = assessment_make()
    authority, focal = authority_with_focal_point(country="CO", language="es")
    named = services_invitations.invitation_respondent_add(
        by=coordinator,
        assessment=assessment,
        authority=authority,
        name="Jean Baptiste",
        email="jean@mairie.example.org",
        language="fr",
    )
    mail.outbox.clear()
    send_all(assessment, django_capture_on_commit_callbacks)
    [email] = outbox_to("jean@mairie.example.org")
    assert "Besoins des autorités locales 2026" in email.subject
    assert email.subject == (
        "« Besoins des autorités locales 2026 » : "
        f"{authority.name} est invitée à répondre d\u2019ici le "
        f"{_date_in(assessment.due_date, 'fr')}"
    )
    assert (
        email.body.startswith("Bonjour Jean Baptiste,")
        and '<html lang="fr">' in email.alternatives[0][0]
    )
    assert f"/fr/assessments/a/{token_for(nonce=named.token_nonce)}/" in email.body
    assert outbox_to(focal.email) == []  # the focal point gets no copy of someone else's link


def test_sending_twice_sends_once_and_an_authority_without_focal_point_stays_not_sent(
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assessment = assessment_make()
    authority, focal = authority_with_focal_point()
    second = UserFactory()
    MembershipFactory(user=second, local_authority=authority, is_focal_point=True)
    MembershipFactory(local_authority=authority, is_focal_point=False)  # not emailed
    lonely = LocalAuthorityFactory()
    invite(coordinator, assessment, authority, lonely)
    mail.outbox.clear()

    send_all(assessment, django_capture_on_commit_callbacks)
    send_all(assessment, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = Invitation.objects.get(local_authority=authority)
        assert services_invitations.invitation_send(invitation_id=invitation.pk) == 0

    assert sorted(message.to[0] for message in mail.outbox) == sorted([focal.email, second.email])
    assert Invitation.objects.get(local_authority=lonely).sent_at is None


def test_nothing_is_emailed_while_the_assessment_is_being_prepared(
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assessment = assessment_make(status=Assessment.Status.PREPARING)
    authority, _focal = authority_with_focal_point()
    invite(coordinator, assessment, authority)
    mail.outbox.clear()
    send_all(assessment, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        services_invitations.invitations_send_request(by=coordinator, assessment=assessment)


def test_resending_uses_the_same_link_and_one_click_twice_sends_once(
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assessment = assessment_make()
    authority, focal = authority_with_focal_point(language="pt")
    [invitation] = invite(coordinator, assessment, authority)
    send_all(assessment, django_capture_on_commit_callbacks)
    invitation.refresh_from_db()
    first_link = _token_in(outbox_to(focal.email)[0].body)
    stamp = services_invitations.sent_stamp(invitation)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = services_invitations.invitation_resend(
            by=coordinator, invitation=invitation, stamp=stamp
        )
        again = services_invitations.invitation_resend(
            by=coordinator, invitation=invitation, stamp=stamp
        )
    assert (sent, again) == (1, 0)
    [email] = mail.outbox
    assert _token_in(email.body) == first_link
    assert "/pt/assessments/a/" in email.body
    assert EmailDelivery.objects.filter(to_address=focal.email).count() == 2


def test_a_new_link_replaces_the_old_one_which_stops_working(
    client,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assessment = assessment_make()
    authority, _focal = authority_with_focal_point(language="es")
    [invitation] = invite(coordinator, assessment, authority)
    send_all(assessment, django_capture_on_commit_callbacks)
    old_token = token_for(nonce=Invitation.objects.get(pk=invitation.pk).token_nonce)
    old_stamp = invitation.token_hash[:16]
    first_subject = mail.outbox[0].subject
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        renewed = services_invitations.invitation_link_renew(
            by=coordinator, invitation=invitation, stamp=old_stamp
        )
    assert renewed
    assert selectors.invitation_for_token(token=old_token) is None
    [email] = mail.outbox
    new_token = _token_in(email.body)
    assert new_token != old_token
    assert selectors.invitation_for_token(token=new_token).pk == invitation.pk
    assert "Necesidades de los gobiernos locales 2026" in email.subject
    assert email.subject != first_subject  # it says the link is new
    assert email.extra_headers["Content-Language"] == "es"
    # The confirmation page's stamp was the old link's: a second click renews nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert not services_invitations.invitation_link_renew(
            by=coordinator, invitation=invitation, stamp=old_stamp
        )
    assert selectors.invitation_for_token(token=new_token).pk == invitation.pk
    assert len(mail.outbox) == 1


def test_a_revoked_invitations_link_finds_nothing(coordinator):  # noqa: F811
    assessment = assessment_make()
    [invitation] = invite(coordinator, assessment, LocalAuthorityFactory())
    token = token_for(nonce=invitation.token_nonce)
    assert selectors.invitation_for_token(token=token) == invitation
    services_invitations.invitation_revoke(by=coordinator, invitation=invitation)
    assert selectors.invitation_for_token(token=token) is None
    assert selectors.invitation_for_token(token=token[:-1] + "A") is None
    with pytest.raises(ValidationError):
        services_invitations.invitation_resend(by=coordinator, invitation=invitation, stamp="")


def test_extending_moves_the_due_date_but_never_into_the_past(coordinator):  # noqa: F811
    assessment = assessment_make()
    [invitation] = invite(coordinator, assessment, LocalAuthorityFactory())
    later = timezone.localdate() + timedelta(days=60)
    services_invitations.invitation_extend(by=coordinator, invitation=invitation, due_date=later)
    assert Invitation.objects.get(pk=invitation.pk).due_date == later
    with pytest.raises(ValidationError):
        services_invitations.invitation_extend(
            by=coordinator,
            invitation=invitation,
            due_date=timezone.localdate() - timedelta(days=1),
        )


def test_moving_the_assessments_due_date_moves_the_invitations_not_extended_apart(
    coordinator,  # noqa: F811
):
    assessment = assessment_make()
    first, extended = invite(
        coordinator, assessment, LocalAuthorityFactory(), LocalAuthorityFactory()
    )
    own_date = timezone.localdate() + timedelta(days=90)
    services_invitations.invitation_extend(by=coordinator, invitation=extended, due_date=own_date)
    new_date = assessment.due_date + timedelta(days=10)
    services_invitations.assessment_save(
        by=coordinator,
        assessment=assessment,
        data=services_invitations.AssessmentData(
            title=assessment.title,
            slug=assessment.slug,
            version=assessment.version,
            due_date=new_date,
            reminder_max_count=2,
            reminder_interval_days=7,
            status=assessment.status,
        ),
    )
    assert Invitation.objects.get(pk=first.pk).due_date == new_date
    assert Invitation.objects.get(pk=extended.pk).due_date == own_date
