"""The analysis dashboard of an assessment, for its team (coordinators and the assessment's
researchers): response rates, then a section's figures, filtered and broken down by a GET form;
and the same figures as CSV. Thin: ``analysis.figures`` and ``selectors_analysis`` compute."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network.permissions import decide
from network.spreadsheets import spreadsheet_safe
from network.views import denied

from . import permissions
from .analysis.figures import (
    CHOICES,
    NUMBERS,
    WORDS,
    breakdown_questions,
    choice_labels,
    dimension_labels,
    section_figures,
    subgroup_section,
    subgroups,
)
from .analysis.tables import figure_csv_header, figure_csv_rows
from .forms_analysis import ANSWER_SEPARATOR, AnalysisForm
from .models import Assessment, localised
from .report.content import assessment_reports
from .selectors_analysis import (
    COUNTRY,
    LEVEL,
    POPULATION_BAND,
    QUESTION_PREFIX,
    VERSION,
    filter_options,
    response_rates,
    responses_analysed,
)
from .selectors_answer import version_structure_load


def _assessment(request: HttpRequest, slug: str):
    assessment = Assessment.objects.select_related("version").filter(slug=slug).first()
    if assessment is None:
        raise Http404
    return assessment, decide(request.user, permissions.ASSESSMENT_ANALYSE, assessment)


def _analysis(request: HttpRequest, assessment: Assessment) -> dict:
    """The GET form, the section (or subgroup) chosen and its figures: what the page and its
    CSV both show."""
    language = get_language()
    structure = version_structure_load(version=assessment.version)
    options = filter_options(assessment=assessment)
    source = structure.version.source_language
    sections = [
        (
            section.key,
            localised(section.item.element.label, language=language, source=source).text
            if section.item
            else _("Questions"),
        )
        for section in structure.sections
    ]
    questions = breakdown_questions(structure, language)
    answers = [
        (
            label,
            [
                (f"{key}{ANSWER_SEPARATOR}{name}", choice)
                for name, choice in choice_labels(structure.by_key[key], structure, language)
            ],
        )
        for key, label in (
            (prefixed.removeprefix(QUESTION_PREFIX), label) for prefixed, label in questions
        )
    ]
    tagged = subgroups(structure)
    form = AnalysisForm(
        request.GET or None,
        sections=sections,
        subgroups=tagged,
        options={
            dimension: dimension_labels(
                dimension, [str(value) for value in options[dimension]], structure, language
            )
            for dimension in (COUNTRY, LEVEL, POPULATION_BAND, VERSION)
        },
        questions=questions,
        answers=answers,
    )
    chosen = form.chosen()
    filters = form.filters()
    protect = form.protects()
    section = structure.section(chosen["section"]) or (
        structure.sections[0] if structure.sections else None
    )
    subgroup_label = dict(tagged).get(chosen["subgroup"], "")
    if subgroup_label:
        section = subgroup_section(structure, chosen["subgroup"])
    figures = (
        section_figures(
            assessment=assessment,
            structure=structure,
            section=section,
            filters=filters,
            by=chosen["by"] or None,
            language=language,
            protect=protect,
        )
        if section
        else []
    )
    return {
        "assessment": assessment,
        "structure": structure,
        "form": form,
        "filters": filters,
        "section": section,
        "section_label": subgroup_label or (dict(sections).get(section.key, "") if section else ""),
        "sections": sections,
        "figures": figures,
        "protect": protect,
    }


def _rates(assessment: Assessment, structure) -> list[tuple]:
    """The response rate tables: (rows of (label, rate), caption, caption id)."""
    language = get_language()
    tables = []
    for dimension, caption, caption_id in (
        (COUNTRY, _("By country"), "rates-country"),
        (LEVEL, _("By level of government"), "rates-level"),
    ):
        rates = {rate.value: rate for rate in response_rates(assessment=assessment, by=dimension)}
        labelled = dimension_labels(dimension, list(rates), structure, language)
        tables.append(([(label, rates[value]) for value, label in labelled], caption, caption_id))
    return tables


@login_required
@require_GET
def assessment_analysis(request: HttpRequest, slug: str) -> HttpResponse:
    assessment, decision = _assessment(request, slug)
    if not decision:
        return denied(request, decision)
    context = _analysis(request, assessment)
    context.update(
        analysed=responses_analysed(assessment=assessment, filters=context["filters"]).count(),
        rate_tables=_rates(assessment, context["structure"]),
        reports=assessment_reports(assessment=assessment),
        kinds={"choices": CHOICES, "numbers": NUMBERS, "words": WORDS},
    )
    return render(request, "assessments/analysis/dashboard.html", context)


@login_required
@require_GET
def assessment_analysis_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The section's figures as the page shows them, one line per number."""
    assessment, decision = _assessment(request, slug)
    if not decision:
        return denied(request, decision)
    context = _analysis(request, assessment)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    section = context["section"].key if context["section"] else "analysis"
    response["Content-Disposition"] = f'attachment; filename="{assessment.slug}-{section}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(figure_csv_header())
    for row in figure_csv_rows(context["figures"]):
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response
