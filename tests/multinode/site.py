"""What the multi-node test does to the shared database, run as a separate process with the
nodes' environment (``python -m tests.multinode.site``, one ``ACTION ARGUMENT`` per line of
input): it seeds the content, makes each change an editor or operator makes (committed, with
the project's signals, exactly as on a node), and reads back what the workers delivered."""

import io
import json
import sys
import time
import traceback

import django


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def seed(_argument: str) -> dict:
    from django.core.files.images import ImageFile
    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from network.roles import Role
    from tests.factories import LocalAuthorityFactory, MembershipFactory
    from tests.network.conftest import person
    from tests.outreach import builders
    from tests.practices.builders import practice, practice_index

    homes = builders.homes()
    news = builders.news_index(homes["en"])
    builders.translate(news, homes["es"], code="es", title="Noticias")
    image = get_image_model().objects.create(
        title="Harbour at dawn", file=ImageFile(io.BytesIO(png_bytes()), name="nodes-harbour.png")
    )
    pages = {
        "publish": builders.add_page(
            news,
            builders.NewsPage(
                title="Nodes published later",
                slug="nodes-publish",
                summary="Published on node A.",
                date=timezone.localdate(),
                live=False,
            ),
            publish=False,
        ),
        "unpublish": builders.news_page(news, slug="nodes-unpublish", title="Nodes withdrawn"),
        "restrict": builders.news_page(news, slug="nodes-restrict", title="Nodes members only"),
        "rename": builders.news_page(news, slug="nodes-rename", title="Nodes old title"),
        "translate": builders.news_page(news, slug="nodes-translate", title="Nodes in English"),
        "image": builders.news_page(news, slug="nodes-image", title="Nodes harbour", image=image),
        "upload": builders.news_page(news, slug="nodes-upload", title="Nodes lighthouse"),
    }
    directory = practice_index(homes["en"])
    authority = LocalAuthorityFactory(name="Municipio Nodal", slug="municipio-nodal")
    practice(directory, slug="nodes-practice", title="Nodes welcome desk", authority=authority)
    member = person(Role.OFFICIAL, email="member@nodes.example.org", first_name="Ana")
    MembershipFactory(user=member, local_authority=authority)
    coordinator = person(Role.COORDINATOR, email="coordinator@nodes.example.org")
    # Edits pages in the CMS of node A (superusers give the second factor there too).
    editor = person(email="editor@nodes.example.org", mfa=True, is_superuser=True, is_staff=True)
    return {
        "pages": {name: page.pk for name, page in pages.items()},
        "image": image.pk,
        "collection": Collection.get_first_root_node().pk,
        "authority": authority.pk,
        "member": member.email,
        "coordinator": coordinator.email,
        "editor": editor.email,
    }


def _page(page_id: str):
    from wagtail.models import Page

    return Page.objects.get(pk=int(page_id)).specific


def publish(page_id: str) -> str:
    page = _page(page_id)
    page.save_revision().publish()
    return page.url


def rename(page_id: str) -> str:
    page = _page(page_id)
    page.title = "Nodes new title"
    page.slug = "nodes-renamed"
    page.save_revision().publish()
    page.refresh_from_db()
    return page.url


def translate(page_id: str) -> str:
    """Spanish through wagtail-localize, as a translator does: segments, then publish."""
    from wagtail_localize.models import Translation, TranslationSource

    from tests.outreach import builders
    from tests.outreach.test_localize import translate_segments

    page = _page(page_id)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=builders.locale("es"), enabled=True
    )
    translate_segments(
        source,
        "es",
        {"Nodes in English": "Nodos en castellano", page.summary: "Resumen en castellano."},
    )
    translation.save_target(publish=True)
    return page.get_translation(builders.locale("es")).url


def spanish_url(page_id: str) -> str:
    """Where the Spanish translation of ``page_id`` will be, before it exists."""
    from tests.outreach import builders

    page = _page(page_id)
    return page.get_parent().get_translation(builders.locale("es")).url + page.slug + "/"


def delete_image(image_id: str) -> None:
    from wagtail.images import get_image_model

    get_image_model().objects.get(pk=int(image_id)).delete()


