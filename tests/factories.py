"""factory_boy factories shared by the whole suite (append new ones at the end)."""

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class NotificationFactory(factory.django.DjangoModelFactory):
    """An in-app notification stored directly (no email); use notification_send to test flows."""

    class Meta:
        model = "notifications.Notification"

    recipient = factory.SubFactory(UserFactory)
    kind = "invitation_accepted"
    event_key = factory.Sequence(lambda n: f"event-{n}")
    context = factory.LazyFunction(
        lambda: {"invitee_name": "Ana Pérez", "organisation_name": "Ciudad de Ejemplo"}
    )
    url = "/en/me/"


def _now_utc_minus_days(days: int):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=days)


def _token_hash(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    """A member local authority (pass is_member=False, joined_at=None for an applicant)."""

    class Meta:
        model = "network.LocalAuthority"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Municipality {n}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")
    level = "municipality"
    country = "CO"
    region = "Norte de Santander"
    is_member = True
    joined_at = factory.LazyFunction(lambda: _now_utc_minus_days(100))


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "network.PartnerOrganisation"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    acronym = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A person in a local authority; for a partner pass partner=... and local_authority=None."""

    class Meta:
        model = "network.Membership"

    user = factory.SubFactory(UserFactory)
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    position = "Migration officer"
    is_focal_point = False


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "network.JoinRequest"

    authority_name = factory.Sequence(lambda n: f"Applicant Town {n}")
    level = "municipality"
    country = "EC"
    region = "El Oro"
    contact_name = "Rosa Quispe"
    contact_email = factory.Sequence(lambda n: f"contact{n}@town.example.org")
    contact_position = "Mayor's adviser"
    preferred_language = "en"
    message = "We receive many people crossing the border."


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation. Use ``InvitationFactory.with_token(...)`` to get the raw link token
    as well (only its hash is stored)."""

    class Meta:
        model = "network.Invitation"

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    role = "official"
    invited_by = factory.SubFactory(UserFactory)
    token_hash = factory.Sequence(lambda n: _token_hash(f"test-token-{n}"))
    expires_at = factory.LazyFunction(lambda: _now_utc_minus_days(-14))

    @classmethod
    def with_token(cls, token: str = "", **kwargs):
        """Create an invitation whose link token is ``token`` (random if empty)."""
        import secrets

        token = token or secrets.token_urlsafe(16)
        return cls(token_hash=_token_hash(token), **kwargs), token


def _default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    """A news category in the default locale (pass ``locale=`` for another language)."""

    class Meta:
        model = "outreach.NewsCategory"

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(_default_locale)


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    """A registration for an event page (pass ``event=``: pages are built in tests/outreach)."""

    class Meta:
        model = "outreach.EventRegistration"

    user = factory.SubFactory(UserFactory)
    status = "registered"


def _library_pdf(document):
    from django.core.files.base import ContentFile

    from library.pdf import minimal_pdf

    content = minimal_pdf(title=document.title, lines=["A test document."])
    return ContentFile(content, name=f"{document.title.lower().replace(' ', '-')}.pdf")


class LibraryDocumentFactory(factory.django.DjangoModelFactory):
    """A Wagtail document holding a small valid PDF (pass ``file=`` for other content)."""

    class Meta:
        model = "wagtaildocs.Document"

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(_library_pdf)
    file_size = factory.LazyAttribute(lambda document: document.file.size)


def _complete_practice_answers() -> dict:
    return {
        "basics": {
            "title": "Welcome desk for newcomers",
            "summary": "A single desk where newcomers find every municipal service.",
            "authority": "",
            "place_name": "Villa Esperanza",
            "country": "CO",
            "implementing_organisations": "Social development office",
            "start_date": "2022-03-01",
            "end_date": "",
            "ongoing": True,
            "status": "running",
        },
        "practice": {
            "context": "Many people arrived in a few months.",
            "objectives": "Make services reachable.",
            "activities": "One desk.\n\nTrained staff.",
            "results": "3,000 people served.",
            "lessons_learned": "",
            "replication": "",
        },
        "classification": {
            "themes": ["reception"],
            "target_groups": ["migrants"],
            "gcm_objectives": [],
            "sdg_targets": [],
            "tags": "welcome, desk",
        },
        "attachments": {
            "contact_name": "Ana Pérez",
            "contact_role": "Coordinator",
            "contact_email": "ana@example.org",
        },
    }


class PracticeSubmissionFactory(factory.django.DjangoModelFactory):
    """A draft practice proposal whose answers are complete (ready to submit)."""

    class Meta:
        model = "practice_submissions.PracticeSubmission"

    submitter = factory.SubFactory(UserFactory)
    data = factory.LazyFunction(_complete_practice_answers)
    step = "review"
    state = "draft"
    language = "en"


# -- Community forum ----------------------------------------------------------------------------
# Rows written directly, for tests of reading, listing and visibility; tests of writing go
# through network.community's services. A post's ``html`` is its source escaped into paragraphs
# (the services render Markdown); pass ``html=`` to choose it.


def _paragraphs(source: str) -> str:
    from django.utils.html import linebreaks

    return linebreaks(source, autoescape=True)


class ForumCategoryFactory(factory.django.DjangoModelFactory):
    """A members-only category (pass access="public" or "private")."""

    class Meta:
        model = "community.Category"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_es = factory.Sequence(lambda n: f"Categoría {n}")
    access = "members"


class ForumTopicFactory(factory.django.DjangoModelFactory):
    """A topic with its opening post (number 1) by its author."""

    class Meta:
        model = "community.Topic"
        skip_postgeneration_save = True

    category = factory.SubFactory(ForumCategoryFactory)
    title = factory.Sequence(lambda n: f"How do you welcome new arrivals? ({n})")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    author = factory.SubFactory(UserFactory)
    last_post_number = 1

    @factory.post_generation
    def opening(self, create, extracted, **kwargs):
        if not create:
            return
        source = extracted or "We opened a one-stop desk. What worked for you?"
        ForumPostFactory(
            topic=self, number=1, author=self.author, source=source, created_at=self.created_at
        )


class ForumPostFactory(factory.django.DjangoModelFactory):
    """A published reply (the next number in its topic unless ``number`` is given); keeps the
    topic's counters current as the services would."""

    class Meta:
        model = "community.Post"

    topic = factory.SubFactory(ForumTopicFactory)
    author = factory.SubFactory(UserFactory)
    source = "Thank you, we did the same in our city."
    html = factory.LazyAttribute(lambda post: _paragraphs(post.source))
    language = "en"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from django.db.models import F
        from django.utils import timezone

        topic = kwargs["topic"]
        if "number" not in kwargs:
            topic.refresh_from_db(fields=["last_post_number"])
            kwargs["number"] = topic.last_post_number + 1
        kwargs.setdefault("created_at", timezone.now())
        post = super()._create(model_class, *args, **kwargs)
        if post.state == "published":
            changes = {"last_post_at": post.created_at}
            if post.number > 1:
                changes["reply_count"] = F("reply_count") + 1
            type(topic).objects.filter(pk=topic.pk).update(**changes)
        type(topic).objects.filter(pk=topic.pk, last_post_number__lt=post.number).update(
            last_post_number=post.number
        )
        topic.refresh_from_db(fields=["last_post_number", "last_post_at", "reply_count"])
        return post
