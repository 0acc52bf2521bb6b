"""Invitation links' secrets. A token is 32 random bytes (``secrets.token_urlsafe``); only its
SHA-256 is stored, so a copy of the database opens no invitation. Looking a token up is one
indexed equality on the digest: a wrong guess finds nothing, in the same time whatever it is."""

import hashlib
import secrets

TOKEN_BYTES = 32


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_new() -> tuple[str, str]:
    """A fresh token and its digest (store the digest, send the token)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_digest(token)
