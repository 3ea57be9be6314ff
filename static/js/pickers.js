// The job → stage picker, the one for every page: a job <select data-stage-select="ID"> fills the
// stage <select id="ID"> with that job's stages, asked of the stage-options URL (data-stage-url on
// the job select: the URL for job 0, jobs:stage_options) and kept for the page's life.
// Without a job the stage picker keeps only its first option (e.g. "First stage", "Any stage")
// and is disabled. Stages the page rendered already (a filter in the URL) stay until the answer.
(() => {
  "use strict";
  const known = new Map();

  function stagesOf(jobSelect) {
    const jobId = jobSelect.value;
    if (!jobId) return Promise.resolve([]);
    if (!known.has(jobId)) {
      const url = jobSelect.dataset.stageUrl.replace(/\/0\/stages\/options\/$/, `/${encodeURIComponent(jobId)}/stages/options/`);
      known.set(jobId, fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : []))
        .catch(() => { known.delete(jobId); return []; }));
    }
    return known.get(jobId);
  }

  function syncStages(jobSelect) {
    const stageSelect = document.getElementById(jobSelect.dataset.stageSelect);
    if (!stageSelect) return;
    const jobId = jobSelect.value;
    stageSelect.disabled = !jobId;
    stagesOf(jobSelect).then((stages) => {
      if (jobSelect.value !== jobId) return; // another job was chosen meanwhile
      const chosen = stageSelect.value;
      const placeholder = stageSelect.options[0];
      stageSelect.replaceChildren(placeholder);
      stages.forEach(([id, name]) => {
        const option = new Option(name, String(id));
        option.selected = String(id) === chosen;
        stageSelect.append(option);
      });
    });
  }

  function init(root) {
    root.querySelectorAll("[data-stage-select]").forEach(syncStages);
  }

  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches("[data-stage-select]")) syncStages(event.target);
  });
  document.addEventListener("DOMContentLoaded", () => init(document));
  document.addEventListener("htmx:afterSwap", (event) => init(event.target));
})();
