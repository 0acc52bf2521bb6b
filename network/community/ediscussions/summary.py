"""The consolidated summary of an e-discussion: its draft, generated from the contributions
(``summary_draft.py``: real excerpts, never invented text); the facilitator's edits and
translations; sharing it with the participants, who endorse it or comment until a date; and its
publication as a resource of the library, with a PDF. The Markdown is rendered and sanitised as
a post is (``markdown.markdown_render``).

The library lives in a layer above the network's (``pyproject.toml``, import-linter): it
registers the function that makes a summary a resource (``summary_publisher_register``, from
``LibraryConfig.ready``), as it registers its link cards.

Every facilitator's action is decided by ``network.permissions.decide`` first
(``EDISCUSSION_FACILITATE``; endorsing: ``EDISCUSSION_ENDORSE``), refused with
``PermissionDenied`` and the translated reason.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import User
from network.permissions import decide
from notifications.services import notification_send

from .. import permissions
from ..markdown import markdown_render
from ..models import LANGUAGE_CODES
from . import selectors_summary as selectors
from .models import EDiscussion, Endorsement, Summary
from .summary_draft import summary_draft_markdown
from .summary_kinds import EDISCUSSION_SUMMARY
from .summary_pdf import summary_pdf_render

BODY_MAX = 200_000
COMMENT_MAX = 4_000
ENDORSEMENT_LONGEST = timedelta(days=90)


def _refuse_unless(user: User, action: str, obj=None) -> None:
    decision = decide(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _rendered(body: str) -> str:
    return markdown_render(source=body, nofollow_all=False).html


class SummaryWasEdited(Exception):
    """Generating the draft again would replace the facilitator's own text: ask first."""


@transaction.atomic
def summary_generate(*, by: User, ediscussion: EDiscussion, replace_edits: bool = False) -> Summary:
    """Write (or write again) the draft from the contributions published now. A draft the
    facilitator edited is replaced only with ``replace_edits`` (``SummaryWasEdited``
    otherwise); a published summary is never replaced. Translations are kept."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    Summary.objects.get_or_create(
        ediscussion=ediscussion, defaults={"language": ediscussion.default_language}
    )
    summary = Summary.objects.select_for_update().get(ediscussion=ediscussion)
    _editable(summary)
    if summary.edited_at is not None and not replace_edits:
        raise SummaryWasEdited
    summary.body = summary_draft_markdown(ediscussion=ediscussion, user=by)
    summary.body_html = _rendered(summary.body)
    summary.generated_at = timezone.now()
    summary.edited_at = None
    summary.save()
    return summary


# -- Editing -------------------------------------------------------------------------------------


def _body_cleaned(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if len(body) > BODY_MAX:
        raise ValidationError(
            {"body": _("Keep it under %(limit)d characters.") % {"limit": BODY_MAX}}
        )
    return body


def _editable(summary: Summary) -> None:
    if summary.state == Summary.State.PUBLISHED:
        raise ValidationError(_("The summary is published: it can no longer change."))


def _locked(summary: Summary) -> Summary:
    """The summary's row read again and locked until the transaction ends, so that nothing
    changes it while it is being published."""
    return (
        Summary.objects.select_for_update(of=("self",))
        .select_related("ediscussion")
        .get(pk=summary.pk)
    )


def summary_preview(*, body: str) -> str:
    """The sanitised HTML of ``body``, as the summary will show it (nothing is saved)."""
    return _rendered(_body_cleaned(body))


@transaction.atomic
def summary_edit(*, by: User, summary: Summary, body: str) -> Summary:
    """Save the facilitator's text of the summary (in its language)."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, summary.ediscussion)
    summary = _locked(summary)
    _editable(summary)
    body = _body_cleaned(body)
    if not body:
        raise ValidationError({"body": _("Write the summary.")})
    summary.body = body
    summary.body_html = _rendered(body)
    summary.edited_at = timezone.now()
    summary.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
    return summary


