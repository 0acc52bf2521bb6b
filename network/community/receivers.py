"""The forum's notification receivers (connected in ``apps.CommunityConfig.ready``)."""

import logging

from django.db import transaction
from django.dispatch import receiver

from . import signals
from .services import notify

logger = logging.getLogger(__name__)


@receiver(signals.post_published, dispatch_uid="community.notify.post_published")
def post_published_fanout(sender, post, mentioned=(), **kwargs) -> None:
    """Enqueue the one fan-out task after the commit: the author's request does nothing else,
    however many people watch."""
    from .tasks import forum_post_fanout

    post_id, names = post.pk, [str(name) for name in mentioned or ()]
    # robust: a broker that is down must not turn the author's committed post into an error.
    transaction.on_commit(lambda: forum_post_fanout.delay(post_id, names), robust=True)


@receiver(signals.post_hidden, dispatch_uid="community.notify.post_hidden")
def post_hidden_withdraw(sender, post, **kwargs) -> None:
    """A hidden post is withdrawn from notifications not yet emailed or read."""
    notify.post_notifications_withdraw(post=post)
