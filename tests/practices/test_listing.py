"""Which version of a practice each language lists, kept in step with publishing."""

import pytest
from django.http import QueryDict

from practice_search.models import PracticeSearchEntry
from practice_search.services import practice_search_rebuild
from practices.models import PracticeIndexPage, PracticePage
from practices.search import practice_search

from .builders import practice, translate

pytestmark = pytest.mark.django_db


def _listed(language: str) -> list[str]:
    result = practice_search(params=QueryDict(""), language=language)
    return [item.title for item in result.items]


def test_a_practice_is_listed_in_its_original_language_until_translated(directory):
    original = practice(
        directory["es"], slug="ruta", title="Ruta de acogida", original_language="es"
    )
    assert _listed("en") == ["Ruta de acogida"]
    assert _listed("es") == ["Ruta de acogida"]
    assert _listed("fr") == ["Ruta de acogida"]

    english = translate(original, directory["en"], code="en", title="Reception pathway")
    assert _listed("en") == ["Reception pathway"]
    assert _listed("es") == ["Ruta de acogida"]
    # French readers still get the original, not the English translation.
    assert _listed("fr") == ["Ruta de acogida"]

    english.unpublish()
    assert _listed("en") == ["Ruta de acogida"]


def test_deleting_the_original_lists_a_remaining_translation(directory):
    original = practice(directory["es"], slug="ruta", title="Ruta", original_language="es")
    translate(original, directory["en"], code="en", title="Pathway")
    original.delete()
    assert _listed("es") == ["Pathway"]
    assert _listed("en") == ["Pathway"]


def test_unpublished_practices_leave_the_listing_and_rebuild_restores_facts(directory):
    page = practice(directory["en"], slug="desk", title="Employment desk", country="PE")
    entry = PracticeSearchEntry.objects.get(page=page)
    assert (entry.country, entry.language, entry.listed_in) == ("PE", "en", ",en,es,pt,fr,")

    PracticeSearchEntry.objects.filter(pk=entry.pk).update(country="", listed_in="")
    assert _listed("en") == []
    assert practice_search_rebuild() == 1
    assert _listed("en") == ["Employment desk"]
    assert PracticeSearchEntry.objects.get(page=page).country == "PE"

    page.unpublish()
    assert _listed("en") == []
    assert not PracticeSearchEntry.objects.filter(page=page).exists()


def test_view_restricted_practices_are_not_listed(directory):
    from wagtail.models import PageViewRestriction

    page = practice(directory["en"], slug="private", title="Partners only")
    practice(directory["en"], slug="public", title="Open to all")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert _listed("en") == ["Open to all"]


def test_cards_show_a_renamed_authority_and_an_edited_title_at_once(directory):
    from tests.factories import LocalAuthorityFactory

    authority = LocalAuthorityFactory(name="Municipio de Ejemplo")
    page = practice(directory["en"], slug="desk", title="Help desk", authority=authority)
    card = practice_search(params=QueryDict(""), language="en").items[0]
    assert (card.title, card.place, card.listing_url) == (
        "Help desk",
        "Municipio de Ejemplo",
        "/en/practices/desk/",
    )

    authority.name = "Alcaldía de Ejemplo"
    authority.save()
    page.title = "Help and advice desk"
    page.save_revision().publish()
    card = practice_search(params=QueryDict(""), language="en").items[0]
    assert (card.title, card.place) == ("Help and advice desk", "Alcaldía de Ejemplo")


def test_facet_checkboxes_escape_what_they_show():
    from practices.search import Facet, FacetOption, PracticeSearchParams
    from practices.templatetags.practice_finder import facet_options

    option = FacetOption(
        code='x"><script>',
        label="<b>Saint-Pierre & Miquelon</b>",
        count=2,
        selected=True,
        facet="country",
        search=PracticeSearchParams(),
    )
    html = facet_options(Facet(name="country", label="Country", options=[option]))
    assert "<script>" not in html and "<b>" not in html
    assert 'value="x&quot;&gt;&lt;script&gt;" checked' in html
    assert "&lt;b&gt;Saint-Pierre &amp; Miquelon&lt;/b&gt; <span" in html
    assert html.startswith('<label class="facet-option"><input type="checkbox" name="country"')


def test_cards_show_an_authority_renamed_or_deleted_without_a_new_publish(directory):
    from tests.factories import LocalAuthorityFactory

    authority = LocalAuthorityFactory(name="Municipio de Ejemplo")
    practice(directory["en"], slug="desk", title="Help desk", authority=authority, place_name="")
    practice(directory["en"], slug="fair", title="Job fair", place_name="Villa Esperanza")
    authority.name = "Alcaldía de Ejemplo"
    authority.save()
    places = {card.title: card.place for card in _cards("en")}
    assert places == {"Help desk": "Alcaldía de Ejemplo", "Job fair": "Villa Esperanza"}
    PracticePage.objects.filter(slug="desk").update(place_name="Ejemplo")
    authority.delete()  # its practices stay, with the place they name themselves
    places = {card.title: card.place for card in _cards("en")}
    assert places == {"Help desk": "Ejemplo", "Job fair": "Villa Esperanza"}


def test_cards_follow_a_practice_moved_to_another_directory(homes, directory):
    from tests.outreach import builders

    other = builders.add_page(
        homes["en"], PracticeIndexPage(title="More practices", slug="more-practices")
    )
    page = practice(directory["en"], slug="desk", title="Help desk")
    assert [card.listing_url for card in _cards("en")] == ["/en/practices/desk/"]
    page.move(other, pos="last-child")
    assert [card.listing_url for card in _cards("en")] == ["/en/more-practices/desk/"]


def _cards(language: str) -> list:
    return practice_search(params=QueryDict(""), language=language).items


def test_cards_follow_a_directory_given_a_new_address(directory):
    practice(directory["en"], slug="desk", title="Help desk")
    assert practice_search(params=QueryDict(""), language="en").items[0].listing_url == (
        "/en/practices/desk/"
    )
    directory["en"].slug = "good-practices"
    directory["en"].save_revision().publish()
    assert practice_search(params=QueryDict(""), language="en").items[0].listing_url == (
        "/en/good-practices/desk/"
    )


def test_a_rebuild_marks_the_entries_changed_once(directory, django_capture_on_commit_callbacks):
    for number in range(3):
        practice(directory["en"], slug=f"p{number}", title=f"P{number}")
    with django_capture_on_commit_callbacks() as callbacks:
        assert practice_search_rebuild() == 3
    # One new generation token and one warm-up of the counting sets, not one per page.
    assert len(callbacks) == 1
    assert len(_listed("en")) == 3
