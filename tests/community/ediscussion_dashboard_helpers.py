"""Contributions for the facilitator's dashboard, tray and export tests: written through the
forum's reply service, or dropped in the tray as the email and import paths do."""

from django.db import transaction

from network.community import signals
from network.community.markdown import markdown_render
from network.community.models import Contribution, EDiscussion, Post, Question, Topic
from network.community.services.posting import reply_create


def contribute(*, author, question: Question, source: str, language: str = "en", **options):
    """A contribution to ``question`` written on the website (``held=True`` to hold it)."""
    post = reply_create(
        author=author, topic=question.topic, source=source, language=language, **options
    ).post
    return Contribution.objects.get(post=post)


@transaction.atomic
def tray_contribution(
    *,
    ediscussion: EDiscussion,
    author,
    source: str,
    language: str = "en",
    state: str = Post.State.PUBLISHED,
) -> Contribution:
    """A contribution in the e-discussion's tray (no question yet), as an email to a week's
    address without a clear heading, or an imported message, arrives."""
    tray = Topic.objects.select_for_update().get(pk=ediscussion.tray_id)
    number = tray.last_post_number + 1
    post = Post.objects.create(
        topic=tray,
        number=number,
        author=author,
        source=source,
        html=markdown_render(source=source, nofollow_all=True).html,
        language=language,
        state=state,
        via=Post.Via.EMAIL,
    )
    Topic.objects.filter(pk=tray.pk).update(last_post_number=number)
    signals.post_created.send(sender=Post, post=post)
    return Contribution.objects.get(post=post)
