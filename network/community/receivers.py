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


def _fanout_on_commit(post_id: int, mentioned, **options) -> None:
    from .tasks import forum_post_fanout

    names = [str(name) for name in mentioned or ()]
    # robust: a broker that is down must not turn the author's committed post into an error;
    # the fan-out's sweep tells its readers later (``notify.fanout_sweep``).
    transaction.on_commit(lambda: forum_post_fanout.delay(post_id, names, **options), robust=True)


@receiver(signals.post_published, dispatch_uid="community.notify.post_published")
def post_published_fanout(sender, post, mentioned=(), **kwargs) -> None:
    """Enqueue the one fan-out task after the commit: the author's request does nothing else,
    however many people watch."""
    _fanout_on_commit(post.pk, mentioned)


@receiver(signals.post_edited, dispatch_uid="community.notify.post_edited")
def post_edited_mentions(sender, post, mentions_added=(), **kwargs) -> None:
    """The members an edit mentions for the first time are told by the same task, for the
    mentions only (the watchers heard of the post when it was published)."""
    if mentions_added:
        _fanout_on_commit(post.pk, mentions_added, mentions_only=True)


@receiver(signals.post_hidden, dispatch_uid="community.notify.post_hidden")
def post_hidden_withdraw(sender, post, **kwargs) -> None:
    """A hidden post is withdrawn from notifications not yet emailed or read."""
    notify.post_notifications_withdraw(post=post)


@receiver(signals.topic_moved, dispatch_uid="community.notify.topic_moved")
def topic_moved_notifications(sender, post, **kwargs) -> None:
    """Who cannot read the topic's new category forgets it; the others read its new name."""
    notify.topic_notifications_move(topic=post.topic)


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
    if reverse and action == "pre_clear":
        # ``group.user_set.clear()`` names nobody afterwards: its members are read now, and
        # forgotten once the clear is committed (clear runs in a transaction of its own).
        members = list(
            get_user_model().objects.filter(groups=instance).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: _forget_unreadable_of(members), robust=True)
        return
    if action not in ("post_remove", "post_clear"):
        return
    if not reverse:
        notify.notifications_forget_unreadable_of(user=instance)
        return
    if action == "post_remove":
        _forget_unreadable_of(pk_set or ())


def _forget_unreadable_of(user_ids) -> None:
    for user in get_user_model().objects.filter(pk__in=list(user_ids)):
        notify.notifications_forget_unreadable_of(user=user)
