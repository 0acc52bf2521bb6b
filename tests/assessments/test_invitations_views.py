"""The assessments' back office as coordinators and researchers use it: who may open what, the
assessment form, inviting, the follow-up page (states by country, filters, actions) in a
constant number of queries, and its CSV export with formulas neutralised
(assessments/views_invitations.py)."""

import csv
import io
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import selectors, services_invitations
from assessments.models import Assessment, Invitation, QuestionnaireVersion, Response
from assessments.tokens import token_for
from tests.assessments.invite_helpers import (
    URLCONF,
    assessment_make,
    authority_with_focal_point,
    invite,
    published_version,
    response_for,
)
from tests.factories import LocalAuthorityFactory
from tests.network.conftest import coordinator, person, sign_in  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]


@pytest.fixture
def assessment():
    return assessment_make()


def _url(name: str, assessment=None, **kwargs) -> str:
    if assessment is not None:
        kwargs["slug"] = assessment.slug
    return reverse(f"assessments:{name}", kwargs=kwargs)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# -- Who may open the follow-up page ---------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, assessment):
    response = client.get(_url("assessment_follow", assessment))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_members_are_refused(client, assessment):
    client.force_login(person("member"))
    for name in ("assessment_follow", "assessment_export", "assessment_edit", "assessment_invite"):
        assert client.get(_url(name, assessment)).status_code == 403
    assert client.get(_url("assessment_list")).status_code == 403


def test_a_coordinator_without_the_second_factor_in_the_session_is_asked_for_it(
    client,
    assessment,
    coordinator,  # noqa: F811
):
    client.force_login(coordinator)  # a password alone
    url = _url("assessment_follow", assessment)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_reauthenticate')}?{urlencode({'next': url})}"
    without = person("coordinator", mfa=False)
    client.force_login(without)
    response = client.get(url)
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_the_assessments_researchers_follow_it_others_do_not_and_neither_manage(client, assessment):
    mine, other = person("researcher"), person("researcher")
    assessment.researchers.add(mine)
    Invitation.objects.create(
        assessment=assessment,
        local_authority=LocalAuthorityFactory(name="Tumbes"),
        token_nonce="n",
        token_hash="h" * 64,
        due_date=assessment.due_date,
    )
    assessment_make(slug="other-one").researchers.add(other)
    client.force_login(mine)
    page = client.get(_url("assessment_follow", assessment))
    assert page.status_code == 200
    assert "Tumbes" in page.content.decode()
    assert "/resend/" not in page.content.decode() and "/revoke/" not in page.content.decode()
    assert client.get(_url("assessment_export", assessment)).status_code == 200
    assert client.get(_url("assessment_edit", assessment)).status_code == 403
    listing = client.get(_url("assessment_list")).content.decode()
    assert _url("assessment_follow", assessment) in listing
    assert "/other-one/" not in listing
    client.force_login(other)
    assert client.get(_url("assessment_follow", assessment)).status_code == 403
    assert client.get(_url("assessment_export", assessment)).status_code == 403
    listing = client.get(_url("assessment_list")).content.decode()
    assert _url("assessment_follow", assessment) not in listing and "/other-one/" in listing


def test_an_unknown_assessment_is_not_found(client, coordinator):  # noqa: F811
    sign_in(client, coordinator)
    assert client.get(_url("assessment_follow", slug="nothing-here")).status_code == 404


# -- Creating and editing --------------------------------------------------------------------------


def _form_data(version, **changes) -> dict:
    data = {
        "title_en": "Needs 2027",
        "title_es": "Necesidades 2027",
        "title_pt": "",
        "title_fr": "",
        "slug": "needs-2027",
        "version": version.pk,
        "due_date": (timezone.localdate() + timedelta(days=40)).isoformat(),
        "reminder_max_count": "3",
        "reminder_interval_days": "7",
        "status": Assessment.Status.PREPARING,
    }
    data.update(changes)
    return data