def image_show(argument: str) -> str:
    """Put the image titled ``TITLE`` on the page ``PAGE_ID`` (argument ``PAGE_ID TITLE``) and
    publish it; the page's address."""
    from wagtail.images import get_image_model

    page_id, _, title = argument.partition(" ")
    page = _page(page_id)
    page.image = get_image_model().objects.get(title=title)
    page.save_revision().publish()
    return page.url


def attachments(submission_id: str) -> list[list]:
    """The files of a proposal: [id, key in the private bucket]."""
    from practice_submissions.models import SubmissionAttachment

    rows = SubmissionAttachment.objects.filter(submission_id=int(submission_id)).order_by("pk")
    return [[row.pk, row.file.name] for row in rows]


def redis_locations(_argument: str) -> dict:
    """Where this process, configured as the nodes are, puts the Celery queue and the caches."""
    from django.conf import settings

    return {
        "broker": settings.CELERY_BROKER_URL,
        "results": settings.CELERY_RESULT_BACKEND,
        **{alias: settings.CACHES[alias]["LOCATION"] for alias in settings.CACHES},
    }


def delete_authority(authority_id: str) -> None:
    from network.models import LocalAuthority

    LocalAuthority.objects.get(pk=int(authority_id)).delete()


def notify_batch(_argument: str) -> int:
    """300 emails: 100 people, three events each, published to the workers on commit."""
    from django.db import transaction

    from notifications.models import EmailDelivery
    from notifications.services import notification_send
    from tests.factories import UserFactory

    people = [
        UserFactory(email=f"batch{number}@nodes.example.org", password=None)
        for number in range(100)
    ]
    first = (EmailDelivery.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0
    for event in range(3):
        with transaction.atomic():
            notification_send(
                recipients=people,
                kind="join_request_submitted",
                event_key=f"nodes-batch:{event}",
                context={
                    "authority_name": "Municipio Nodal",
                    "country": "CO",
                    "contact_name": "Inés",
                    "request_id": event,
                },
                url="/en/me/",
            )
    return first


def deliveries(after_id: str) -> list[list]:
    """The emails created after ``after_id``: [address, Message-ID, status, attempts]."""
    from notifications.models import EmailDelivery

    rows = EmailDelivery.objects.filter(pk__gt=int(after_id)).select_related("recipient")
    return [
        [row.recipient.email, row.message_id, row.status, row.attempts]
        for row in rows.order_by("pk")
    ]


def sweep_until_sent(after_id: str) -> dict:
    """What beat does every minute, every half second, until each email after ``after_id`` is
    sent (or 90 s pass)."""
    from collections import Counter

    from notifications.models import EmailDelivery
    from notifications.services import delivery_sweep

    rows = EmailDelivery.objects.filter(pk__gt=int(after_id))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        delivery_sweep()
        if not rows.exclude(status=EmailDelivery.Status.SENT).exists():
            break
        time.sleep(0.5)
    return dict(Counter(rows.values_list("status", flat=True)))


def submission(submitter_email: str) -> dict:
    from practice_submissions.models import PracticeSubmission

    row = PracticeSubmission.objects.filter(submitter__email=submitter_email).latest("pk")
    page = row.page.specific if row.page_id else None
    return {
        "id": row.pk,
        "state": row.state,
        "live": bool(page and page.live),
        "url": page.url if page and page.live else "",
    }


def last_delivery_id(_argument: str) -> int:
    from notifications.models import EmailDelivery

    return EmailDelivery.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


ACTIONS = {
    function.__name__: function
    for function in (
        seed,
        publish,
        rename,
        translate,
        spanish_url,
        delete_image,
        image_show,
        attachments,
        redis_locations,
        delete_authority,
        notify_batch,
        deliveries,
        sweep_until_sent,
        submission,
        last_delivery_id,
    )
}


ANSWER = "@@site "


def main() -> None:
    """Answer one action per line of input (``ACTION ARGUMENT``) with one line of output,
    ``@@site `` and the JSON result (or ``{"error": traceback}``), until the input ends: one
    Django start-up for all the changes of a test module."""
    django.setup()
    from django.db import close_old_connections

    for line in sys.stdin:
        action, _, argument = line.strip().partition(" ")
        close_old_connections()
        try:
            answer = {"result": ACTIONS[action](argument)}
        except Exception:
            answer = {"error": traceback.format_exc()}
        print(ANSWER + json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
