"""Building assessments and invitations for the invitation tests."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from assessments import services_invitations as services
from assessments.models import Assessment, Questionnaire, QuestionnaireVersion, Response
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory

# Test modules say ``pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]``.
URLCONF = "tests.assessments.invite_urls"


def published_version(form_id: str = "needs") -> QuestionnaireVersion:
    questionnaire, _ = Questionnaire.objects.get_or_create(
        form_id=form_id, defaults={"title": {"en": "Needs", "es": "Necesidades"}}
    )
    return QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=questionnaire.versions.count() + 1,
        status=QuestionnaireVersion.Status.PUBLISHED,
        title={"en": "Needs"},
        languages=["en", "es", "pt", "fr"],
        published_at=timezone.now(),
    )


def assessment_make(
    *, slug: str = "needs-2026", status: str = Assessment.Status.OPEN, **fields
) -> Assessment:
    defaults = {
        "title": {
            "en": "Needs of local authorities 2026",
            "es": "Necesidades de los gobiernos locales 2026",
            "pt": "Necessidades dos governos locais 2026",
            "fr": "Besoins des autorités locales 2026",
        },
        "version": fields.pop("version", None) or published_version(f"q-{slug}"),
        "due_date": timezone.localdate() + timedelta(days=30),
        "reminder_max_count": 2,
        "reminder_interval_days": 7,
    }
    defaults.update(fields)
    return Assessment.objects.create(slug=slug, status=status, **defaults)


def authority_with_focal_point(*, country: str = "CO", language: str = "en", **fields):
    authority = LocalAuthorityFactory(country=country, **fields)
    user = UserFactory(preferred_language=language)
    MembershipFactory(user=user, local_authority=authority, is_focal_point=True)
    return authority, user


def invite(coordinator, assessment, *authorities):
    return services.invitations_create(
        by=coordinator, assessment=assessment, authorities=authorities
    ).created


def send_all(assessment, capture) -> None:
    """Email every unsent invitation, running the outbox after the commit."""
    with capture(execute=True):
        services.invitations_send(assessment_id=assessment.pk)


def response_for(invitation, *, status=Response.Status.DRAFT, data=None) -> Response:
    return Response.objects.create(
        assessment=invitation.assessment,
        invitation=invitation,
        local_authority=invitation.local_authority,
        version=invitation.assessment.version,
        status=status,
        data=data if data is not None else {},
        submitted_at=timezone.now() if status == Response.Status.SUBMITTED else None,
    )


def outbox_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]
