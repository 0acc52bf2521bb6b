"""How long the consolidated summary's draft takes for a large e-discussion: `make bench` runs
it after the pages (or alone: `.venv/bin/python benchmarks/ediscussion_summary.py`).

An e-discussion of four weeks of three questions, with 500 participants from several countries
and 2,000 contributions in four languages (Markdown of a few sentences to a few paragraphs), is
built once (idempotent: found again by its slug). Then the facilitator's draft is generated as
the "Generate the draft" button does (``summary.summary_generate``: the contributions read,
excerpted, grouped, written as Markdown and rendered), several times; the seconds of each run
and the number of queries are printed (target: under 10 seconds).

Production settings with the bench overlay, on the benchmark's PostgreSQL database
(``BENCH_DATABASE_URL``) and Redis (``BENCH_REDIS_URL``), like benchmarks/run.py.
"""

import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SLUG = "bench-summary"
PARTICIPANTS = 500
CONTRIBUTIONS = 2_000
WEEKS = 4
QUESTIONS_PER_WEEK = 3
RUNS = 3
TARGET_SECONDS = 10.0
COUNTRIES = ["CO", "EC", "PE", "BR", "MX", "AR", "CL", "GT", "HT", "CA", ""]
SENTENCES = {
    "es": [
        "En nuestra ciudad coordinamos la acogida con la gobernación y las organizaciones.",
        "Cada semana una mesa técnica revisa los casos difíciles y reparte las tareas.",
        "La **diáspora** financia proyectos productivos en los barrios de origen.",
        "El mayor reto sigue siendo la financiación: los recursos nacionales llegan tarde.",
        "Publicamos las actas en [nuestro portal](https://ciudad.example.org/actas).",
    ],
    "pt": [
        "Em nossa cidade, a acolhida é coordenada com o governo do estado.",
        "Uma mesa técnica revisa os casos difíceis toda semana.",
        "A *diáspora* apoia projetos produtivos nos bairros de origem.",
        "O maior desafio continua sendo o financiamento das ações locais.",
    ],
    "fr": [
        "Notre ville coordonne l'accueil avec la préfecture et les associations.",
        "Chaque semaine, une cellule technique examine les cas difficiles.",
        "La diaspora finance des projets dans les quartiers d'origine.",
        "Le principal défi reste le financement : les crédits nationaux arrivent tard.",
    ],
    "en": [
        "Our city coordinates reception with the regional government and civil society.",
        "A technical desk reviews the hardest cases every week and shares the work.",
        "The diaspora funds small businesses in the neighbourhoods they come from.",
        "Funding remains the main challenge: national money arrives late.",
        "- We publish our minutes online.\n- We translate them into two languages.",
    ],
}


def _setup() -> None:
    from benchmarks.run import django_bench_setup

    django_bench_setup()


