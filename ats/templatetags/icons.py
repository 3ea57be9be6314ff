"""Inline SVG icons: `{% icon "building" %}`. Drawn in the text colour and size, hidden from
screen readers (the text beside an icon says what it means), and shown on every machine, where an
emoji or a symbol needs a font that has it. Static markup, so the CSP needs no exception."""
from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# 24 × 24 outline paths (strokes in the current colour).
PATHS = {
    "building": "M4 21V4.5A1.5 1.5 0 0 1 5.5 3h8A1.5 1.5 0 0 1 15 4.5V21M15 9h3.5A1.5 1.5 0 0 1 20 10.5V21M2.5 21h19"
                "M8 7h3M8 11h3M8 15h3M11 21v-3H8v3",
    "arrow-up": "M12 19V5M6 11l6-6 6 6",
    "arrow-down": "M12 5v14M6 13l6 6 6-6",
    "arrow-left": "M19 12H5M11 6l-6 6 6 6",
    "arrow-right": "M5 12h14M13 6l6 6-6 6",
    "close": "M6 6l12 12M18 6L6 18",
    "mark": "M12 3l8 9-8 9-8-9z",
}


@register.simple_tag
def icon(name: str) -> SafeString:
    path = PATHS[name]
    return format_html(
        '<svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" '
        'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
        '<path d="{}"/></svg>',
        mark_safe(path),
    )
