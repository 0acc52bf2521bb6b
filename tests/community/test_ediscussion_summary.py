"""The consolidated summary of an e-discussion: a draft of real excerpts with working links in
the facilitator's language, grouped by week, question, country and language; editing with a
preview and translations; endorsement by the participants for a period; publication as one
library resource with a PDF, told to everyone who took part in their language."""

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from library.models import ResourcePage
from network.community.ediscussions import services, summary_draft
from network.community.ediscussions import summary as summaries
from network.community.ediscussions.selectors_summary import summary_contributions
from network.community.models import (
    Contribution,
    EDiscussion,
    Endorsement,
    Participant,
    Post,
    Question,
    Summary,
)
from network.community.services.moderation import post_hide
from network.community.services.posting import reply_create
from network.community.services.search_index import post_plain_text
from notifications.models import Notification
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.library import builders as library_builders
from tests.network.conftest import coordinator, sign_in  # noqa: F401
from tests.outreach import builders

pytestmark = pytest.mark.django_db

LONG_SPANISH = (
    "En **Cúcuta** coordinamos la acogida con la gobernación y con las organizaciones de "
    "migrantes desde 2019. Cada semana, una mesa técnica revisa los casos difíciles y reparte "
    "las tareas entre la salud, la educación y el empleo. La mesa publica sus actas en "
    "[nuestro portal](https://cucuta.example.org/actas) para que todos puedan seguirlas. "
    "El mayor reto sigue siendo la financiación: los recursos nacionales llegan tarde."
)


def member_in(country: str, *, language: str = "en", organisation: str = "", **fields):
    """A member of a local authority of ``country`` who reads the site in ``language``."""
    user = UserFactory(preferred_language=language, **fields)
    authority = LocalAuthorityFactory(country=country, name=organisation or f"City in {country}")
    MembershipFactory(user=user, local_authority=authority)
    return user


def questions_of(ediscussion: EDiscussion) -> list[Question]:
    return list(
        Question.objects.filter(week__ediscussion=ediscussion, topic__isnull=False).order_by(
            "number"
        )
    )


def contribute(author, question: Question, source: str, language: str = "en") -> Post:
    return reply_create(author=author, topic=question.topic, source=source, language=language).post


def blockquotes(body_html: str) -> list[tuple[str, str]]:
    """(excerpt text, address of its link) of each quotation of a rendered summary."""
    found = []
    for quote in re.findall(r"<blockquote>(.*?)</blockquote>", body_html, flags=re.S):
        paragraphs = re.findall(r"<p>(.*?)</p>", quote, flags=re.S)
        excerpt = html.unescape(re.sub(r"<[^>]+>", "", paragraphs[0])).strip()
        link = re.search(r'href="([^"]+)"', paragraphs[-1]).group(1)
        found.append((excerpt.removesuffix(" …"), html.unescape(link)))
    return found


def post_of(address: str) -> Post:
    path = urlsplit(address).path
    return Post.objects.get(pk=int(path.rstrip("/").rsplit("/", 1)[1]))


@pytest.fixture
def discussion(coordinator):  # noqa: F811
    """A running e-discussion (two weeks published) whose facilitator writes in French, with
    contributions from Colombia, Ecuador, Peru, Brazil and a member without a country."""
    ediscussion = running_ediscussion(facilitator=coordinator)
    services.weeks_publish_due(now=timezone.now() + timedelta(days=8))
    EDiscussion.objects.filter(pk=ediscussion.pk).update(default_language="fr")
    ediscussion.refresh_from_db()
    first, second, third, _fourth = questions_of(ediscussion)
    colombian = member_in("CO", language="es", organisation="Alcaldía de Cúcuta")
    ecuadorian = member_in("EC", language="es", organisation="Municipio de Quito")
    peruvian = member_in("PE", language="es", organisation="Municipalidad de Lima")
    brazilian = member_in("BR", language="pt", organisation="Prefeitura de Boa Vista")
    nowhere = UserFactory(preferred_language="fr")
    posts = {
        "long": contribute(colombian, first, LONG_SPANISH, "es"),
        "peru": contribute(peruvian, first, "Lima trabaja con la diáspora en Madrid.", "es"),
        "brazil": contribute(
            brazilian, first, "Em Boa Vista, a *Operação Acolhida* coordena tudo.", "pt"
        ),
        "ecuador_en": contribute(ecuadorian, first, "Quito signed a # agreement_with_cities."),
        "ecuador_es": contribute(ecuadorian, first, "- Quito firmó un acuerdo con Lima.", "es"),
        "nowhere": contribute(nowhere, first, "Nous suivons la stratégie nationale.", "fr"),
        "second": contribute(colombian, second, "La diáspora envía remesas colectivas.", "es"),
        "week_two": contribute(peruvian, third, "Comunicamos por radio comunitaria.", "es"),
    }
    return ediscussion, posts


