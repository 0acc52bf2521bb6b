"""Reads of assessments and their invitations: who may follow which assessment, who an
invitation is emailed to and in which language, and every invitation's state.

An invitation's state is decided in ONE place, ``invitations_with_state``, in SQL: the
coordinator's follow-up page, its CSV export, the counts by country and the reminders all read
it. The states, the first that applies winning:

1. ``revoked``: a coordinator revoked it (its link no longer opens anything);
2. ``submitted``: its response was submitted;
3. ``not_sent``: no email was ever queued for it;
4. ``bounced``: nobody opened it and every email of it failed to arrive (see ``_bounced``);
5. ``overdue``: its due date has passed;
6. ``in_progress``: a draft response holds answers;
7. ``opened``: its link was opened (or a draft was started, still empty);
8. ``sent``: emailed, nothing else known yet.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from network.countries import countries_sorted
from network.models import LocalAuthority, Membership, User
from network.permissions import decide
from network.roles import Role
from notifications.links import absolute_url
from notifications.models import Bounce, EmailDelivery

from . import permissions
from .models import Assessment, Invitation, InvitationEmail, QuestionnaireVersion, Response
from .tokens import token_for


class InvitationState:
    """The states of an invitation (see the module docstring), in the order pages show them."""

    NOT_SENT = "not_sent"
    SENT = "sent"
    OPENED = "opened"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    OVERDUE = "overdue"
    BOUNCED = "bounced"
    REVOKED = "revoked"

    LABELS = {
        NOT_SENT: _("Not sent"),
        SENT: _("Invitation sent"),
        OPENED: _("Opened"),
        IN_PROGRESS: _("In progress"),
        SUBMITTED: _("Answers submitted"),
        OVERDUE: _("Overdue"),
        BOUNCED: _("Bounced"),
        REVOKED: _("Revoked"),
    }
    ORDER = tuple(LABELS)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(code, cls.LABELS[code]) for code in cls.ORDER]


# -- Assessments -------------------------------------------------------------------------------


def assessments_followed(*, user: User) -> QuerySet[Assessment]:
    """The assessments ``user`` may follow: every one for a coordinator (acting with their
    second factor), the ones they are named on for a researcher, none for anyone else."""
    assessments = Assessment.objects.select_related("version__questionnaire").order_by(
        "-created_at", "pk"
    )
    if decide(user, permissions.ASSESSMENT_MANAGE):
        return assessments
    if user.is_authenticated:
        return assessments.filter(researchers=user)
    return assessments.none()


def assessments_with_counts(*, user: User) -> QuerySet[Assessment]:
    """``assessments_followed`` with ``invitation_count`` and ``submitted_count``."""
    return assessments_followed(user=user).annotate(
        # distinct: both counts join the assessment's rows, whose product would multiply them.
        invitation_count=Count(
            "invitations", filter=Q(invitations__revoked_at__isnull=True), distinct=True
        ),
        submitted_count=Count(
            "responses", filter=Q(responses__status=Response.Status.SUBMITTED), distinct=True
        ),
    )


def assessment_get(*, slug: str) -> Assessment | None:
    return Assessment.objects.select_related("version__questionnaire").filter(slug=slug).first()


def versions_publishable() -> QuerySet[QuestionnaireVersion]:
    """The questionnaire versions an assessment may send: the published ones."""
    return QuestionnaireVersion.objects.filter(
        status=QuestionnaireVersion.Status.PUBLISHED
    ).select_related("questionnaire")


def researchers() -> QuerySet[User]:
    """Active people holding the researcher role, who may be named on an assessment."""
    return (
        User.objects.filter(is_active=True, groups__name=Role.RESEARCHER)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def authorities_invitable() -> QuerySet[LocalAuthority]:
    """The local authorities an assessment may invite: the network's members."""
    return LocalAuthority.objects.filter(is_member=True).order_by("country", "name", "pk")


