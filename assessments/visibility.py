"""Who sees which answers of a needs assessment: THE one rule. Every page, export, analysis and
report that shows answers asks it; none decides for itself.

- **Individual answers** (``responses_visible``): coordinators (acting, with their second
  factor) see every submitted response; the assessment's researchers see every one, or those
  of the countries they are limited to (``ResearcherScope``); the members of a local authority
  see their own authority's; everyone else sees none: an empty queryset, never an error (an
  export for someone without rights has no rows).
- **Sensitive questions** (``Element.sensitive``): hidden from everyone except coordinators, the
  assessment's researchers and the authority for its own answers (``hidden_keys``,
  ``response_hidden_keys``, ``sensitive_visible``).
- **The team** (``in_team``): coordinators and the assessment's researchers, who see figures
  without small-cell suppression.
- **What enters analysis** (``responses_for_analysis``): by default only approved answers
  (``ANALYSIS_STATES``); ``include_all_submitted`` takes every submitted one. Each figure states
  which (``analysis_basis``).

"Submitted" means submitted at least once (``submitted_at``): an answer given back to its
authority with "has issues" is still the reviewers' to see while it is corrected.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from network.models import Membership, User
from network.permissions import ALLOW, Decision, decide, rule

from . import permissions
from .models import Assessment, Element, Response
from .selectors import researcher_countries

ReviewState = Response.ReviewState
# The review states whose answers enter analysis and exports by default.
ANALYSIS_STATES: tuple[str, ...] = (ReviewState.APPROVED,)


def _signed_in(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _coordinator(user: User) -> bool:
    return decide(user, permissions.ASSESSMENT_MANAGE).allowed


def in_team(*, user: User | None, assessment: Assessment) -> bool:
    """Is ``user`` a coordinator (acting) or one of ``assessment``'s researchers? They see
    figures without small-cell suppression (a researcher limited to countries included)."""
    return _signed_in(user) and decide(user, permissions.ASSESSMENT_FOLLOW, assessment).allowed


def _own_authorities(user: User) -> QuerySet:
    return Membership.objects.filter(user=user, local_authority__isnull=False).values(
        "local_authority"
    )


def responses_visible(*, user: User | None, assessment: Assessment) -> QuerySet[Response]:
    """The submitted responses of ``assessment`` whose individual answers ``user`` may see (see
    the module docstring); empty for everyone else."""
    submitted = Response.objects.filter(assessment=assessment, submitted_at__isnull=False)
    if not _signed_in(user):
        return submitted.none()
    if _coordinator(user):
        return submitted
    if in_team(user=user, assessment=assessment):
        countries = researcher_countries(user=user, assessment=assessment)
        if countries is None:
            return submitted
        return submitted.filter(local_authority__country__in=sorted(countries))
    return submitted.filter(local_authority__in=_own_authorities(user))


@rule(permissions.RESPONSE_VIEW)
def _response_view(user: User, obj: Response | None) -> Decision:
    """``decide(user, RESPONSE_VIEW, response)``: is ``response`` among ``responses_visible``?"""
    if (
        obj is None
        or responses_visible(user=user, assessment=obj.assessment).filter(pk=obj.pk).exists()
    ):
        return ALLOW
    return Decision(
        False, _("These answers are seen only by the network's team and their authority.")
    )


def sensitive_visible(*, user: User | None, response: Response) -> bool:
    """May ``user`` see the answers to ``response``'s sensitive questions? The team, and the
    members of the authority that gave them."""
    if not _signed_in(user):
        return False
    if in_team(user=user, assessment=response.assessment):
        return True
    return _own_authorities(user).filter(local_authority=response.local_authority_id).exists()


def sensitive_keys(*, assessment: Assessment) -> set[str]:
    """The keys of the sensitive questions of every version ``assessment``'s answers use."""
    versions = {assessment.version_id} | set(
        Response.objects.filter(assessment=assessment).values_list("version_id", flat=True)
    )
    return set(
        Element.objects.filter(version__in=versions, sensitive=True).values_list("key", flat=True)
    )


def hidden_keys(*, user: User | None, assessment: Assessment, figures: bool = False) -> set[str]:
    """The question keys whose answers ``user`` must not see in ``assessment``'s responses
    visible to them (``responses_visible``): none for the team; none for an authority's members
    (they see their own answers only); every sensitive key for everyone else. With ``figures``
    (counts over every authority), only the team sees sensitive questions."""
    if in_team(user=user, assessment=assessment):
        return set()
    if not figures and _signed_in(user) and _own_authorities(user).exists():
        return set()
    return sensitive_keys(assessment=assessment)


def response_hidden_keys(*, user: User | None, response: Response) -> set[str]:
    """The question keys of ``response`` that ``user`` must not see."""
    if sensitive_visible(user=user, response=response):
        return set()
    return set(
        Element.objects.filter(version=response.version_id, sensitive=True).values_list(
            "key", flat=True
        )
    )


# -- Analysis ------------------------------------------------------------------------------------


def analysis_states(*, include_all_submitted: bool = False) -> tuple[str, ...]:
    """The review states whose answers enter analysis and exports."""
    return tuple(ReviewState.values) if include_all_submitted else ANALYSIS_STATES


def responses_for_analysis(
    *, assessment: Assessment, include_all_submitted: bool = False
) -> QuerySet[Response]:
    """The responses whose answers enter ``assessment``'s figures: submitted (not given back
    for corrections) and approved, or in any review state with ``include_all_submitted``.
    Figures count over every authority; who may see individual rows is ``responses_visible``."""
    return Response.objects.filter(
        assessment=assessment,
        status=Response.Status.SUBMITTED,
        review_state__in=analysis_states(include_all_submitted=include_all_submitted),
    )


def analysis_basis(*, include_all_submitted: bool = False) -> str:
    """The sentence every figure and export states about the answers it counts."""
    if include_all_submitted:
        return _("Counts every submitted answer, reviewed or not.")
    return _("Counts approved answers only.")
