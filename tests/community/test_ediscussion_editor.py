"""The facilitator's editor, through its pages: creating an e-discussion (coordinators), its
settings and concept note, weeks and questions with their missing translations, the structure
locked after publication, facilitators and invitations, scheduling; and the refusals."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from network.community.ediscussions import services
from network.community.models import EDiscussion, Participant, Question, Week
from network.roles import Role
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import UserFactory
from tests.network.conftest import coordinator, person, sign_in  # noqa: F401
from tests.practice_submissions.conftest import pdf_upload

pytestmark = pytest.mark.django_db

FORMAT = "%Y-%m-%dT%H:%M"


def _when(days: float) -> str:
    return (timezone.now() + timedelta(days=days)).strftime(FORMAT)


def _settings(**changes) -> dict:
    data = {
        "default_language": "en",
        "title_en": "Diaspora engagement",
        "title_es": "",
        "title_pt": "",
        "title_fr": "Engagement des diasporas",
        "framing_en": "Four weeks on **diasporas**.",
        "languages": ["en", "fr"],
        "starts_at": _when(1),
        "ends_at": _when(29),
        "access": "members",
        "participation": "open",
        "moderation": "immediate",
    }
    return {**data, **changes}


@pytest.fixture
def signed_coordinator(client):
    user = person(Role.COORDINATOR, first_name="Lucía")
    sign_in(client, user)
    user.second_factor_passed = True  # for the services called directly, as in the session
    return user


def _draft(by) -> EDiscussion:
    now = timezone.now()
    return services.ediscussion_create(
        creator=by,
        titles={"en": "Diaspora engagement"},
        default_language="en",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=29),
    )


# -- Creating -------------------------------------------------------------------------------------


def test_a_coordinator_creates_an_e_discussion_with_its_concept_note(client, signed_coordinator):
    response = client.post(
        reverse("community:ediscussion_create"),
        {**_settings(), "concept_note": pdf_upload("note.pdf")},
    )
    assert response.status_code == 302
    ediscussion = EDiscussion.objects.get()
    assert response["Location"] == reverse("community:ediscussion_editor", args=[ediscussion.slug])
    assert ediscussion.title_fr == "Engagement des diasporas"
    assert ediscussion.languages == ["en", "fr"]
    assert ediscussion.concept_note.name.endswith(".pdf")
    assert ediscussion.category.access == "members"
    assert "<strong>diasporas</strong>" in ediscussion.framing_html["en"]
    assert not ediscussion.is_scheduled
    assert Participant.objects.get(ediscussion=ediscussion).role == "facilitator"


def test_only_coordinators_create_and_a_password_alone_asks_for_the_second_factor(client):
    client.force_login(UserFactory())
    assert client.get(reverse("community:ediscussion_create")).status_code == 403
    assert client.post(reverse("community:ediscussion_create"), _settings()).status_code == 403
    client.force_login(person(Role.COORDINATOR))
    response = client.get(reverse("community:ediscussion_create"))
    assert response.status_code == 302 and "/2fa/" in response["Location"]
    assert not EDiscussion.objects.exists()


def test_bad_input_is_refused_with_reasons_and_nothing_typed_is_lost(client, signed_coordinator):
    response = client.post(
        reverse("community:ediscussion_create"),
        _settings(ends_at=_when(0), title_es="Compromiso de las diásporas"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The e-discussion must close after it opens." in page
    assert 'value="Compromiso de las diásporas"' in page
    assert "Four weeks on **diasporas**.</textarea>" in page
    assert not EDiscussion.objects.exists()
    response = client.post(reverse("community:ediscussion_create"), _settings(title_en=""))
    assert "Give the title in the facilitator&#x27;s language." in response.content.decode()
    assert not EDiscussion.objects.exists()


def test_a_concept_note_must_be_a_pdf_or_a_word_document(client, signed_coordinator):
    text = SimpleUploadedFile(
        "note.pdf", b"just some text, not a PDF", content_type="application/pdf"
    )
    response = client.post(
        reverse("community:ediscussion_create"), {**_settings(), "concept_note": text}
    )
    assert response.status_code == 200
    assert "whatever its name says" in response.content.decode()
    assert not EDiscussion.objects.exists()
    image = SimpleUploadedFile("note.png", _png(), content_type="image/png")
    response = client.post(
        reverse("community:ediscussion_create"), {**_settings(), "concept_note": image}
    )
    assert "must be a PDF or a Word document (DOCX)" in response.content.decode()
    assert not EDiscussion.objects.exists()


def _png() -> bytes:
    from tests.practice_submissions.conftest import png_upload

    return png_upload().read()


def test_a_concept_note_over_the_size_limit_is_refused(client, signed_coordinator, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    response = client.post(
        reverse("community:ediscussion_create"),
        {**_settings(), "concept_note": pdf_upload(size=2000)},
    )
    assert "files may be at most" in response.content.decode()
    assert not EDiscussion.objects.exists()


# -- Settings -------------------------------------------------------------------------------------


def test_the_settings_change_titles_access_and_period(client, signed_coordinator):
    ediscussion = _draft(signed_coordinator)
    url = reverse("community:ediscussion_settings", args=[ediscussion.slug])
    page = client.get(url).content.decode()
    assert 'value="Diaspora engagement"' in page
    response = client.post(url, _settings(title_es="Diásporas", access="public"))
    assert response.status_code == 302
    ediscussion.refresh_from_db()
    assert ediscussion.title_es == "Diásporas"
    assert ediscussion.category.access == "public"
    assert ediscussion.category.name_es == "Diásporas"


def test_a_period_leaving_a_week_outside_is_refused(client, signed_coordinator):
    ediscussion = _draft(signed_coordinator)
    services.week_save(
        by=signed_coordinator,
        ediscussion=ediscussion,
        number=1,
        opens_at=timezone.now() + timedelta(days=2),
    )
    url = reverse("community:ediscussion_settings", args=[ediscussion.slug])
    response = client.post(url, _settings(starts_at=_when(3), title_es="Diásporas"))
    assert response.status_code == 200
    assert "Week 1 opens outside this period" in response.content.decode()
    assert 'value="Diásporas"' in response.content.decode()
    ediscussion.refresh_from_db()
    assert ediscussion.title_es == ""


def test_the_concept_note_is_replaced_and_removed(
    client, signed_coordinator, django_capture_on_commit_callbacks
):
    ediscussion = _draft(signed_coordinator)
    url = reverse("community:ediscussion_settings", args=[ediscussion.slug])
    client.post(url, {**_settings(), "concept_note": pdf_upload("first.pdf")})
    ediscussion.refresh_from_db()
    first = ediscussion.concept_note.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**_settings(), "concept_note": pdf_upload("second.pdf")})
    ediscussion.refresh_from_db()
    second = ediscussion.concept_note.name
    assert second != first
    storage = ediscussion.concept_note.storage
    assert storage.exists(second) and not storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**_settings(), "concept_note_remove": "on"})
    ediscussion.refresh_from_db()
    assert not ediscussion.concept_note
    assert not storage.exists(second)


# -- Weeks, questions, scheduling -----------------------------------------------------------------


def test_weeks_and_questions_are_added_with_missing_translations_listed_then_scheduled(
    client, signed_coordinator
):
    ediscussion = _draft(signed_coordinator)
    ediscussion.languages = ["en", "es", "fr"]
    ediscussion.save()
    editor = reverse("community:ediscussion_editor", args=[ediscussion.slug])
    page = client.get(editor).content.decode()
    assert "Add at least one week of questions." in page
    response = client.post(
        reverse("community:ediscussion_week_add", args=[ediscussion.slug]),
        {"number": "1", "opens_at": _when(2), "title_en": "Decentralised cooperation"},
    )
    assert response.status_code == 302
    week = Week.objects.get(ediscussion=ediscussion)
    assert "Week 1 has no question." in client.get(editor).content.decode()
    response = client.post(
        reverse("community:ediscussion_question_add", args=[ediscussion.slug, 1]),
        {"number": "1", "text_en": "How do you work with other cities?", "text_fr": ""},
    )
    assert response.status_code == 302
    question = Question.objects.get(week=week)
    # Adding never overwrites: a week or a question number already there is refused.
    response = client.post(
        reverse("community:ediscussion_week_add", args=[ediscussion.slug]),
        {"number": "1", "opens_at": _when(3), "title_en": "Another theme"},
    )
    assert "This week exists already" in response.content.decode()
    response = client.post(
        reverse("community:ediscussion_question_add", args=[ediscussion.slug, 1]),
        {"number": "1", "text_en": "Another question?"},
    )
    assert "This number is taken" in response.content.decode()
    week.refresh_from_db()
    question.refresh_from_db()
    assert (week.title_en, question.text_en) == (
        "Decentralised cooperation",
        "How do you work with other cities?",
    )
    page = client.get(editor).content.decode()
    assert "Missing translations: Spanish, French." in page
    assert "Theme not translated into: Spanish, French." in page
    assert "Schedule it" in page
    client.post(
        reverse("community:ediscussion_question_edit", args=[ediscussion.slug, 1]),
        {"text_en": question.text_en, "text_es": "¿Cómo trabajan con otras ciudades?"},
    )
    assert "Missing translations: French." in client.get(editor).content.decode()
    response = client.post(reverse("community:ediscussion_schedule", args=[ediscussion.slug]))
    assert response.status_code == 302
    ediscussion.refresh_from_db()
    assert ediscussion.is_scheduled


def test_scheduling_with_problems_says_what_is_missing(client, signed_coordinator):
    ediscussion = _draft(signed_coordinator)
    response = client.post(
        reverse("community:ediscussion_schedule", args=[ediscussion.slug]), follow=True
    )
    assert "Add at least one week of questions." in response.content.decode()
    ediscussion.refresh_from_db()
    assert not ediscussion.is_scheduled


def test_a_published_week_keeps_its_structure_but_its_wording_can_be_fixed(
    client,
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(facilitator=coordinator, access="members")
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=ediscussion, user=facilitator)
    client.force_login(facilitator)
    week_url = reverse("community:ediscussion_week", args=[ediscussion.slug, 1])
    page = client.get(week_url).content.decode()
    assert "disabled" in page
    week = Week.objects.get(ediscussion=ediscussion, number=1)
    response = client.post(
        week_url,
        {"opens_at": _when(5), "title_en": "Coordination", "action": "save"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    week.refresh_from_db()
    assert week.title_en == "Coordination"
    assert week.opens_at < timezone.now()
    # No new question in a published week, and no removal.
    response = client.post(
        reverse("community:ediscussion_question_add", args=[ediscussion.slug, 1]),
        {"number": "9", "text_en": "One more?"},
    )
    assert response.status_code == 200
    assert "only their wording can still change" in response.content.decode()
    assert not Question.objects.filter(number=9).exists()
    client.post(week_url, {"action": "delete"})
    assert Week.objects.filter(pk=week.pk).exists()
    question_url = reverse("community:ediscussion_question_edit", args=[ediscussion.slug, 1])
    client.post(question_url, {"action": "delete"})
    assert Question.objects.filter(week=week, number=1).exists()
    client.post(question_url, {"text_en": "How does your city coordinate with the state?"})
    assert Question.objects.get(week=week, number=1).text_en.endswith("with the state?")
    # An unpublished week is still removed.
    client.post(
        reverse("community:ediscussion_week", args=[ediscussion.slug, 2]), {"action": "delete"}
    )
    assert not Week.objects.filter(ediscussion=ediscussion, number=2).exists()


# -- People ---------------------------------------------------------------------------------------


def test_members_are_found_by_name_or_whole_address_then_invited_or_made_facilitators(
    client, signed_coordinator
):
    ediscussion = _draft(signed_coordinator)
    ana = UserFactory(first_name="Ana", last_name="Ríos", email="ana.rios@example.org")
    bruno = UserFactory(first_name="Bruno", last_name="Costa")
    url = reverse("community:ediscussion_people", args=[ediscussion.slug])
    page = client.get(url, {"q": "Ríos"}).content.decode()
    assert "Ana Ríos" in page and "Bruno Costa" not in page
    assert "ana.rios@example.org" not in page
    assert "Ana Ríos" not in client.get(url, {"q": "example.org"}).content.decode()
    assert "Ana Ríos" in client.get(url, {"q": "ANA.RIOS@example.org"}).content.decode()
    client.post(url, {"member": [ana.pk], "action": "invite"})
    client.post(url, {"member": [bruno.pk], "action": "facilitate"})
    assert Participant.objects.get(ediscussion=ediscussion, user=ana).invited_at
    assert Participant.objects.get(ediscussion=ediscussion, user=bruno).role == "facilitator"
    page = client.get(url).content.decode()
    assert "Ana Ríos" in page and "Bruno Costa" in page


# -- Refusals -------------------------------------------------------------------------------------


def test_readers_who_do_not_facilitate_are_refused_and_drafts_do_not_exist_for_them(
    client,
    coordinator,  # noqa: F811
):
    running = running_ediscussion(facilitator=coordinator, access="members")
    draft = _draft(coordinator)
    client.force_login(UserFactory())
    assert (
        client.get(reverse("community:ediscussion_editor", args=[running.slug])).status_code == 403
    )
    response = client.post(
        reverse("community:ediscussion_settings", args=[running.slug]), _settings()
    )
    assert response.status_code == 403
    assert client.get(reverse("community:ediscussion_editor", args=[draft.slug])).status_code == 404
    client.logout()
    response = client.get(reverse("community:ediscussion_editor", args=[running.slug]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_facilitator_edits_the_e_discussion_they_were_given(client, coordinator):  # noqa: F811
    draft = _draft(coordinator)
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=draft, user=facilitator)
    client.force_login(facilitator)
    assert client.get(reverse("community:ediscussion_editor", args=[draft.slug])).status_code == 200
    response = client.post(
        reverse("community:ediscussion_settings", args=[draft.slug]),
        _settings(title_en="Diaspora engagement in cities"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title_en == "Diaspora engagement in cities"
    # ... but creating one is a coordinator's.
    assert client.get(reverse("community:ediscussion_create")).status_code == 403