# -- The draft ---------------------------------------------------------------------------------


def test_the_draft_quotes_only_real_excerpts_with_working_links(client, coordinator, discussion):  # noqa: F811
    ediscussion, posts = discussion
    summary = summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    quotes = blockquotes(summary.body_html)
    assert len(quotes) == len(posts)
    sign_in(client, coordinator)
    for excerpt, address in quotes:
        assert address.startswith(f"{settings.SITE_URL}/fr/community/p/")
        post = post_of(address)
        assert excerpt
        assert excerpt in post_plain_text(post=post)
        response = client.get(urlsplit(address).path)
        assert response.status_code == 302
        assert response["Location"].endswith(f"#post-{post.number}")
    # The long one is cut after its third sentence, its Markdown shown as a reader sees it.
    long_excerpt = next(text for text, link in quotes if post_of(link) == posts["long"])
    assert long_excerpt.startswith("En Cúcuta coordinamos")
    assert long_excerpt.endswith("en nuestro portal para que todos puedan seguirlas.")
    assert len(long_excerpt) <= summary_draft.EXCERPT_LENGTH
    assert "**" not in summary.body_html


def test_the_draft_names_authors_organisations_and_countries_in_the_facilitators_language(
    coordinator,  # noqa: F811
    discussion,
):
    ediscussion, posts = discussion
    body = summaries.summary_generate(by=coordinator, ediscussion=ediscussion).body
    author = posts["brazil"].author
    assert f"[{author.get_full_name()}](" in body
    assert "Prefeitura de Boa Vista · Brésil" in body
    assert "# Semaine 1" in body
    assert "## Question 1 :" in body
    assert "### Pérou · espagnol" in body
    assert "### Pays non indiqué · français" in body


def test_the_draft_is_grouped_by_week_question_then_country_and_language(
    coordinator,  # noqa: F811
    discussion,
):
    ediscussion, _posts = discussion
    body = summaries.summary_generate(by=coordinator, ediscussion=ediscussion).body
    headings = [line for line in body.splitlines() if line.startswith("#")]
    weeks = [line for line in headings if line.startswith("# ")]
    assert [line.split(":")[0] for line in weeks] == ["# Semaine 1", "# Semaine 2"]
    first_question = headings[headings.index(next(h for h in headings if h.startswith("## "))) :]
    groups = []
    for line in first_question[1:]:
        if not line.startswith("### "):
            break
        groups.append(line)
    # Countries by their French names (Équateur sorts with the Es), then languages by name;
    # contributions without a country last.
    assert groups == [
        "### Brésil · portugais",
        "### Colombie · espagnol",
        "### Équateur · anglais",
        "### Équateur · espagnol",
        "### Pérou · espagnol",
        "### Pays non indiqué · français",
    ]
    questions = [line for line in headings if line.startswith("## ")]
    assert [line.split(":")[0] for line in questions] == [
        "## Question 1 ",
        "## Question 2 ",
        "## Question 3 ",
        "## Question 4 ",
    ]
    assert "Aucune contribution à cette question." in body


def test_quoted_markdown_is_escaped_so_the_excerpt_reads_as_written(coordinator, discussion):  # noqa: F811
    ediscussion, posts = discussion
    summary = summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    quotes = {post_of(link): text for text, link in blockquotes(summary.body_html)}
    assert quotes[posts["ecuador_en"]] == "Quito signed a # agreement_with_cities."
    assert quotes[posts["ecuador_es"]] == "Quito firmó un acuerdo con Lima."
    assert "<ul>" not in summary.body_html
    assert "<em>" not in summary.body_html


