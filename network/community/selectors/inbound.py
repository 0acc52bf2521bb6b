"""Reads for inbound mail: where a member may start topics by email, held mail for moderators."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet

from network.models import User

from ..models import Category, CategoryGrant, InboundMail
from ..permissions import suspension_active
from ..visibility import categories_readable, moderates


def categories_email_startable(*, user: User) -> QuerySet[Category]:
    """The categories in which ``user`` may start a topic by writing to their address: readable,
    taking topics by email, and open to them for new topics (the ``forum.topic_start`` rule,
    as one query); none while they are suspended."""
    if not user.is_authenticated or suspension_active(user=user) is not None:
        return Category.objects.none()
    readable = categories_readable(user=user).filter(accepts_email_topics=True)
    if not user.is_superuser:
        granted = CategoryGrant.objects.filter(
            category_id=OuterRef("pk"), group__user=user, can_start=True
        )
        readable = readable.filter(~Q(who_can_start=Category.Who.GRANTED) | Q(Exists(granted)))
    return readable.select_related("space").order_by("position", "slug")


def addresses_accepted(*, user: User) -> list[str]:
    """The addresses the forum takes a member's email from: their confirmed ones and their
    account's (one query)."""
    confirmed = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    addresses = {address.strip().lower() for address in confirmed}
    if user.email:
        addresses.add(user.email.strip().lower())
    return sorted(addresses)


def member_by_address(*, address: str) -> User | None:
    """The active member whose confirmed address (or account address) is ``address``: the
    author of a mail received, or of an archived message imported."""
    if not address:
        return None
    verified = (
        EmailAddress.objects.filter(email__iexact=address, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if verified is not None:
        return verified.user
    return User.objects.filter(email__iexact=address, is_active=True).first()


def inbound_mail_for_moderator(*, user: User, mail_id: int) -> InboundMail | None:
    """A held mail whose original ``user`` may read: a moderator of its post's category (a
    superuser too, once past the second factor: the original holds people's addresses). None
    once the retention purge emptied it."""
    if user.is_superuser and not getattr(user, "second_factor_passed", False):
        return None
    mail = (
        InboundMail.objects.select_related("post__topic__category")
        .filter(pk=mail_id, outcome=InboundMail.Outcome.HELD, post__isnull=False)
        .exclude(raw=b"")
        .first()
    )
    if mail is None or not moderates(user=user, category=mail.post.topic.category):
        return None
    return mail
