"""Receivers connecting the forum's writing to e-discussions (connected in
``apps.CommunityConfig.ready``)."""

from django.dispatch import receiver

from .. import signals
from . import services


@receiver(signals.post_created, dispatch_uid="community.ediscussions.post_created")
def post_created_record(sender, post, **kwargs) -> None:
    """A post written in an e-discussion's question topic or tray is a contribution."""
    services.contribution_record(post=post)