@transaction.atomic
def summary_translation_save(*, by: User, summary: Summary, language: str, body: str) -> Summary:
    """Save the summary's translation into ``language`` (an empty text removes it)."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, summary.ediscussion)
    summary = _locked(summary)
    _editable(summary)
    if language not in LANGUAGE_CODES or language == summary.language:
        raise ValidationError({"language": _("Choose another of the four languages.")})
    body = _body_cleaned(body)
    translations = dict(summary.translations or {})
    if body:
        translations[language] = {"body": body, "html": _rendered(body)}
    else:
        translations.pop(language, None)
    summary.translations = translations
    summary.save(update_fields=["translations", "updated_at"])
    return summary


# -- Endorsement ---------------------------------------------------------------------------------


def _context(summary: Summary, event: str) -> dict:
    ediscussion = summary.ediscussion
    return {
        "event": event,
        "ediscussion_id": ediscussion.pk,
        "titles": {code: ediscussion.translated("title", language=code) for code in LANGUAGE_CODES},
        "endorse_until": summary.endorse_until.isoformat() if summary.endorse_until else "",
    }


def _address(name: str, ediscussion: EDiscussion) -> str:
    # Reversed in English; ``notifications.links`` gives each reader the address in theirs.
    with translation.override("en"):
        return reverse(f"community:{name}", kwargs={"slug": ediscussion.slug})


@transaction.atomic
def summary_share(*, by: User, summary: Summary, endorse_until: datetime) -> Summary:
    """Share the summary with the participants until ``endorse_until`` (sharing again only
    moves the date). Every participant who may read the e-discussion is told, once, by the
    ``ediscussion_summary`` notification, in their language."""
    ediscussion = summary.ediscussion
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, ediscussion)
    summary = _locked(summary)
    _editable(summary)
    if not summary.body.strip():
        raise ValidationError(_("Write the summary before sharing it."))
    now = timezone.now()
    if endorse_until <= now:
        raise ValidationError({"endorse_until": _("Choose a date in the future.")})
    if endorse_until > now + ENDORSEMENT_LONGEST:
        raise ValidationError(
            {"endorse_until": _("Give the participants at most 90 days to answer.")}
        )
    summary.state = Summary.State.SHARED
    summary.endorse_until = endorse_until
    summary.shared_at = summary.shared_at or now
    summary.save(update_fields=["state", "endorse_until", "shared_at", "updated_at"])
    people = list(selectors.summary_readers_to_tell(summary=summary, exclude=by))
    notification_send(
        recipients=people,
        kind=EDISCUSSION_SUMMARY.code,
        event_key=f"summary:{summary.pk}:shared",
        context=_context(summary, "shared"),
        url=_address("ediscussion_summary_endorse", ediscussion),
    )
    return summary


@transaction.atomic
def endorsement_save(
    *, user: User, summary: Summary, endorsed: bool, comment: str
) -> Endorsement | None:
    """``user``'s answer to the shared summary: endorsed or not, and a comment. One answer per
    person, which they may change until the period ends; neither endorsed nor commented
    withdraws it (None)."""
    _refuse_unless(user, permissions.EDISCUSSION_ENDORSE, summary)
    comment = (comment or "").replace("\r\n", "\n").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {"comment": _("Keep it under %(limit)d characters.") % {"limit": COMMENT_MAX}}
        )
    if not endorsed and not comment:
        Endorsement.objects.filter(summary=summary, user=user).delete()
        return None
    endorsement, _created = Endorsement.objects.update_or_create(
        summary=summary, user=user, defaults={"endorsed": bool(endorsed), "comment": comment}
    )
    return endorsement


# -- Publication ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryVersion:
    """The summary in one language, as the library publishes it."""

    language: str
    title: str
    abstract: str
    pdf: bytes
    file_name: str


@dataclass(frozen=True)
class SummaryPublication:
    """What the library needs to make the summary a resource: the facilitator's version first,
    then its translations; the themes (taxonomy codes) and the year."""

    versions: list[SummaryVersion]
    themes: list[str]
    year: int


@dataclass(frozen=True)
class PublishedResource:
    """The library's resource page and its address for a reader of each language."""

    page_id: int
    page_urls: dict[str, str]


