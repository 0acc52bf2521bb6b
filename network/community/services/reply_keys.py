"""Reply addresses: ``reply+<key>@<domain>``, one per post and recipient of a notification.

A key is 16 random bytes and an HMAC of them with the site's secret (``signing``), in lower-case
base32 so mail systems that fold case keep it whole. A forged key fails the signature before any
database lookup; a real one is found by its SHA-256 (``ReplyKey.key_hash``), so the database
never holds a key that could post as someone. Keys expire (``FORUM_REPLY_KEY_DAYS``).
"""

import base64
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..models import Post, ReplyKey, key_hash

_SALT = "convive.community.reply-key"
_RANDOM_BYTES = 15
_SIGNATURE_BYTES = 10


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=").lower()


def _signature(random_part: str) -> str:
    digest = salted_hmac(_SALT, random_part, algorithm="sha256").digest()
    return _b32(digest[:_SIGNATURE_BYTES])


def reply_key_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "FORUM_REPLY_KEY_DAYS", 90))


def reply_key_new() -> str:
    """A new signed key (random, then its signature); store only ``key_hash`` of it. Every
    key of an address ``reply+<key>@...`` is made here (the e-discussions' week keys too)."""
    random_part = _b32(secrets.token_bytes(_RANDOM_BYTES))
    return f"{random_part}{_signature(random_part)}"


def reply_key_issue(*, user, post: Post) -> str:
    """A new reply key for ``user`` answering ``post`` (the raw key: put it in the address,
    never store it). Issuing again replaces the earlier key of the same pair."""
    return reply_keys_issue(user=user, posts=[post])[post.pk]


def reply_keys_issue(*, user, posts: Iterable[Post]) -> dict[int, str]:
    """New reply keys for ``user`` answering each of ``posts``: {post id: raw key}. One query
    whatever their number (an email answering several questions); issuing again replaces the
    earlier key of the same pair (its use count kept)."""
    keys = {post.pk: reply_key_new() for post in posts}
    if not keys:
        return {}
    expires_at = timezone.now() + reply_key_lifetime()
    ReplyKey.objects.bulk_create(
        [
            ReplyKey(user=user, post_id=post_id, key_hash=key_hash(key), expires_at=expires_at)
            for post_id, key in keys.items()
        ],
        update_conflicts=True,
        unique_fields=["user", "post"],
        update_fields=["key_hash", "expires_at"],
    )
    return keys


def reply_key_is_signed(key: str) -> bool:
    """Whether ``key`` carries a valid signature (a forged or mistyped key does not)."""
    key = key.strip().lower()
    random_length = len(_b32(b"\0" * _RANDOM_BYTES))
    if len(key) <= random_length:
        return False
    random_part, signature = key[:random_length], key[random_length:]
    return hmac.compare_digest(signature, _signature(random_part))


def reply_key_find(*, key: str) -> ReplyKey | None:
    """The stored key for a signed ``key`` (expired or not: the caller tells them apart), or
    None for a forged or unknown one."""
    if not reply_key_is_signed(key):
        return None
    return (
        ReplyKey.objects.select_related("user", "post__topic__category")
        .filter(key_hash=key_hash(key.strip().lower()))
        .first()
    )


def reply_address(*, key: str) -> str:
    """The address a recipient replies to (``FORUM_REPLY_ADDRESS``, with ``{key}``)."""
    return settings.FORUM_REPLY_ADDRESS.format(key=key)
