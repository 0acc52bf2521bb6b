"""Building e-discussions for tests: one running from the past, its weeks published."""

from datetime import timedelta

from django.utils import timezone

from network.community.ediscussions import services
from network.community.models import EDiscussion


def running_ediscussion(
    *, facilitator, weeks: int = 2, questions_per_week: int = 2, **options
) -> EDiscussion:
    """A scheduled e-discussion that opened two days ago and lasts four weeks, with ``weeks``
    weeks (the first one published) of ``questions_per_week`` questions in en/es/fr."""
    now = timezone.now()
    ediscussion = services.ediscussion_create(
        creator=facilitator,
        titles={"en": "Territorial approaches to migration", "es": "Enfoques territoriales"},
        default_language="en",
        starts_at=now - timedelta(days=2),
        ends_at=now + timedelta(days=26),
        **options,
    )
    number = 1
    for week_number in range(1, weeks + 1):
        week = services.week_save(
            by=facilitator,
            ediscussion=ediscussion,
            number=week_number,
            opens_at=now - timedelta(days=2) + timedelta(days=7 * (week_number - 1)),
        )
        for _ in range(questions_per_week):
            services.question_save(
                by=facilitator,
                week=week,
                number=number,
                texts={
                    "en": f"Question {number}: how does your city coordinate?",
                    "es": f"Pregunta {number}: ¿cómo coordina su ciudad?",
                    "fr": f"Question {number} : comment votre ville coordonne-t-elle ?",
                },
            )
            number += 1
    services.ediscussion_schedule(by=facilitator, ediscussion=ediscussion)
    services.weeks_publish_due()
    return ediscussion
