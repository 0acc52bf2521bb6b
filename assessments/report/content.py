"""What a report page shows, read when it is shown: each figure block drawn through
``analysis.figures.question_figures`` with ``protect=True`` (the dashboard's code path, so the
report's numbers are the dashboard's "as readers outside the team see it"), links under each
figure to practices sharing a taxonomy code with its question, the chosen practices as cards,
the quoted answers that consent allows, and the methodology. The page, its PDF and its data
download all read ``report_content``.

The consent rule for quotes: the report names a yes/no question (``quote_consent_key``) in which
authorities agreed to be quoted; an open answer is shown only when its response answered "yes"
to it, is submitted and counted by the review rule (approved), and the question is neither
sensitive nor in a repeatable group. A quote is never attributed to its authority, country or
respondent: only the language it was written in is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Max, Min
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from base.sites import page_url
from practice_submissions.selectors import practice_index_for
from practices.search import PracticeCard, practices_chosen, practices_for_codes
from taxonomy.terms import TARGET_GROUPS, THEMES, label

from ..analysis.figures import Figure, dimension_labels, question_figures
from ..analysis.suppression import small_label
from ..answering.structure import Item, VersionStructure
from ..models import Assessment, Element, localised
from ..selectors_analysis import (
    CHOICE_KINDS,
    COUNTRY,
    NUMBER_KINDS,
    QUESTION_PREFIX,
    SINGLE_KINDS,
    TEXT_KINDS,
    Filters,
    response_rates,
    responses_analysed,
)
from ..selectors_answer import version_structure_load
from ..visibility import analysis_basis, responses_for_analysis, sensitive_keys
from .blocks import BY_QUESTION

# How many practices a figure links to.
PRACTICE_LINKS = 3
Kind = Element.Kind


# -- Checking what an editor chose ---------------------------------------------------------------


def figure_problem(*, value: dict, structure: VersionStructure, hidden: set[str]) -> dict:
    """What is wrong with a figure block's choices, by field name ({} when nothing)."""
    problems = {}
    item = structure.by_key.get(value.get("question") or "")
    if item is None:
        problems["question"] = _("The assessment has no question with this key.")
    elif item.kind not in CHOICE_KINDS | NUMBER_KINDS:
        problems["question"] = _("Only choice and number questions have figures.")
    elif item.key in hidden:
        problems["question"] = _("This question is sensitive: its answers are not published.")
    if value.get("by") == BY_QUESTION:
        by_item = structure.by_key.get(value.get("by_question") or "")
        if by_item is None or by_item.kind not in SINGLE_KINDS or by_item.repeat is not None:
            problems["by_question"] = _(
                "Give the key of a single-choice question outside repeatable groups."
            )
        elif by_item.key in hidden:
            problems["by_question"] = _(
                "This question is sensitive: its answers are not published."
            )
    return problems


def quote_problem(
    *,
    value: dict,
    structure: VersionStructure,
    hidden: set[str],
    assessment: Assessment,
    consent_key: str,
) -> dict:
    """What is wrong with a quote block's choices, by field name ({} when nothing)."""
    item = structure.by_key.get(value.get("question") or "")
    if not consent_key:
        return {"question": _("Name the consent question of the report first.")}
    if item is None or item.kind not in TEXT_KINDS or item.repeat is not None:
        return {"question": _("Give the key of an open (text) question outside repeatable groups.")}
    if item.key in hidden:
        return {"question": _("This question is sensitive: its answers are not published.")}
    quote = _quotes(
        assessment=assessment, keys={value.get("response"): item.key}, consent_key=consent_key
    ).get(value.get("response"))
    if quote is None:
        return {
            "response": _(
                "No approved answer with this number gives consent to be quoted and answers "
                "this question."
            )
        }
    return {}


def consent_problem(*, key: str, structure: VersionStructure) -> str:
    """Why ``key`` cannot be the consent question ("" when it can)."""
    item = structure.by_key.get(key)
    if item is None or item.repeat is not None:
        return _("The assessment has no question with this key outside repeatable groups.")
    if item.kind != Kind.YES_NO:
        return _("The consent question must be a yes/no question.")
    return ""


# -- What the page shows -------------------------------------------------------------------------