def _facilitator():
    """A coordinator with an authenticator, acting as one who passed the second factor."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt

    from network.models import User
    from network.roles import Role
    from network.services import role_assign

    user, _created = User.objects.get_or_create(
        email="bench-facilitator@bench.example.org",
        defaults={"first_name": "Bench", "last_name": "Facilitator"},
    )
    role_assign(user=user, role=Role.COORDINATOR)
    Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")}},
    )
    user.second_factor_passed = True
    return user


def _ediscussion(facilitator):
    from django.utils import timezone

    from network.community.ediscussions import services
    from network.community.models import EDiscussion

    existing = EDiscussion.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    now = timezone.now()
    ediscussion = services.ediscussion_create(
        creator=facilitator,
        titles={"en": "Benchmark summary", "es": "Síntesis de prueba"},
        default_language="en",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=40),
    )
    EDiscussion.objects.filter(pk=ediscussion.pk).update(slug=SLUG)
    ediscussion.refresh_from_db()
    number = 1
    for week_number in range(1, WEEKS + 1):
        week = services.week_save(
            by=facilitator,
            ediscussion=ediscussion,
            number=week_number,
            opens_at=now - timedelta(days=1) + timedelta(days=7 * (week_number - 1)),
        )
        for _ in range(QUESTIONS_PER_WEEK):
            services.question_save(
                by=facilitator,
                week=week,
                number=number,
                texts={"en": f"How does your city handle question {number}?"},
            )
            number += 1
    services.ediscussion_schedule(by=facilitator, ediscussion=ediscussion)
    services.weeks_publish_due(now=now + timedelta(days=7 * WEEKS))
    return ediscussion


def _source(rng: random.Random, language: str) -> str:
    sentences = SENTENCES[language]
    paragraphs = [
        " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 5)))
        for _ in range(rng.randint(1, 4))
    ]
    return "\n\n".join(paragraphs)


def _contributions(ediscussion) -> None:
    """Participants and contributions, created in bulk until there are enough."""
    from django.db import transaction
    from django.utils import timezone

    from network.community.markdown import markdown_render
    from network.community.models import Contribution, Participant, Post, Question, Topic
    from network.models import User

    if Contribution.objects.filter(ediscussion=ediscussion).count() >= CONTRIBUTIONS:
        return
    rng = random.Random(12)
    with transaction.atomic():
        User.objects.bulk_create(
            [
                User(
                    email=f"bench-participant-{number}@bench.example.org",
                    first_name="Participant",
                    last_name=str(number),
                    handle=f"bench_participant_{number}",
                    preferred_language=("en", "es", "pt", "fr")[number % 4],
                )
                for number in range(PARTICIPANTS)
            ],
            ignore_conflicts=True,
        )
        people = list(User.objects.filter(email__startswith="bench-participant-").order_by("pk"))
        Participant.objects.bulk_create(
            [
                Participant(
                    ediscussion=ediscussion,
                    user=user,
                    country=COUNTRIES[index % len(COUNTRIES)],
                    organisation=f"Municipality {index % 120}",
                    organisation_type="local_authority",
                    joined_at=timezone.now(),
                )
                for index, user in enumerate(people)
            ],
            ignore_conflicts=True,
        )
        participants = {
            row.user_id: row for row in Participant.objects.filter(ediscussion=ediscussion)
        }
        questions = list(
            Question.objects.filter(week__ediscussion=ediscussion, topic__isnull=False)
            .select_related("week", "topic")
            .order_by("number")
        )
        posts, numbers = [], {question.topic_id: 1 for question in questions}
        started = ediscussion.starts_at
        for index in range(CONTRIBUTIONS):
            question = questions[index % len(questions)]
            author = people[rng.randrange(len(people))]
            language = rng.choice(("en", "es", "pt", "fr"))
            source = _source(rng, language)
            numbers[question.topic_id] += 1
            posts.append(
                Post(
                    topic=question.topic,
                    number=numbers[question.topic_id],
                    author=author,
                    source=source,
                    html=markdown_render(source=source).html,
                    language=language,
                    created_at=started + timedelta(minutes=index),
                )
            )
        Post.objects.bulk_create(posts)
        by_topic = {question.topic_id: question for question in questions}
        Contribution.objects.bulk_create(
            [
                Contribution(
                    post=post,
                    ediscussion=ediscussion,
                    question=by_topic[post.topic_id],
                    week_number=by_topic[post.topic_id].week.number,
                    participant=participants[post.author_id],
                    country=participants[post.author_id].country,
                    organisation_type="local_authority",
                    created_at=post.created_at,
                )
                for post in posts
            ]
        )
        for topic_id, last in numbers.items():
            Topic.objects.filter(pk=topic_id).update(last_post_number=last)


def _timed_runs(ediscussion, facilitator) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network.community.ediscussions import summary

    times = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            generated = summary.summary_generate(
                by=facilitator, ediscussion=ediscussion, replace_edits=True
            )
            times.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    return times, queries, generated.body.count("\n> — ")


def main() -> int:
    _setup()
    facilitator = _facilitator()
    ediscussion = _ediscussion(facilitator)
    _contributions(ediscussion)
    times, queries, quoted = _timed_runs(ediscussion, facilitator)
    print(
        f"Consolidated summary draft of {quoted:,} contributions from {PARTICIPANTS} "
        f"participants: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s "
        f"over {RUNS} runs, {queries} queries (target: under {TARGET_SECONDS:.0f} s)."
    )
    return 0 if max(times) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
