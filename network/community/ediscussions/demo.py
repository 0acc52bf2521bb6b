"""The demo e-discussions: a finished four-week one with its consolidated summary published in
the library, and one running in its second week.

The people, organisations and contributions are illustrative (``demo_content``, written for the
demo); the situations are the everyday ones of the network's cases. The e-discussions are made
by the same services a facilitator uses (creation, weeks and questions, scheduling, publication,
the summary from its draft to the library); the contributions are written straight into their
rows as past posts (``post_render``), like the demo forum's, so that their dates are the weeks'.
The running one's weeks are published through the beat's service, so its participants get the
weeks' emails (on the console in development) with their reply addresses. Seeded after the
library's demo (``demo_seed_last``). Safe to run repeatedly: an e-discussion is found by slug.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from network.demo import DEMO_DOMAIN, demo_person_ensure
from network.models import User
from network.roles import Role

from ..demo import ACCOUNTS
from ..links import post_path_maker
from ..models import Post, Topic
from ..services.counters import topic_counters_refresh
from ..services.rendering import post_render
from ..services.search_index import post_search_index
from . import demo_content as content
from . import services, summary
from .models import Contribution, EDiscussion, Participant, Question, Summary

FACILITATOR = "lucia"


def _user(key: str) -> User:
    return User.objects.get(email=f"{ACCOUNTS.get(key, key)}@{DEMO_DOMAIN}")


def _seed_people() -> int:
    """The civil-society people of the demo e-discussions: members without a membership (they
    speak for their organisation in their contributions)."""
    created = 0
    member = Group.objects.get(name=Role.MEMBER)
    for person in content.PEOPLE:
        user, is_new = demo_person_ensure(
            email=f"{person.key}@{DEMO_DOMAIN}",
            first_name=person.first_name,
            last_name=person.last_name,
            language=person.language,
            position=person.position,
        )
        created += is_new
        user.groups.add(member)
    return created


def _participants(ediscussion: EDiscussion, joined: dict[str, datetime]) -> dict[str, Participant]:
    """Everyone who contributes, joined when ``joined`` says, as their membership places them
    (or, for the civil-society people, as their organisation)."""
    people = {person.key: person for person in content.PEOPLE}
    participants = {}
    for key, joined_at in joined.items():
        user = _user(key)
        if key in people:
            person = people[key]
            country, organisation, kind = (
                person.country,
                person.organisation,
                person.organisation_type,
            )
        else:
            country, organisation, kind = services.organisation_of(user)
        participants[key], _created = Participant.objects.get_or_create(
            ediscussion=ediscussion,
            user=user,
            defaults={
                "country": country,
                "organisation": organisation[:200],
                "organisation_type": kind,
                "joined_at": joined_at,
            },
        )
    return participants


def _first_times(
    demo: content.DemoEDiscussion, opens: dict[int, datetime], *, extra: tuple[str, ...] = ()
) -> dict[str, datetime]:
    """When each contributor joined: a day before their first contribution."""
    week_of = _week_of(demo)
    first: dict[str, datetime] = {}
    for item in demo.contributions:
        week = week_of.get(item.question, 1)
        at = opens[week] + timedelta(days=item.day) - timedelta(days=1)
        first[item.author] = min(first.get(item.author, at), at)
    for key in extra:
        first.setdefault(key, opens[1])
    return first


def _numbers(demo: content.DemoEDiscussion) -> dict[int, list[int]]:
    """The question numbers of each week (1..), numbered across the e-discussion."""
    numbers, number = {}, 1
    for week_number, week in enumerate(demo.weeks, start=1):
        numbers[week_number] = list(range(number, number + len(week.questions)))
        number += len(week.questions)
    return numbers


def _week_of(demo: content.DemoEDiscussion) -> dict[int, int]:
    """The week of each question number."""
    return {number: week for week, numbers in _numbers(demo).items() for number in numbers}


def _create(
    demo: content.DemoEDiscussion,
    facilitator: User,
    *,
    starts_at: datetime,
    access: str,
    moderation: str = EDiscussion.Moderation.IMMEDIATE,
) -> tuple[EDiscussion, dict[int, datetime]]:
    """The e-discussion with its weeks (one a week from ``starts_at``) and questions."""
    ediscussion = services.ediscussion_create(
        creator=facilitator,
        titles=demo.titles,
        default_language="en",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(days=7 * len(demo.weeks)),
        access=access,
        moderation=moderation,
        languages=["en", "es", "pt", "fr"],
        framing=demo.framing,
    )
    EDiscussion.objects.filter(pk=ediscussion.pk).update(slug=demo.slug)
    ediscussion.slug = demo.slug
    opens = {}
    numbers = _numbers(demo)
    for week_number, week in enumerate(demo.weeks, start=1):
        opens[week_number] = starts_at + timedelta(days=7 * (week_number - 1), hours=9)
        saved = services.week_save(
            by=facilitator,
            ediscussion=ediscussion,
            number=week_number,
            opens_at=opens[week_number],
            titles=week.titles,
        )
        for number, texts in zip(numbers[week_number], week.questions, strict=True):
            services.question_save(by=facilitator, week=saved, number=number, texts=texts)
    return ediscussion, opens


def _contribute(
    ediscussion: EDiscussion,
    demo: content.DemoEDiscussion,
    opens: dict[int, datetime],
    *,
    now: datetime,
) -> list[Post]:
    """The contributions as past posts, in the order of ``demo.contributions``; those of
    question 0 wait in the tray, as an email naming several questions does."""
    questions = {
        question.number: question
        for question in Question.objects.filter(week__ediscussion=ediscussion).select_related(
            "week", "topic__category"
        )
    }
    tray = Topic.objects.select_related("category").get(pk=ediscussion.tray_id)
    week_of = _week_of(demo)
    # The tray's contributions came by email during the latest week published.
    current = max(week for week, opens_at in opens.items() if opens_at <= now)
    weeks = [week_of[item.question] if item.question else current for item in demo.contributions]
    timed = sorted(
        (opens[weeks[index]] + timedelta(days=item.day), index)
        for index, item in enumerate(demo.contributions)
    )
    # A running week's later contributions, which would be dated after now, are spread over
    # the hours before now in the same order.
    late = [index for at, index in timed if at > now - timedelta(hours=1)]
    timed = [
        (now - timedelta(hours=len(late) - late.index(index)), index)
        if index in late
        else (at, index)
        for at, index in timed
    ]
    posts: dict[int, Post] = {}
    written: dict[int, Topic] = {}  # the topics written in, each numbering its posts
    for created_at, index in timed:
        item = demo.contributions[index]
        topic = questions[item.question].topic if item.question else tray
        written[topic.pk] = topic
        topic.last_post_number += 1
        number = topic.last_post_number
        author = _user(item.author)
        held = item.held or not item.question
        post = Post.objects.create(
            topic=topic,
            number=number,
            author=author,
            source=item.text,
            html=post_render(source=item.text, author=author, category=topic.category).html,
            language=item.language,
            state=Post.State.HELD if held else Post.State.PUBLISHED,
            # Every third by email, as officials mostly answer the weekly message.
            via=Post.Via.EMAIL if (index % 3 == 2 or not item.question) else Post.Via.WEB,
            created_at=created_at,
            # History, not news: the fan-out's sweep emails nobody about it.
            notified_at=now,
        )
        contribution = services.contribution_record(post=post)
        if not item.question:
            Contribution.objects.filter(pk=contribution.pk).update(week_number=weeks[index])
        if item.on_behalf:
            name, position, organisation, country = item.on_behalf
            Contribution.objects.filter(pk=contribution.pk).update(
                on_behalf_name=name,
                on_behalf_position=position,
                on_behalf_organisation=organisation,
                on_behalf_country=country,
            )
        if not held:
            post_search_index(post=post)
        posts[index] = post
    for topic in written.values():
        Topic.objects.filter(pk=topic.pk).update(last_post_number=topic.last_post_number)
        topic_counters_refresh(topic=topic)
    return [posts[index] for index in range(len(demo.contributions))]


def _summary_text(text: str, posts: list[Post], language: str) -> str:
    """The summary with its ``{post:N}`` links made the contributions' addresses in
    ``language``."""
    with translation.override(language):
        link = post_path_maker(absolute=lambda path: f"{settings.SITE_URL}{path}")
    for index, post in enumerate(posts):
        text = text.replace(f"{{post:{index}}}", link(post.pk))
    return text


def _seed_finished(facilitator: User, now: datetime) -> EDiscussion | None:
    demo = content.FINISHED
    if EDiscussion.objects.filter(slug=demo.slug).exists():
        return None
    starts_at = (now - timedelta(days=84)).replace(hour=0, minute=0, second=0, microsecond=0)
    ediscussion, opens = _create(demo, facilitator, starts_at=starts_at, access="public")
    endorsers = tuple(key for key, _endorsed, _comment in content.ENDORSEMENTS)
    _participants(ediscussion, _first_times(demo, opens, extra=endorsers))
    services.ediscussion_archive_publish(
        by=facilitator, ediscussion=ediscussion, closed_at=ediscussion.ends_at
    )
    posts = _contribute(ediscussion, demo, opens, now=now)
    draft = summary.summary_generate(by=facilitator, ediscussion=ediscussion)
    written = summary.summary_edit(
        by=facilitator, summary=draft, body=_summary_text(content.SUMMARY["en"], posts, "en")
    )
    for language, text in content.SUMMARY.items():
        if language != written.language:
            written = summary.summary_translation_save(
                by=facilitator,
                summary=written,
                language=language,
                body=_summary_text(text, posts, language),
            )
    shared = summary.summary_share(
        by=facilitator, summary=written, endorse_until=now + timedelta(days=14)
    )
    for key, endorsed, comment in content.ENDORSEMENTS:
        summary.endorsement_save(
            user=_user(key), summary=shared, endorsed=endorsed, comment=comment
        )
    summary.summary_publish(by=facilitator, summary=shared)
    # Dated as it happened: shared a week after the close, published two weeks later.
    Summary.objects.filter(pk=shared.pk).update(
        shared_at=ediscussion.ends_at + timedelta(days=7),
        published_at=ediscussion.ends_at + timedelta(days=21),
        endorse_until=ediscussion.ends_at + timedelta(days=21),
    )
    return ediscussion


def _seed_running(facilitator: User, now: datetime) -> EDiscussion | None:
    """In its second week: weeks 1 and 2 published (announced to the participants who had
    joined), weeks 3 and 4 to come."""
    demo = content.RUNNING
    if EDiscussion.objects.filter(slug=demo.slug).exists():
        return None
    starts_at = (now - timedelta(days=9)).replace(hour=0, minute=0, second=0, microsecond=0)
    # Its framing says contributions are approved before they appear.
    ediscussion, opens = _create(
        demo,
        facilitator,
        starts_at=starts_at,
        access="members",
        moderation=EDiscussion.Moderation.APPROVAL,
    )
    joined = _first_times(demo, opens)
    _participants(ediscussion, {key: min(at, opens[1]) for key, at in joined.items()})
    services.ediscussion_schedule(by=facilitator, ediscussion=ediscussion)
    for week in (1, 2):
        services.weeks_publish_due(now=opens[week])
    _contribute(ediscussion, demo, opens, now=now)
    return ediscussion


def seed_ediscussions(*, stdout) -> None:
    """Create the demo e-discussions (once)."""
    now = timezone.now()
    facilitator = _user(FACILITATOR)
    # The services ask for a coordinator acting with the second factor, as in a session.
    facilitator.second_factor_passed = True
    people = _seed_people()
    made = [
        ediscussion
        for ediscussion in (_seed_finished(facilitator, now), _seed_running(facilitator, now))
        if ediscussion is not None
    ]
    stdout.write(
        f"E-discussions: {len(made)} created ({people} civil-society participant(s)); "
        f"{EDiscussion.objects.count()} in all, "
        f"{Contribution.objects.count()} contributions."
    )
