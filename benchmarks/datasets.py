"""Benchmark data sets, by size.

`make bench` always loads the demo content (``seed_demo``) first. A part of Convive that needs
more data to be measured fairly registers a filler here::

    @dataset_filler
    def fill_practices(*, size: str) -> None:
        target = {"demo": 0, "medium": 1_000, "large": 10_000, "huge": 100_000}[size]
        ...  # create practices until there are `target` of them (idempotent)

Fillers run inside Django (bench settings, the benchmark database) in registration order and
must be idempotent: running the benchmark twice does not double the data. Add a size by adding
it to SIZES with a one-line description.
"""

import argparse
from collections.abc import Callable

Filler = Callable[..., None]

SIZES: dict[str, str] = {
    "demo": "the demo content only (seed_demo)",
    "medium": "demo content plus what each filler calls a medium network",
    "large": "demo content plus what each filler calls a large network",
    "huge": "demo content plus what each filler calls a huge network (ten times large)",
}
FILLERS: list[Filler] = []


def dataset_filler(function: Filler) -> Filler:
    """Register a function ``(*, size: str) -> None`` that adds benchmark data for a size."""
    FILLERS.append(function)
    return function


def dataset_fill(*, size: str) -> None:
    """Run every registered filler for `size`."""
    if size not in SIZES:
        raise ValueError(f"Unknown data set size {size!r}; choose from {', '.join(SIZES)}.")
    for filler in FILLERS:
        print(f"Filling {size} data set: {filler.__name__}")
        filler(size=size)


def main() -> None:
    parser = argparse.ArgumentParser(description="Add benchmark data of a given size.")
    parser.add_argument("--size", choices=list(SIZES), default="demo")
    arguments = parser.parse_args()

    import django

    django.setup()
    dataset_fill(size=arguments.size)


# -- Practice texts with a realistic word distribution ------------------------------------------
# Each practice's title, summary and activities are drawn word by word: a word of the list below
# appears in a practice with the probability beside it, so that, as in real content, a common
# word (benchmarks/varied.py's COMMON_WORDS) is found in one practice in eight to fifteen and a
# rare one (RARE_WORDS) in fewer than one in a hundred; the other words are the rest of each
# language's vocabulary, on a Zipf-like slope.
FILLER_WORDS: dict[str, dict[str, float]] = {
    "en": {
        "migration": 0.15, "employment": 0.12, "housing": 0.1, "health": 0.12,
        "families": 0.1, "schools": 0.08, "integration": 0.14,
        "returnees": 0.01, "asylum": 0.008, "desk": 0.006, "neighbourhood": 0.008,
        "pathway": 0.005, "borders": 0.007,
        "municipal": 0.2, "services": 0.18, "support": 0.16, "community": 0.12,
        "training": 0.1, "children": 0.08, "women": 0.08, "language": 0.07, "legal": 0.06,
        "counselling": 0.05, "documentation": 0.04, "entrepreneurship": 0.03,
        "shelter": 0.03, "volunteers": 0.02, "census": 0.015, "mentoring": 0.012,
    },
    "es": {
        "migración": 0.15, "atención": 0.14, "salud": 0.12, "familias": 0.1,
        "orientación": 0.09, "integración": 0.14, "ruta": 0.08,
        "acompañamiento": 0.01, "psicosocial": 0.008, "ferias": 0.006, "talleres": 0.009,
        "secretaría": 0.007, "mental": 0.005,
        "municipal": 0.2, "servicios": 0.18, "apoyo": 0.16, "comunidad": 0.12,
        "empleo": 0.1, "niñez": 0.08, "mujeres": 0.08, "vivienda": 0.07, "jurídica": 0.06,
        "documentación": 0.04, "emprendimiento": 0.03, "albergue": 0.03,
        "voluntariado": 0.02, "censo": 0.015, "mentoría": 0.012,
    },
    "pt": {
        "integração": 0.14, "acolhimento": 0.14, "refugiados": 0.12, "escolas": 0.08,
        "fronteiras": 0.08, "migrantes": 0.15,
        "prefeitura": 0.01, "sem": 0.009, "acolhida": 0.007, "integrar": 0.006,
        "retornados": 0.008, "cidades": 0.005,
        "municipal": 0.2, "serviços": 0.18, "apoio": 0.16, "comunidade": 0.12,
        "emprego": 0.1, "crianças": 0.08, "mulheres": 0.08, "moradia": 0.07, "jurídica": 0.06,
        "documentação": 0.04, "empreendedorismo": 0.03, "abrigo": 0.03,
        "voluntários": 0.02, "censo": 0.015, "mentoria": 0.012,
    },
    "fr": {
        "accueil": 0.15, "médiation": 0.1, "arrivants": 0.09, "interculturelle": 0.08,
        "quartier": 0.1, "intégration": 0.14,
        "nouveaux": 0.01, "ville": 0.009, "réfugiées": 0.007, "leçons": 0.006,
        "gouvernements": 0.005, "médiateurs": 0.008,
        "municipal": 0.2, "services": 0.18, "soutien": 0.16, "communauté": 0.12,
        "emploi": 0.1, "enfants": 0.08, "femmes": 0.08, "logement": 0.07, "juridique": 0.06,
        "documentation": 0.04, "entrepreneuriat": 0.03, "hébergement": 0.03,
        "bénévoles": 0.02, "recensement": 0.015, "tutorat": 0.012,
    },
}  # fmt: skip