SummaryPublisher = Callable[[SummaryPublication], PublishedResource]
_PUBLISHERS: dict[str, SummaryPublisher] = {}


def summary_publisher_register(*, publish: SummaryPublisher) -> None:
    """The library's function making a summary one of its resources (from
    ``LibraryConfig.ready``; registering again replaces it)."""
    _PUBLISHERS["library"] = publish


def _publisher() -> SummaryPublisher:
    try:
        return _PUBLISHERS["library"]
    except KeyError:
        raise ImproperlyConfigured(
            "No library registered to publish consolidated summaries (is `library` installed?)."
        ) from None


def _version(summary: Summary, language: str, *, endorsements: int) -> SummaryVersion:
    ediscussion = summary.ediscussion
    with translation.override(language):
        title = _("Consolidated summary: %(title)s") % {
            "title": ediscussion.translated("title", language=language)
        }
        abstract = ngettext(
            "The consolidated summary of the e-discussion “%(title)s”, quoting and linking its "
            "contributions, endorsed by %(count)d participant.",
            "The consolidated summary of the e-discussion “%(title)s”, quoting and linking its "
            "contributions, endorsed by %(count)d participants.",
            endorsements,
        ) % {"title": ediscussion.translated("title", language=language), "count": endorsements}
    return SummaryVersion(
        language=language,
        title=title[:255],
        abstract=abstract,
        pdf=summary_pdf_render(summary=summary, language=language),
        file_name=f"{ediscussion.slug}-summary-{language}.pdf",
    )


def summary_publication(*, summary: Summary) -> SummaryPublication:
    """The summary as the library publishes it: a version (with its PDF) in the facilitator's
    language and in each translation's."""
    endorsements, _comments = selectors.endorsement_counts(summary=summary)
    languages = [summary.language] + [
        code
        for code in LANGUAGE_CODES
        if code != summary.language and code in (summary.translations or {})
    ]
    theme = summary.ediscussion.category.theme
    return SummaryPublication(
        versions=[_version(summary, code, endorsements=endorsements) for code in languages],
        themes=[theme] if theme else [],
        year=timezone.now().year,
    )


def summary_publish(*, by: User, summary: Summary) -> Summary:
    """Publish the shared summary: it becomes a resource of the library (type "consolidated
    summary", the category's theme, a version per language with its PDF), its endorsement
    closes, and everyone who took part (authors of a published contribution, those who
    answered) is told in their language, with the resource's address in theirs. Idempotent:
    publishing again changes nothing and makes no second resource."""
    _refuse_unless(by, permissions.EDISCUSSION_FACILITATE, summary.ediscussion)
    with transaction.atomic():
        summary = (
            Summary.objects.select_for_update(of=("self",))
            .select_related("ediscussion__category")
            .get(pk=summary.pk)
        )
        if summary.state == Summary.State.PUBLISHED:
            return summary
        if summary.state != Summary.State.SHARED:
            raise ValidationError(_("Share the summary with the participants before publishing."))
        if not summary.body.strip():
            raise ValidationError(_("Write the summary before publishing it."))
        now = timezone.now()
        summary.published_at = now  # dated so in its PDF
        published = _publisher()(summary_publication(summary=summary))
        summary.resource_id = published.page_id
        summary.state = Summary.State.PUBLISHED
        if summary.endorse_until is None or summary.endorse_until > now:
            summary.endorse_until = now
        summary.save(
            update_fields=["resource", "state", "published_at", "endorse_until", "updated_at"]
        )
        people = list(selectors.summary_took_part(summary=summary, exclude=by))
        notification_send(
            recipients=people,
            kind=EDISCUSSION_SUMMARY.code,
            event_key=f"summary:{summary.pk}:published",
            context={**_context(summary, "published"), "page_urls": published.page_urls},
            url=_address("ediscussion_summary", summary.ediscussion),
        )
    return summary
