"""Starting topics and replying (network.community.services.posting)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from network.community.models import Post, Topic, TopicWatch
from network.community.services.posting import reply_create, topic_create
from tests.factories import ForumCategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_topic_and_its_replies_are_numbered_and_counted():
    category = ForumCategoryFactory()
    author, replier = UserFactory(), UserFactory()
    written = topic_create(
        author=author,
        category=category,
        title="Documentation desks for new arrivals",
        source="How do you *organise* the desk?",
    )
    topic = written.post.topic
    assert written.post.number == 1
    assert "<em>organise</em>" in written.post.html
    first = reply_create(author=replier, topic=topic, source="We open at 8.").post
    second = reply_create(author=author, topic=topic, source="Thanks!", reply_to=first).post
    topic.refresh_from_db()
    assert (first.number, second.number) == (2, 3)
    assert (topic.reply_count, topic.last_post_number) == (2, 3)
    assert TopicWatch.objects.filter(topic=topic).count() == 2


def test_nobody_writes_in_a_private_category_they_cannot_read():
    private = ForumCategoryFactory(access="private")
    with pytest.raises(PermissionDenied):
        topic_create(
            author=UserFactory(), category=private, title="A private question", source="Hi"
        )
    assert not Topic.objects.exists()


def test_an_empty_post_or_a_short_title_is_refused_with_a_reason():
    category = ForumCategoryFactory()
    with pytest.raises(ValidationError) as error:
        topic_create(author=UserFactory(), category=category, title="Hi", source="Text")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        topic_create(author=UserFactory(), category=category, title="A fine title", source=" ")
    assert "source" in error.value.message_dict


def test_a_new_members_first_post_waits_where_the_category_says_so():
    category = ForumCategoryFactory(approve_first_posts=True)
    written = topic_create(
        author=UserFactory(), category=category, title="My first question", source="Hello all"
    )
    assert written.post.state == Post.State.HELD
    assert written.post.topic.is_held


def test_members_get_a_handle_from_their_name_and_mentions_find_it():
    lucia = UserFactory(first_name="Lucía", last_name="Fernández")
    namesake = UserFactory(first_name="Lucia", last_name="Fernandez")
    assert lucia.handle == "lucia_fernandez"
    assert namesake.handle == "lucia_fernandez_2"
    from network.community.services.rendering import _mention_targets

    targets = _mention_targets(["Lucia_Fernandez", "nobody_here"])
    assert list(targets) == ["Lucia_Fernandez"]
    assert targets["Lucia_Fernandez"].display_name == "Lucía Fernández"


# -- Mentions, limits, edits, deleting, counters (forum-write) ---------------------------------
def _private_with_member():
    from django.contrib.auth.models import Group

    from network.community.models import CategoryGrant

    group = Group.objects.create(name="committee-test")
    private = ForumCategoryFactory(access="private")
    CategoryGrant.objects.create(category=private, group=group)
    insider = UserFactory(first_name="Ines", last_name="Dentro")
    insider.groups.add(group)
    return private, insider


def test_a_private_post_mentions_only_members_who_can_read_it():
    from network.community.services.rendering import _mention_targets

    private, insider = _private_with_member()
    outsider = UserFactory(first_name="Otto", last_name="Fuera")
    typed = [insider.handle.upper(), outsider.handle]
    targets = _mention_targets(typed, category=private)
    assert list(targets) == [insider.handle.upper()]
    assert targets[insider.handle.upper()].display_name == "Ines Dentro"
    # In a members' category both are readers.
    assert len(_mention_targets(typed, category=ForumCategoryFactory())) == 2


def test_too_many_mentions_are_refused_unless_by_a_moderator(settings):
    from network.community.services.limits import mentions_limit_check
    from tests.network.conftest import person

    settings.FORUM_LIMIT_NEW_MENTIONS_PER_POST = 2
    with pytest.raises(ValidationError) as error:
        mentions_limit_check(user=UserFactory(), mentioned=("a", "b", "c"))
    assert "at most 2" in error.value.message_dict["source"][0]
    mentions_limit_check(user=UserFactory(), mentioned=("a", "b"))
    mentions_limit_check(user=person("moderator"), mentioned=("a", "b", "c"))


def test_a_new_member_may_start_only_a_few_topics_a_day_but_a_moderator_more(settings):
    from tests.network.conftest import person

    settings.FORUM_LIMIT_NEW_TOPICS_PER_DAY = settings.FORUM_LIMIT_TOPICS_PER_DAY = 1
    category = ForumCategoryFactory()
    author = UserFactory()
    topic_create(author=author, category=category, title="My first question", source="Hi")
    with pytest.raises(ValidationError) as error:
        topic_create(author=author, category=category, title="My second question", source="Hi")
    assert "started 1 topics in the last day" in error.value.messages[0]
    moderator = person("moderator")
    for n in range(2):
        topic_create(author=moderator, category=category, title=f"Announcement {n}", source="x")


def test_an_edit_keeps_the_previous_version_and_sends_post_edited():
    from network.community import signals
    from network.community.services.posting import post_edit

    author = UserFactory()
    written = topic_create(
        author=author,
        category=ForumCategoryFactory(),
        title="Documentation desks",
        source="First version",
    )
    received = []

    def receive(post, **kwargs):
        received.append(post)

    signals.post_edited.connect(receive)
    try:
        post = post_edit(editor=author, post=written.post, source="Second version")
        # The same text again changes nothing and keeps no empty revision.
        post_edit(editor=author, post=post, source="Second version")
    finally:
        signals.post_edited.disconnect(receive)
    assert post.revisions.count() == 1
    assert post.revisions.get().source == "First version"
    assert [edited.pk for edited in received] == [post.pk]


def test_deleting_and_restoring_keeps_the_counters_right():
    from network.community.services.counters import topic_counters_refresh
    from network.community.services.posting import post_delete

    author, replier = UserFactory(), UserFactory()
    topic = topic_create(
        author=author, category=ForumCategoryFactory(), title="Counting replies", source="Hi"
    ).post.topic
    first = reply_create(author=replier, topic=topic, source="One").post
    second = reply_create(author=replier, topic=topic, source="Two").post
    post_delete(user=replier, post=second)
    topic.refresh_from_db()
    assert topic.reply_count == 1 and topic.last_post_at == first.created_at
    # What a moderator's restore does, through the same helper.
    Post.objects.filter(pk=second.pk).update(state=Post.State.PUBLISHED)
    topic_counters_refresh(topic=topic)
    topic.refresh_from_db()
    assert topic.reply_count == 2 and topic.last_post_at == second.created_at


def test_nobody_marks_a_removed_post_helpful():
    from network.community.services.reactions import helpful_toggle
    from tests.factories import ForumPostFactory

    post = ForumPostFactory(state=Post.State.HIDDEN)
    with pytest.raises(PermissionDenied):
        helpful_toggle(user=UserFactory(), post=post)


def test_a_private_topic_links_and_reports_only_the_mentions_of_its_readers():
    private, insider = _private_with_member()
    outsider = UserFactory(first_name="Otto", last_name="Fuera")
    written = topic_create(
        author=insider,
        category=private,
        title="Committee agenda for May",
        source=f"@{insider.handle} and @{outsider.handle}, please read.",
    )
    assert written.mentioned == (insider.handle,)
    assert written.post.html.count('class="mention"') == 1
    assert f"@{outsider.handle}" in written.post.html  # left as plain text


def test_too_many_mentions_in_a_post_are_refused(settings):
    settings.FORUM_LIMIT_NEW_MENTIONS_PER_POST = 2
    source = " ".join(f"@{member.handle}" for member in UserFactory.create_batch(3))
    with pytest.raises(ValidationError) as error:
        topic_create(
            author=UserFactory(),
            category=ForumCategoryFactory(),
            title="Who wants to join?",
            source=source,
        )
    assert "mentions 3 members" in error.value.message_dict["source"][0]