def test_a_coordinator_creates_an_assessment_with_a_published_version_and_researchers(
    client,
    coordinator,  # noqa: F811
):
    version = published_version("needs-2027")
    draft = QuestionnaireVersion.objects.create(
        questionnaire=version.questionnaire, number=9, status=QuestionnaireVersion.Status.DRAFT
    )
    researcher = person("researcher", first_name="Rosa")
    sign_in(client, coordinator)
    page = client.get(_url("assessment_create")).content.decode()
    assert "Only published versions can be chosen" in page
    assert f'<option value="{version.pk}"' in page
    assert f'<option value="{draft.pk}"' not in page

    refused = client.post(_url("assessment_create"), _form_data(draft, title_en="Kept"))
    assert refused.status_code == 200 and 'value="Kept"' in refused.content.decode()
    assert not Assessment.objects.exists()

    response = client.post(
        _url("assessment_create"), _form_data(version, researchers=[researcher.pk])
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == _url("assessment_follow", assessment)
    assert assessment.title == {"en": "Needs 2027", "es": "Necesidades 2027"}
    assert list(assessment.researchers.all()) == [researcher]
    assert assessment.created_by == coordinator

    member = person("member")
    response = client.post(
        _url("assessment_edit", assessment),
        _form_data(version, status=Assessment.Status.OPEN, researchers=[member.pk]),
    )
    assert response.status_code == 200  # a member is not offered, nor taken
    response = client.post(
        _url("assessment_edit", assessment), _form_data(version, status=Assessment.Status.OPEN)
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.OPEN


def test_the_form_refuses_a_title_in_no_language_and_a_taken_slug(client, coordinator):  # noqa: F811
    assessment_make(slug="taken")
    version = published_version("x")
    sign_in(client, coordinator)
    page = client.post(
        _url("assessment_create"), _form_data(version, title_en="", title_es="", slug="taken")
    ).content.decode()
    assert "at least one language" in page and "Another assessment has this address" in page
    page = client.post(_url("assessment_create"), _form_data(version, slug="new")).content.decode()
    assert "Another assessment has this address" in page


# -- Inviting --------------------------------------------------------------------------------------


def test_inviting_countries_and_authorities_says_how_many_were_already_invited(
    client,
    assessment,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    peru_one, peru_focal = authority_with_focal_point(country="PE", language="es")
    peru_two = LocalAuthorityFactory(country="PE")
    LocalAuthorityFactory(country="PE", is_member=False, joined_at=None)  # an applicant
    brazil, _ = authority_with_focal_point(country="BR")
    invite(coordinator, assessment, peru_two)
    sign_in(client, coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("assessment_invite", assessment),
            {"countries": ["PE"], "authorities": [brazil.pk], "send_now": "on"},
        )
    assert response["Location"] == _url("assessment_follow", assessment)
    done = _messages(response)
    assert "2 authorities invited. 1 was already invited and was left as it was." in done
    # The one invited earlier and not sent goes too: every unsent invitation is sent.
    assert "3 invitations are on their way." in done
    assert Invitation.objects.filter(assessment=assessment).count() == 3
    assert [message.to for message in mail.outbox if message.to == [peru_focal.email]]
    assert Invitation.objects.get(local_authority=peru_one).sent_at is not None


def test_inviting_nothing_says_so_and_a_named_respondent_is_added(
    client,
    assessment,
    coordinator,  # noqa: F811
):
    authority = LocalAuthorityFactory()
    sign_in(client, coordinator)
    page = client.post(_url("assessment_invite", assessment), {}).content.decode()
    assert "Choose at least one country or one authority." in page
    response = client.post(
        _url("assessment_respondent_add", assessment),
        {"authority": authority.pk, "name": "Ana", "email": "ana@x.example.org", "language": "es"},
    )
    assert response.status_code == 302
    again = client.post(
        _url("assessment_respondent_add", assessment),
        {"authority": authority.pk, "name": "Ana", "email": "ANA@x.example.org", "language": "es"},
    )
    assert again.status_code == 200
    assert "already invited for this authority" in again.content.decode()
    assert 'value="Ana"' in again.content.decode()


# -- The follow-up page and its actions ------------------------------------------------------------


def _grow(coordinator, assessment, count: int, start: int) -> None:  # noqa: F811
    for index in range(start, start + count):
        authority, _ = authority_with_focal_point(country=("CO", "PE", "BR")[index % 3])
        [invitation] = invite(coordinator, assessment, authority)
        services_invitations.invitation_send(invitation_id=invitation.pk)
        if index % 2:
            response_for(invitation, data={"q": index})


def test_the_follow_up_page_costs_the_same_queries_for_3_and_for_12_invitations(
    client,
    assessment,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    url = _url("assessment_follow", assessment)
    with django_capture_on_commit_callbacks(execute=False):
        _grow(coordinator, assessment, 3, 0)
    sign_in(client, coordinator)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=False):
        _grow(coordinator, assessment, 9, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count('<tr><th scope="row">') >= 3
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_page_shows_states_by_country_and_filters_without_javascript(
    client,
    assessment,
    coordinator,  # noqa: F811
):
    colombia, _ = authority_with_focal_point(country="CO", name="Cúcuta")
    peru, _ = authority_with_focal_point(country="PE", name="Tacna")
    invite(coordinator, assessment, colombia, peru)
    services_invitations.invitation_send(
        invitation_id=Invitation.objects.get(local_authority=peru).pk
    )
    sign_in(client, coordinator)
    page = client.get(_url("assessment_follow", assessment)).content.decode()
    assert "Cúcuta" in page and "Tacna" in page and "Not sent" in page
    filtered = client.get(
        _url("assessment_follow", assessment), {"country": "PE", "state": "sent"}
    ).content.decode()
    assert "Tacna" in filtered and "Cúcuta" not in filtered
    assert "1 invitation shown." in filtered
    nonsense = client.get(
        _url("assessment_follow", assessment), {"country": "PE", "state": "<script>"}
    )
    assert nonsense.status_code == 200
    assert "1 invitation shown." in nonsense.content.decode()  # the country still applies


def test_resend_extend_new_link_and_revoke_from_the_page(
    client,
    assessment,
    coordinator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    authority, _focal = authority_with_focal_point(country="CO", language="es")
    [invitation] = invite(coordinator, assessment, authority)
    with django_capture_on_commit_callbacks(execute=True):
        services_invitations.invitation_send(invitation_id=invitation.pk)
    invitation.refresh_from_db()
    sign_in(client, coordinator)
    mail.outbox.clear()
    stamp = services_invitations.sent_stamp(invitation)
    assert f'value="{stamp}"' in client.get(_url("assessment_follow", assessment)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            _url("invitation_resend", assessment, pk=invitation.pk), {"stamp": stamp}
        )
        second = client.post(
            _url("invitation_resend", assessment, pk=invitation.pk), {"stamp": stamp}
        )
    assert len(mail.outbox) == 1
    assert "sent again, with the same link" in _messages(first)[-1]
    assert "nothing more was sent" in _messages(second)[-1]

    later = timezone.localdate() + timedelta(days=90)
    client.post(_url("invitation_extend", assessment, pk=invitation.pk), {"due_date": later})
    assert Invitation.objects.get(pk=invitation.pk).due_date == later
    bad = client.post(_url("invitation_extend", assessment, pk=invitation.pk), {"due_date": "soon"})
    assert bad.status_code == 302 and "as a date" in _messages(bad)[-1]

    old_token = token_for(nonce=invitation.token_nonce)
    confirm = client.get(_url("invitation_new_link", assessment, pk=invitation.pk))
    assert confirm.status_code == 200 and "stops working at once" in confirm.content.decode()
    stamp = Invitation.objects.get(pk=invitation.pk).token_hash[:16]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("invitation_new_link", assessment, pk=invitation.pk), {"stamp": stamp})
    assert selectors.invitation_for_token(token=old_token) is None
    assert len(mail.outbox) == 2

    assert client.get(_url("invitation_revoke", assessment, pk=invitation.pk)).status_code == 200
    client.post(_url("invitation_revoke", assessment, pk=invitation.pk))
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None


def test_researchers_cannot_act_on_invitations(client, assessment, coordinator):  # noqa: F811
    [invitation] = invite(coordinator, assessment, LocalAuthorityFactory())
    researcher = person("researcher")
    assessment.researchers.add(researcher)
    client.force_login(researcher)
    for name in ("invitation_resend", "invitation_revoke", "invitation_new_link"):
        assert client.post(_url(name, assessment, pk=invitation.pk)).status_code == 403
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None


def test_actions_need_post_and_csrf(client, assessment, coordinator):  # noqa: F811
    from django.test import Client

    [invitation] = invite(coordinator, assessment, LocalAuthorityFactory())
    sign_in(client, coordinator)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    url = _url("invitation_revoke", assessment, pk=invitation.pk)
    assert strict.post(url).status_code == 403
    assert strict.get(_url("invitation_resend", assessment, pk=invitation.pk)).status_code == 405
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None


# -- The export ------------------------------------------------------------------------------------


def test_the_csv_export_neutralises_formulas_and_matches_the_page(
    client,
    assessment,
    coordinator,  # noqa: F811
):
    authority = LocalAuthorityFactory(country="CO", name='=HYPERLINK("http://evil")')
    services_invitations.invitation_respondent_add(
        by=coordinator,
        assessment=assessment,
        authority=authority,
        name="+cmd|' /C calc'!A0",
        email="someone@example.org",
        language="es",
    )
    sign_in(client, coordinator)
    response = client.get(_url("assessment_export", assessment))
    assert response["Content-Type"] == "text/csv"
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Country", "Local authority", "Respondent's name"]
    [row] = rows[1:]
    assert row[1] == '\'=HYPERLINK("http://evil")'
    assert row[2] == "'+cmd|' /C calc'!A0"
    assert row[5] == "Not sent"


def test_the_list_counts_invitations_and_answers_in_the_same_queries_however_many(
    client,
    coordinator,  # noqa: F811
    django_assert_num_queries,
):
    sign_in(client, coordinator)

    def assessments_with(invited: int, submitted: int) -> Assessment:
        assessment = assessment_make(slug=f"list-{invited}")
        created = invite(
            coordinator,
            assessment,
            *(authority_with_focal_point()[0] for _ in range(invited)),
        )
        for invitation in created[:submitted]:
            response_for(invitation, status=Response.Status.SUBMITTED)
        return assessment

    assessments_with(3, 2)
    with CaptureQueriesContext(connection) as small:
        page = client.get(_url("assessment_list"))
    # Three invitations, two answers submitted: not the product of the two.
    row = re.search(r"list-3/.*?</tr>", page.content.decode(), re.S).group()
    assert re.findall(r"<td>(\d+)</td>", row) == ["3", "2"]
    for size in (4, 5, 6, 7):
        assessments_with(size, size - 1)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(_url("assessment_list"))
