"""The forum's notification receivers (connected in ``apps.CommunityConfig.ready``)."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import signals
from .models import Category, CategoryGrant
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


# -- Who lost the right to read: their notifications about it go --------------------------------


@receiver(post_save, sender=Category, dispatch_uid="community.notify.category_saved")
def category_access_changed(sender, instance, created, **kwargs) -> None:
    if not created:
        notify.notifications_forget_unreadable(category=instance)


@receiver(post_save, sender=CategoryGrant, dispatch_uid="community.notify.grant_saved")
@receiver(post_delete, sender=CategoryGrant, dispatch_uid="community.notify.grant_deleted")
def category_grant_changed(sender, instance, **kwargs) -> None:
    category = Category.objects.filter(pk=instance.category_id).first()
    if category is not None:
        members = (
            get_user_model().objects.filter(groups=instance.group_id).values_list("pk", flat=True)
        )
        notify.notifications_forget_unreadable(category=category, user_ids=members)


@receiver(
    m2m_changed, sender=get_user_model().groups.through, dispatch_uid="community.notify.groups"
)
def groups_left(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Someone left a group (``user.groups.remove``, ``group.user_set.remove``, ``clear``)."""
    if action not in ("post_remove", "post_clear"):
        return
    if not reverse:
        notify.notifications_forget_unreadable_of(user=instance)
        return
    for user in get_user_model().objects.filter(pk__in=pk_set or ()):
        notify.notifications_forget_unreadable_of(user=user)