@dataclass
class ReportFigure:
    figure: Figure | None
    comment: str = ""
    scope: str = ""  # "Only authorities of Peru; broken down by level of government"
    practices: list[PracticeCard] = field(default_factory=list)
    # (label, address of the practice directory filtered by it) of the question's codes.
    topics: list[tuple[str, str]] = field(default_factory=list)
    # Its number among the figures shown, as the data download numbers it (0: not shown).
    number: int = 0


@dataclass
class Quote:
    text: str
    language: str
    question: str
    introduction: str = ""


@dataclass
class ReportBlock:
    kind: str
    value: object
    id: str
    figure: ReportFigure | None = None
    quote: Quote | None = None
    practices: list[PracticeCard] = field(default_factory=list)


@dataclass
class Methodology:
    versions: list[tuple[int, object]]  # (number, published at)
    first: object
    last: object
    invited: int
    answered: int
    analysed: int
    basis: str
    minimum: int

    @property
    def percent(self) -> float | None:
        return 100 * self.answered / self.invited if self.invited else None

    @property
    def small(self) -> str:
        return small_label(self.minimum)


@dataclass
class ReportContent:
    blocks: list[ReportBlock]
    methodology: Methodology

    @property
    def figures(self) -> list[ReportFigure]:
        return [block.figure for block in self.blocks if block.figure and block.figure.figure]


def _filters(value: dict) -> Filters:
    return Filters(
        countries=(value["country"],) if value.get("country") else (),
        levels=(value["level"],) if value.get("level") else (),
    )


def _by(value: dict) -> str | None:
    if value.get("by") == BY_QUESTION:
        return QUESTION_PREFIX + value["by_question"] if value.get("by_question") else None
    return value.get("by") or None


def _scope(value: dict, structure: VersionStructure, language: str) -> str:
    parts = []
    if value.get("country"):
        label = dict(dimension_labels(COUNTRY, [value["country"]], structure, language))
        parts.append(_("Only authorities of %(place)s") % {"place": label[value["country"]]})
    if value.get("level"):
        from network.models import LocalAuthority

        level = dict(LocalAuthority.Level.choices).get(value["level"], value["level"])
        parts.append(_("Only authorities at the level: %(level)s") % {"level": level})
    return "; ".join(parts)


def _figures(
    *,
    assessment: Assessment,
    structure: VersionStructure,
    blocks: list,
    language: str,
    hidden: set[str],
) -> dict[str, Figure]:
    """Each valid figure block's figure, by block id: one ``question_figures`` call per
    distinct filters and break-down (a question repeated under the same ones gets its own, so
    that chart ids stay unique on the page)."""
    groups: dict[tuple, list] = {}
    seen: dict[tuple, int] = {}
    for block in blocks:
        value = block.value
        if figure_problem(value=value, structure=structure, hidden=hidden):
            continue
        filters, by = _filters(value), _by(value)
        occurrence = seen.get((filters, by, value["question"]), 0)
        seen[(filters, by, value["question"])] = occurrence + 1
        groups.setdefault((filters, by, occurrence), []).append(block)
    found: dict[str, Figure] = {}
    for number, ((filters, by, _occurrence), members) in enumerate(groups.items(), start=1):
        items = [structure.by_key[block.value["question"]] for block in members]
        figures = question_figures(
            assessment=assessment,
            structure=structure,
            items=items,
            filters=filters,
            by=by,
            language=language,
            protect=True,
            id_prefix=f"report-figure-{number}",
        )
        by_key = {figure.key: figure for figure in figures}
        for block in members:
            found[block.id] = by_key.get(block.value["question"])
    return found


def _practice_links(items: dict[str, Item], language: str) -> dict[str, list[PracticeCard]]:
    """For each question key, up to ``PRACTICE_LINKS`` practices sharing one of its taxonomy
    codes, newest first across its codes (one lookup for the whole page)."""
    codes = {code for item in items.values() for code in item.element.tags or []}
    by_code = practices_for_codes(codes=codes, language=language, limit=PRACTICE_LINKS)
    links: dict[str, list[PracticeCard]] = {}
    for key, item in items.items():
        chosen: dict[int, PracticeCard] = {}
        for code in item.element.tags or []:
            for card in by_code.get(code, []):
                chosen.setdefault(card.page_id, card)
        links[key] = list(chosen.values())[:PRACTICE_LINKS]
    return links


