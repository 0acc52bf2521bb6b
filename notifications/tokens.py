"""Signed one-click unsubscribe tokens.

A token names a person and the kinds they stop receiving by email. The signature (salted, with
the project's SECRET_KEY) is the only authority the unsubscribe page needs: mail clients post to
it without a session or a CSRF token (RFC 8058). Tokens do not expire, because unsubscribe links
in old emails must keep working.
"""

from django.core import signing

SALT = "convive.notifications.unsubscribe"


class InvalidToken(Exception):
    """The token was tampered with, truncated or is not an unsubscribe token."""


def unsubscribe_token_make(*, user_id: int, kinds: list[str]) -> str:
    """A token that lets its holder turn off email for ``kinds`` for one person."""
    return signing.dumps({"u": user_id, "k": sorted(set(kinds))}, salt=SALT, compress=True)


def unsubscribe_token_read(*, token: str) -> tuple[int, list[str]]:
    """The person's id and the kinds named by a token; ``InvalidToken`` when it is not genuine."""
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc
    if not isinstance(payload, dict):
        raise InvalidToken("Unexpected payload.")
    user_id, kinds = payload.get("u"), payload.get("k")
    if not isinstance(user_id, int) or not isinstance(kinds, list) or not kinds:
        raise InvalidToken("Unexpected payload.")
    if not all(isinstance(kind, str) for kind in kinds):
        raise InvalidToken("Unexpected payload.")
    return user_id, kinds
