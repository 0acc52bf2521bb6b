"""Reads for notifications: what a person sees, what they want emailed, what a digest holds."""

from collections import defaultdict
from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from .kinds import Frequency, kind_get, kinds_all
from .models import Notification, NotificationPreference

NOTIFICATIONS_PER_PAGE = 20


def notification_list(*, user) -> QuerySet[Notification]:
    """A person's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_page(*, user, page: int | str | None) -> Page:
    """One page of a person's notifications; out-of-range or malformed pages give the nearest
    valid page rather than an error."""
    paginator = Paginator(notification_list(user=user), NOTIFICATIONS_PER_PAGE)
    return paginator.get_page(page)


def notification_unread_count(*, user) -> int:
    """How many of a person's notifications are unread (one indexed COUNT query)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def _default_frequency(kind: str) -> str:
    try:
        return kind_get(kind).default_frequency
    except ValueError:
        # A kind that is no longer registered is never emailed.
        return Frequency.OFF


def preference_frequencies(*, user) -> dict[str, str]:
    """The effective email frequency for every registered kind, for one person."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind.code: chosen.get(kind.code, kind.default_frequency) for kind in kinds_all()}


def preference_frequency_by_user(*, user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """The effective email frequency for one kind, for many people (one query)."""
    user_ids = list(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    default = _default_frequency(kind)
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def _pending_by_effective_frequency(*, user_ids: Iterable[int] | None = None):
    """Pending digest items grouped as {(user_id, effective frequency): [(kind, chosen)]}:
    ``chosen`` is the frequency its sender decided (``Notification.email_frequency``), which
    is then its effective one; "" means the person's preference for the kind decides."""
    pending = Notification.objects.filter(email_pending=True)
    if user_ids is not None:
        pending = pending.filter(recipient_id__in=list(user_ids))
    triples = set(pending.values_list("recipient_id", "kind", "email_frequency").distinct())
    if not triples:
        return {}
    preferred = {(user_id, kind) for user_id, kind, chosen in triples if not chosen}
    stored = (
        {
            (user_id, kind): frequency
            for user_id, kind, frequency in NotificationPreference.objects.filter(
                user_id__in={user_id for user_id, _ in preferred},
                kind__in={kind for _, kind in preferred},
            ).values_list("user_id", "kind", "frequency")
        }
        if preferred
        else {}
    )
    grouped: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for user_id, kind, chosen in sorted(triples):
        frequency = chosen or stored.get((user_id, kind), _default_frequency(kind))
        grouped[(user_id, frequency)].append((kind, chosen))
    return grouped


def _belongs_in_digest(effective: str, digest_frequency: str) -> bool:
    # Someone who switched a kind to "immediately" after it was queued for a digest gets it in
    # whichever digest goes out first, rather than never.
    return effective in (digest_frequency, Frequency.IMMEDIATELY)


def digest_recipients(*, frequency: str) -> list[int]:
    """Ids of people who have something new for a ``frequency`` digest."""
    grouped = _pending_by_effective_frequency()
    return sorted(
        {user_id for user_id, effective in grouped if _belongs_in_digest(effective, frequency)}
    )


def digest_muted_kinds() -> dict[int, list[str]]:
    """Pending digest items whose kind the person has since turned off: {user_id: [kind]}.
    Items whose sender chose their frequency are left to it."""
    grouped = _pending_by_effective_frequency()
    return {
        user_id: [kind for kind, chosen in pairs if not chosen]
        for (user_id, effective), pairs in grouped.items()
        if effective == Frequency.OFF and any(not chosen for _, chosen in pairs)
    }


def digest_new_notifications(*, user, frequency: str) -> QuerySet[Notification]:
    """The pending notifications that belong in one person's ``frequency`` digest."""
    grouped = _pending_by_effective_frequency(user_ids=[user.pk])
    matches = Q(pk__in=[])
    for (_, effective), pairs in grouped.items():
        if not _belongs_in_digest(effective, frequency):
            continue
        for kind, chosen in pairs:
            matches |= Q(kind=kind, email_frequency=chosen)
    return Notification.objects.filter(matches, recipient=user, email_pending=True)
