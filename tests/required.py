"""What a test needs from the machine rather than from Python (a browser, Java) may be missing:
on a developer's machine the test is then skipped; in CI (CI=true or
CONVIVE_REQUIRE_SERVICES=1) it fails, so CI can never go green by skipping it."""

import os
from typing import NoReturn

import pytest

MUST_RUN = (
    os.environ.get("CONVIVE_REQUIRE_SERVICES") == "1" or os.environ.get("CI", "").lower() == "true"
)


def unavailable(reason: str, *, what: str) -> NoReturn:
    """Skip the test for ``reason``, or fail it in CI (``what`` names what may not skip)."""
    if MUST_RUN:
        pytest.fail(f"{reason} ({what} may not be skipped in CI)", pytrace=False)
    pytest.skip(reason)
