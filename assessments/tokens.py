"""Invitation links' secrets.

An invitation's token is an HMAC (keyed by ``SECRET_KEY``) of a random nonce stored with the
invitation, so that reminders, sent weeks later, carry the same link; only the token's SHA-256
is stored for lookup. A copy of the database alone opens no invitation. Looking a token up is
one indexed equality on the digest: a wrong guess finds nothing, in the same time whatever it
is. Rotating ``SECRET_KEY`` changes every link (``invitation_link_renew`` sends new ones).
"""

import base64
import hashlib
import secrets

from django.utils.crypto import salted_hmac

NONCE_BYTES = 16
KEY_SALT = "convive.assessments.invitation"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_for(*, nonce: str) -> str:
    """The link token of the invitation whose nonce is ``nonce`` (43 URL-safe characters)."""
    digest = salted_hmac(KEY_SALT, nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def nonce_new() -> tuple[str, str]:
    """A fresh nonce and the digest of its token: store both on the invitation."""
    nonce = secrets.token_hex(NONCE_BYTES)
    return nonce, token_digest(token_for(nonce=nonce))
