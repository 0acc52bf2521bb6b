"""Build practice pages in tests."""

from datetime import date

from practices.models import (
    PracticeIndexPage,
    PracticePage,
    PracticeTargetGroup,
    PracticeTheme,
)
from tests.outreach import builders


def practice_index(home) -> PracticeIndexPage:
    return builders.add_page(
        home, PracticeIndexPage(title="Good practices", slug="practices", show_in_menus=True)
    )


def practice(
    index,
    *,
    slug: str,
    themes: tuple[str, ...] = ("employment",),
    groups: tuple[str, ...] = ("migrants",),
    **fields,
) -> PracticePage:
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("summary", f"What {slug} did for newcomers.")
    fields.setdefault("implementing_organisations", "Municipal social development office")
    fields.setdefault("start_date", date(2022, 3, 1))
    if "authority" not in fields:
        fields.setdefault("place_name", "Villa Esperanza")
        fields.setdefault("country", "CO")
    page = PracticePage(slug=slug, **fields)
    page.themes = [PracticeTheme(code=code) for code in themes]
    page.target_groups = [PracticeTargetGroup(code=code) for code in groups]
    return builders.add_page(index, page)


def translate(page: PracticePage, parent, *, code: str, **fields) -> PracticePage:
    """A translation that carries the source's classification rows (as wagtail-localize's
    synchronisation does)."""
    fields.setdefault("indicators", page.indicators.raw_data)
    fields.setdefault("beneficiaries", page.beneficiaries.raw_data)
    fields.setdefault("material", page.material.raw_data)
    translated = PracticePage(
        **{
            name: getattr(page, name)
            for name in (
                "title",
                "summary",
                "authority",
                "place_name",
                "country",
                "implementing_organisations",
                "start_date",
                "end_date",
                "ongoing",
                "status",
                "original_language",
            )
            if name not in fields
        },
        **fields,
        locale=builders.locale(code),
        translation_key=page.translation_key,
    )
    translated.themes = [PracticeTheme(code=row.code) for row in page.themes.all()]
    translated.target_groups = [
        PracticeTargetGroup(code=row.code) for row in page.target_groups.all()
    ]
    return builders.add_page(parent, translated)
