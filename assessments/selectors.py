"""Reads shared by the assessments' parts (each part keeps its own in ``selectors_<part>.py``)."""

from .models import Invitation, ResearcherScope
from .tokens import token_digest

# A token is 43 URL-safe characters; anything much longer is not one and is not hashed.
TOKEN_MAX_LENGTH = 64


def invitation_for_token(*, token: str) -> Invitation | None:
    """The live (not revoked) invitation whose link carries ``token``, with its assessment,
    version and authority; None for anything else."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    return (
        Invitation.objects.select_related("assessment", "assessment__version", "local_authority")
        .filter(token_hash=token_digest(token), revoked_at__isnull=True)
        .first()
    )


def researcher_countries(*, user, assessment) -> frozenset[str] | None:
    """The countries ``user`` is limited to as a researcher of ``assessment`` (ISO codes), or
    None when they are not limited (no ``ResearcherScope``). Whether they research on it at all
    is ``permissions.ASSESSMENT_FOLLOW``'s question, not this one's."""
    if user is None or not user.is_authenticated:
        return frozenset()
    scope = ResearcherScope.objects.filter(assessment=assessment, user=user).first()
    return None if scope is None else frozenset(scope.countries)
