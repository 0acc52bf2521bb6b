"""The facilitator's tray: giving a contribution to a question and splitting a contribution
that answers several questions into parts, keeping the original; both through the services
and through the pages (which work without JavaScript), and both in the moderation log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from network.community.ediscussions import services
from network.community.ediscussions.selectors_dashboard import dashboard_figures
from network.community.ediscussions.splitting import suggest_parts
from network.community.models import (
    Contribution,
    ModerationAction,
    Post,
    Question,
    Topic,
)
from network.community.services import moderation
from network.community.visibility import posts_listed
from tests.community.ediscussion_dashboard_helpers import contribute, tray_contribution
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import coordinator  # noqa: F401

pytestmark = pytest.mark.django_db

MULTI = (
    "Dear facilitators,\n\n"
    "**Question 1**\nIn Cúcuta the city council meets the diaspora every month.\n\n"
    "Pregunta 2:\nLa coordinación con el ministerio es semanal.\n\n"
    "Best regards,\nAna"
)


@pytest.fixture
def facilitated(coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator)
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=ediscussion, user=facilitator)
    q1, q2 = Question.objects.filter(topic__isnull=False).order_by("number")
    return ediscussion, facilitator, q1, q2


def _author():
    author = UserFactory(first_name="Ana", last_name="Ríos")
    MembershipFactory(user=author, local_authority=LocalAuthorityFactory(country="CO"))
    return author


# -- Giving a contribution to a question --------------------------------------------------------


def test_a_tray_contribution_moves_to_the_end_of_its_question(facilitated):
    ediscussion, facilitator, _q1, q2 = facilitated
    contribute(author=UserFactory(), question=q2, source="Already here.")
    waiting = tray_contribution(ediscussion=ediscussion, author=_author(), source="About Q2")
    services.contribution_assign(by=facilitator, contribution=waiting, question=q2)
    post = Post.objects.get(pk=waiting.post_id)
    waiting.refresh_from_db()
    target = Topic.objects.get(pk=q2.topic_id)
    assert (post.topic_id, post.number, post.state) == (q2.topic_id, 3, "published")
    assert (waiting.question, waiting.week_number) == (q2, 1)
    assert (target.last_post_number, target.reply_count) == (3, 2)
    assert post in posts_listed(user=UserFactory())
    entry = ModerationAction.objects.get(action="assign")
    assert (entry.actor, entry.post_id, entry.details["question"]) == (facilitator, post.pk, 2)
    assert dashboard_figures(ediscussion=ediscussion).unassigned == 0


def test_with_approval_a_held_contribution_stays_held_where_it_goes(coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, moderation="approval")
    q1 = Question.objects.filter(topic__isnull=False).order_by("number").first()
    held = tray_contribution(
        ediscussion=ediscussion, author=UserFactory(), source="Waiting", state="held"
    )
    services.contribution_assign(by=coordinator, contribution=held, question=q1)
    assert Post.objects.get(pk=held.post_id).state == "held"
    assert Topic.objects.get(pk=q1.topic_id).reply_count == 0


def test_giving_is_refused_to_others_and_to_unpublished_questions(facilitated):
    ediscussion, facilitator, q1, _q2 = facilitated
    waiting = tray_contribution(ediscussion=ediscussion, author=UserFactory(), source="Hello")
    with pytest.raises(PermissionDenied):
        services.contribution_assign(by=UserFactory(), contribution=waiting, question=q1)
    unpublished = Question.objects.filter(topic__isnull=True).first()
    with pytest.raises(ValidationError):
        services.contribution_assign(by=facilitator, contribution=waiting, question=unpublished)
    assert Contribution.objects.get(pk=waiting.pk).question is None


def test_the_tray_page_gives_a_contribution_without_javascript(client, facilitated):
    ediscussion, facilitator, q1, _q2 = facilitated
    waiting = tray_contribution(ediscussion=ediscussion, author=UserFactory(), source="Tray text")
    contribute(author=UserFactory(), question=q1, source="Not in the tray")
    client.force_login(facilitator)
    tray_url = reverse("community:ediscussion_tray", kwargs={"slug": ediscussion.slug})
    page = client.get(tray_url).content.decode()
    assert "Tray text" in page and "Not in the tray" not in page
    assign_url = reverse(
        "community:ediscussion_assign",
        kwargs={"slug": ediscussion.slug, "post_id": waiting.post_id},
    )
    assert f'action="{assign_url}"' in page
    response = client.post(assign_url, {"question": q1.pk, "next": tray_url})
    assert response.status_code == 302 and response["Location"] == tray_url
    assert Contribution.objects.get(pk=waiting.pk).question == q1
    assert "Every contribution has its question." in client.get(tray_url).content.decode()


# -- Splitting ----------------------------------------------------------------------------------


def test_headings_in_any_language_suggest_the_parts():
    assert suggest_parts(MULTI) == [
        "Dear facilitators,\n\n**Question 1**\nIn Cúcuta the city council meets the diaspora "
        "every month.",
        "Pregunta 2:\nLa coordinación con el ministerio es semanal.\n\nBest regards,\nAna",
    ]
    assert suggest_parts("Semaine 2\nQuestion 3\nÀ Lyon...\n# Question 4\nÀ Dakar") == [
        "Semaine 2\nQuestion 3\nÀ Lyon...",
        "# Question 4\nÀ Dakar",
    ]
    assert suggest_parts("Questão nº 2 - sim\nPergunta 3) não") == [
        "Questão nº 2 - sim",
        "Pergunta 3) não",
    ]
    # A sentence starting like a heading is not one.
    assert suggest_parts("Semana 3 fue difícil.\nQuestion 1\nx\nQ2\ny") == [
        "Semana 3 fue difícil.\nQuestion 1\nx",
        "Q2\ny",
    ]
    assert suggest_parts("One answer, no heading.") == ["One answer, no heading."]
    assert suggest_parts("") == []


def test_a_split_keeps_the_original_and_gives_each_part_to_its_question(facilitated):
    ediscussion, facilitator, q1, q2 = facilitated
    original = contribute(author=_author(), question=q1, source=MULTI, language="en")
    Contribution.objects.filter(pk=original.pk).update(on_behalf_organisation="Cúcuta")
    original.refresh_from_db()
    parts = services.contribution_split(
        by=facilitator,
        contribution=original,
        parts=[
            services.SplitPart(question=q1, source="Cúcuta meets the diaspora monthly."),
            services.SplitPart(question=q2, source="La coordinación es semanal."),
        ],
    )
    original.refresh_from_db()
    first, second = parts
    assert [part.question for part in parts] == [q1, q2]
    for part in parts:
        assert part.split_from == original
        assert part.post.author == original.post.author
        assert part.post.created_at == original.post.created_at
        assert (part.country, part.on_behalf_organisation) == ("CO", "Cúcuta")
        assert part.post.state == "published"
    assert first.post.topic_id == q1.topic_id and first.post.number == 3
    assert second.post.topic_id == q2.topic_id and second.post.number == 2
    # The original is kept, marked, and no longer read on the question's page.
    assert original.is_split
    assert original.post.state == "hidden"
    assert original.post.source == MULTI
    member = UserFactory()
    listed = set(posts_listed(user=member).filter(topic__in=[q1.topic, q2.topic]))
    assert {first.post, second.post} <= listed and original.post not in listed
    entry = ModerationAction.objects.get(action="split")
    assert entry.post_id == original.post_id
    assert entry.details["parts"] == [first.post_id, second.post_id]
    figures = dashboard_figures(ediscussion=ediscussion)
    assert [row.published for row in figures.per_question[:2]] == [1, 1]
    with pytest.raises(ValidationError):
        services.contribution_split(
            by=facilitator,
            contribution=original,
            parts=[services.SplitPart(question=q1, source="again")] * 2,
        )


def test_a_split_needs_two_parts_with_text(facilitated):
    ediscussion, facilitator, q1, q2 = facilitated
    original = tray_contribution(ediscussion=ediscussion, author=UserFactory(), source=MULTI)
    for parts in (
        [services.SplitPart(question=q1, source="Only one")],
        [
            services.SplitPart(question=q1, source="One"),
            services.SplitPart(question=q2, source="  "),
        ],
    ):
        with pytest.raises(ValidationError):
            services.contribution_split(by=facilitator, contribution=original, parts=parts)
    assert not Contribution.objects.get(pk=original.pk).is_split


def test_the_split_page_suggests_parts_adds_rows_and_splits(client, facilitated):
    ediscussion, facilitator, q1, q2 = facilitated
    original = tray_contribution(ediscussion=ediscussion, author=UserFactory(), source=MULTI)
    client.force_login(facilitator)
    url = reverse(
        "community:ediscussion_split",
        kwargs={"slug": ediscussion.slug, "post_id": original.post_id},
    )
    page = client.get(url).content.decode()
    assert 'name="text_1"' in page and 'name="text_3"' in page  # two suggestions, one blank
    assert "Pregunta 2:\nLa coordinación con el ministerio es semanal." in page
    typed = {"text_1": "First part", "question_1": q1.pk, "text_2": "Second part"}
    more = client.post(url, {**typed, "more": "1"}).content.decode()
    assert 'name="text_3"' in more and "First part" in more and "Second part" in more
    refused = client.post(url, {"text_1": "Alone", "question_1": q1.pk})
    assert refused.status_code == 200
    assert "at least two parts" in refused.content.decode()
    assert "Alone" in refused.content.decode()
    missing_question = client.post(url, typed).content.decode()
    assert "Choose the question this part answers." in missing_question
    response = client.post(url, {**typed, "question_2": q2.pk})
    assert response.status_code == 302
    assert Contribution.objects.filter(split_from=original).count() == 2
    done = client.get(url).content.decode()
    assert "It was split into these parts" in done and 'name="text_1"' not in done
    part = Contribution.objects.filter(split_from=original).first()
    part_page = client.get(
        reverse(
            "community:ediscussion_split",
            kwargs={"slug": ediscussion.slug, "post_id": part.post_id},
        )
    ).content.decode()
    assert reverse("community:post", kwargs={"post_id": original.post_id}) in part_page


def test_the_trays_first_contribution_is_not_taken_for_an_opening_post(facilitated):
    ediscussion, facilitator, _q1, _q2 = facilitated
    waiting = tray_contribution(ediscussion=ediscussion, author=_author(), source="Hello")
    post = Post.objects.get(pk=waiting.post_id)
    assert post.number == 2 and not post.is_opening
    # Hiding and restoring it would show the hidden tray to everyone if it were the opening
    # post (which hides or shows its topic with it).
    moderation.post_hide(moderator=facilitator, post=post, reason="Spam")
    moderation.post_restore(moderator=facilitator, post=Post.objects.get(pk=post.pk))
    assert Topic.objects.get(pk=ediscussion.tray_id).is_hidden
    assert not posts_listed(user=UserFactory()).filter(pk=post.pk).exists()
    later = tray_contribution(ediscussion=ediscussion, author=_author(), source="Another")
    assert Post.objects.get(pk=later.post_id).number == 3
