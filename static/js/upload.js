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
  // The server's limits, from the page: files larger than MAX_SIZE are refused here, before a byte
  // of them is sent, and each request carries at most FILES_PER_REQUEST files.
  const MAX_SIZE = Number(form.dataset.maxSize) || Infinity;
  const FILES_PER_REQUEST = Number(form.dataset.filesPerRequest) || 5;
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

  const setLine = (item, status, label, message, link) => {
    const badge = document.createElement("span");
    badge.className = `status status-${status}`;
    badge.textContent = label;
    const text = document.createElement("span");
    text.textContent = message;
    item.replaceChildren(badge, text);
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = link.url;
      anchor.textContent = link.name;
      item.append(" ", anchor);
    }
  };

  const addResult = (result) => {
    const item = document.createElement("li");
    if (result.resume_id) item.dataset.resumeId = String(result.resume_id);
    item.dataset.filename = result.filename || "";
    const link = result.candidate_url ? { url: result.candidate_url, name: "Open the candidate" } : null;
    setLine(item, result.status, result.status, result.message, link);
    results.append(item);
  };

  // As the server says it (ats.core.limits.sizes_apart): in bytes when MB would read the same.
  const sizesApart = (size, limit) => {
    const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
    return mb(size) === mb(limit)
      ? [`${size.toLocaleString("en")} bytes`, `${limit.toLocaleString("en")} bytes`]
      : [mb(size), mb(limit)];
  };
  const tooLarge = (file) => {
    const [size, limit] = sizesApart(file.size, MAX_SIZE);
    return { status: "refused", filename: file.name, message: `${file.name} is ${size}; the limit is ${limit}. It was not sent.` };
  };

  // When the batch's progress table refreshes, each file's line follows its résumé to its real
  // state (parsed, with the candidate; failed, with the reason) instead of staying "queued".
  document.addEventListener("htmx:afterSettle", () => {
    const table = document.getElementById("batch-progress");
    if (!table) return;
    table.querySelectorAll("tr[data-resume-id]").forEach((row) => {
      const item = results.querySelector(`li[data-resume-id="${row.dataset.resumeId}"]`);
      if (!item || item.dataset.status === row.dataset.status) return;
      item.dataset.status = row.dataset.status;
      const name = item.dataset.filename;
      const message = row.dataset.status === "parsed"
        ? ("joined" in row.dataset ? `${name} was added to the existing candidate` : `${name} was parsed:`)
        : row.dataset.status === "failed" ? `${name} could not be parsed: ${row.dataset.reason}`
        : `${name} is ${row.dataset.statusLabel.toLowerCase()}.`;
      const link = row.dataset.candidateUrl ? { url: row.dataset.candidateUrl, name: row.dataset.candidate } : null;
      setLine(item, row.dataset.status, row.dataset.statusLabel.toLowerCase(), message, link);
    });
  });

  const send = async (files) => {
    const data = new FormData();
    for (const name of ["csrfmiddlewaretoken", "batch", "job", "stage"]) {
      const field = form.elements[name];
      if (field && field.value) data.append(name, field.value);
    }
    for (const file of files) data.append("files", file, file.name);
    try {
      const response = await fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } });
      if (response.status === 413) {
        const answer = await response.json();
        return { results: files.map((f) => ({ status: "refused", filename: f.name, message: `${f.name}: ${answer.message}` })) };
      }
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      return await response.json();
    } catch (error) {
      return { results: files.map((f) => ({ status: "refused", filename: f.name, message: `${f.name} was not uploaded (${error.message}). Try it again.` })) };
    }
  };

  form.addEventListener("submit", async (event) => {
    if (!chosen.length) return; // let the server say "choose at least one file"
    event.preventDefault();
    button.disabled = true;
    sending.hidden = false;
    results.replaceChildren();
    chosen.filter((file) => file.size > MAX_SIZE).forEach((file) => addResult(tooLarge(file)));
    const sendable = chosen.filter((file) => file.size <= MAX_SIZE);
    const chunks = [];
    for (let i = 0; i < sendable.length; i += FILES_PER_REQUEST) chunks.push(sendable.slice(i, i + FILES_PER_REQUEST));
    progress.max = Math.max(sendable.length, 1);
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
  // Tests (and impatient people) wait for this rather than for time: the handlers are attached.
  form.dataset.ready = "true";
})();
