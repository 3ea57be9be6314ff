"""Server-rendered SVG bar charts for the reports: no JavaScript, readable without colour (each bar
carries its value), scaled by the viewBox so they shrink with the page.

Each chart is an <svg role="img"> with a <title> and <desc> (aria-labelledby), and the same numbers
are in the table beside it: the chart is for the eye, the table for reading and screen readers.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 170
VALUE_WIDTH = 56
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 12
LEGEND_HEIGHT = 22
MAX_GROUPS = 24  # more rows than this are in the table (and the CSV), not the chart


def _label(text: Any, limit: int = 26) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: Any) -> float:
    try:
        return float(value) if value is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


def bar_chart(
    *, chart_id: str, title: str, description: str, labels: Sequence[Any], series: Sequence[tuple[str, Sequence[Any]]]
) -> SafeString:
    """Horizontal bars: one group per label, one bar per series (series[0] darkest)."""
    labels = list(labels)[:MAX_GROUPS]
    if not labels:
        return SafeString("")
    per_group = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    height = LEGEND_HEIGHT + len(labels) * (per_group + GROUP_GAP)
    peak = max((_number(v) for _, values in series for v in list(values)[: len(labels)]), default=0.0) or 1.0
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / peak
    parts: list[SafeString] = []
    if len(series) > 1:
        x = LABEL_WIDTH
        for n, (name, _) in enumerate(series):
            parts.append(format_html(
                '<rect class="bar bar-{}" x="{}" y="4" width="10" height="10"/><text class="legend" x="{}" y="13">{}</text>',
                n, x, x + 14, name,
            ))
            x += 24 + 7 * len(name)
    for row, label in enumerate(labels):
        top = LEGEND_HEIGHT + row * (per_group + GROUP_GAP)
        parts.append(format_html(
            '<text class="label" x="{}" y="{}" text-anchor="end">{}</text>',
            LABEL_WIDTH - 8, top + per_group / 2 + 4, _label(label),
        ))
        for n, (name, values) in enumerate(series):
            value = list(values)[row] if row < len(values) else None
            y = top + n * (BAR_HEIGHT + BAR_GAP)
            width = max(_number(value) * scale, 1 if value else 0)
            parts.append(format_html(
                '<rect class="bar bar-{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {} {}</title></rect>'
                '<text class="value" x="{}" y="{}">{}</text>',
                n, LABEL_WIDTH, y, f"{width:.1f}", BAR_HEIGHT, label, name, "—" if value is None else value,
                f"{LABEL_WIDTH + width + 4:.1f}", y + BAR_HEIGHT - 3, "—" if value is None else value,
            ))
    body = format_html_join("", "{}", ((part,) for part in parts))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'preserveAspectRatio="xMinYMin meet"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH, height, chart_id, chart_id, chart_id, title, chart_id, description, body,
    )


def report_chart(report: Any) -> SafeString:
    """The chart of a jobs.reports.selectors.Report: its label column against its chart columns."""
    if not report.rows:
        return mark_safe("")
    series = [(report.columns[c], [row[c] for row in report.rows]) for c in report.chart_columns]
    return bar_chart(
        chart_id=f"chart-{report.key}",
        title=f"{report.title} (chart)",
        description=f"{', '.join(name for name, _ in series)} per "
        f"{' and '.join(report.columns[c].lower() for c in report.label_columns)}; "
        "the table beside it has the same numbers.",
        labels=[" · ".join(str(row[c]) for c in report.label_columns) for row in report.rows],
        series=series,
    )
