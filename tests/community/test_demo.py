"""The demo forum (network/community/demo.py): what the demo promises is there, and seeding
twice changes nothing."""

import io

import pytest

from network.community import visibility
from network.community.demo import seed_community
from network.community.models import Category, Flag, ModerationAction, Post, Topic
from network.demo import seed_network
from network.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_forum():
    seed_network(stdout=io.StringIO())
    seed_community(stdout=io.StringIO())


def test_the_demo_forum_holds_conversations_in_four_languages(demo_forum):
    assert set(Post.objects.values_list("language", flat=True)) == {"en", "es", "pt", "fr"}
    for category in Category.objects.all():
        for language in ("en", "es", "pt", "fr"):
            assert category.is_translated("name", language=language), category.slug


def test_the_partners_intranet_is_invisible_to_members_and_open_to_partners(demo_forum):
    member = User.objects.get(email__startswith="member@")
    partner = User.objects.get(email__startswith="partner@")
    private = Topic.objects.filter(category__access="private")
    assert private.count() == 2
    assert not visibility.topics_listed(user=member).filter(pk__in=private).exists()
    assert not visibility.topics_listed(user=None).filter(pk__in=private).exists()
    partner_sees = visibility.topics_listed(user=partner).filter(pk__in=private)
    assert list(partner_sees.values_list("category__slug", flat=True)) == ["partners-coordination"]


def test_a_solved_question_a_mention_and_a_hidden_flagged_post(demo_forum):
    assert Topic.objects.filter(solution__isnull=False).count() >= 2
    assert Post.objects.filter(source__contains="@mariana_torres").exists()
    hidden = Post.objects.get(state=Post.State.HIDDEN)
    assert Flag.objects.filter(post=hidden).count() == 2
    assert ModerationAction.objects.filter(post=hidden, action="hide").exists()
    assert hidden.topic.reply_count == hidden.topic.posts.filter(state="published").count() - 1


def test_seeding_again_changes_nothing(demo_forum):
    counts = (Topic.objects.count(), Post.objects.count(), ModerationAction.objects.count())
    seed_community(stdout=io.StringIO())
    assert (
        Topic.objects.count(),
        Post.objects.count(),
        ModerationAction.objects.count(),
    ) == counts


def test_the_example_emails_replay_on_the_demo_forum_one_with_a_pdf(
    demo_forum, client, settings, tmp_path
):
    from django.core.management import call_command
    from django.urls import reverse

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    out = io.StringIO()
    call_command("forum_demo_mail", stdout=out)
    assert "attached: checklist-boa-vista.pdf (document," in out.getvalue()
    post = Post.objects.get(attachments__name="checklist-boa-vista.pdf")
    assert post.via == Post.Via.EMAIL and post.is_published
    assert post.source.startswith("Obrigada, Sarah!")
    topic = post.topic
    client.force_login(User.objects.get(email__startswith="member@"))
    page = client.get(
        reverse("community:topic", kwargs={"topic_id": topic.pk, "slug": topic.slug})
    ).content.decode()
    assert "checklist-boa-vista.pdf" in page
