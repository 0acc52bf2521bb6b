"""Forum handles: the name after "@" that mentions a member (``@lucia_fernandez``).

Everyone signs in with an email address and has no username; a handle is made from the
person's name when their account is saved without one (``User.save``), in lower-case ASCII letters,
digits and underscores, so that it can be typed on any keyboard and read inside any sentence.
"""

import re

from django.utils.text import slugify

HANDLE_MAX_LENGTH = 30
HANDLE_PATTERN = r"[a-z0-9_]{2,30}"
_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")


def handle_base(*, first_name: str, last_name: str, email: str) -> str:
    """The handle a person would get if nobody had taken it: their name, else the start of
    their email address."""
    name = f"{first_name} {last_name}".strip() or email.split("@")[0]
    base = _NOT_ALLOWED.sub("_", slugify(name)).strip("_")[: HANDLE_MAX_LENGTH - 4]
    return base if len(base) >= 2 else f"member_{base}".strip("_")


def handle_free(*, base: str, taken) -> str:
    """``base``, or ``base_2``, ``base_3``... whichever ``taken(candidate)`` says is free."""
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base}_{number}"
    return candidate
