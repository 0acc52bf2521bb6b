"""Importing an archived e-discussion (ediscussions/imports.py): a small mbox in English,
Spanish and French with its weekly questions becomes a closed e-discussion whose contributions
keep their author, date and language, trimmed, given to their question when it is clear and to
the tray otherwise; every message is reported; a second run imports nothing twice; the
contributions are read as the e-discussion is."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from network.community.ediscussions import imports
from network.community.ediscussions.imports import files as archive_files
from network.community.models import (
    ArchiveImport,
    Contribution,
    EDiscussion,
    Participant,
    Post,
    Question,
    Topic,
)
from network.community.visibility import posts_listed
from network.roles import Role
from tests.community.ediscussion_archive.helpers import (
    ARCHIVE,
    EXPECTED,
    archive_imported,
    archived,
    outcomes,
)
from tests.factories import UserFactory
from tests.network.conftest import person
from tests.once import built_once

pytestmark = pytest.mark.django_db


def _coordinator():
    user = person(Role.COORDINATOR, first_name="Lucía", last_name="Fernández")
    user.second_factor_passed = True
    return user


def _imported_world() -> dict:
    importer = _coordinator()
    member = UserFactory(email="ana.member@example.org", first_name="Ana", last_name="Member")
    result = archive_imported(by=importer)
    return {"coordinator": importer, "member": member, "result": result}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """archive.mbox imported once (members-only) for the module's tests."""
    yield from built_once(django_db_blocker, _imported_world)


def _contribution(result, position: int) -> Contribution:
    entry = next(entry for entry in result.entries if entry.position == position)
    return Contribution.objects.select_related("post__topic", "question").get(post_id=entry.post_id)


def test_every_message_is_reported_with_what_became_of_it(world):
    result = world["result"]
    assert outcomes(result) == EXPECTED
    assert result.counts == {
        "imported": 4,
        "tray": 2,
        "duplicate": 1,
        "auto_reply": 1,
        "bounce": 1,
        "unreadable": 1,
        "empty": 1,
    }
    stored = ArchiveImport.objects.get()
    assert stored.ediscussion == result.ediscussion
    assert stored.archive_name == "archive.mbox"
    assert [entry.outcome for entry in imports.entries_loaded(stored)] == [
        EXPECTED[position][0] for position in sorted(EXPECTED)
    ]
    explanations = {entry.position: imports.entry_explanation(entry) for entry in result.entries}
    assert explanations[2] == "Its subject names question 3."
    assert explanations[3] == "It answers several questions (1, 2): split it in the tray."
    assert explanations[5] == "The same Message-ID appears earlier in this archive (message 1)."
    assert "old.address@example.net" in explanations[8]
    assert explanations[10] == "The message has no date."
    attachments = next(entry for entry in result.entries if entry.position == 6).attachments
    assert [(file["name"], file["type"]) for file in attachments] == [
        ("strategy.pdf", "application/pdf")
    ]


def test_the_e_discussion_is_closed_with_its_weeks_published_when_they_opened(world):
    ediscussion = EDiscussion.objects.get(pk=world["result"].ediscussion.pk)
    assert ediscussion.is_scheduled
    assert ediscussion.closed_at == ediscussion.ends_at
    assert ediscussion.starts_at == datetime(2023, 3, 6, 9, tzinfo=UTC)
    # A week after the last week opened (its last message came before).
    assert ediscussion.ends_at == datetime(2023, 3, 27, 9, tzinfo=UTC)
    assert ediscussion.category.access == "members"
    assert ediscussion.languages == ["en", "es", "fr"]
    weeks_published = list(ediscussion.weeks.values_list("number", "published_at", "opens_at"))
    assert [(number, published == opens) for number, published, opens in weeks_published] == [
        (1, True),
        (2, True),
        (3, True),
    ]
    questions = Question.objects.filter(week__ediscussion=ediscussion).select_related("topic")
    assert [question.number for question in questions] == [1, 2, 3, 4, 5]
    assert all(question.topic.is_closed for question in questions)
    assert questions.get(number=3).text_es == "¿Cómo trabajan con su diáspora?"
    assert questions.get(number=3).topic.created_at == datetime(2023, 3, 13, 9, tzinfo=UTC)


def test_a_members_message_is_theirs_and_a_strangers_keeps_their_name(world):
    result, member = world["result"], world["member"]
    gmail = _contribution(result, 1)
    assert gmail.post.author == member
    assert gmail.imported and gmail.imported_author_name == ""
    assert gmail.participant == Participant.objects.get(ediscussion=gmail.ediscussion, user=member)
    assert gmail.participant.joined_at == datetime(2023, 3, 7, 9, 12, tzinfo=UTC)
    outlook = _contribution(result, 2)
    assert outlook.post.author is None
    assert outlook.imported_author_name == "María Fernández"
    assert outlook.imported_author_email == "maria.fernandez@ayto-ejemplo.es"
    assert outlook.imported_message_id == "<m2-outlook@ayto-ejemplo.es>"