def _topics(items: dict[str, Item], language: str) -> dict[str, list[tuple[str, str]]]:
    """For each question key, its theme and target-group codes as (label, the practice
    directory filtered by that code), so a reader goes on to every case (one query)."""
    directory = practice_index_for(language=language)
    address = page_url(directory, None) if directory is not None and directory.live else None
    facets = {term.code: ("theme", THEMES) for term in THEMES}
    facets |= {term.code: ("group", TARGET_GROUPS) for term in TARGET_GROUPS}
    topics: dict[str, list[tuple[str, str]]] = {}
    for key, item in items.items():
        topics[key] = [
            (label(facets[code][1], code), f"{address}?{urlencode({facets[code][0]: code})}")
            for code in dict.fromkeys(item.element.tags or [])
            if code in facets and address
        ]
    return topics


def _quotes(*, assessment: Assessment, keys: dict, consent_key: str) -> dict[int, Quote]:
    """The quotable answers: response id -> its answer to ``keys[id]``, for the responses the
    review rule counts whose answer to ``consent_key`` is "yes" (one query)."""
    ids = [pk for pk in keys if isinstance(pk, int)]
    if not ids or not consent_key:
        return {}
    # Any submitted response the review rule counts (an authority's earlier answer, given by
    # another of its respondents, may be quoted too): approved, submitted.
    responses = responses_for_analysis(assessment=assessment).filter(pk__in=ids)
    quotes = {}
    for response in responses.only("pk", "data", "language"):
        text = response.data.get(keys[response.pk])
        if response.data.get(consent_key) == "yes" and isinstance(text, str) and text.strip():
            quotes[response.pk] = Quote(text=text.strip(), language=response.language, question="")
    return quotes


def methodology(*, assessment: Assessment) -> Methodology:
    """The report's methodology, from the answers the review rule counts (five queries)."""
    analysed = responses_analysed(assessment=assessment, filters=Filters())
    period = analysed.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    versions = sorted(
        set(analysed.values_list("version__number", "version__published_at").distinct())
    )
    rates = response_rates(assessment=assessment, by=COUNTRY)
    return Methodology(
        versions=versions,
        first=period["first"],
        last=period["last"],
        invited=sum(rate.invited for rate in rates),
        answered=sum(rate.answered for rate in rates),
        analysed=analysed.count(),
        basis=analysis_basis(),
        minimum=settings.ASSESSMENT_SMALL_CELL_MIN,
    )


def report_content(*, page, language: str) -> ReportContent:
    """Everything ``page`` (an ``AssessmentReportPage``) shows, for a reader of ``language``.
    A fixed number of queries whatever the number of blocks (one figure lookup per distinct
    filters and break-down)."""
    assessment = page.assessment
    structure = version_structure_load(version=assessment.version)
    hidden = sensitive_keys(assessment=assessment)
    source = structure.version.source_language
    body = list(page.body)
    figure_blocks = [block for block in body if block.block_type == "figure"]
    figures = _figures(
        assessment=assessment,
        structure=structure,
        blocks=figure_blocks,
        language=language,
        hidden=hidden,
    )
    items = {figure.key: structure.by_key[figure.key] for figure in figures.values() if figure}
    links = _practice_links(items, language)
    topics = _topics(items, language)
    quote_blocks = [block for block in body if block.block_type == "quote"]
    quotable = {}
    for block in quote_blocks:
        item = structure.by_key.get(block.value["question"] or "")
        if item and item.kind in TEXT_KINDS and item.repeat is None and item.key not in hidden:
            quotable[block.value["response"]] = item.key
    quotes = (
        _quotes(assessment=assessment, keys=quotable, consent_key=page.quote_consent_key)
        if page.quote_consent_key
        and not consent_problem(key=page.quote_consent_key, structure=structure)
        else {}
    )
    chosen_keys = []
    for block in body:
        if block.block_type == "practices":
            chosen_keys += [p.translation_key for p in block.value["practices"] if p]
    chosen = practices_chosen(translation_keys=list(dict.fromkeys(chosen_keys)), language=language)
    blocks = []
    shown = 0
    for block in body:
        entry = ReportBlock(kind=block.block_type, value=block.value, id=block.id)
        if block.block_type == "figure":
            figure = figures.get(block.id)
            entry.figure = ReportFigure(
                figure=figure,
                comment=block.value["comment"],
                scope=_scope(block.value, structure, language),
                practices=links.get(figure.key, []) if figure else [],
                topics=topics.get(figure.key, []) if figure else [],
            )
            if figure is not None:
                shown += 1
                entry.figure.number = shown
        elif block.block_type == "quote":
            quote = quotes.get(block.value["response"])
            if quote is not None:
                item = structure.by_key[block.value["question"]]
                entry.quote = Quote(
                    text=quote.text,
                    language=quote.language,
                    question=localised(item.element.label, language=language, source=source).text,
                    introduction=block.value["introduction"],
                )
        elif block.block_type == "practices":
            keys = [p.translation_key for p in block.value["practices"] if p]
            cards = {card.translation_key: card for card in chosen}
            entry.practices = [cards[key] for key in dict.fromkeys(keys) if key in cards]
        blocks.append(entry)
    return ReportContent(blocks=blocks, methodology=methodology(assessment=assessment))