def _practice_texts(rng, language: str) -> tuple[str, str, str]:
    """(title, summary, activities) of one practice in ``language``: each word of FILLER_WORDS
    is in the practice (somewhere in the three) with its probability; the everyday words after
    the searched ones fill in when too few were drawn."""
    from benchmarks.varied import COMMON_WORDS, RARE_WORDS

    vocabulary = FILLER_WORDS[language]
    words = [word for word, chance in vocabulary.items() if rng.random() < chance]
    searched = {*COMMON_WORDS[language], *RARE_WORDS[language]}
    everyday = [word for word in vocabulary if word not in searched][:6]
    while len(words) < 8:
        words.append(rng.choice(everyday))
    rng.shuffle(words)
    return " ".join(words[:4]).capitalize(), " ".join(words[4:8]), " ".join(words[8:])


# -- Practices (the finder: facets and full-text search) ------------------------------------------
BENCH_PRACTICE_PREFIX = "bench-practice-"


@dataset_filler
def fill_practices(*, size: str) -> None:
    """Add practices until there are 0 / 1,000 / 10,000 / 100,000 benchmark practices, with a
    realistic spread of countries, themes, target groups, statuses, years and original
    languages: each practice is written in the directory of its original language, and a third
    of those not written in English also have an English translation, so the English listing
    mixes translations with original-language fallbacks. Page rows are bulk-inserted (no
    revisions: a benchmark does not edit them); search entries and the listing are built in
    bulk too."""
    import random
    import uuid
    from datetime import date, timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from network.search_text import search_config_for
    from practice_search.models import PracticeSearchEntry
    from practice_search.services import (
        codes_joined,
        listed_in_values,
        search_generation_bump,
        search_text_write,
    )
    from practices.models import (
        PracticeGcmObjective,
        PracticeIndexPage,
        PracticePage,
        PracticeTargetGroup,
        PracticeTheme,
    )
    from taxonomy.terms import GCM_OBJECTIVES, TARGET_GROUPS, THEMES

    target = {"demo": 0, "medium": 1_000, "large": 10_000, "huge": 100_000}[size]
    indexes = {
        index.locale.language_code: index
        for index in PracticeIndexPage.objects.select_related("locale").order_by("-path")
    }
    if "en" not in indexes:
        print("No English practice directory: run seed_demo first; skipping practices.")
        return
    existing = (
        PracticePage.objects.filter(slug__startswith=BENCH_PRACTICE_PREFIX)
        .values("translation_key")
        .distinct()
        .count()
    )
    missing = target - existing
    if missing <= 0:
        return

    rng = random.Random(20261122 + existing)  # reproducible, different per top-up
    countries = ["MX", "CO", "PE", "EC", "BR", "AR", "CL", "GT", "CR", "CA", "US", "DO", "PA"]
    weights = [14, 14, 9, 8, 12, 7, 6, 5, 4, 4, 6, 3, 2]
    places = ["Distrito", "Provincia", "Comuna", "Cantón", "Condado", "Región"]
    languages = [code for code in ("en", "es", "pt", "fr") if code in indexes]
    language_weights = {"en": 30, "es": 40, "pt": 20, "fr": 10}
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    statuses = [value for value, _label in PracticePage.Status.choices]
    # The practice table's own columns, parent link included (the page row is inserted first).
    local_fields = list(PracticePage._meta.local_concrete_fields)

    with transaction.atomic():
        for index in indexes.values():
            PracticeIndexPage.objects.select_for_update().filter(pk=index.pk).first()
        added = dict.fromkeys(indexes, 0)
        pages, details = [], []

        def add_page(*, language, title, slug, key, published, fields):
            index = indexes[language]
            added[language] += 1
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale_id=index.locale_id,
                    translation_key=key,
                    path=Page._get_path(
                        index.path, index.depth + 1, index.numchild + added[language]
                    ),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
            )
            details.append({**fields, "summary": f"{title}: {fields['summary']}"})

        for offset in range(missing):
            number = existing + offset
            language = rng.choices(languages, [language_weights[c] for c in languages])[0]
            title, summary, activities = _practice_texts(rng, language)
            country = rng.choices(countries, weights)[0]
            key = uuid.uuid4()
            published = now - timedelta(hours=number)
            fields = {
                "summary": summary,
                "place_name": f"{rng.choice(places)} {number % 97}",
                "country": country,
                "implementing_organisations": "Secretaría de desarrollo social",
                "start_date": date(2015, 1, 1) + timedelta(days=rng.randrange(0, 365 * 11)),
                "status": rng.choice(statuses),
                "original_language": language,
                "activities": f"<p>{activities}</p>",
                "indicators": (
                    [
                        {
                            "type": "indicator",
                            "value": {"label": "People", "value": "100", "unit": "", "year": 2024},
                        }
                    ]
                    if number % 3 == 0
                    else []
                ),
            }
            slug = f"{BENCH_PRACTICE_PREFIX}{number}"
            add_page(
                language=language,
                title=f"{title} {number}",
                slug=slug,
                key=key,
                published=published,
                fields=fields,
            )
            if language != "en" and number % 3 == 0:
                title, summary, activities = _practice_texts(rng, "en")
                add_page(
                    language="en",
                    title=f"{title} {number}",
                    slug=slug,
                    key=key,
                    published=published,
                    fields={**fields, "summary": summary, "activities": f"<p>{activities}</p>"},
                )
        Page.objects.bulk_create(pages, batch_size=1000)
        created = {
            (row["locale_id"], row["slug"]): row["pk"]
            for row in Page.objects.filter(slug__startswith=BENCH_PRACTICE_PREFIX).values(
                "pk", "locale_id", "slug"
            )
        }
        practices = []
        for page, fields in zip(pages, details, strict=True):
            practice = PracticePage(page_ptr_id=created[(page.locale_id, page.slug)], **fields)
            practice.title = page.title
            practice.translation_key = page.translation_key
            practice.first_published_at = page.first_published_at
            practices.append(practice)
        for start_at in range(0, len(practices), 1000):
            PracticePage._base_manager._insert(
                practices[start_at : start_at + 1000], fields=local_fields, using="default"
            )
        for language, count in added.items():
            Page.objects.filter(pk=indexes[language].pk).update(numchild=F("numchild") + count)

        locale_language = {index.locale_id: code for code, index in indexes.items()}
        themes, groups, objectives, entries = [], [], [], []
        classification: dict = {}  # a translation is classified like its original
        for page, practice in zip(pages, practices, strict=True):
            page_id = practice.page_ptr_id
            if page.translation_key not in classification:
                classification[page.translation_key] = (
                    rng.sample(THEMES, rng.randint(1, 3)),
                    rng.sample(TARGET_GROUPS, rng.randint(1, 2)),
                    rng.sample(GCM_OBJECTIVES, rng.randint(0, 2)),
                )
            theme_terms, group_terms, gcm_terms = classification[page.translation_key]
            themes += [PracticeTheme(page_id=page_id, code=term.code) for term in theme_terms]
            groups += [PracticeTargetGroup(page_id=page_id, code=t.code) for t in group_terms]
            objectives += [PracticeGcmObjective(page_id=page_id, code=t.code) for t in gcm_terms]
            language = locale_language[page.locale_id]
            entries.append(
                PracticeSearchEntry(
                    page_id=page_id,
                    config=search_config_for(language),
                    has_indicators=bool(practice.indicators),
                    translation_key=page.translation_key,
                    language=language,
                    original_language=practice.original_language,
                    country=practice.country,
                    status=practice.status,
                    start_year=practice.start_date.year,
                    first_published_at=page.first_published_at,
                    path=page.path,
                    title=practice.title,
                    slug=page.slug,
                    summary=practice.summary,
                    place=practice.place_name,
                    is_illustrative=practice.is_illustrative,
                    theme_codes=codes_joined(term.code for term in theme_terms),
                    group_codes=codes_joined(term.code for term in group_terms),
                    gcm_codes=codes_joined(term.code for term in gcm_terms),
                )
            )
        PracticeTheme.objects.bulk_create(themes, batch_size=2000)
        PracticeTargetGroup.objects.bulk_create(groups, batch_size=2000)
        PracticeGcmObjective.objects.bulk_create(objectives, batch_size=2000)
        versions: dict = {}
        for entry in entries:
            versions.setdefault(entry.translation_key, []).append(entry)
        for found in versions.values():
            for entry, value in zip(found, listed_in_values(found), strict=True):
                entry.listed_in = value
        PracticeSearchEntry.objects.bulk_create(entries, batch_size=2000)
        for practice in practices:  # SQLite's text index (PostgreSQL's vectors are set below)
            search_text_write(
                page_id=practice.page_ptr_id,
                heading=f"{practice.title} {practice.summary}",
                body=f"{practice.place_name} {practice.activities}",
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    UPDATE practice_search_practicesearchentry AS entry
                    SET search_vector =
                        setweight(to_tsvector(entry.config::regconfig,
                            coalesce(page.title, '') || ' ' || coalesce(practice.summary, '')), 'A')
                        || setweight(to_tsvector(entry.config::regconfig,
                            coalesce(practice.place_name, '') || ' '
                            || coalesce(practice.activities, '')), 'B')
                    FROM wagtailcore_page AS page
                    JOIN practices_practicepage AS practice ON practice.page_ptr_id = page.id
                    WHERE entry.page_id = page.id AND entry.search_vector IS NULL
                    """
                )
                cursor.execute("ANALYZE")
        # Bulk inserts send no signal: make the cached facet counts stale.
        search_generation_bump()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Each entry was written twice (inserted, then given its vector): compact the table as
        # autovacuum would over time on a live site, so that scans read live rows only (not in
        # a test, whose transaction VACUUM cannot run in).
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM FULL ANALYZE {PracticeSearchEntry._meta.db_table}")
    print(f"Added {missing} benchmark practices (now {target}, {len(pages)} pages).")


# -- The community forum: one long topic and one crowded category ---------------------------------
BENCH_FORUM_CATEGORY = "bench-forum"
# Where the forum's benchmark pages find the topic and the category the filler made
# (benchmarks/varied.py reads it).
FORUM_LAYOUT_FILE = "benchmarks/results/forum-layout.json"


@dataset_filler
def fill_forum(*, size: str) -> None:
    """A public category holding 50 / 500 / 5,000 / 50,000 topics, one of which has 20 / 200 /
    2,000 / 20,000 replies, written by a few hundred members in four languages. Rows are
    bulk-inserted with their rendered HTML (rendered once per distinct text) and the topics'
    counters set as the posting services would."""
    import json
    import random
    from datetime import timedelta
    from pathlib import Path

    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from network.community.models import Category, Post, Topic
    from network.community.services.rendering import post_render
    from network.models import User

    topics_target = {"demo": 50, "medium": 500, "large": 5_000, "huge": 50_000}[size]
    replies_target = {"demo": 20, "medium": 200, "large": 2_000, "huge": 20_000}[size]
    rng = random.Random(20261129)
    texts = {
        "en": "How did your city organise the first night for families arriving late? "
        "We are looking at **extended hours** and an agreement with two shelters.",
        "es": "¿Cómo organizó su ciudad la primera noche de las familias que llegan tarde? "
        "Estudiamos un *horario extendido* y un acuerdo con dos albergues.",
        "pt": "Como a sua cidade organizou a primeira noite das famílias que chegam tarde? "
        "Estamos estudando um horário estendido e um acordo com dois abrigos.",
        "fr": "Comment votre ville a-t-elle organisé la première nuit des familles arrivées "
        "tard ? Nous étudions des horaires élargis et un accord avec deux foyers.",
    }
    rendered = {
        language: post_render(source=text, author=None).html for language, text in texts.items()
    }
    languages = list(texts)
    with transaction.atomic():
        category, _ = Category.objects.get_or_create(
            slug=BENCH_FORUM_CATEGORY,
            defaults={
                "access": Category.Access.PUBLIC,
                "name_en": "Benchmark forum",
                "name_es": "Foro de prueba de rendimiento",
                "name_pt": "Fórum de teste de desempenho",
                "name_fr": "Forum de test de performance",
                "position": 99,
            },
        )
        authors = list(User.objects.filter(email__startswith="bench-forum-")[:300])
        for number in range(len(authors), 300):
            authors.append(
                User.objects.create_user(
                    email=f"bench-forum-{number}@bench.example.org",
                    first_name=f"Member{number}",
                    last_name="Bench",
                    preferred_language=languages[number % 4],
                )
            )
        now = timezone.now()
        existing = Topic.objects.filter(category=category).count()
        new_topics = []
        for index in range(existing, topics_target):
            language = rng.choice(languages)
            moment = now - timedelta(days=400) + timedelta(minutes=index * 7)
            new_topics.append(
                Topic(
                    category=category,
                    title=f"{texts[language][:60]} ({index})",
                    slug=f"bench-topic-{index}",
                    author=rng.choice(authors),
                    language=language,
                    created_at=moment,
                    last_post_at=moment,
                    last_post_number=1,
                )
            )
        created = Topic.objects.bulk_create(new_topics, batch_size=2_000)
        Post.objects.bulk_create(
            [
                Post(
                    topic=topic,
                    number=1,
                    author=topic.author,
                    source=texts[topic.language],
                    html=rendered[topic.language],
                    language=topic.language,
                    created_at=topic.created_at,
                )
                for topic in created
            ],
            batch_size=2_000,
        )
        long_topic = Topic.objects.get(category=category, slug="bench-topic-0")
        have = long_topic.last_post_number - 1
        replies = []
        for number in range(have + 2, replies_target + 2):
            language = rng.choice(languages)
            replies.append(
                Post(
                    topic=long_topic,
                    number=number,
                    author=rng.choice(authors),
                    source=texts[language],
                    html=rendered[language],
                    language=language,
                    created_at=long_topic.created_at + timedelta(minutes=number),
                )
            )
        Post.objects.bulk_create(replies, batch_size=2_000)
        last = long_topic.posts.order_by("-number").first()
        Topic.objects.filter(pk=long_topic.pk).update(
            last_post_number=last.number,
            reply_count=last.number - 1,
            last_post_at=last.created_at,
        )
    from django.db import connection

    from network.community.services.search_index import forum_search_rebuild

    forum_search_rebuild()
    if connection.vendor == "postgresql":
        # The state autovacuum reaches a while after bulk inserts: fresh statistics and a
        # visibility map, so that the lists' index-only scans skip the table's rows.
        # (VACUUM cannot run inside a transaction, which a test's filling is.)
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(
                f"{command} community_topic, community_post, community_category, "
                "community_taggedtopic"
            )
    layout = {
        "category_slug": category.slug,
        "category_pages": -(
            -Topic.objects.filter(category=category).count() // settings.FORUM_TOPICS_PER_PAGE
        ),
        "topic_id": long_topic.pk,
        "topic_slug": long_topic.slug,
        "topic_pages": -(-last.number // settings.FORUM_POSTS_PER_PAGE),
    }
    path = Path(settings.BASE_DIR) / FORUM_LAYOUT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(layout, indent=2) + "\n")


# -- E-discussions: one with 500 participants and 2,000 contributions -----------------------------
BENCH_EDISCUSSION = "bench-ediscussion"
BENCH_EDISCUSSION_FACILITATOR = "bench-ed-facilitator@bench.example.org"


@dataset_filler
def fill_ediscussion(*, size: str) -> None:
    """An e-discussion over four weeks of two questions each, all published, with 500
    participants (5,000 at the huge size) from a dozen countries and three types of
    organisation, and 2,000 contributions (20,000) in four languages: most published, one in
    twenty waiting for approval, a few dozen in the tray; its facilitator is
    ``BENCH_EDISCUSSION_FACILITATOR`` (benchmarks/ediscussion_dashboard.py signs in as them).
    Rows are bulk-inserted with their rendered HTML and the topics' counters set as the posting
    services would. Idempotent: it adds what is missing."""
    import random
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from network.community.ediscussions import services
    from network.community.models import (
        Contribution,
        EDiscussion,
        Participant,
        Post,
        Question,
        Topic,
    )
    from network.community.services.counters import topic_counters_refresh
    from network.community.services.rendering import post_render
    from network.models import User
    from network.roles import Role
    from network.services import role_assign

    participants_target = 5_000 if size == "huge" else 500
    contributions_target = 20_000 if size == "huge" else 2_000
    rng = random.Random(20261130)
    texts = {
        "en": "In our city the council meets the diaspora associations every month; "
        "**remittances** fund two local projects.",
        "es": "En nuestra ciudad el concejo se reúne cada mes con las asociaciones de la "
        "diáspora; las *remesas* financian dos proyectos.",
        "pt": "Na nossa cidade a câmara reúne-se todos os meses com as associações da diáspora.",
        "fr": "Dans notre ville, le conseil rencontre chaque mois les associations de la "
        "diaspora ; les transferts financent deux projets.",
    }
    rendered = {code: post_render(source=text, author=None).html for code, text in texts.items()}
    countries = ["CO", "PE", "MX", "EC", "BR", "AR", "CL", "GT", "CR", "US", "CA", "DO", ""]
    kinds = list(Participant.OrganisationType.values)
    now = timezone.now()

    import base64
    import secrets

    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt

    facilitator, created = User.objects.get_or_create(
        email=BENCH_EDISCUSSION_FACILITATOR,
        defaults={"first_name": "Bench", "last_name": "Facilitator"},
    )
    # The coordinator who creates it acts with an authenticator app, in a session that passed
    # it (marked below as network.mfa's middleware marks one).
    if created:
        role_assign(user=facilitator, role=Role.COORDINATOR)
    if not Authenticator.objects.filter(user=facilitator).exists():
        secret = base64.b32encode(secrets.token_bytes(20)).decode()
        Authenticator.objects.create(
            user=facilitator, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)}
        )
    facilitator.second_factor_passed = True
    ediscussion = EDiscussion.objects.filter(slug=BENCH_EDISCUSSION).first()
    if ediscussion is None:
        starts = now - timedelta(days=27)
        ediscussion = services.ediscussion_create(
            creator=facilitator,
            titles={"en": "Benchmark: diaspora engagement", "es": "Prueba: la diáspora"},
            default_language="en",
            starts_at=starts,
            ends_at=now + timedelta(days=365),
            languages=list(texts),
        )
        EDiscussion.objects.filter(pk=ediscussion.pk).update(slug=BENCH_EDISCUSSION)
        ediscussion.slug = BENCH_EDISCUSSION
        number = 1
        for week_number in range(1, 5):
            week = services.week_save(
                by=facilitator,
                ediscussion=ediscussion,
                number=week_number,
                opens_at=starts + timedelta(days=7 * (week_number - 1)),
            )
            for _ in range(2):
                services.question_save(
                    by=facilitator,
                    week=week,
                    number=number,
                    texts={
                        "en": f"Question {number}: how does your city work with the diaspora?",
                        "es": f"Pregunta {number}: ¿cómo trabaja su ciudad con la diáspora?",
                    },
                )
                number += 1
        services.ediscussion_schedule(by=facilitator, ediscussion=ediscussion)
        services.weeks_publish_due(now=now)
    weeks = list(ediscussion.weeks.order_by("number"))
    questions = list(
        Question.objects.filter(week__ediscussion=ediscussion, topic__isnull=False)
        .select_related("week", "topic")
        .order_by("number")
    )

    with transaction.atomic():
        existing = User.objects.filter(email__startswith="bench-ed-participant-").count()
        User.objects.bulk_create(
            [
                User(
                    email=f"bench-ed-participant-{index}@bench.example.org",
                    first_name=f"Participant{index}",
                    last_name="Bench",
                    handle=f"bench_ed_{index}",
                    preferred_language=list(texts)[index % 4],
                )
                for index in range(existing, participants_target)
            ],
            batch_size=1_000,
        )
        users = list(
            User.objects.filter(email__startswith="bench-ed-participant-").order_by("pk")[
                :participants_target
            ]
        )
        joined = set(
            Participant.objects.filter(ediscussion=ediscussion).values_list("user_id", flat=True)
        )
        span = (now - weeks[0].opens_at).total_seconds()
        Participant.objects.bulk_create(
            [
                Participant(
                    ediscussion=ediscussion,
                    user=user,
                    country=rng.choice(countries),
                    organisation=f"Organisation {index % 120}",
                    organisation_type=rng.choice(kinds),
                    joined_at=weeks[0].opens_at
                    + timedelta(seconds=span * (rng.random() ** 2) - 86_400),
                )
                for index, user in enumerate(users)
                if user.pk not in joined
            ],
            batch_size=1_000,
        )
        participants = list(
            Participant.objects.filter(ediscussion=ediscussion, role="participant").order_by("pk")
        )
        have = Contribution.objects.filter(ediscussion=ediscussion).count()
        missing = contributions_target - have
        topics = {topic.pk: topic for topic in Topic.objects.filter(category=ediscussion.category)}
        tray = topics[ediscussion.tray_id]
        plan = []  # (topic, question or None, participant, language, state, moment)
        for index in range(missing):
            participant = rng.choice(participants)
            language = rng.choice(list(texts))
            if index % 50 == 0:
                question, topic = None, tray
            else:
                question = rng.choice(questions)
                topic = topics[question.topic_id]
            held = rng.random() < 0.05
            start = question.week.opens_at if question else weeks[0].opens_at
            moment = start + timedelta(seconds=rng.random() * max(1, (now - start).total_seconds()))
            plan.append((topic, question, participant, language, held, moment))
        posts = []
        for topic, _question, participant, language, held, moment in plan:
            topic.last_post_number += 1
            posts.append(
                Post(
                    topic=topic,
                    number=topic.last_post_number,
                    author_id=participant.user_id,
                    source=texts[language],
                    html=rendered[language],
                    language=language,
                    state=Post.State.HELD if held else Post.State.PUBLISHED,
                    created_at=moment,
                )
            )
        Post.objects.bulk_create(posts, batch_size=2_000)
        Contribution.objects.bulk_create(
            [
                Contribution(
                    post=post,
                    ediscussion=ediscussion,
                    question=question,
                    week_number=question.week.number if question else None,
                    participant=participant,
                    country=participant.country,
                    organisation_type=participant.organisation_type,
                    created_at=post.created_at,
                )
                for post, (_topic, question, participant, _l, _h, _m) in zip(
                    posts, plan, strict=True
                )
            ],
            batch_size=2_000,
        )
        for topic in topics.values():
            Topic.objects.filter(pk=topic.pk).update(last_post_number=topic.last_post_number)
            topic_counters_refresh(topic=topic)
    from django.db import connection

    if connection.vendor == "postgresql":
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(
                f"{command} community_contribution, community_participant, community_post"
            )
    print(
        f"E-discussion {BENCH_EDISCUSSION}: {len(participants)} participants, "
        f"{Contribution.objects.filter(ediscussion=ediscussion).count()} contributions."
    )


# -- Needs assessments: a 120-question questionnaire and its responses at every stage ------------
@dataset_filler
def fill_assessment_answering(*, size: str) -> None:
    """An open assessment of a 120-question questionnaire with skip logic, 50 invitations (200
    at medium, 500 at large, 5,000 at huge) and their responses at every stage; the section
    pages' addresses in benchmarks/results/assessment-layout.json (benchmarks/assessment_answer.py
    says what is in it)."""
    from benchmarks.assessment_answer import answering_fill

    answering_fill(size=size)


if __name__ == "__main__":
    main()
