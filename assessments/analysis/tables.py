"""A figure's tables as lines of numbers, as they are shown (a protected count reads "<5" or
"hidden"): the dashboard's CSV and the report's data download write these lines."""

from django.utils.translation import gettext as _


def figure_csv_header() -> list[str]:
    return [
        _("Question key"),
        _("Question"),
        _("Statistic"),
        _("Choice"),
        _("Break-down value"),
        _("Authorities"),
        _("Share"),
        _("Authorities answering"),
    ]


def figure_csv_rows(figures) -> list[list]:
    """One line per number a figure shows, as it shows it (a protected count reads "<5" or
    "hidden" here too), in the figure's order."""
    rows: list[list] = []
    for figure in figures:
        for chart in figure.charts:
            rows.extend(_table_rows(figure, chart.table, ""))
        for value_label, table in figure.per_value:
            rows.extend(_table_rows(figure, table, value_label))
        for value_label, summary in figure.numbers_per_value:
            rows.extend(_table_rows(figure, summary, value_label))
    return rows


def _table_rows(figure, table, value_label: str) -> list[list]:
    head = [figure.key, figure.label]
    if table.kind == "1d":
        return [
            [
                *head,
                "count",
                c.label,
                value_label,
                c.cell.shown,
                c.cell.percent_shown,
                table.total.shown,
            ]
            for c in table.categories
        ]
    if table.kind == "2d":
        rows = [
            [*head, "count", c.label, "", c.cell.shown, c.cell.percent_shown, table.total.shown]
            for c in table.columns
        ]
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                rows.append(
                    [
                        *head,
                        "count",
                        column.label,
                        row.label,
                        cell.shown,
                        cell.percent_shown,
                        row.total.shown,
                    ]
                )
        return rows
    statistics = [("count", table.count.shown)]
    if not table.withheld:
        statistics += [
            ("mean", table.mean),
            ("minimum", table.lowest),
            ("first_quartile", table.lower_quartile),
            ("median", table.median),
            ("third_quartile", table.upper_quartile),
            ("maximum", table.highest),
        ]
    return [
        [*head, name, "", value_label, "" if value is None else str(value), "", table.count.shown]
        for name, value in statistics
    ]