def test_hidden_held_split_and_unassigned_contributions_are_not_quoted(coordinator, discussion):  # noqa: F811
    ediscussion, posts = discussion
    post_hide(moderator=coordinator, post=posts["peru"], reason="Off topic")
    Post.objects.filter(pk=posts["nowhere"].pk).update(state=Post.State.HELD)
    Contribution.objects.filter(post=posts["brazil"]).update(is_split=True)
    # Unassigned: waiting in the facilitator's tray (an email without a clear heading).
    tray_post = Post.objects.create(
        topic=ediscussion.tray,
        number=2,
        author=member_in("MX"),
        source="Sobre todo un poco.",
        html="<p>Sobre todo un poco.</p>",
    )
    assert services.contribution_record(post=tray_post).question is None
    quoted = {
        item.post_id for item in summary_contributions(ediscussion=ediscussion, user=coordinator)
    }
    assert posts["peru"].pk not in quoted
    assert posts["nowhere"].pk not in quoted
    assert posts["brazil"].pk not in quoted
    assert tray_post.pk not in quoted
    assert posts["long"].pk in quoted
    body = summaries.summary_generate(by=coordinator, ediscussion=ediscussion).body
    assert "Lima trabaja con la diáspora" not in body
    assert "Nous suivons" not in body


def test_the_draft_takes_a_constant_number_of_queries(
    coordinator,  # noqa: F811
    discussion,
    django_assert_num_queries,
):
    ediscussion, _posts = discussion
    with django_assert_num_queries(2) as few:
        summary_draft.summary_draft_markdown(ediscussion=ediscussion, user=coordinator)
    first = questions_of(ediscussion)[0]
    for number in range(6):
        contribute(member_in("AR"), first, f"Rosario number {number} contributes.")
    with django_assert_num_queries(len(few.captured_queries)):
        summary_draft.summary_draft_markdown(ediscussion=ediscussion, user=coordinator)


def test_the_excerpt_keeps_whole_sentences_or_cuts_on_a_word():
    sentences = "Una frase corta. " * 30
    excerpt = summary_draft.contribution_excerpt(text=sentences.strip())
    assert excerpt.cut and excerpt.text.endswith("corta.")
    assert len(excerpt.text) <= summary_draft.EXCERPT_LENGTH
    words = "palabra " * 60
    excerpt = summary_draft.contribution_excerpt(text=words.strip())
    assert excerpt.cut and excerpt.text.endswith("palabra")
    assert len(excerpt.text) <= summary_draft.EXCERPT_LENGTH
    short = summary_draft.contribution_excerpt(text="Gracias.")
    assert (short.text, short.cut) == ("Gracias.", False)


def test_a_long_text_is_read_only_as_far_as_its_excerpt_needs():
    paragraphs = "\n\n".join(f"Paragraph {number} tells *how* it went." for number in range(80))
    whole = summary_draft.contribution_plain_text(source=paragraphs)
    opening = summary_draft.contribution_plain_text(source=paragraphs, at_least=100)
    assert 100 < len(opening) < len(whole)
    assert whole.startswith(opening)
    # A link defined further down changes the opening's words: the whole text is read.
    defined_later = "See [our report][report].\n\n" + paragraphs + "\n\n[report]: https://a.org"
    assert summary_draft.contribution_plain_text(
        source=defined_later, at_least=10
    ) == summary_draft.contribution_plain_text(source=defined_later)
    assert summary_draft.contribution_plain_text(source=defined_later).startswith(
        "See our report. Paragraph 0 tells how it went."
    )


def test_generating_again_asks_first_when_the_facilitator_edited_it(
    client,
    coordinator,  # noqa: F811
    discussion,
):
    ediscussion, _posts = discussion
    summary = summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    summaries.summary_edit(by=coordinator, summary=summary, body="Ma synthèse.\n\n" + summary.body)
    with pytest.raises(summaries.SummaryWasEdited):
        summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    sign_in(client, coordinator)
    url = reverse("community:ediscussion_summary_generate", args=[ediscussion.slug])
    response = client.post(url)
    assert response.status_code == 200
    assert 'name="replace"' in response.content.decode()
    summary.refresh_from_db()
    assert summary.body.startswith("Ma synthèse.")
    response = client.post(url, {"replace": "yes"})
    assert response.status_code == 302
    summary.refresh_from_db()
    assert not summary.body.startswith("Ma synthèse.")
    assert summary.edited_at is None


def test_only_facilitators_generate_and_edit(coordinator, discussion):  # noqa: F811
    ediscussion, posts = discussion
    with pytest.raises(PermissionDenied):
        summaries.summary_generate(by=posts["long"].author, ediscussion=ediscussion)
    summary = summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    with pytest.raises(PermissionDenied):
        summaries.summary_edit(by=posts["long"].author, summary=summary, body="Mine now.")


