"""The e-discussions' pages as each reader meets them: the list, an e-discussion's home, its
concept note, a question with its contributions and the contribution form (preview, on behalf
of an organisation, refusals), the participants, and the forum's own pages leading there."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from network.community.ediscussions import services
from network.community.models import (
    CategoryGrant,
    Contribution,
    EDiscussion,
    Participant,
    Post,
    Question,
)
from network.community.services.posting import reply_create
from network.roles import Role
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import (
    ForumCategoryFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
)
from tests.network.conftest import coordinator, sign_in  # noqa: F401
from tests.practice_submissions.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _url(name: str, *args, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"community:{name}", args=args)


def _question(ediscussion: EDiscussion, number: int = 1) -> Question:
    return Question.objects.select_related("topic").get(
        week__ediscussion=ediscussion, number=number
    )


def _official(country: str = "CO", name: str = "Bogotá", **fields):
    user = UserFactory(**fields)
    MembershipFactory(user=user, local_authority=LocalAuthorityFactory(country=country, name=name))
    return user


@pytest.fixture
def readable(coordinator):  # noqa: F811
    """A public, a members' and a private e-discussion, running, with a concept note each; the
    private one with an invited participant."""
    made = {}
    for access in ("public", "members", "private"):
        ediscussion = running_ediscussion(facilitator=coordinator, access=access)
        services.concept_note_set(by=coordinator, ediscussion=ediscussion, upload=pdf_upload())
        made[access] = ediscussion
    made["invited"] = UserFactory()
    services.participants_invite(
        by=coordinator, ediscussion=made["private"], users=[made["invited"]]
    )
    return made


# -- Who reads what -------------------------------------------------------------------------------


def test_the_list_shows_each_reader_what_they_may_read(client, readable, coordinator):  # noqa: F811
    titles = {key: readable[key].slug for key in ("public", "members", "private")}
    page = client.get(_url("ediscussion_list")).content.decode()
    assert _url("ediscussion", titles["public"]) in page
    assert _url("ediscussion", titles["members"]) not in page
    assert _url("ediscussion", titles["private"]) not in page
    client.force_login(UserFactory())
    page = client.get(_url("ediscussion_list")).content.decode()
    assert _url("ediscussion", titles["members"]) in page
    assert _url("ediscussion", titles["private"]) not in page
    client.force_login(readable["invited"])
    page = client.get(_url("ediscussion_list")).content.decode()
    assert _url("ediscussion", titles["private"]) in page


@pytest.mark.parametrize("name", ["ediscussion", "ediscussion_concept_note", "participants"])
def test_a_members_e_discussion_asks_anonymous_visitors_to_sign_in(client, readable, name):
    name = "ediscussion_participants" if name == "participants" else name
    response = client.get(_url(name, readable["members"].slug))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_members_question_asks_anonymous_visitors_to_sign_in_and_opens_for_members(
    client, readable
):
    url = _url("ediscussion_question", readable["members"].slug, 1)
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(UserFactory())
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "name,args",
    [
        ("ediscussion", ()),
        ("ediscussion_concept_note", ()),
        ("ediscussion_question", (1,)),
        ("ediscussion_participants", ()),
    ],
)
def test_a_private_e_discussion_does_not_exist_for_others_and_opens_for_its_participants(
    client, readable, name, args
):
    url = _url(name, readable["private"].slug, *args)
    assert client.get(url).status_code in (302, 404)
    if name != "ediscussion_participants":
        assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(readable["invited"])
    assert client.get(url).status_code == 200


def test_a_private_e_discussion_opens_for_a_group_granted_its_category(client, readable):
    partner = UserFactory()
    partners, _created = Group.objects.get_or_create(name=Role.PARTNER)
    partner.groups.add(partners)
    CategoryGrant.objects.create(category=readable["private"].category, group=partners)
    client.force_login(partner)
    assert client.get(_url("ediscussion", readable["private"].slug)).status_code == 200


def test_a_draft_is_seen_by_its_facilitators_only(client, coordinator):  # noqa: F811
    now = timezone.now()
    draft = services.ediscussion_create(
        creator=coordinator,
        titles={"en": "Diaspora engagement"},
        default_language="en",
        starts_at=now,
        ends_at=now + timedelta(days=28),
        access="public",
    )
    url = _url("ediscussion", draft.slug)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert "Diaspora engagement" not in client.get(_url("ediscussion_list")).content.decode()
    facilitator = UserFactory()
    services.facilitator_add(by=coordinator, ediscussion=draft, user=facilitator)
    client.force_login(facilitator)
    assert client.get(url).status_code == 200
    page = client.get(_url("ediscussion_list")).content.decode()
    assert "Not scheduled yet" in page and "Diaspora engagement" in page


def test_the_concept_note_is_served_to_readers_from_private_storage(client, readable):
    response = client.get(_url("ediscussion_concept_note", readable["public"].slug))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    # Its file is kept in the private storage, outside the public media.
    assert readable["public"].concept_note.path.startswith(settings.PRIVATE_MEDIA_ROOT)


def test_no_concept_note_is_a_404(client, coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, access="public")
    assert client.get(_url("ediscussion_concept_note", ediscussion.slug)).status_code == 404


# -- The home -------------------------------------------------------------------------------------


def test_the_home_shows_the_schedule_as_published_and_this_weeks_questions(
    client,
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(
        facilitator=coordinator, access="public", framing={"en": "We ask **you**."}
    )
    first = _question(ediscussion, 1)
    reply_create(author=_official(), topic=first.topic, source="En Bogotá coordinamos.")
    reply_create(author=_official("BR", "Recife"), topic=first.topic, source="Em Recife...")
    page = client.get(_url("ediscussion", ediscussion.slug)).content.decode()
    assert "This week's questions (week 1)" in page
    assert "ediscussion-week--current" in page
    assert "Question 1: how does your city coordinate?" in page
    # Week 2 is not published: its questions stay unseen, its date is shown.
    assert "Question 3: how does your city coordinate?" not in page
    assert "Its questions will be published on" in page
    assert "2 contributions" in page and "2 participants" in page
    assert "<strong>you</strong>" in page
    assert "Read the concept note" not in page
    assert "Take part by email" in page
    assert "Sign in to take part" in page


def test_a_member_joins_an_open_e_discussion_from_its_home(client, readable):
    member = UserFactory()
    client.force_login(member)
    url = _url("ediscussion", readable["members"].slug)
    assert "Join this e-discussion" in client.get(url).content.decode()
    response = client.post(_url("ediscussion_join", readable["members"].slug))
    assert response.status_code == 302
    assert Participant.objects.get(ediscussion=readable["members"], user=member).joined_at
    page = client.get(url).content.decode()
    assert "You take part in this e-discussion." in page
    assert "Join this e-discussion" not in page


def test_an_invited_participant_accepts_and_others_cannot_join(client, coordinator):  # noqa: F811
    ediscussion = running_ediscussion(
        facilitator=coordinator, access="members", participation="invited"
    )
    invited = UserFactory()
    services.participants_invite(by=coordinator, ediscussion=ediscussion, users=[invited])
    client.force_login(UserFactory())
    url = _url("ediscussion", ediscussion.slug)
    assert "Join this e-discussion" not in client.get(url).content.decode()
    client.post(_url("ediscussion_join", ediscussion.slug))
    assert Participant.objects.filter(ediscussion=ediscussion).count() == 2
    client.force_login(invited)
    assert "Accept the invitation" in client.get(url).content.decode()


def test_texts_not_translated_fall_back_visibly(client, coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, access="public")
    # The title exists in en and es; the questions in en, es and fr.
    page = client.get(_url("ediscussion", ediscussion.slug, language="es")).content.decode()
    assert "Enfoques territoriales" in page
    assert "Not translated yet" not in page and "shown in" not in page
    page = client.get(_url("ediscussion", ediscussion.slug, language="pt")).content.decode()
    assert '<h1 class="forum-title" lang="en">Territorial approaches to migration</h1>' in page
    question = client.get(
        _url("ediscussion_question", ediscussion.slug, 1, language="pt")
    ).content.decode()
    assert 'lang="en">Question 1: how does your city coordinate?</h1>' in question
    assert "forum-fallback" in question
    question = client.get(
        _url("ediscussion_question", ediscussion.slug, 1, language="fr")
    ).content.decode()
    assert "Question 1 : comment votre ville coordonne-t-elle ?</h1>" in question
    assert "forum-fallback" not in question


# -- A question and its contributions -------------------------------------------------------------


def test_contributions_show_their_language_author_organisation_and_country(
    client,
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(facilitator=coordinator, access="public")
    question = _question(ediscussion)
    author = _official("CO", "Bogotá", first_name="Ana", last_name="Ríos")
    post = reply_create(
        author=author, topic=question.topic, source="En Bogotá coordinamos.", language="es"
    ).post
    services.contribution_on_behalf_record(
        by=author,
        contribution=post.contribution,
        organisation="Red de ciudades",
        country="CO",
        name="Ana Ríos",
        position="Alcaldesa",
    )
    url = _url("ediscussion_question", ediscussion.slug, 1)
    page = client.get(url).content.decode()
    assert 'id="post-2"' in page
    assert 'class="forum-post__body post-body" lang="es"' in page
    assert "Written in Spanish" in page
    assert "Ana Ríos" in page
    assert "On behalf of Red de ciudades (Colombia) — Ana Ríos, Alcaldesa" in page
    # The author's organisation and country, as the forum shows them: to members.
    assert "(Bogotá, Colombia)" not in page
    client.force_login(UserFactory())
    assert "(Bogotá, Colombia)" in client.get(url).content.decode()


def test_a_contribution_is_previewed_without_being_posted_then_posted_on_behalf(
    client,
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(facilitator=coordinator, access="members")
    member = _official()
    client.force_login(member)
    url = _url("ediscussion_question", ediscussion.slug, 1)
    typed = {
        "source": "We coordinate **monthly** with the ministry.",
        "language": "en",
        "on_behalf_name": "Ana Ríos",
        "on_behalf_position": "Mayor",
        "on_behalf_organisation": "City of Bogotá",
        "on_behalf_country": "CO",
    }
    response = client.post(url, {**typed, "action": "preview"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>monthly</strong>" in page and "Not posted yet" in page
    assert "We coordinate **monthly** with the ministry.</textarea>" in page
    assert 'value="City of Bogotá"' in page
    assert not Contribution.objects.filter(ediscussion=ediscussion).exists()
    response = client.post(url, {**typed, "action": "post"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}#post-2"
    contribution = Contribution.objects.get(ediscussion=ediscussion)
    assert contribution.post.language == "en"
    assert (contribution.on_behalf_organisation, contribution.on_behalf_country) == (
        "City of Bogotá",
        "CO",
    )
    assert contribution.on_behalf_position == "Mayor"
    assert "On behalf of City of Bogotá" in client.get(url).content.decode()


def test_a_signature_without_its_organisation_is_refused_and_nothing_typed_is_lost(
    client,
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(facilitator=coordinator, access="members")
    client.force_login(UserFactory())
    url = _url("ediscussion_question", ediscussion.slug, 1)
    response = client.post(
        url,
        {"source": "Our experience.", "on_behalf_name": "Ana Ríos", "action": "post"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Name the organisation this contribution speaks for." in page
    assert "Our experience.</textarea>" in page and 'value="Ana Ríos"' in page
    assert not Post.objects.filter(topic=_question(ediscussion).topic, number__gt=1).exists()


def test_a_held_contribution_waits_for_the_facilitators_and_its_author_sees_it(
    client,
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(
        facilitator=coordinator, access="members", moderation="approval"
    )
    author = UserFactory()
    client.force_login(author)
    url = _url("ediscussion_question", ediscussion.slug, 1)
    response = client.post(url, {"source": "Our experience.", "action": "post"}, follow=True)
    page = response.content.decode()
    assert "waits for the facilitators&#x27; approval" in page
    assert "Waiting for the facilitators' approval" in page
    client.force_login(UserFactory())
    assert "Our experience." not in client.get(url).content.decode()


def test_refusals_are_shown_in_place_of_the_form(client, coordinator):  # noqa: F811
    ediscussion = running_ediscussion(
        facilitator=coordinator, access="members", participation="invited"
    )
    client.force_login(UserFactory())
    url = _url("ediscussion_question", ediscussion.slug, 1)
    page = client.get(url).content.decode()
    assert "Only invited participants take part in this e-discussion." in page
    assert 'name="source"' not in page
    response = client.post(url, {"source": "May I?", "action": "post"})
    assert response.status_code == 403
    services.ediscussions_close_due(now=timezone.now() + timedelta(days=30))
    invited = UserFactory()
    services.participants_invite(by=coordinator, ediscussion=ediscussion, users=[invited])
    client.force_login(invited)
    page = client.get(url).content.decode()
    assert "no longer takes" in page and 'name="source"' not in page


def test_anonymous_readers_are_asked_to_sign_in_to_contribute(client, coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, access="public")
    url = _url("ediscussion_question", ediscussion.slug, 1)
    assert "Sign in to contribute." in client.get(url).content.decode()
    response = client.post(url, {"source": "Hello", "action": "post"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def _contributions_add(question: Question, count: int) -> list[Post]:
    authors = [UserFactory() for _ in range(3)]
    return [
        reply_create(author=authors[n % 3], topic=question.topic, source=f"Contribution {n}.").post
        for n in range(count)
    ]


@override_settings(FORUM_POSTS_PER_PAGE=5)
def test_the_forums_addresses_of_a_question_lead_to_its_page(client, coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, access="public")
    question = _question(ediscussion)
    posts = _contributions_add(question, 8)
    topic = question.topic
    question_url = _url("ediscussion_question", ediscussion.slug, 1)
    response = client.get(_url("topic", topic.pk, topic.slug) + "?page=2")
    assert response.status_code == 302 and response["Location"] == f"{question_url}?page=2"
    response = client.get(_url("topic_short", topic.pk))
    assert response["Location"] == question_url
    # Post 9 (the question is post 1) is on the second page of five.
    response = client.get(_url("post", posts[-1].pk))
    assert response["Location"] == f"{question_url}?page=2#post-9"
    page = client.get(f"{question_url}?page=2").content.decode()
    assert 'id="post-9"' in page and 'id="post-5"' not in page
    assert 'id="post-6"' in page


def test_the_forum_index_leaves_e_discussions_to_their_own_list(client, coordinator):  # noqa: F811
    ediscussion = running_ediscussion(facilitator=coordinator, access="public")
    ForumCategoryFactory(access="public", name_en="Housing and shelter")
    page = client.get(_url("index")).content.decode()
    assert "Housing and shelter" in page
    assert _url("category", ediscussion.category.slug) not in page
    assert _url("ediscussion_list") in page
    latest = client.get(_url("latest")).content.decode()
    assert f'value="{ediscussion.category.slug}"' not in latest
    response = client.get(_url("category", ediscussion.category.slug))
    assert response.status_code == 302
    assert response["Location"] == _url("ediscussion", ediscussion.slug)


# -- Participants ---------------------------------------------------------------------------------


def test_participants_are_grouped_by_country_and_named_only_as_they_allow(
    client,
    coordinator,  # noqa: F811
):
    ediscussion = running_ediscussion(facilitator=coordinator, access="members")
    topic = _question(ediscussion).topic
    shown = _official(
        "CO",
        "Medellín",
        first_name="Listed",
        last_name="Person",
        listed_in_directory=True,
        directory_show_organisation=True,
        directory_show_country=True,
    )
    hidden_organisation = _official(
        "CO",
        "Medellín",
        first_name="Hides",
        last_name="Organisation",
        listed_in_directory=True,
        directory_show_organisation=False,
        directory_show_country=True,
    )
    unlisted = _official("BR", "Recife", first_name="Not", last_name="Listed")
    for author in (shown, hidden_organisation, unlisted):
        reply_create(author=author, topic=topic, source="Our experience.")
    url = _url("ediscussion_participants", ediscussion.slug)
    client.force_login(UserFactory())
    page = client.get(url).content.decode()
    assert "Listed Person" in page
    assert "Hides Organisation" not in page and "Not Listed" not in page
    assert "Medellín" in page and "Recife" in page
    assert page.index("Brazil") < page.index("Colombia")
    assert "and 1 other participant" in page
    assert "4 people take part" in page  # with the facilitator