def test_contributions_keep_their_date_and_language_and_lose_what_was_quoted(world):
    result = world["result"]
    gmail, outlook, thunderbird = (_contribution(result, n) for n in (1, 2, 3))
    assert gmail.post.created_at == datetime(2023, 3, 7, 9, 12, tzinfo=UTC)
    assert (gmail.post.language, outlook.post.language, thunderbird.post.language) == (
        "en",
        "es",
        "fr",
    )
    assert (gmail.question.number, gmail.week_number) == (1, 1)
    assert "twinned with two municipalities" in gmail.post.source
    assert "wrote:" not in gmail.post.source
    assert "Please answer by replying" not in gmail.post.source
    assert "cofinanciamos proyectos" in outlook.post.source
    assert "Enviado el" not in outlook.post.source
    assert "Notre ville finance" in thunderbird.post.source
    assert "Chargé de mission" not in thunderbird.post.source  # the signature
    html_only = _contribution(result, 11)
    assert html_only.post.language == "fr"
    assert "radios communautaires" in html_only.post.html
    assert "Comment communiquez-vous" not in html_only.post.source
    with_footer = _contribution(result, 6)
    assert "adopted by the council" in with_footer.post.source
    assert "mailing list" not in with_footer.post.source
    bulk = _contribution(result, 7)
    assert "Enviado desde mi iPhone" not in bulk.post.source


def test_unclear_messages_wait_in_the_tray_and_questions_count_their_replies(world):
    ediscussion = world["result"].ediscussion
    tray = Topic.objects.get(pk=ediscussion.tray_id)
    in_tray = Contribution.objects.filter(ediscussion=ediscussion, question__isnull=True)
    assert {contribution.post.topic_id for contribution in in_tray} == {tray.pk}
    assert in_tray.count() == 2
    question_three = Question.objects.get(week__ediscussion=ediscussion, number=3).topic
    assert question_three.reply_count == 1
    assert question_three.last_post_number == 2
    assert question_three.last_post_at == datetime(2023, 3, 14, 15, 40, tzinfo=UTC)
    # Hidden from readers: only in the tray, for the facilitators.
    assert not posts_listed(user=world["member"]).filter(topic=tray).exists()


def test_importing_the_archive_again_imports_nothing_twice(world):
    again = archive_imported(by=world["coordinator"])
    assert again.ediscussion is None
    assert again.counts["imported"] == again.counts["tray"] == 0
    assert again.counts["duplicate"] == 7
    reasons = {entry.position: entry.reason for entry in again.entries}
    assert reasons[1] == reasons[2] == "duplicate_imported"
    assert "already imported, into “Territorial approaches" in imports.entry_explanation(
        again.entries[0]
    )
    assert EDiscussion.objects.count() == 1
    assert again.report.ediscussion is None  # the report of nothing is kept too


def test_an_archive_adds_only_its_new_messages_to_an_imported_e_discussion(world):
    ediscussion = world["result"].ediscussion
    late = archive_files.ArchivedMessage(
        "late.eml",
        (
            b"From: Kwame Osei <k.osei@citycouncil.example.gh>\n"
            b"Subject: Re: Question 2\n"
            b"Date: Fri, 10 Mar 2023 10:00:00 +0000\n"
            b"Message-ID: <late@citycouncil.example.gh>\n"
            b"Content-Type: text/plain; charset=utf-8\n\n"
            b"We meet the ministry every quarter to align our projects.\n"
        ),
    )
    result = imports.archive_import(
        by=world["coordinator"],
        messages=[archived()[0], late],
        archive_name="more.mbox",
        into=ediscussion,
    )
    assert [(entry.outcome, entry.question) for entry in result.entries] == [
        ("duplicate", None),
        ("imported", 2),
    ]
    post = Post.objects.get(pk=result.entries[1].post_id)
    assert post.topic.question.number == 2
    assert post.contribution.imported_author_name == "Kwame Osei"


def test_only_a_coordinator_imports(world):
    with pytest.raises(PermissionDenied):
        archive_imported(by=world["member"], dry_run=True)
    with pytest.raises(PermissionDenied):
        imports.archive_import(
            by=world["member"],
            messages=archived(),
            archive_name=ARCHIVE.name,
            into=world["result"].ediscussion,
        )


def _page(client: Client, contribution: Contribution):
    topic = contribution.post.topic
    url = reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    return client.get(url, follow=True)


def test_imported_contributions_are_read_as_the_e_discussion_is(world):
    contribution = _contribution(world["result"], 2)
    anonymous = _page(Client(), contribution)
    assert "cofinanciamos proyectos" not in anonymous.content.decode()
    assert anonymous.redirect_chain and "login" in anonymous.redirect_chain[-1][0]
    reader = Client()
    reader.force_login(UserFactory())
    page = _page(reader, contribution).content.decode()
    assert "cofinanciamos proyectos" in page
    assert "María Fernández" in page
    assert "maria.fernandez@ayto-ejemplo.es" not in page  # the name only, never the address
    # Search, feeds and lists follow the same rule.
    assert not posts_listed(user=None).filter(pk=contribution.post_id).exists()
    assert posts_listed(user=world["member"]).filter(pk=contribution.post_id).exists()