# -- Editing -------------------------------------------------------------------------------------


def test_the_facilitator_previews_edits_and_translates_without_javascript(
    client,
    coordinator,  # noqa: F811
    discussion,
):
    ediscussion, _posts = discussion
    summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    sign_in(client, coordinator)
    url = reverse("community:ediscussion_summary_edit", args=[ediscussion.slug])
    response = client.post(
        url, {"body": "## Synthèse\n\n<script>x</script> **clé**", "action": "preview"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>clé</strong>" in page
    assert "<script>x" not in page
    assert Summary.objects.get().edited_at is None
    response = client.post(url, {"body": "## Synthèse\n\nLe texte final.", "action": "save"})
    assert response.status_code == 302
    summary = Summary.objects.get()
    assert "<h3>Synthèse</h3>" in summary.body_html
    assert summary.edited_at is not None
    url = reverse("community:ediscussion_summary_translation", args=[ediscussion.slug, "es"])
    response = client.post(url, {"body": "## Síntesis\n\nEl texto final.", "action": "save"})
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.translations["es"]["body"].startswith("## Síntesis")
    assert "<h3>Síntesis</h3>" in summary.translations["es"]["html"]
    response = client.post(url, {"body": "", "action": "save"})
    summary.refresh_from_db()
    assert "es" not in summary.translations
    same_language = reverse(
        "community:ediscussion_summary_translation", args=[ediscussion.slug, "fr"]
    )
    assert client.get(same_language).status_code == 404


# -- Endorsement ---------------------------------------------------------------------------------


def _shared(coordinator, ediscussion, *, days: int = 7) -> Summary:  # noqa: F811
    summary = summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    return summaries.summary_share(
        by=coordinator, summary=summary, endorse_until=timezone.now() + timedelta(days=days)
    )


def test_sharing_tells_every_participant_in_their_language(
    coordinator,  # noqa: F811
    discussion,
    django_capture_on_commit_callbacks,
):
    ediscussion, posts = discussion
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        summary = _shared(coordinator, ediscussion)
    assert summary.state == Summary.State.SHARED
    participants = set(
        Participant.objects.filter(ediscussion=ediscussion)
        .exclude(user=coordinator)
        .values_list("user__email", flat=True)
    )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == participants
    spanish = by_address[posts["long"].author.email]
    assert spanish.subject.startswith("Su respaldo: la síntesis consolidada")
    assert "/es/community/e/" in spanish.body
    portuguese = by_address[posts["brazil"].author.email]
    assert "/pt/community/e/" in portuguese.body
    french = by_address[posts["nowhere"].author.email]
    assert "/fr/community/e/" in french.body
    assert "synthèse" in french.subject.lower()


def test_participants_endorse_and_comment_until_the_period_ends(
    client,
    coordinator,  # noqa: F811
    discussion,
):
    ediscussion, posts = discussion
    summary = _shared(coordinator, ediscussion)
    participant = posts["long"].author
    url = reverse("community:ediscussion_summary_endorse", args=[ediscussion.slug])
    client.force_login(participant)
    response = client.get(url)
    assert response.status_code == 200
    assert "Cúcuta" in response.content.decode()
    response = client.post(url, {"endorsed": "on", "comment": "Falta el tema de la salud."})
    assert response.status_code == 302
    response = client.post(url, {"comment": "Mejor así."})
    endorsement = Endorsement.objects.get(summary=summary, user=participant)
    assert (endorsement.endorsed, endorsement.comment) == (False, "Mejor así.")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, {"endorsed": "on"}).status_code == 403
    assert Endorsement.objects.filter(summary=summary).count() == 1
    Summary.objects.filter(pk=summary.pk).update(
        endorse_until=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(participant)
    assert client.post(url, {"endorsed": "on"}).status_code == 403
    assert not Endorsement.objects.get(summary=summary, user=participant).endorsed
    sign_in(client, coordinator)
    manage = client.get(reverse("community:ediscussion_summary_manage", args=[ediscussion.slug]))
    assert "Mejor así." in manage.content.decode()


def test_a_draft_is_not_open_to_participants(client, coordinator, discussion):  # noqa: F811
    ediscussion, posts = discussion
    summary = summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    client.force_login(posts["long"].author)
    url = reverse("community:ediscussion_summary_endorse", args=[ediscussion.slug])
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        summaries.endorsement_save(
            user=posts["long"].author, summary=summary, endorsed=True, comment=""
        )


# -- Publication ---------------------------------------------------------------------------------


@pytest.fixture
def libraries():
    homes = builders.homes()
    english = library_builders.library(homes["en"])
    translated = {
        code: library_builders.translate_library(
            english, homes[code], code=code, slug=f"library-{code}"
        )
        for code in ("es", "fr")
    }
    return {"en": english, **translated}


def test_publishing_makes_one_library_resource_with_a_pdf_and_tells_who_took_part(
    client,
    coordinator,  # noqa: F811
    discussion,
    libraries,
    django_capture_on_commit_callbacks,
):
    ediscussion, posts = discussion
    ediscussion.category.theme = "participation"
    ediscussion.category.save(update_fields=["theme"])
    summary = _shared(coordinator, ediscussion)
    summaries.summary_translation_save(
        by=coordinator, summary=summary, language="es", body="## Síntesis\n\nEl texto."
    )
    endorser = member_in("MX", language="pt")
    services.participant_join(user=endorser, ediscussion=ediscussion)
    summaries.endorsement_save(user=endorser, summary=summary, endorsed=True, comment="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published = summaries.summary_publish(by=coordinator, summary=summary)
    again = summaries.summary_publish(by=coordinator, summary=summary)
    assert published.state == again.state == Summary.State.PUBLISHED
    resources = ResourcePage.objects.filter(resource_type="consolidated-summary")
    source = resources.get(locale__language_code="fr")
    assert published.resource_id == again.resource_id == source.pk
    assert source.get_parent().pk == libraries["fr"].pk
    assert source.document_language == "fr"
    assert [theme.code for theme in source.themes.all()] == ["participation"]
    assert source.document.file.read(5) == b"%PDF-"
    spanish = resources.get(locale__language_code="es")
    assert spanish.translation_key == source.translation_key
    assert spanish.document_language == "es"
    assert resources.count() == 2
    assert source.live and source.get_resource_type_display() == "Consolidated summary"
    # Everyone who took part: authors of published contributions and the endorser.
    told = set(
        Notification.objects.filter(
            kind="ediscussion_summary", event_key=f"summary:{summary.pk}:published"
        ).values_list("recipient__email", flat=True)
    )
    authors = {post.author.email for post in posts.values()}
    assert told == authors | {endorser.email}
    by_address = {message.to[0]: message for message in mail.outbox}
    assert f"{settings.SITE_URL}/es/" in by_address[posts["long"].author.email].body
    assert "publicad" in by_address[posts["long"].author.email].subject.lower()
    assert "publicad" in by_address[endorser.email].subject.lower()
    assert f"{settings.SITE_URL}/pt/" in by_address[endorser.email].body
    assert "publié" in by_address[posts["nowhere"].author.email].subject.lower()
    # The public page shows it to whoever reads the e-discussion, with its PDF.
    client.force_login(UserFactory())
    response = client.get(reverse("community:ediscussion_summary", args=[ediscussion.slug]))
    assert response.status_code == 200
    assert source.document.url in response.content.decode()
    # Endorsement closed; the text no longer changes.
    with pytest.raises(PermissionDenied):
        summaries.endorsement_save(user=endorser, summary=published, endorsed=False, comment="x")
    with pytest.raises(ValidationError):
        summaries.summary_edit(by=coordinator, summary=published, body="Changed.")


def test_a_summary_is_shared_before_it_is_published(coordinator, discussion, libraries):  # noqa: F811
    ediscussion, _posts = discussion
    summary = summaries.summary_generate(by=coordinator, ediscussion=ediscussion)
    with pytest.raises(ValidationError):
        summaries.summary_publish(by=coordinator, summary=summary)
    assert not ResourcePage.objects.exists()


def test_the_published_summary_is_read_by_whoever_reads_the_e_discussion(
    client,
    coordinator,  # noqa: F811
    discussion,
    libraries,
):
    ediscussion, _posts = discussion
    url = reverse("community:ediscussion_summary", args=[ediscussion.slug])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # nothing published yet
    summaries.summary_publish(by=coordinator, summary=_shared(coordinator, ediscussion))
    client.logout()
    response = client.get(url)
    assert response.status_code == 302  # a members' e-discussion: sign in first
    assert "login" in response["Location"]
