// The job → stage picker, the one for every page: a job <select data-stage-select="ID"> fills the
// stage <select id="ID"> with that job's stages, read from the JSON map in #job-stages
// ({job id: [[stage id, name], …]}, rendered by the page with json_script). Without a job the stage
// picker keeps only its first option (e.g. "First stage", "Any stage") and is disabled.
(() => {
  "use strict";
  let jobStages = null;

  function stagesOf(jobId) {
    if (jobStages === null) {
      const node = document.getElementById("job-stages");
      jobStages = node ? JSON.parse(node.textContent || "{}") : {};
    }
    return jobStages[jobId] || [];
  }

  function syncStages(jobSelect) {
    const stageSelect = document.getElementById(jobSelect.dataset.stageSelect);
    if (!stageSelect) return;
    const chosen = stageSelect.value;
    const placeholder = stageSelect.options[0];
    stageSelect.replaceChildren(placeholder);
    stagesOf(jobSelect.value).forEach(([id, name]) => {
      const option = new Option(name, String(id));
      option.selected = String(id) === chosen;
      stageSelect.append(option);
    });
    stageSelect.disabled = !jobSelect.value;
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
