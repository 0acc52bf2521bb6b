# ruff: noqa: RUF001  (the titles use the en dash of year ranges)
"""The demo's needs assessment: its questionnaire (``demo_content.py``), approved and published,
and an open assessment of it sent to every member authority, with its answers in various states
(``demo_answers.py``).

The assessment is made by the same services a coordinator, a respondent and a researcher use
(creating it, inviting, sending, reminders, revoking, extending, answering page by page,
submitting, reopening, an interview), each run at the moment it happened: the seed replays a
timeline that began 24 days ago, with the clock (``timezone.now``) set to each event's time so
that every date the services record is that moment's (sent before opened before submitted,
nothing in the future). The invitations' emails are history: they stay in the outbox as sent on
their day, and nobody is emailed by the seed (as the demo forum's past posts notify nobody).

Idempotent: a second run finds the questionnaire by its form_id and the assessment by its slug,
and changes nothing."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from network.demo import DEMO_DOMAIN, demo_person_ensure
from network.models import LocalAuthority, Membership, User
from network.roles import Role
from notifications.models import EmailDelivery
from notifications.services import bounce_record

from . import services_answer, services_invitations
from .answering import Evaluation
from .demo_answers import ANSWERS, FOCAL_POINTS, INTERVIEW, NAMED, REOPEN_REASON, Person
from .demo_content import CHOICE_LISTS, FORM_ID, SURVEY, TITLE, t
from .demo_review import seed_review
from .models import (
    Assessment,
    Choice,
    ChoiceList,
    Element,
    Invitation,
    InvitationEmail,
    Questionnaire,
    QuestionnaireVersion,
    Response,
)
from .selectors_answer import version_structure_load
from .selectors_invitations import authorities_invitable
from .structure import version_problems

LANGUAGES = ["en", "es", "pt", "fr"]
APPROVAL_RECORD = (
    "Approved by the Project Coordination Committee (the OAS and the partners' focal points) "
    "after their comments on the draft were resolved."
)


@transaction.atomic
def version_from_rows(
    *,
    questionnaire: Questionnaire,
    number: int,
    title: dict[str, str],
    rows: list[dict],
    choice_lists: dict[str, list[tuple[str, dict[str, str]]]],
    source_language: str = "en",
    languages: list[str] | None = None,
) -> QuestionnaireVersion:
    """A draft version made of ``rows`` (``demo_content.SURVEY``'s shape) and ``choice_lists``;
    refused (ValueError) if the structural check finds anything."""
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=number,
        title=title,
        source_language=source_language,
        languages=languages or [source_language],
    )
    lists = {}
    for name, choices in choice_lists.items():
        lists[name] = ChoiceList.objects.create(version=version, name=name)
        Choice.objects.bulk_create(
            Choice(choice_list=lists[name], position=position, name=value, label=label)
            for position, (value, label) in enumerate(choices)
        )
    elements: dict[str, Element] = {}
    for position, row in enumerate(rows):
        elements[row["key"]] = Element.objects.create(
            version=version,
            parent=elements[row["parent"]] if row.get("parent") else None,
            position=position,
            key=row["key"],
            kind=row["kind"],
            label=row.get("label", {}),
            hint=row.get("hint", {}),
            required=row.get("required", False),
            relevant=row.get("relevant", ""),
            constraint=row.get("constraint", ""),
            constraint_message=row.get("constraint_message", {}),
            calculation=row.get("calculation", ""),
            choice_list=lists[row["list"]] if row.get("list") else None,
            choice_filter=row.get("choice_filter", ""),
            or_other=row.get("or_other", False),
            repeat_max=row.get("repeat_max"),
            tags=row.get("tags", []),
            sensitive=row.get("sensitive", False),
        )
    problems = version_problems(version=version)
    if problems:
        raise ValueError("; ".join(f"{p.key}.{p.field}: {p.message}" for p in problems))
    return version


def seed_questionnaire(*, stdout) -> tuple[QuestionnaireVersion, int]:
    """The demo questionnaire, version 1, approved by the committee and published."""
    questionnaire, _created = Questionnaire.objects.get_or_create(
        form_id=FORM_ID, defaults={"title": TITLE}
    )
    version = questionnaire.versions.filter(number=1).first()
    created = 0
    if version is None:
        created = 1
        version = version_from_rows(
            questionnaire=questionnaire,
            number=1,
            title=TITLE,
            rows=SURVEY,
            choice_lists=CHOICE_LISTS,
            languages=LANGUAGES,
        )
        now = timezone.now()
        version.status = QuestionnaireVersion.Status.PUBLISHED
        version.submitted_for_review_at = now
        version.approved_at = now
        version.approved_by = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
        version.approval_note = APPROVAL_RECORD
        version.published_at = now
        version.save()
    return version, created


# -- The open assessment ---------------------------------------------------------------------

ASSESSMENT_SLUG = "local-needs-2026-2027"
ASSESSMENT_TITLE = t(
    "Needs assessment of the network's local authorities 2026–2027",
    "Evaluación de necesidades de los gobiernos locales de la red 2026–2027",
    "Avaliação de necessidades dos governos locais da rede 2026–2027",
    "Évaluation des besoins des autorités locales du réseau 2026–2027",
)
STARTED_DAYS_AGO = 24  # the invitations went out then
DUE_IN_DAYS = 18
# The border municipalities were asked for their answers before the border cities' meeting.
BORDER = ("necocli-co", "pacaraima-br", "tumbes-pe")
BORDER_DUE_DAYS_AGO = 3
# An address mistyped in the authority's directory: the invitation bounces.
MISTYPED = {"hector": "hector.slagado"}

# What each invitation's respondent did, in days after the invitations went out:
# ("submitted", opened, submitted), ("draft", opened, sections done), ("opened", opened);
# the others were sent and nothing more is known.
STORIES: dict[str, tuple] = {
    "montevideo-uy": ("submitted", 0.7, 3.2),
    "quito-ec": ("submitted", 0.9, 4.4),
    "sophie": ("submitted", 5.1, 5.3),
    "cucuta-co": ("submitted", 1.1, 6.2),
    "boa-vista-br": ("submitted", 2.1, 7.2),
    "tapachula-mx": ("submitted", 1.3, 8.1),
    "barranquilla-co": ("submitted", 2.0, 9.3),
    "daniel": ("submitted", 8.2, 10.1),
    "paola": ("submitted", 3.2, 11.1),
    "santiago-cl": ("submitted", 1.9, 12.3),
    "huaquillas-ec": ("submitted", 4.0, 13.2),
    "ciudad-juarez-mx": ("submitted", 6.2, 15.0),
    "luciana": ("submitted", 3.0, 16.4),
    "manaus-br": ("submitted", 7.3, 17.1),
    "guatemala-city-gt": ("submitted", 9.0, 19.2),
    "lima-pe": ("submitted", 5.3, 20.1),
    # Submitted, reopened by the coordinator (REOPEN_REASON), being corrected.
    "panama-city-pa": ("submitted", 2.2, 9.0),
    "necocli-co": ("draft", 4.2, 3),  # overdue
    "tijuana-mx": ("draft", 10.2, 2),
    "rosa": ("draft", 12.0, 3),
    "san-jose-cr": ("draft", 14.1, 4),
    "tomas": ("draft", 19.1, 2),
    "catamayo-ec": ("opened", 8.0),
    "rafael": ("opened", 11.2),
    "zacatecoluca-sv": ("opened", 15.3),
    "tumbes-pe": ("opened", 23.1),  # overdue, then given a week more
}
REOPENED = {"panama-city-pa": (16.2, 18.3, {"budget_share": "0.6"})}
BOUNCED = {"hector": 0.014}  # twenty minutes after the invitations went out
REVOKED = {"camila": 3.0}  # and Tomás invited instead, the same day
LATE_INVITED = {"tomas": 3.1}
EXTENDED = {"tumbes-pe": 22.9}
INTERVIEW_DAY = 14.1
REMINDER_DAYS = (7.4, 14.4, 21.4)


@contextmanager
def _clock(at: datetime) -> Iterator[None]:
    """Every date the services record is ``at``: the seed replays what happened then."""
    with mock.patch.object(timezone, "now", return_value=at):
        yield


def _address(key: str, person: Person) -> str:
    return f"{MISTYPED.get(key, person.email_local)}@{person.authority}.{DEMO_DOMAIN}"


def _seed_focal_points() -> int:
    """A focal point (an official) for each member authority that has none in the network's
    demo: they receive their authority's invitation."""
    official = Group.objects.get(name=Role.OFFICIAL)
    authorities = LocalAuthority.objects.in_bulk(
        [person.authority for person in FOCAL_POINTS], field_name="slug"
    )
    created = 0
    for person in FOCAL_POINTS:
        authority = authorities.get(person.authority)
        if authority is None:
            continue
        user, is_new = demo_person_ensure(
            email=_address("", person),
            first_name=person.first_name,
            last_name=person.last_name,
            language=person.language,
            position=person.position,
        )
        created += is_new
        user.groups.add(official)
        Membership.objects.get_or_create(
            user=user,
            local_authority=authority,
            partner=None,
            defaults={"position": person.position, "is_focal_point": True},
        )
    return created


def _sections_of() -> dict[str, str]:
    """{question key: the key of its section}."""
    parents = {row["key"]: row.get("parent") for row in SURVEY}
    found = {}
    for key in parents:
        top = key
        while parents[top]:
            top = parents[top]
        found[key] = top
    return found


SECTION_OF = _sections_of()
SECTIONS = [row["key"] for row in SURVEY if not row.get("parent")]


def _first_sections(data: dict, count: int) -> tuple[dict, str]:
    """The answers of the first ``count`` sections, and the last of them (a draft's page)."""
    kept = SECTIONS[:count]
    return {
        key: value
        for key, value in data.items()
        if SECTION_OF.get(key.removesuffix("_other"), "") in kept
    }, kept[-1]


class _Timeline:
    """The assessment's events, replayed in the order they happened."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.events: list[tuple[datetime, int, Callable[[], None]]] = []

    def at(self, day: float, action: Callable[[], None]) -> None:
        self.events.append((self.start + timedelta(days=day), len(self.events), action))

    def run(self) -> None:
        for at, _order, action in sorted(self.events, key=lambda event: event[:2]):
            with _clock(at):
                action()


def _respondent(invitation: Invitation) -> tuple[str, str]:
    if invitation.respondent_email:
        return invitation.respondent_name, invitation.respondent_email
    membership = (
        Membership.objects.filter(local_authority=invitation.local_authority, is_focal_point=True)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    return membership.user.get_full_name(), membership.user.email


def _seed_assessment(version: QuestionnaireVersion, now: datetime) -> Assessment | None:
    if Assessment.objects.filter(slug=ASSESSMENT_SLUG).exists():
        return None
    coordinator = User.objects.get(email=f"coordinator@{DEMO_DOMAIN}")
    # The services ask for a coordinator acting with the second factor, as in a session.
    coordinator.second_factor_passed = True
    researcher = User.objects.get(email=f"researcher@{DEMO_DOMAIN}")
    structure = version_structure_load(version=version)
    # A working afternoon in the Americas, far enough back that the last event is a day ago.
    start = (now - timedelta(days=STARTED_DAYS_AGO)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    if start > now - timedelta(days=STARTED_DAYS_AGO):
        start -= timedelta(days=1)
    today = timezone.localdate(now)
    invitations: dict[str, Invitation] = {}
    responses: dict[str, Response] = {}
    timeline = _Timeline(start)

    def prepare() -> None:
        assessment = services_invitations.assessment_save(
            by=coordinator,
            data=services_invitations.AssessmentData(
                title=ASSESSMENT_TITLE,
                slug=ASSESSMENT_SLUG,
                version=version,
                due_date=today + timedelta(days=DUE_IN_DAYS),
                reminder_max_count=3,
                reminder_interval_days=7,
                status=Assessment.Status.OPEN,
                researchers=[researcher],
            ),
        )
        made = services_invitations.invitations_create(
            by=coordinator, assessment=assessment, authorities=authorities_invitable()
        )
        for invitation in made.created:
            invitations[invitation.local_authority.slug] = invitation
        for key, person in NAMED.items():
            if key not in LATE_INVITED:
                invitations[key] = _named(assessment, key, person)
        for slug in BORDER:
            services_invitations.invitation_extend(
                by=coordinator,
                invitation=invitations[slug],
                due_date=today - timedelta(days=BORDER_DUE_DAYS_AGO),
            )

    def _named(assessment: Assessment, key: str, person: Person) -> Invitation:
        return services_invitations.invitation_respondent_add(
            by=coordinator,
            assessment=assessment,
            authority=LocalAuthority.objects.get(slug=person.authority),
            name=f"{person.first_name} {person.last_name}",
            email=_address(key, person),
            language=person.language,
        )

    def send() -> None:
        assessment = Assessment.objects.get(slug=ASSESSMENT_SLUG)
        services_invitations.invitations_send(assessment_id=assessment.pk)

    def bounce(key: str) -> Callable[[], None]:
        return lambda: bounce_record(
            address=invitations[key].respondent_email, hard=True, status="5.1.1"
        )

    def revoke(key: str) -> Callable[[], None]:
        return lambda: services_invitations.invitation_revoke(
            by=coordinator, invitation=invitations[key]
        )

    def invite_late(key: str) -> Callable[[], None]:
        def action() -> None:
            invitation = _named(Assessment.objects.get(slug=ASSESSMENT_SLUG), key, NAMED[key])
            services_invitations.invitation_send(invitation_id=invitation.pk)
            invitations[key] = invitation

        return action

    def extend(key: str) -> Callable[[], None]:
        return lambda: services_invitations.invitation_extend(
            by=coordinator,
            invitation=invitations[key],
            due_date=today + timedelta(days=7),
        )

    def opened(key: str) -> Callable[[], None]:
        def action() -> None:
            invitations[key].refresh_from_db()
            services_answer.invitation_opened(invitation=invitations[key])

        return action

    def save(key: str, data: dict, section: str) -> Callable[[], None]:
        def action() -> None:
            invitation = invitations[key]
            responses[key] = services_answer.response_draft_save(
                invitation=invitation,
                response=responses.get(key),
                data=Evaluation(structure, data).data,
                section=section,
                language=invitation.language,
            )

        return action

    def submit(key: str) -> Callable[[], None]:
        def action() -> None:
            name, email = _respondent(invitations[key])
            responses[key] = services_answer.response_submit(
                response=responses[key],
                structure=structure,
                respondent_name=name,
                respondent_email=email,
                by=None,
                through_invitation=True,
            )

        return action

    def reopen(key: str) -> Callable[[], None]:
        return lambda: services_answer.response_reopen(
            response=responses[key], by=coordinator, reason=REOPEN_REASON
        )

    def interview() -> None:
        authority = LocalAuthority.objects.get(slug=INTERVIEW["authority"])
        assessment = Assessment.objects.get(slug=ASSESSMENT_SLUG)
        response = services_answer.interview_start(
            assessment=assessment,
            local_authority=authority,
            by=researcher,
            interviewee_name=INTERVIEW["interviewee_name"],
            interviewee_role=INTERVIEW["interviewee_role"],
            organisation=INTERVIEW["organisation"],
            held_on=timezone.localdate(),
            mode=INTERVIEW["mode"],
            consent=True,
            notes=INTERVIEW["notes"],
        )
        response = services_answer.response_draft_save(
            invitation=None,
            response=response,
            data=Evaluation(structure, ANSWERS[INTERVIEW["authority"]]).data,
            section=SECTIONS[-1],
            language=response.language,
            by=researcher,
        )
        services_answer.response_submit(
            response=response,
            structure=structure,
            respondent_name=INTERVIEW["interviewee_name"],
            respondent_email="",
            by=researcher,
            through_invitation=False,
        )

    def remind() -> None:
        services_invitations.reminders_send_due(now=timezone.now())

    timeline.at(-1, prepare)
    timeline.at(0, send)
    for key, day in BOUNCED.items():
        timeline.at(day, bounce(key))
    for key, day in REVOKED.items():
        timeline.at(day, revoke(key))
    for key, day in LATE_INVITED.items():
        timeline.at(day, invite_late(key))
    for key, day in EXTENDED.items():
        timeline.at(day, extend(key))
    for key, story in STORIES.items():
        kind, opened_day, *rest = story
        timeline.at(opened_day, opened(key))
        if kind == "draft":
            data, section = _first_sections(ANSWERS[key], rest[0])
            timeline.at(opened_day + 0.02, save(key, data, section))
        elif kind == "submitted":
            first, section = _first_sections(ANSWERS[key], 2)
            timeline.at(opened_day + 0.02, save(key, first, section))
            timeline.at(rest[0] - 0.02, save(key, ANSWERS[key], SECTIONS[-1]))
            timeline.at(rest[0], submit(key))
    for key, (reopened_day, corrected_day, changes) in REOPENED.items():
        # The answer first submitted said what the coordinator asks about.
        first_submitted = {**ANSWERS[key], "budget_share": "60"}
        submitted_day = STORIES[key][2]
        timeline.at(submitted_day - 0.01, save(key, first_submitted, SECTIONS[-1]))
        timeline.at(reopened_day, reopen(key))
        timeline.at(corrected_day, save(key, {**ANSWERS[key], **changes}, "financing"))
    timeline.at(INTERVIEW_DAY, interview)
    for day in REMINDER_DAYS:
        timeline.at(day, remind)
    timeline.run()

    assessment = Assessment.objects.get(slug=ASSESSMENT_SLUG)
    # History: every invitation email went out on its day; the seed emails nobody.
    EmailDelivery.objects.filter(
        pk__in=InvitationEmail.objects.filter(invitation__assessment=assessment).values("delivery"),
        status=EmailDelivery.Status.QUEUED,
    ).update(status=EmailDelivery.Status.SENT, sent_at=F("enqueued_at"))
    return assessment


def seed_assessments(*, stdout) -> None:
    now = timezone.now()
    version, versions_created = seed_questionnaire(stdout=stdout)
    people = _seed_focal_points()
    made = _seed_assessment(version, now)
    reviewed = seed_review(assessment=made, now=now) if made is not None else 0
    created = (
        (1, made.invitations.count(), made.responses.count()) if made is not None else (0, 0, 0)
    )
    stdout.write(
        f"Needs assessments: {versions_created} questionnaire version(s) created; "
        f"{version.elements.count()} sections and questions in {len(version.languages)} "
        f"languages; {created[0]} assessment(s), {created[1]} invitation(s), "
        f"{created[2]} response(s) and {people} focal point(s) created; "
        f"{Assessment.objects.count()} assessment(s), {Invitation.objects.count()} "
        f"invitation(s), {Response.objects.filter(status=Response.Status.SUBMITTED).count()} "
        f"submitted response(s) in all; {reviewed} answer(s) reviewed."
    )
