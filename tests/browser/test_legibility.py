"""Every button on the main pages has a label a recruiter can read: non-empty, and with WCAG AA
contrast against what is really behind it (measured in the browser, computed styles and all)."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from candidates.lists.services import candidate_list_add
from candidates.models import Candidate
from jobs.models import Job
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each visible, enabled button: its label, text colour contrast against the blended background
# behind it (walking up while backgrounds are transparent), and the ratio WCAG AA asks of its size.
BUTTONS_JS = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const over = (top, base) => ({r: top.r * top.a + base.r * (1 - top.a), g: top.g * top.a + base.g * (1 - top.a),
                                b: top.b * top.a + base.b * (1 - top.a)});
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    return layers.reverse().reduce((base, layer) => over(layer, base), {r: 255, g: 255, b: 255});
  };
  const visible = (el) => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    // checkVisibility: not inside a closed <details> (its content keeps a box but is not rendered).
    return s.visibility !== "hidden" && s.display !== "none" && r.width > 0 && r.height > 0 && !el.disabled
      && (!el.checkVisibility || el.checkVisibility());
  };
  return [...document.querySelectorAll("button, a.button, input[type=submit]")].filter(visible).map((el) => {
    const s = getComputedStyle(el);
    const text = over(parse(s.color), background(el));
    const [a, b] = [luminance(text), luminance(background(el))].sort((x, y) => y - x);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
    return {
      label: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim(),
      ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100,
      needed: size >= 24 || (bold && size >= 18.66) ? 3 : 4.5,
      html: el.outerHTML.slice(0, 120),
    };
  });
}
"""


def _check(page, where: str) -> int:
    buttons = page.evaluate(BUTTONS_JS)
    unreadable = [b for b in buttons if not b["label"] or b["ratio"] < b["needed"]]
    assert unreadable == [], f"{where}: buttons without a readable label: {unreadable}"
    return len(buttons)


def test_every_button_on_the_main_pages_has_a_readable_label(page):
    call_command("seed_demo", candidates=20, jobs=4, applications=40, verbosity=0)
    login(page, "recruiter", "demo-recruiter")
    from django.contrib.auth.models import User

    recruiter = User.objects.get(username="recruiter")
    pool = candidate_list_add(actor=recruiter, candidates=Candidate.objects.all()[:3], new_name="Backend pool")
    job = Job.objects.filter(status="open", applications__isnull=False).distinct().first()
    stage = job.stages.order_by("position").first()
    checked = 0
    for url in ["/", "/jobs/", "/candidates/", f"/candidates/?list={pool.pk}", "/candidates/upload/",
                f"/jobs/{job.pk}/stages/", f"/jobs/{job.pk}/stages/{stage.pk}/remove/", "/reviews/requests/",
                Candidate.objects.first().get_absolute_url()]:
        page.goto(url)
        checked += _check(page, url)
    # The board, with a card selected (the bulk bar shows Move and Reject) and the reject dialog open.
    page.goto(job.get_absolute_url())
    page.locator(".card-select").first.check()
    checked += _check(page, "board with a selected card")
    # The demo has a managed list of rejection reasons: the free text is a note beside the reason.
    page.get_by_label("Rejection reason").select_option(label="Role filled")
    page.get_by_label("Note on the rejection").fill("Position filled")
    page.get_by_role("button", name="Reject", exact=True).click()
    dialog = page.locator("[data-confirm-dialog]")
    dialog.wait_for(state="visible")
    checked += _check(page, "the reject dialog")
    screenshot(page, "board_reject_dialog")
    assert checked > 40
    assert page.console_errors == []
