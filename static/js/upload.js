// Upload many résumés: a few files per request, two requests at a time, into one batch, with a
// line per file saying what happened. Without JavaScript the form posts all files at once.
(() => {
  const form = document.querySelector("[data-upload-form]");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const dropzone = form.querySelector("[data-dropzone]");
  const summary = form.querySelector("[data-selection-summary]");
  const sending = form.querySelector("[data-sending]");
  const progress = form.querySelector("[data-send-progress]");
  const results = form.querySelector("[data-results]");
  const button = form.querySelector("[data-upload-button]");
  const FILES_PER_REQUEST = 5;
  const PARALLEL = 2;
  let chosen = [];

  const choose = (files) => {
    chosen = Array.from(files);
    summary.textContent = chosen.length
      ? `${chosen.length} file${chosen.length === 1 ? "" : "s"} chosen: ${chosen.slice(0, 3).map((f) => f.name).join(", ")}${chosen.length > 3 ? "…" : ""}`
      : "No files chosen.";
  };
  input.addEventListener("change", () => choose(input.files));
  for (const name of ["dragenter", "dragover"]) {
    dropzone.addEventListener(name, (event) => { event.preventDefault(); dropzone.classList.add("is-dragover"); });
  }
  for (const name of ["dragleave", "drop"]) {
    dropzone.addEventListener(name, () => dropzone.classList.remove("is-dragover"));
  }
  dropzone.addEventListener("drop", (event) => {
    event.preventDefault();
    choose(event.dataTransfer.files);
    if (chosen.length) form.requestSubmit();
  });

  const addResult = (result) => {
    const item = document.createElement("li");
    const badge = document.createElement("span");
    badge.className = `status status-${result.status}`;
    badge.textContent = result.status;
    const text = document.createElement("span");
    text.textContent = result.message;
    item.append(badge, text);
    results.append(item);
  };

  const send = async (files) => {
    const data = new FormData();
    for (const name of ["csrfmiddlewaretoken", "batch", "job", "stage"]) {
      const field = form.elements[name];
      if (field && field.value) data.append(name, field.value);
    }
    for (const file of files) data.append("files", file, file.name);
    try {
      const response = await fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      return await response.json();
    } catch (error) {
      return { results: files.map((f) => ({ status: "refused", message: `${f.name} was not uploaded (${error.message}). Try it again.` })) };
    }
  };

  form.addEventListener("submit", async (event) => {
    if (!chosen.length) return; // let the server say "choose at least one file"
    event.preventDefault();
    button.disabled = true;
    sending.hidden = false;
    results.replaceChildren();
    const chunks = [];
    for (let i = 0; i < chosen.length; i += FILES_PER_REQUEST) chunks.push(chosen.slice(i, i + FILES_PER_REQUEST));
    progress.max = chosen.length;
    progress.value = 0;
    let batchUrl = null;
    const worker = async () => {
      while (chunks.length) {
        const chunk = chunks.shift();
        const answer = await send(chunk);
        batchUrl = answer.batch_url || batchUrl;
        answer.results.forEach(addResult);
        progress.value += chunk.length;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    button.disabled = false;
    choose([]);
    input.value = "";
    if (batchUrl) {
      // The first upload turns the placeholder into the polling progress section; later ones refresh it.
      if (!document.getElementById("batch-progress")) document.querySelector("[data-batch-progress]").id = "batch-progress";
      window.htmx.ajax("GET", batchUrl, { target: "#batch-progress", swap: "outerHTML" });
    }
  });
})();
