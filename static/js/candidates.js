// Candidate search and profile: bulk-action fields, select-all, provenance highlights
// (the job → stage pickers are pickers.js).
(() => {
  "use strict";

  // Bulk bar: show only the inputs the chosen action needs.
  function syncBulkFields(select) {
    const kind = select.value;
    select.form.querySelectorAll("[data-bulk-for]").forEach((el) => {
      el.hidden = !el.dataset.bulkFor.split(" ").includes(kind);
    });
  }

  function init(root) {
    root.querySelectorAll("[data-bulk-kind]").forEach(syncBulkFields);
    markLowConfidence(root);
  }

  // Destructive forms ask first (data-confirm holds the question).
  document.addEventListener("submit", (event) => {
    const question = event.target.dataset ? event.target.dataset.confirm : null;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("[data-bulk-kind]")) syncBulkFields(target);
    if (target.matches("[data-select-all]")) {
      target.closest("form").querySelectorAll("input[name=ids]").forEach((box) => { box.checked = target.checked; });
    }
  });

  // --- Provenance: where did a parsed field come from? ---------------------------------------
  let provenance = null;
  function loadProvenance() {
    if (provenance === null) {
      const node = document.getElementById("provenance-data");
      provenance = node ? JSON.parse(node.textContent || "{}") : {};
    }
    return provenance;
  }

  function markLowConfidence(root) {
    const data = loadProvenance();
    root.querySelectorAll("[data-prov]").forEach((el) => {
      const info = data[el.dataset.prov];
      if (!info) return;
      el.classList.add("has-provenance");
      el.tabIndex = 0;
      el.title = "From the résumé" + (info.page ? ", page " + info.page : "") + ": " + (info.text || "");
      // Fields corrected by hand since the page loaded (sections say which) need no more checking.
      const section = el.closest("[data-corrected]");
      const corrected = section ? section.dataset.corrected.split(" ") : [];
      if (info.low && !corrected.includes(el.dataset.prov.split(".")[0]) && !el.querySelector(".badge-warn")) {
        el.classList.add("low-confidence");
        const badge = document.createElement("span");
        badge.className = "badge badge-warn check-badge";
        badge.textContent = "check";
        badge.title = "The parser was unsure (" + Math.round((info.confidence || 0) * 100) + "% confidence)";
        el.append(" ", badge);
      }
    });
  }

  function clearMarks(pre) {
    pre.querySelectorAll("mark").forEach((mark) => mark.replaceWith(document.createTextNode(mark.textContent)));
    pre.normalize();
  }

  function highlightInText(pre, needle) {
    clearMarks(pre);
    if (!needle) return false;
    const text = pre.textContent;
    let at = text.indexOf(needle);
    if (at < 0) at = text.toLowerCase().indexOf(needle.toLowerCase());
    if (at < 0) return false;
    const node = pre.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) return false;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    const mark = document.createElement("mark");
    range.surroundContents(mark);
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    return true;
  }

  // Over the drawn pages of a PDF (same origin: templates/candidates/resume_pages.html): box the
  // field where it was read and scroll it into view. A bbox is in PDF points from the page's
  // bottom-left corner; the figure knows its page's size in points.
  function showOnPage(frame, info) {
    const doc = frame.contentDocument;
    if (!doc || doc.URL === "about:blank" || doc.readyState !== "complete") {
      frame.addEventListener("load", () => showOnPage(frame, info), { once: true });
      return;
    }
    doc.querySelectorAll(".prov-box").forEach((box) => box.remove());
    const page = doc.getElementById("page-" + info.page);
    if (!page) return;
    const w = parseFloat(page.dataset.width), h = parseFloat(page.dataset.height);
    // A rotated page is drawn turned, the box is not: show the page without a box rather than a wrong one.
    if (!info.bbox || !w || !h || (parseInt(page.dataset.rotation, 10) || 0) !== 0) {
      page.scrollIntoView({ block: "start" });
      return;
    }
    const ox = parseFloat(page.dataset.offsetX) || 0, oy = parseFloat(page.dataset.offsetY) || 0;
    const [x0, y0, x1, y1] = [info.bbox[0] - ox, info.bbox[1] - oy, info.bbox[2] - ox, info.bbox[3] - oy], pad = 2;
    const box = doc.createElement("div");
    box.className = "prov-box";
    box.style.left = ((x0 - pad) / w) * 100 + "%";
    box.style.top = ((h - y1 - pad) / h) * 100 + "%";
    box.style.width = ((x1 - x0 + 2 * pad) / w) * 100 + "%";
    box.style.height = ((y1 - y0 + 2 * pad) / h) * 100 + "%";
    page.append(box);
    box.scrollIntoView({ block: "center" });
  }

  function showSource(el) {
    const info = loadProvenance()[el.dataset.prov];
    const panel = document.getElementById("provenance-panel");
    if (!info || !panel) return;
    document.querySelectorAll(".prov-selected").forEach((other) => other.classList.remove("prov-selected"));
    el.classList.add("prov-selected");
    const pre = document.getElementById("resume-text");
    const found = pre ? highlightInText(pre, info.text || "") : false;
    const frame = document.getElementById("resume-frame");
    if (frame && info.page) showOnPage(frame, info);
    panel.hidden = false;
    panel.textContent = "";
    const heading = document.createElement("strong");
    heading.textContent = (info.page ? "Page " + info.page : "Source") +
      " · " + Math.round((info.confidence || 0) * 100) + "% confidence" + (info.low ? " (please check)" : "");
    const quote = document.createElement("q");
    quote.textContent = info.text || "";
    panel.append(heading, document.createElement("br"), quote);
    if (pre && !found) panel.append(" (not found in the extracted text)");
  }

  document.addEventListener("click", (event) => {
    const el = event.target.closest(".has-provenance");
    if (el && !event.target.closest("a")) showSource(el);
  });
  document.addEventListener("focusin", (event) => {
    const el = event.target.closest(".has-provenance");
    if (el) showSource(el);
  });

  document.addEventListener("DOMContentLoaded", () => init(document));
  document.addEventListener("htmx:afterSettle", (event) => init(event.target));
})();
