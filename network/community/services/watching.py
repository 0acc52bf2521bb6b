"""What members choose to hear of: a level per category, watching or muting a topic.

A category without a ``CategoryWatch`` row is at the default level, "normal" (like Discourse's):
nothing about it arrives except the topics the member watches (their own topics and the ones they
replied to watch themselves, see ``posting._watch_as``). Choosing "normal" again removes the row.
A topic without a ``TopicWatch`` row follows its category. Every write is decided by
``network.permissions.decide`` (``forum.category_watch`` / ``forum.topic_watch``): nobody
watches what they cannot read.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from network.models import User
from network.permissions import decide

from .. import permissions
from ..models import Category, CategoryWatch, Topic, TopicWatch
from ..visibility import categories_readable

# The level of a category or topic without a row (no row is stored for it).
NORMAL = ""


def _refuse_unless(user: User, action: str, obj) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _clean_category_level(level: str) -> str:
    level = (level or "").strip()
    if level != NORMAL and level not in CategoryWatch.Level.values:
        raise ValidationError({"level": _("Choose one of the levels offered.")})
    return level


@transaction.atomic
def category_watch_set(*, user: User, category: Category, level: str) -> CategoryWatch | None:
    """Set ``user``'s level for ``category`` (``NORMAL`` removes their row)."""
    _refuse_unless(user, permissions.CATEGORY_WATCH, category)
    level = _clean_category_level(level)
    if level == NORMAL:
        CategoryWatch.objects.filter(user=user, category=category).delete()
        return None
    watch, _created = CategoryWatch.objects.update_or_create(
        user=user, category=category, defaults={"level": level}
    )
    return watch


@transaction.atomic
def category_watches_save(*, user: User, levels: dict[int, str]) -> int:
    """Save the watching page at once: ``levels`` is {category id: level}. Categories the
    member cannot read are ignored (the form offers only readable ones); returns how many
    changed. A constant number of queries, however many categories."""
    cleaned = {int(pk): _clean_category_level(level) for pk, level in levels.items()}
    readable = set(
        categories_readable(user=user).filter(pk__in=list(cleaned)).values_list("pk", flat=True)
    )
    cleaned = {pk: level for pk, level in cleaned.items() if pk in readable}
    current = {
        watch.category_id: watch
        for watch in CategoryWatch.objects.filter(user=user, category_id__in=list(cleaned))
    }
    removed = [pk for pk, level in cleaned.items() if level == NORMAL and pk in current]
    changed = [
        current[pk]
        for pk, level in cleaned.items()
        if level != NORMAL and pk in current and current[pk].level != level
    ]
    for watch in changed:
        watch.level = cleaned[watch.category_id]
    added = [
        CategoryWatch(user=user, category_id=pk, level=level)
        for pk, level in cleaned.items()
        if level != NORMAL and pk not in current
    ]
    if removed:
        CategoryWatch.objects.filter(user=user, category_id__in=removed).delete()
    if changed:
        CategoryWatch.objects.bulk_update(changed, ["level", "updated_at"])
    if added:
        CategoryWatch.objects.bulk_create(added)
    return len(removed) + len(changed) + len(added)


def _clean_topic_level(level: str) -> str:
    level = (level or "").strip()
    if level != NORMAL and level not in TopicWatch.Level.values:
        raise ValidationError({"level": _("Choose one of the levels offered.")})
    return level


@transaction.atomic
def topic_watch_set(*, user: User, topic: Topic, level: str) -> TopicWatch | None:
    """Watch (``"watching"``), mute (``"muted"``) or leave to its category (``NORMAL``: the row
    goes) one topic."""
    _refuse_unless(user, permissions.TOPIC_WATCH, topic)
    level = _clean_topic_level(level)
    if level == NORMAL:
        TopicWatch.objects.filter(user=user, topic=topic).delete()
        return None
    watch, _created = TopicWatch.objects.update_or_create(
        user=user,
        topic=topic,
        defaults={"level": level, "reason": TopicWatch.Reason.CHOSEN},
    )
    return watch
