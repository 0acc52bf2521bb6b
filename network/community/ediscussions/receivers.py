"""Receivers connecting the forum's writing to e-discussions (connected in
``apps.CommunityConfig.ready``)."""

from django.dispatch import receiver

from .. import signals
from . import services, services_mail
from . import signals as ediscussion_signals
from .models import EDiscussion


@receiver(signals.post_created, dispatch_uid="community.ediscussions.post_created")
def post_created_record(sender, post, **kwargs) -> None:
    """A post written in an e-discussion's question topic or tray is a contribution."""
    services.contribution_record(post=post)


@receiver(
    ediscussion_signals.week_published,
    sender=EDiscussion,
    dispatch_uid="community.ediscussions.week_published",
)
def week_published_announce(sender, week, **kwargs) -> None:
    """Enqueue the week's announcement once its publication commits (one task, whatever the
    number of participants)."""
    services_mail.week_announce_enqueue(week=week)
