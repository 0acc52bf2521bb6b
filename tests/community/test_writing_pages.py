"""Writing in the forum as a member does it, through the pages: preview, mistakes, quoting,
replying to a post, editing and its history, deleting, "helpful" and the answer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.community.models import ModerationAction, Post, PostRevision, Reaction, Topic
from tests.factories import ForumCategoryFactory, ForumPostFactory, ForumTopicFactory, UserFactory
from tests.network.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


@pytest.fixture
def member(client):
    user = UserFactory(first_name="Ana", last_name="Pérez")
    client.force_login(user)
    return user


def _new(category):
    return reverse("community:topic_new", args=[category.slug])


def test_preview_shows_the_rendered_post_and_keeps_everything_typed(client, member):
    category = ForumCategoryFactory()
    response = client.post(
        _new(category),
        {
            "title": "Welcome desks in small towns",
            "source": "We **open** at 8.\n\n- one desk\n- two languages",
            "language": "es",
            "tags": "reception, desks",
            "action": "preview",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>open</strong>" in html and "<li>one desk</li>" in html
    assert 'value="Welcome desks in small towns"' in html
    assert "We **open** at 8." in html  # the Markdown stays in the text box
    assert 'value="reception, desks"' in html
    assert '<option value="es" selected>' in html
    assert not Topic.objects.exists()


def test_posting_a_topic_leads_to_its_first_post(client, member):
    category = ForumCategoryFactory()
    response = client.post(
        _new(category),
        {
            "title": "Welcome desks in small towns",
            "source": "How do you staff them?",
            "language": "en",
            "tags": "reception, Desks, desks",
            "action": "post",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:post", args=[post.pk])
    assert post.topic.title == "Welcome desks in small towns"
    assert sorted(post.topic.tags.names()) == ["Desks", "reception"]


def test_a_mistake_keeps_what_was_typed_and_says_what_is_wrong(client, member):
    category = ForumCategoryFactory()
    response = client.post(
        _new(category),
        {"title": "Hi", "source": "A long text I do not want to lose", "language": "en"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A long text I do not want to lose" in html
    assert 'role="alert"' in html
    assert not Topic.objects.exists()


def test_eleven_tags_are_refused_on_the_form(client, member):
    category = ForumCategoryFactory()
    tags = ", ".join(f"tag{n}" for n in range(11))
    response = client.post(
        _new(category),
        {"title": "A topic with tags", "source": "Text", "language": "en", "tags": tags},
    )
    assert "at most 10 tags" in response.content.decode()
    assert not Topic.objects.exists()


def test_the_language_defaults_to_the_members_own(client):
    user = UserFactory(preferred_language="pt")
    client.force_login(user)
    response = client.get(_new(ForumCategoryFactory()))
    assert '<option value="pt" selected>' in response.content.decode()


def test_a_private_category_is_not_found_and_a_closed_topic_says_why(client, member):
    private = ForumCategoryFactory(access="private")
    assert client.get(_new(private)).status_code == 404
    closed = ForumTopicFactory(is_closed=True)
    response = client.get(reverse("community:reply", args=[closed.pk]))
    assert response.status_code == 403
    assert "This topic is closed" in response.content.decode()


def test_quoting_prefills_the_reply_with_the_post_and_who_wrote_it(client, member):
    author = UserFactory(first_name="Rosa", last_name="Luna")
    topic = ForumTopicFactory(author=author, opening="First line.\n\nSecond line.")
    opening = topic.posts.get(number=1)
    response = client.get(reverse("community:reply", args=[topic.pk]), {"quote": opening.pk})
    html = response.content.decode()
    assert (
        "&gt; **Rosa Luna** wrote in #1:\n&gt;\n&gt; First line.\n&gt;\n&gt; Second line." in html
    )
    assert "Replying to #1 by Rosa Luna" in html


def test_quoting_a_selection_quotes_only_that_part(client, member):
    topic = ForumTopicFactory(opening="First line.\n\nSecond line.")
    opening = topic.posts.get(number=1)
    url = reverse("community:reply", args=[topic.pk])
    html = client.get(url, {"quote": opening.pk, "text": "Second line."}).content.decode()
    assert "&gt; Second line." in html and "First line." not in html
    # Text that is not in the post quotes the whole post instead.
    html = client.get(url, {"quote": opening.pk, "text": "invented"}).content.decode()
    assert "&gt; First line." in html and "&gt; invented" not in html


def test_a_reply_to_a_post_is_recorded_and_leads_to_it(client, member):
    topic = ForumTopicFactory()
    earlier = ForumPostFactory(topic=topic)
    url = reverse("community:reply", args=[topic.pk])
    assert "Replying to #2" in client.get(url, {"to": earlier.pk}).content.decode()
    response = client.post(
        url, {"source": "Same here.", "language": "auto", "to": earlier.pk, "action": "post"}
    )
    reply = Post.objects.get(topic=topic, number=3)
    assert reply.reply_to == earlier
    assert response["Location"] == reverse("community:post", args=[reply.pk])
    topic.refresh_from_db()
    assert topic.reply_count == 2


def test_the_reply_form_at_the_foot_of_a_topic_posts_without_choosing_a_language(client, member):
    topic = ForumTopicFactory()
    response = client.post(
        reverse("community:reply", args=[topic.pk]),
        {"source": "Abrimos un punto de atención nocturno hasta las once.", "action": "post"},
    )
    reply = Post.objects.get(topic=topic, number=2)
    assert response["Location"] == reverse("community:post", args=[reply.pk])
    assert reply.language == "es"


def test_a_held_reply_says_it_waits_for_a_moderator(client, member):
    topic = ForumTopicFactory(category__approve_first_posts=True)
    response = client.post(
        reverse("community:reply", args=[topic.pk]),
        {"source": "My first post", "language": "en", "action": "post"},
        follow=False,
    )
    assert response["Location"].startswith(reverse("community:topic_short", args=[topic.pk]))
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Your post waits for a moderator's approval."]


def test_the_author_edits_and_the_previous_version_is_kept(client, member):
    topic = ForumTopicFactory(author=member, opening="Old text", title="An old title here")
    opening = topic.posts.get(number=1)
    url = reverse("community:post_edit", args=[opening.pk])
    assert "Old text" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "A better title here",
            "source": "New *text*",
            "language": "en",
            "tags": "housing",
            "reason": "typo",
            "action": "post",
        },
    )
    assert response.status_code == 302
    opening.refresh_from_db()
    topic.refresh_from_db()
    assert "<em>text</em>" in opening.html and opening.edited_at is not None
    assert topic.title == "A better title here" and list(topic.tags.names()) == ["housing"]
    revision = PostRevision.objects.get()
    assert (revision.source, revision.title, revision.editor) == (
        "Old text",
        "An old title here",
        member,
    )


def test_editing_after_the_window_is_refused_with_the_reason(client, member, settings):
    settings.FORUM_EDIT_MINUTES = 60
    post = ForumPostFactory(author=member, created_at=timezone.now() - timedelta(hours=2))
    response = client.get(reverse("community:post_edit", args=[post.pk]))
    assert response.status_code == 403
    assert "Posts can be edited for 1 hours" in response.content.decode()


def test_a_moderator_edits_someone_elses_post_with_a_logged_reason(client):
    moderator = person("moderator")
    client.force_login(moderator)
    post = ForumPostFactory(source="Call me at +34 600 000 000")
    url = reverse("community:post_edit", args=[post.pk])
    response = client.post(url, {"source": "Call me.", "language": "en", "action": "post"})
    assert response.status_code == 200  # the reason is required
    assert "Call me." in response.content.decode()
    client.post(url, {"source": "Call me.", "language": "en", "reason": "phone number"})
    action = ModerationAction.objects.get()
    assert (action.action, action.reason, action.post) == ("edit", "phone number", post)


def test_revisions_are_for_the_author_and_moderators_only(client):
    author = UserFactory()
    post = ForumPostFactory(author=author, source="Before")
    from network.community.services.posting import post_edit

    post_edit(editor=author, post=post, source="After")
    url = reverse("community:post_revisions", args=[post.pk])
    client.force_login(author)
    html = client.get(url).content.decode()
    assert "Before" in html and "After" in html
    client.force_login(person("moderator"))
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 403 and "Before" not in response.content.decode()
    private = ForumPostFactory(topic=ForumTopicFactory(category__access="private"))
    url = reverse("community:post_revisions", args=[private.pk])
    assert client.get(url).status_code == 404


def test_deleting_a_reply_hides_it_and_counts_again(client, member):
    topic = ForumTopicFactory()
    mine = ForumPostFactory(topic=topic, author=member)
    url = reverse("community:post_delete", args=[mine.pk])
    assert "Delete post #2?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    mine.refresh_from_db()
    topic.refresh_from_db()
    assert mine.state == Post.State.HIDDEN and mine.hidden_by == member
    assert mine.hidden_reason == "Deleted by its author."
    assert topic.reply_count == 0 and not topic.is_hidden


def test_deleting_the_opening_post_hides_the_topic(client, member):
    topic = ForumTopicFactory(author=member)
    client.post(reverse("community:post_delete", args=[topic.posts.get(number=1).pk]))
    topic.refresh_from_db()
    assert topic.is_hidden


def test_nobody_deletes_someone_elses_post(client, member):
    post = ForumPostFactory()
    response = client.post(reverse("community:post_delete", args=[post.pk]))
    assert response.status_code == 403
    assert "You may only delete your own posts." in response.content.decode()


def test_helpful_toggles_and_counts_exactly(client, member):
    post = ForumPostFactory()
    url = reverse("community:post_helpful", args=[post.pk])
    assert client.get(url).status_code == 405
    assert client.post(url)["Location"] == reverse("community:post", args=[post.pk])
    client.post(url)
    client.post(url)
    post.refresh_from_db()
    assert post.helpful_count == 1 == Reaction.objects.count()
    client.post(url)
    post.refresh_from_db()
    assert post.helpful_count == 0


def test_the_answer_is_chosen_by_the_topics_author_or_a_moderator(client, member):
    topic = ForumTopicFactory(author=member)
    answer = ForumPostFactory(topic=topic)
    url = reverse("community:solution_mark", args=[answer.pk])
    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    client.force_login(member)
    client.post(url)
    topic.refresh_from_db()
    assert topic.solution == answer
    client.force_login(person("moderator"))
    client.post(url)
    topic.refresh_from_db()
    assert topic.solution is None


def test_too_many_posts_in_an_hour_are_refused_with_what_was_typed_kept(client, member, settings):
    settings.FORUM_LIMIT_NEW_POSTS_PER_HOUR = 2
    topic = ForumTopicFactory()
    ForumPostFactory.create_batch(2, topic=topic, author=member, state="held")
    response = client.post(
        reverse("community:reply", args=[topic.pk]),
        {"source": "One more thought", "language": "en", "action": "post"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have written 2 posts in the last hour" in html
    assert "One more thought" in html


# The session, the person, the post with its topic and category, the visibility and moderator
# checks (whether they facilitate an e-discussion among them), the revisions with their
# editors: the same for one edit or many.
QUERIES_REVISIONS = 12


@pytest.mark.parametrize("edits", [1, 6])
def test_the_history_costs_the_same_queries_for_one_edit_or_many(
    client, django_assert_num_queries, edits
):
    from network.community.services.posting import post_edit

    author = UserFactory()
    post = ForumPostFactory(author=author, source="Version 0")
    editor = person("moderator")
    for number in range(1, edits + 1):
        post = post_edit(editor=editor, post=post, source=f"Version {number}", reason="typo")
    client.force_login(author)
    url = reverse("community:post_revisions", args=[post.pk])
    client.get(url)  # the session and the person's roles, read once
    with django_assert_num_queries(QUERIES_REVISIONS):
        response = client.get(url)
    assert response.content.decode().count('class="forum-revision"') == edits


def test_a_suspended_member_is_told_until_when(client, member):
    from network.community.models import Suspension

    Suspension.objects.create(
        member=member, ends_at=timezone.now() + timedelta(days=3), reason="Spam"
    )
    response = client.get(_new(ForumCategoryFactory()))
    assert response.status_code == 403
    assert "Your participation in the forum is suspended until" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(_new(ForumCategoryFactory(access="public")))
    assert response.status_code == 302 and "login" in response["Location"]


def test_detect_finds_the_language_of_the_text(client, member):
    topic = ForumTopicFactory()
    client.post(
        reverse("community:reply", args=[topic.pk]),
        {
            "source": "Nosotros abrimos una oficina para las personas recién llegadas y "
            "funcionó muy bien con el apoyo de la alcaldía.",
            "language": "auto",
            "action": "post",
        },
    )
    assert topic.posts.get(number=2).language == "es"
