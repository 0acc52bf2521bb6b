"""CONTRACT (to be implemented by the notifications work): every app notifies people only
through these two functions.

- ``notification_send``: store one in-app notification per recipient for an event and enqueue its
  delivery (email now or in a digest, per the recipient's preferences) with
  ``transaction.on_commit``. Idempotent per (recipient, kind, event_key).
- ``email_send``: an email to an address that may have no account yet (join-request applicant,
  invitee), rendered in ``language`` from ``template_prefix`` (see ``emails.py``), enqueued with
  ``transaction.on_commit``.
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser


def notification_send(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: str,
    event_key: str,
    context: dict,
    url: str = "",
) -> list:
    raise NotImplementedError


def email_send(*, to: str, template_prefix: str, context: dict, language: str) -> None:
    raise NotImplementedError