def countries_invitable(*, language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of the countries that have member authorities, sorted by name."""
    codes = set(authorities_invitable().values_list("country", flat=True))
    return countries_sorted(codes, language=language)


# -- Who an invitation goes to, in which language ---------------------------------------------

# The main language of each country of the Americas among the site's four; the rest speak
# English as a language of the network (Suriname's Dutch, the Caribbean's creoles...).
SPANISH_COUNTRIES = frozenset(
    "AR BO CL CO CR CU DO EC SV GT HN MX NI PA PY PE UY VE".split()  # noqa: SIM905
)
QUEBEC_NAMES = frozenset({"qc", "quebec", "québec"})


def authority_language(*, authority: LocalAuthority) -> str:
    """The main language of ``authority``'s country: es for the Spanish-speaking countries, pt
    for Brazil, fr for Haiti and for Quebec (a Canadian authority whose region says so), en
    otherwise."""
    if authority.country in SPANISH_COUNTRIES:
        return "es"
    if authority.country == "BR":
        return "pt"
    if authority.country == "HT":
        return "fr"
    if authority.country == "CA" and authority.region.strip().lower() in QUEBEC_NAMES:
        return "fr"
    return "en"


def invitation_language_default(*, authority: LocalAuthority, focal_points: list[User]) -> str:
    """The language an authority's invitation is written in, unless a coordinator chose one:
    the account language of its (first) focal point, else its country's main language. The one
    rule; every invitation made from an authority uses it."""
    for user in focal_points:
        if user.preferred_language:
            return user.preferred_language.split("-")[0]
    return authority_language(authority=authority)


def focal_memberships() -> QuerySet[Membership]:
    """The focal points' memberships an invitation is emailed to: of active people with an
    address, oldest first."""
    return (
        Membership.objects.filter(is_focal_point=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("local_authority_id", "created_at", "pk")
    )


def focal_points_of(*, authorities: list[LocalAuthority]) -> dict[int, list[User]]:
    """{authority id: its focal points who can receive email (active, with an address)}, in a
    stable order; one query."""
    found: dict[int, list[User]] = {authority.pk: [] for authority in authorities}
    for membership in focal_memberships().filter(local_authority__in=authorities):
        found[membership.local_authority_id].append(membership.user)
    return found


def invitation_link(*, invitation: Invitation, language: str | None = None) -> str:
    """The invitation's answering link, absolute, under the prefix of ``language`` (the
    invitation's own by default)."""
    token = token_for(nonce=invitation.token_nonce)
    with translation.override(language or invitation.language):
        return absolute_url(reverse("assessments:answer", kwargs={"token": token}))


def invitation_addresses(*, invitation: Invitation) -> list[str]:
    """Where ``invitation``'s emails go: its named respondent, else its authority's focal
    points (lower-cased, without repeats)."""
    if invitation.respondent_email:
        return [invitation.respondent_email.strip().lower()]
    users = focal_points_of(authorities=[invitation.local_authority])[invitation.local_authority_id]
    return list(dict.fromkeys(user.email.strip().lower() for user in users))


# -- States ------------------------------------------------------------------------------------


def _bounced() -> Exists:
    """An invitation bounced when it was emailed and every one of its emails failed to arrive:
    the outbox did not send it (cancelled because its address bounces too often, or failed), or
    a permanent bounce came back from its address after it was queued. One email that arrived
    (a colleague who is also a focal point, an address fixed and sent again) means it did not
    bounce."""
    emails = InvitationEmail.objects.filter(invitation=OuterRef("pk"))
    bounced_since = Bounce.objects.filter(
        address=OuterRef("address"), hard=True, received_at__gte=OuterRef("created_at")
    )
    undelivered = Q(
        delivery__status__in=(EmailDelivery.Status.CANCELLED, EmailDelivery.Status.FAILED)
    )
    arrived = emails.exclude(undelivered).exclude(Exists(bounced_since))
    return Exists(emails) & ~Exists(arrived)


def _bounce_status() -> Subquery:
    """The status code of the latest permanent bounce from one of the invitation's addresses."""
    addresses = InvitationEmail.objects.filter(invitation=OuterRef(OuterRef("pk"))).values(
        "address"
    )
    return Subquery(
        Bounce.objects.filter(address__in=addresses, hard=True)
        .order_by("-received_at", "-pk")
        .values("status")[:1]
    )


def invitations_with_state(
    *, assessment: Assessment, today: date | None = None
) -> QuerySet[Invitation]:
    """``assessment``'s invitations with ``state`` (see the module docstring), ``bounced``,
    ``bounce_status`` and ``last_emailed_at`` annotated in SQL, their authority and response
    joined and their authority's focal points prefetched: a constant number of queries however
    many there are. Ordered by country, authority, respondent."""
    today = today or timezone.localdate()
    Status = Response.Status
    draft_with_answers = Q(response__status=Status.DRAFT) & ~Q(response__data={})
    return (
        Invitation.objects.filter(assessment=assessment)
        .select_related("local_authority", "response")
        .prefetch_related(
            Prefetch(
                "local_authority__memberships",
                queryset=focal_memberships(),
                to_attr="focal_points",
            )
        )
        .annotate(
            bounced=Case(
                When(_bounced(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            bounce_status=_bounce_status(),
            last_emailed_at=Greatest(F("sent_at"), Coalesce(F("reminded_at"), F("sent_at"))),
        )
        .annotate(
            state=Case(
                When(revoked_at__isnull=False, then=Value(InvitationState.REVOKED)),
                When(response__status=Status.SUBMITTED, then=Value(InvitationState.SUBMITTED)),
                When(sent_at__isnull=True, then=Value(InvitationState.NOT_SENT)),
                When(
                    Q(bounced=True, opened_at__isnull=True, response__isnull=True),
                    then=Value(InvitationState.BOUNCED),
                ),
                When(due_date__lt=today, then=Value(InvitationState.OVERDUE)),
                When(draft_with_answers, then=Value(InvitationState.IN_PROGRESS)),
                When(
                    Q(opened_at__isnull=False) | Q(response__isnull=False),
                    then=Value(InvitationState.OPENED),
                ),
                default=Value(InvitationState.SENT),
                output_field=CharField(),
            )
        )
        .order_by("local_authority__country", "local_authority__name", "respondent_name", "pk")
    )


@dataclass
class CountryRow:
    code: str
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0

    def cells(self) -> list[int]:
        return [self.counts.get(state, 0) for state in InvitationState.ORDER]


@dataclass
class Follow:
    """The follow-up page's content: the invitations shown (filtered) grouped by country, and
    the counts of every state by country (of all the invitations)."""

    groups: list[tuple[CountryRow, list[Invitation]]]
    counts: list[CountryRow]
    totals: CountryRow
    shown: int


def follow_table(
    *, assessment: Assessment, country: str = "", state: str = "", today: date | None = None
) -> Follow:
    """The follow-up page: ``invitations_with_state`` filtered by ``country`` and ``state``
    (empty: all), grouped by country (sorted by name in the active language), and the counts
    per state per country. Three queries plus one per prefetch."""
    invitations = invitations_with_state(assessment=assessment, today=today)
    tally: dict[str, Counter] = {}
    for code, invitation_state in invitations.values_list("local_authority__country", "state"):
        tally.setdefault(code, Counter())[invitation_state] += 1
    names = dict(countries_sorted(tally))
    order = list(names)
    counts = [
        CountryRow(code, names[code], dict(tally[code]), sum(tally[code].values()))
        for code in order
    ]
    totals = CountryRow("", "", dict(sum(tally.values(), Counter())))
    totals.total = sum(totals.counts.values())
    shown = invitations
    if country:
        shown = shown.filter(local_authority__country=country)
    if state:
        shown = shown.filter(state=state)
    by_country: dict[str, list[Invitation]] = {}
    for invitation in shown:
        by_country.setdefault(invitation.local_authority.country, []).append(invitation)
    rows = {row.code: row for row in counts}
    groups = [(rows[code], by_country[code]) for code in order if code in by_country]
    return Follow(groups, counts, totals, sum(len(items) for items in by_country.values()))


def assessment_countries(*, assessment: Assessment) -> list[tuple[str, str]]:
    """(code, name) of the countries of the assessment's invitations, sorted by name."""
    codes = set(
        Invitation.objects.filter(assessment=assessment).values_list(
            "local_authority__country", flat=True
        )
    )
    return countries_sorted(codes)


EXPORT_HEADINGS = {
    "country": _("Country"),
    "authority": _("Local authority"),
    "respondent_name": _("Respondent's name"),
    "respondent_email": _("Respondent's email"),
    "language": _("Language"),
    "state": _("State"),
    "due_date": _("Due date"),
    "sent_at": _("Sent"),
    "opened_at": _("First opened"),
    "reminder_count": _("Reminders sent"),
    "reminded_at": _("Last reminded"),
    "bounce_status": _("Bounce"),
    "submitted_at": _("Submitted"),
}


def _moment(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def follow_export_rows(*, assessment: Assessment) -> Iterator[list]:
    """The rows of the follow-up table's export, in ``EXPORT_HEADINGS``'s order, from
    ``invitations_with_state`` (the same states as the page). Texts as people typed them: the
    caller makes them spreadsheet-safe."""
    for invitation in invitations_with_state(assessment=assessment):
        response = getattr(invitation, "response", None)
        yield [
            str(invitation.local_authority.country_name),
            invitation.local_authority.name,
            invitation.respondent_name,
            invitation.respondent_email,
            invitation.language,
            str(InvitationState.LABELS[invitation.state]),
            invitation.due_date.isoformat(),
            _moment(invitation.sent_at),
            _moment(invitation.opened_at),
            invitation.reminder_count,
            _moment(invitation.reminded_at),
            (invitation.bounce_status or "") if invitation.bounced else "",
            _moment(response.submitted_at if response else None),
        ]


def invitations_due_reminder(
    *, now: datetime | None = None, ids: list[int] | None = None
) -> QuerySet[Invitation]:
    """The invitations a reminder is due to now: of an open assessment, sent, neither revoked,
    submitted nor bounced, with fewer reminders than the assessment's most, and emailed last
    (sent or reminded) at least the assessment's days between reminders ago. Due dates do not
    stop reminders: an overdue invitation is reminded too, until the most is reached. ``ids``
    limits the answer to those invitations."""
    now = now or timezone.now()
    candidates = Invitation.objects.all() if ids is None else Invitation.objects.filter(pk__in=ids)
    candidates = candidates.filter(
        assessment__status=Assessment.Status.OPEN,
        sent_at__isnull=False,
        revoked_at__isnull=True,
        reminder_count__lt=F("assessment__reminder_max_count"),
    )
    ids = []
    for assessment_id in candidates.values_list("assessment_id", flat=True).distinct():
        assessment = Assessment.objects.get(pk=assessment_id)
        interval = timedelta(days=assessment.reminder_interval_days)
        ids.extend(
            invitations_with_state(assessment=assessment, today=timezone.localdate(now))
            .filter(pk__in=candidates.values("pk"), last_emailed_at__lte=now - interval)
            .exclude(state__in=(InvitationState.SUBMITTED, InvitationState.BOUNCED))
            .values_list("pk", flat=True)
        )
    return Invitation.objects.filter(pk__in=ids).order_by("pk")
