"""Templates and scripts draw icons as inline SVG: an emoji or pictograph shows as an empty box on
a machine without an emoji font (the board's 🏢 did)."""
from __future__ import annotations

import re
from pathlib import Path

from django.template import engines

ROOT = Path(__file__).resolve().parent.parent
PICTOGRAPHS = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")


def test_no_template_or_script_relies_on_an_emoji_font():
    files = [*(ROOT / "templates").rglob("*.html"), *(ROOT / "templates").rglob("*.txt"), *(ROOT / "static/js").glob("*.js")]
    found = [f"{path.relative_to(ROOT)}:{n}" for path in files
             for n, line in enumerate(path.read_text().splitlines(), 1) if PICTOGRAPHS.search(line)]
    assert len(files) > 30 and found == []


def test_an_icon_is_inline_svg_in_the_text_colour_and_hidden_from_screen_readers():
    html = engines["django"].from_string('{% icon "building" %}').render({})
    assert html.startswith('<svg class="icon"') and 'aria-hidden="true"' in html and 'stroke="currentColor"' in html