# -- The editor's help and checks ----------------------------------------------------------------


@dataclass(frozen=True)
class QuestionKey:
    key: str
    label: str
    use: str  # what the question can be used for in the report


def question_keys(*, assessment: Assessment) -> list[QuestionKey]:
    """The questions of ``assessment``'s version with their keys and what each can be used for
    in a report (a figure, a break-down, a quote, the consent question); sensitive ones are
    listed as not publishable."""
    structure = version_structure_load(version=assessment.version)
    hidden = sensitive_keys(assessment=assessment)
    language = get_language()
    source = structure.version.source_language
    rows = []
    for item in structure.items():
        if item.kind in CHOICE_KINDS | NUMBER_KINDS:
            uses = [_("figure")]
            if item.kind in SINGLE_KINDS and item.repeat is None:
                uses.append(_("break-down"))
            if item.kind == Kind.YES_NO and item.repeat is None:
                uses.append(_("consent"))
        elif item.kind in TEXT_KINDS and item.repeat is None:
            uses = [_("quote")]
        else:
            continue
        if item.key in hidden:
            uses = [_("sensitive: not published")]
        label = localised(item.element.label, language=language, source=source).text
        rows.append(QuestionKey(key=item.key, label=label, use=", ".join(str(u) for u in uses)))
    return rows


def body_problems(*, page) -> tuple[str, dict[int, dict[str, str]]]:
    """What is wrong with ``page``'s consent question and sections: (the consent question's
    problem or "", {block index: {field: problem}})."""
    assessment = page.assessment
    structure = version_structure_load(version=assessment.version)
    hidden = sensitive_keys(assessment=assessment)
    consent = (
        consent_problem(key=page.quote_consent_key, structure=structure)
        if page.quote_consent_key
        else ""
    )
    problems: dict[int, dict[str, str]] = {}
    for index, block in enumerate(page.body):
        if block.block_type == "figure":
            found = figure_problem(value=block.value, structure=structure, hidden=hidden)
        elif block.block_type == "quote":
            found = quote_problem(
                value=block.value,
                structure=structure,
                hidden=hidden,
                assessment=assessment,
                consent_key="" if consent else page.quote_consent_key,
            )
        else:
            continue
        if found:
            problems[index] = found
    return consent, problems


@dataclass(frozen=True)
class PublishedReport:
    title: str
    url: str
    language: str


def assessment_reports(*, assessment: Assessment) -> list[PublishedReport]:
    """The published reports of ``assessment`` in every language, for its team's dashboard
    (one query)."""
    from .page import AssessmentReportPage

    pages = (
        AssessmentReportPage.objects.live()
        .filter(assessment=assessment)
        .select_related("locale")
        .order_by("locale__language_code", "pk")
    )
    return [
        PublishedReport(
            title=page.title, url=page_url(page, None) or "", language=page.locale.language_code
        )
        for page in pages
    ]
